/** package.json files: read once per lint run, and what they declare. */
import fs from 'node:fs';
import path from 'node:path';

import { fileSystemCache, expireCaches, hasFile, isObject, remember } from './files.js';
import type { JsonObject } from './files.js';

/** package.json by folder: undefined when there is none, `{}` when it cannot be read or parsed. */
const manifests = fileSystemCache<JsonObject | null>();

/**
 * The package.json of a folder, parsed once per lint run. Undefined when the folder has none; an
 * empty object when it exists but cannot be read or parsed (it still marks a package boundary).
 */
export function readPackageJson(folder: string): JsonObject | undefined {
  expireCaches();
  return manifestOf(folder);
}

export function manifestOf(folder: string): JsonObject | undefined {
  const cached = manifests.get(folder);
  if (cached !== undefined) return cached ?? undefined;
  const file = path.join(folder, 'package.json');
  let manifest: JsonObject | null = null;
  if (hasFile(file)) {
    try {
      const json: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
      manifest = isObject(json) ? json : {};
    } catch {
      manifest = {};
    }
  }
  remember(manifests, folder, manifest);
  return manifest ?? undefined;
}

/** The package names a manifest declares in the given dependency fields. */
export function declaredDependencies(manifest: JsonObject, fields: readonly string[]): string[] {
  const names: string[] = [];
  for (const field of fields) {
    const deps = manifest[field];
    if (isObject(deps)) names.push(...Object.keys(deps));
  }
  return names;
}

/** `@scope/name/sub/path` → `@scope/name` and `sub/path`; undefined for what is no package name. */
export function splitPackageSpecifier(specifier: string): { name: string; subpath: string } | undefined {
  const parts = specifier.split('/');
  const length = specifier.startsWith('@') ? 2 : 1;
  const nameParts = parts.slice(0, length);
  if (nameParts.length < length || nameParts.some((part) => part === '' || part === '.' || part === '..' || part === '@')) {
    return undefined;
  }
  return { name: parts.slice(0, length).join('/'), subpath: parts.slice(length).join('/') };
}

/** The nearest folder at or above `folder` with a package.json. */
const packageFolders = fileSystemCache<string | null>();

export function packageFolderOf(folder: string): string | undefined {
  const cached = packageFolders.get(folder);
  if (cached !== undefined) return cached ?? undefined;
  let found: string | null;
  if (manifestOf(folder) !== undefined) {
    found = folder;
  } else {
    const parent = path.dirname(folder);
    found = parent === folder ? null : (packageFolderOf(parent) ?? null);
  }
  remember(packageFolders, folder, found);
  return found ?? undefined;
}

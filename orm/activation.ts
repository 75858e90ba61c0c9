import fs from 'node:fs';
import path from 'node:path';

import { libraries, libraryIds } from './catalog/index.js';
import type { LibraryId } from './catalog/index.js';

/** Shared settings under `settings['async-db']`. */
export interface AsyncDbSettings {
  /** Libraries to check, instead of the ones found in package.json. */
  readonly libraries?: readonly LibraryId[];
}

/**
 * Dependencies declared by every package.json from the file's folder up to the file system root.
 * Workspaces hoist dependencies to the root, so the nearest package.json alone would miss them.
 * Memoised per folder: package.json files do not change during one lint run, and the answer is the
 * same for every file of a folder.
 */
const dependenciesByFolder = new Map<string, ReadonlySet<string> | null>();

function readDependencies(folder: string): ReadonlySet<string> | null {
  const cached = dependenciesByFolder.get(folder);
  if (cached !== undefined) return cached;
  let found: Set<string> | null = null;
  const manifest = path.join(folder, 'package.json');
  if (fs.existsSync(manifest)) {
    found = new Set();
    try {
      const json = JSON.parse(fs.readFileSync(manifest, 'utf8')) as Record<string, unknown>;
      for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
        const deps = json[field];
        if (deps && typeof deps === 'object') for (const name of Object.keys(deps)) found.add(name);
      }
    } catch {
      // An unreadable manifest activates nothing by itself.
    }
  }
  const parent = path.dirname(folder);
  const above = parent === folder ? null : readDependencies(parent);
  const result = found === null ? above : above === null ? found : new Set([...found, ...above]);
  dependenciesByFolder.set(folder, result);
  return result;
}

/**
 * The libraries a rule checks in a file: the rule's `libraries` option, else
 * `settings['async-db'].libraries`, else those whose packages the package.json files above the
 * file depend on. With no package.json at all (a loose file, a snippet), every library is active:
 * objects are still identified by their imports, so this costs time, not precision.
 */
export function activeLibraries(
  filename: string,
  option: readonly LibraryId[] | undefined,
  settings: unknown,
): ReadonlySet<LibraryId> {
  if (option && option.length > 0) return new Set(option);
  const fromSettings = readSettings(settings).libraries;
  if (fromSettings && fromSettings.length > 0) return new Set(fromSettings);
  const deps = path.isAbsolute(filename) ? readDependencies(path.dirname(filename)) : null;
  if (deps === null) return new Set(libraryIds);
  // node:sqlite is built in: it has no dependency to find, so it is always on.
  return new Set(
    libraryIds.filter((id) => {
      const deps_ = libraries[id].dependencies;
      return deps_.length === 0 || deps_.some((dep) => deps.has(dep));
    }),
  );
}

export function readSettings(settings: unknown): AsyncDbSettings {
  if (settings && typeof settings === 'object' && 'async-db' in settings) {
    const value = (settings as Record<string, unknown>)['async-db'];
    if (value && typeof value === 'object') return value;
  }
  return {};
}

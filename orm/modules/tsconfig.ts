/** tsconfig.json / jsconfig.json `paths` and `baseUrl`, following `extends`. */
import fs from 'node:fs';
import path from 'node:path';

import { fileSystemCache, hasFile, isFile, isObject, remember } from './files.js';
import type { JsonObject } from './files.js';
import { manifestOf, splitPackageSpecifier } from './manifests.js';
import { packagesOf } from './workspaces.js';

/** A compiler option as written, with the folder of the configuration file that declares it. */
interface DeclaredOption<T> {
  readonly value: T;
  readonly folder: string;
}

/** The options of a configuration file that matter for resolution, `extends` merged in. */
interface ConfigOptions {
  readonly baseUrl?: DeclaredOption<string>;
  readonly paths?: DeclaredOption<ReadonlyArray<readonly [string, readonly string[]]>>;
}

const configsByFile = fileSystemCache<ConfigOptions | null>();

/** `extends` → file: a path (with `.json` added when needed), or a package's configuration. */
function extendedConfigFile(specifier: string, folder: string): string | undefined {
  const candidates = (base: string): string[] => [base, `${base}.json`, path.join(base, 'tsconfig.json')];
  if (specifier.startsWith('.') || path.isAbsolute(specifier)) {
    return candidates(path.resolve(folder, specifier)).find(isFile);
  }
  for (let dir = folder; ; dir = path.dirname(dir)) {
    const found = candidates(path.join(dir, 'node_modules', specifier)).find(isFile);
    if (found !== undefined) return found;
    if (path.dirname(dir) === dir) break;
  }
  // A configuration package of the workspace that is not linked into node_modules.
  const split = splitPackageSpecifier(specifier);
  const packageFolder = split ? packagesOf(folder).get(split.name) : undefined;
  if (split && packageFolder !== undefined) {
    return candidates(path.join(packageFolder, split.subpath === '' ? 'tsconfig.json' : split.subpath)).find(isFile);
  }
  return undefined;
}

/** Parsed configuration files, so that even a file in an `extends` cycle is read once. */
const configJsonByFile = fileSystemCache<JsonObject | null>();

function readConfigJson(file: string): JsonObject | undefined {
  const cached = configJsonByFile.get(file);
  if (cached !== undefined) return cached ?? undefined;
  let json: JsonObject | null = null;
  try {
    const parsed: unknown = JSON.parse(stripJsonComments(fs.readFileSync(file, 'utf8')));
    json = isObject(parsed) ? parsed : null;
  } catch {
    json = null;
  }
  remember(configJsonByFile, file, json);
  return json ?? undefined;
}

/**
 * A configuration file's `baseUrl` and `paths`, with those of the files it `extends` (a string or
 * an array, later entries winning over earlier ones and the file itself over all). Null when the
 * file cannot be read or parsed. A file met again in its own `extends` chain is skipped; answers
 * computed while skipping one are not memoised, so each file's answer is its own.
 */
function loadConfig(file: string, chain: ReadonlySet<string>): { options: ConfigOptions | null; complete: boolean } {
  const cached = configsByFile.get(file);
  if (cached !== undefined) return { options: cached, complete: true };
  const json = readConfigJson(file);
  if (!json) {
    remember(configsByFile, file, null);
    return { options: null, complete: true };
  }
  const folder = path.dirname(file);
  const within = new Set([...chain, file]);
  let complete = true;
  let merged: ConfigOptions = {};
  const extendsList = typeof json.extends === 'string' ? [json.extends] : Array.isArray(json.extends) ? json.extends : [];
  for (const specifier of extendsList) {
    if (typeof specifier !== 'string') continue;
    const parent = extendedConfigFile(specifier, folder);
    if (parent === undefined) continue;
    if (within.has(parent)) {
      complete = false;
      continue;
    }
    const inherited = loadConfig(parent, within);
    complete &&= inherited.complete;
    if (inherited.options) merged = { ...merged, ...inherited.options };
  }
  const compilerOptions = isObject(json.compilerOptions) ? json.compilerOptions : {};
  const own: { baseUrl?: DeclaredOption<string>; paths?: ConfigOptions['paths'] } = {};
  if (typeof compilerOptions.baseUrl === 'string') own.baseUrl = { value: compilerOptions.baseUrl, folder };
  if (isObject(compilerOptions.paths)) {
    const entries: Array<readonly [string, readonly string[]]> = [];
    for (const [pattern, targets] of Object.entries(compilerOptions.paths)) {
      if (Array.isArray(targets)) entries.push([pattern, targets.filter((target) => typeof target === 'string')]);
    }
    own.paths = { value: entries, folder };
  }
  const options: ConfigOptions = { ...merged, ...own };
  if (complete) remember(configsByFile, file, options);
  return { options, complete };
}

/** What resolution needs from the tsconfig governing a folder, with every path made absolute. */
interface PathMapping {
  /** `baseUrl`, when one is set: non-relative imports are also looked up there. */
  readonly baseUrl: string | undefined;
  /** `paths`, exact patterns first, then by decreasing prefix length, as TypeScript picks them. */
  readonly paths: ReadonlyArray<{ readonly prefix: string; readonly suffix: string | undefined; readonly targets: readonly string[] }>;
}

const configDirVariable = '${configDir}';

/** An option value as a path: relative to its declaring file, or `${configDir}` (the leaf's folder). */
function optionPath(value: string, declaredIn: string, leaf: string): string {
  if (value.startsWith(configDirVariable)) return path.join(leaf, `.${value.slice(configDirVariable.length)}`);
  return path.resolve(declaredIn, value);
}

function mappingOf(options: ConfigOptions, leaf: string): PathMapping {
  const baseUrl = options.baseUrl ? optionPath(options.baseUrl.value, options.baseUrl.folder, leaf) : undefined;
  const entries: Array<PathMapping['paths'][number]> = [];
  if (options.paths) {
    // Targets are relative to baseUrl, or without one to the file declaring `paths`.
    const base = baseUrl ?? options.paths.folder;
    for (const [pattern, targets] of options.paths.value) {
      const star = pattern.indexOf('*');
      entries.push({
        prefix: star === -1 ? pattern : pattern.slice(0, star),
        suffix: star === -1 ? undefined : pattern.slice(star + 1),
        targets: targets.map((target) => optionPath(target, base, leaf)),
      });
    }
    entries.sort((a, b) => Number(a.suffix !== undefined) - Number(b.suffix !== undefined) || b.prefix.length - a.prefix.length);
  }
  return { baseUrl, paths: entries };
}

const mappingsByFolder = fileSystemCache<PathMapping | null>();

/**
 * The nearest tsconfig.json / jsconfig.json at or above a folder (not above the folder's
 * package.json), with its `extends` chain: its `paths` and `baseUrl`, for `@/lib/db` and
 * `src/prisma/prisma.service` imports.
 */
export function pathMappingFor(folder: string): PathMapping | null {
  const cached = mappingsByFolder.get(folder);
  if (cached !== undefined) return cached;
  let mapping: PathMapping | null = null;
  for (const name of ['tsconfig.json', 'jsconfig.json']) {
    const file = path.join(folder, name);
    if (!hasFile(file)) continue;
    const { options } = loadConfig(file, new Set());
    mapping = options ? mappingOf(options, folder) : null;
    break;
  }
  if (mapping === null) {
    const parent = path.dirname(folder);
    if (parent !== folder && manifestOf(folder) === undefined) mapping = pathMappingFor(parent);
  }
  return remember(mappingsByFolder, folder, mapping);
}

/** The files `paths` maps a specifier to, in the order TypeScript tries them. */
export function mappedTargets(mapping: PathMapping, specifier: string): string[] {
  const targets: string[] = [];
  for (const entry of mapping.paths) {
    let rest: string | undefined;
    if (entry.suffix === undefined) {
      rest = entry.prefix === specifier ? '' : undefined;
    } else if (
      specifier.length >= entry.prefix.length + entry.suffix.length &&
      specifier.startsWith(entry.prefix) &&
      specifier.endsWith(entry.suffix)
    ) {
      rest = specifier.slice(entry.prefix.length, specifier.length - entry.suffix.length);
    }
    if (rest === undefined) continue;
    for (const target of entry.targets) targets.push(target.replace('*', rest));
  }
  return targets;
}

/**
 * JSON with comments and trailing commas (tsconfig) → JSON. Strings are copied as they are, so
 * `"@/*"`, `"**\/*.ts"` and `"a,}"` are not mistaken for a comment or a trailing comma.
 */
export function stripJsonComments(text: string): string {
  let out = '';
  /** Where the last comma outside strings went in `out`, while only blanks follow it. */
  let pendingComma = -1;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] ?? '';
    const next = text[i + 1];
    if (char === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
      pendingComma = -1;
    } else if (char === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') i += 1;
      out += '\n';
    } else if (char === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 1;
    } else if ((char === '}' || char === ']') && pendingComma !== -1) {
      out = `${out.slice(0, pendingComma)} ${out.slice(pendingComma + 1)}${char}`;
      pendingComma = -1;
    } else {
      if (char === ',') pendingComma = out.length;
      else if (!/\s/.test(char)) pendingComma = -1;
      out += char;
    }
  }
  return out;
}

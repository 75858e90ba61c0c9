/**
 * Where a workspace package's entry or subpath is as a source file: `exports` and `imports` maps
 * with their conditions, `main`/`module`/`types`, and built files mapped back to `src/`.
 */
import path from 'node:path';

import { fileSystemCache, isObject, remember, withExtensions } from './files.js';
import { manifestOf, packageFolderOf } from './manifests.js';

/** Conditions of `exports` / `imports` maps worth following to a file, in the map's own order. */
const acceptedConditions = new Set([
  'source',
  'types',
  'typescript',
  'development',
  'import',
  'module',
  'node',
  'require',
  'default',
]);

/** The files a condition tree names, in order; `*` replaced by what a pattern key matched. */
function conditionTargets(value: unknown, rest: string): string[] {
  if (typeof value === 'string') return [value.split('*').join(rest)];
  if (Array.isArray(value)) return value.flatMap((item) => conditionTargets(item, rest));
  if (!isObject(value)) return [];
  const targets: string[] = [];
  for (const [condition, inner] of Object.entries(value)) {
    if (acceptedConditions.has(condition)) targets.push(...conditionTargets(inner, rest));
  }
  return targets;
}

/**
 * What an `exports` or `imports` map says for a key (`.`, `./schema`, `#db`): the targets, null
 * when the map excludes it (`"./internal/*": null`), undefined when the map does not mention it.
 */
function mapTargets(map: unknown, key: string): string[] | null | undefined {
  if (map === undefined || map === null) return undefined;
  if (!isObject(map)) return key === '.' ? conditionTargets(map, '') : undefined;
  const keys = Object.keys(map);
  if (!keys.some((k) => k.startsWith('.') || k.startsWith('#'))) {
    // A condition map for the main entry: `"exports": { "import": "./dist/index.js" }`.
    return key === '.' ? conditionTargets(map, '') : undefined;
  }
  if (Object.hasOwn(map, key)) {
    const value = map[key];
    return value === null ? null : conditionTargets(value, '');
  }
  let best: { key: string; rest: string; prefix: number } | undefined;
  for (const candidate of keys) {
    const star = candidate.indexOf('*');
    if (star === -1) continue;
    const prefix = candidate.slice(0, star);
    const suffix = candidate.slice(star + 1);
    if (key.length < prefix.length + suffix.length || !key.startsWith(prefix) || !key.endsWith(suffix)) continue;
    if (best && best.prefix >= prefix.length) continue;
    best = { key: candidate, rest: key.slice(prefix.length, key.length - suffix.length), prefix: prefix.length };
  }
  if (!best) return undefined;
  const value = map[best.key];
  return value === null ? null : conditionTargets(value, best.rest);
}

/** Folders builds are written to, whose files are compiled from `src/`. */
const outputFolders = new Set(['dist', 'build', 'lib', 'out', 'esm', 'cjs', 'types', 'dts']);
/** Second-level output folders: `dist/esm/index.js`, `dist/src/index.js`. */
const nestedOutputFolders = new Set(['esm', 'cjs', 'mjs', 'es', 'lib', 'types', 'src', 'node']);

/** Where the source of a built file may be: `dist/schema/index.js` → `src/schema/index`. */
function sourceCounterparts(relative: string): string[] {
  const base = relative.replace(/\.d\.[cm]?ts$|\.[cm]?jsx?$/, '');
  const segments = base.split('/').filter((segment) => segment !== '' && segment !== '.');
  const [first, ...rest] = segments;
  if (first === undefined || first === '..') return [];
  const candidates: string[] = [];
  if (outputFolders.has(first)) {
    if (rest.length > 0) candidates.push(['src', ...rest].join('/'));
    const [second, ...deeper] = rest;
    if (second !== undefined && nestedOutputFolders.has(second) && deeper.length > 0) candidates.push(['src', ...deeper].join('/'));
  } else if (first !== 'src') {
    candidates.push(['src', ...segments].join('/'));
  }
  return candidates;
}

function isDeclarationFile(file: string): boolean {
  return /\.d\.[cm]?ts$/.test(file);
}

/** A package's target as a source file: the file itself when it exists, else its source under `src/`. */
function sourceOfTarget(folder: string, target: string): string | undefined {
  const relative = target.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
  if (relative === '' || path.isAbsolute(relative) || /^[a-z][\w+.-]*:/i.test(relative)) return undefined;
  const direct = withExtensions(path.resolve(folder, relative));
  if (direct !== undefined && !isDeclarationFile(direct)) return direct;
  for (const candidate of sourceCounterparts(relative)) {
    const found = withExtensions(path.resolve(folder, candidate));
    if (found !== undefined && !isDeclarationFile(found)) return found;
  }
  return undefined;
}

const entriesByPackage = fileSystemCache<string | null>();

/**
 * The source file of a workspace package's entry (`subpath` '') or subpath (`schema`): from
 * `exports`, else (main entry) `source`/`main`/`module`/`types`/`typings`, else (subpath) the
 * folder of that name; each target taken as it is when it exists, else as its source under
 * `src/`; then `src/index.*` and `index.*`.
 */
export function packageEntry(folder: string, subpath: string): string | undefined {
  const key = `${folder}\0${subpath}`;
  const cached = entriesByPackage.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const manifest = manifestOf(folder) ?? {};
  const fromExports = mapTargets(manifest.exports, subpath === '' ? '.' : `./${subpath}`);
  let found: string | undefined;
  if (fromExports !== null) {
    const targets = [...(fromExports ?? [])];
    if (subpath === '') {
      for (const field of ['source', 'main', 'module', 'types', 'typings']) {
        const value = manifest[field];
        if (typeof value === 'string') targets.push(value);
      }
    } else {
      targets.push(subpath);
    }
    for (const target of targets) {
      found = sourceOfTarget(folder, target);
      if (found !== undefined) break;
    }
    if (found === undefined && subpath === '') {
      found = withExtensions(path.join(folder, 'src', 'index')) ?? withExtensions(path.join(folder, 'index'));
    }
  }
  remember(entriesByPackage, key, found ?? null);
  return found;
}

/** `#db`, `#lib/*` through the nearest package.json `imports` map. */
export function packageImport(folder: string, specifier: string): string | undefined {
  const packageFolder = packageFolderOf(folder);
  if (packageFolder === undefined) return undefined;
  const targets = mapTargets(manifestOf(packageFolder)?.imports, specifier);
  for (const target of targets ?? []) {
    // Targets that are package names (`"#pg": "pg"`) name no project file.
    if (!target.startsWith('./')) continue;
    const found = sourceOfTarget(packageFolder, target);
    if (found !== undefined) return found;
  }
  return undefined;
}

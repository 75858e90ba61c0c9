import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { analyze } from '@typescript-eslint/scope-manager';
import type { ScopeManager } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

/** A parsed source file with the scope analysis the resolver needs. */
export interface ParsedModule {
  readonly filename: string;
  readonly text?: string;
  readonly ast: TSESTree.Program;
  readonly scopeManager: ScopeManager;
}

/** The parser ESLint was configured with for the file being linted. */
export interface ParserLike {
  parse?: (code: string, options?: unknown) => unknown;
  parseForESLint?: (code: string, options?: unknown) => { ast: unknown; scopeManager?: unknown };
}

const sourceExtensions = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/**
 * Parsed local modules, shared by every file of a lint run: a project's `db.ts` is imported by
 * hundreds of files and is parsed once. Entries are keyed by path and checked against the file's
 * size and modification time, so a cached answer is always the one a fresh parse would give.
 */
const parsedModules = new Map<string, { stamp: string; module: ParsedModule | null }>();
const maxCachedModules = 2000;

function stampOf(filename: string): string | undefined {
  try {
    const stat = fs.statSync(filename);
    return stat.isFile() ? `${String(stat.size)}:${String(stat.mtimeMs)}` : undefined;
  } catch {
    return undefined;
  }
}

interface EstreeParser {
  parse: (code: string, options: Record<string, unknown>) => TSESTree.Program;
}

let estreeParser: EstreeParser | null | undefined;

/** typescript-estree, when it can be loaded (it needs TypeScript, which untyped users may lack). */
function typescriptEstree(): EstreeParser | undefined {
  if (estreeParser === undefined) {
    try {
      estreeParser = createRequire(import.meta.url)('@typescript-eslint/typescript-estree') as EstreeParser;
    } catch {
      estreeParser = null;
    }
  }
  return estreeParser ?? undefined;
}

const moduleTexts = new Map<string, { stamp: string; text: string | null }>();

/**
 * Could a module export a name? False only when its text neither mentions the name nor
 * re-exports another module wholesale: a cheap test before parsing a barrel's every module.
 */
export function mayExportName(filename: string, name: string): boolean {
  const stamp = stampOf(filename);
  if (stamp === undefined) return false;
  let entry = moduleTexts.get(filename);
  if (entry?.stamp !== stamp) {
    let text: string | null = null;
    try {
      text = fs.readFileSync(filename, 'utf8');
    } catch {
      text = null;
    }
    if (moduleTexts.size >= maxCachedModules) moduleTexts.clear();
    entry = { stamp, text };
    moduleTexts.set(filename, entry);
  }
  const text = entry.text;
  return text !== null && (text.includes(name) || /export\s*\*/.test(text));
}

/** Sets `parent` on every node, as ESLint does for the file it lints. */
function setParents(node: TSESTree.Node, parent: TSESTree.Node | undefined): void {
  (node as { parent?: TSESTree.Node }).parent = parent;
  const keys = visitorKeys[node.type] ?? [];
  for (const key of keys) {
    const child = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(child)) {
      for (const item of child) if (isNode(item)) setParents(item, node);
    } else if (isNode(child)) {
      setParents(child, node);
    }
  }
}

export function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Parses a local module with the configured parser; null when it cannot be read or parsed. */
export function parseModule(filename: string, parser: ParserLike | undefined): ParsedModule | null {
  const stamp = stampOf(filename);
  if (stamp === undefined) return null;
  const cached = parsedModules.get(filename);
  if (cached?.stamp === stamp) return cached.module;
  let module: ParsedModule | null = null;
  try {
    const code = fs.readFileSync(filename, 'utf8');
    const jsx = /\.[jt]sx$/.test(filename) || /\.(?:js|mjs|cjs)$/.test(filename);
    const options = {
      ecmaVersion: 'latest',
      sourceType: 'module',
      range: true,
      loc: true,
      filePath: filename,
      ecmaFeatures: { jsx },
      jsx,
    };
    let ast: TSESTree.Program | undefined;
    let scopeManager: ScopeManager | undefined;
    const estree = parser?.parseForESLint ? typescriptEstree() : undefined;
    if (estree) {
      // Twice as fast as the full ESLint parse: no tokens or comments are needed here.
      ast = estree.parse(code, { range: true, loc: true, jsx, filePath: filename, comment: false, tokens: false });
    } else if (parser?.parseForESLint) {
      // typescript-eslint's parser analyses scopes itself: reuse that instead of a second pass.
      const result = parser.parseForESLint(code, options);
      ast = result.ast as TSESTree.Program;
      scopeManager = result.scopeManager as ScopeManager | undefined;
    } else if (parser?.parse) {
      ast = parser.parse(code, options) as TSESTree.Program;
    }
    if (ast) {
      setParents(ast, undefined);
      scopeManager ??= analyze(ast, { sourceType: 'module', jsxPragma: null, lib: ['esnext'] });
      module = { filename, text: code, ast, scopeManager };
    }
  } catch {
    module = null;
  }
  if (parsedModules.size >= maxCachedModules) parsedModules.clear();
  parsedModules.set(filename, { stamp, module });
  return module;
}

/*
 * Finding a project's own modules, without TypeScript.
 *
 * `resolveLocalModule` answers, for an import in a linted file, which project file it names:
 * relative imports, tsconfig `paths` and `baseUrl` (following `extends`), package.json `imports`
 * (`#db`), and packages of the same workspace (`@acme/db`, found from the workspace's globs or from
 * a `node_modules` link out of `node_modules`), mapped back from their built entry to their source.
 * Packages installed from a registry resolve to undefined: they are known from the catalog.
 *
 * Everything read here is memoised by absolute path: configuration files and package.json files
 * are read once, directories are listed once, and each (folder, specifier) pair is answered once,
 * whatever the number of files that import it. The answers are trusted for `cacheLifetimeMs`, then
 * dropped together, so that a long-lived process (an editor's ESLint server) sees a new file, a
 * new package or an edited tsconfig within seconds, while a lint run pays for each once.
 */

type JsonObject = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFile(file: string): boolean {
  try {
    // No exception for a missing file: most probes miss, and throwing costs more than the stat.
    return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

function isDirectory(folder: string): boolean {
  try {
    return fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

/** Maps that grow with the project are emptied when they get this large, as `parsedModules` is. */
const maxCacheEntries = 20_000;

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= maxCacheEntries) cache.clear();
  cache.set(key, value);
  return value;
}

/** How long answers about the file system are reused. */
const cacheLifetimeMs = 10_000;
const fileSystemCaches: Array<{ clear(): void }> = [];
let cacheStart = Number.NEGATIVE_INFINITY;
let generation = 0;

function fileSystemCache<V>(): Map<string, V> {
  const cache = new Map<string, V>();
  fileSystemCaches.push(cache);
  return cache;
}

/** Drops every file system answer once they are `cacheLifetimeMs` old (or the clock went back). */
function expireCaches(): void {
  const now = Date.now();
  if (now >= cacheStart && now - cacheStart < cacheLifetimeMs) return;
  cacheStart = now;
  generation += 1;
  for (const cache of fileSystemCaches) cache.clear();
}

/**
 * A number that changes whenever the answers of this module are dropped: callers that derive
 * memoised answers from them (activation) drop theirs when it changes.
 */
export function cacheGeneration(): number {
  expireCaches();
  return generation;
}

// ---------------------------------------------------------------- package.json

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

function manifestOf(folder: string): JsonObject | undefined {
  const cached = manifests.get(folder);
  if (cached !== undefined) return cached ?? undefined;
  const file = path.join(folder, 'package.json');
  let manifest: JsonObject | null = null;
  if (isFile(file)) {
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
function splitPackageSpecifier(specifier: string): { name: string; subpath: string } | undefined {
  const parts = specifier.split('/');
  const length = specifier.startsWith('@') ? 2 : 1;
  const nameParts = parts.slice(0, length);
  if (nameParts.length < length || nameParts.some((part) => part === '' || part === '.' || part === '..' || part === '@')) {
    return undefined;
  }
  return { name: parts.slice(0, length).join('/'), subpath: parts.slice(length).join('/') };
}

// ---------------------------------------------------------------- workspaces

/** The workspace root above each folder (null: none), memoised for every folder on the way. */
const workspaceRoots = fileSystemCache<string | null>();

function isWorkspaceRoot(folder: string): boolean {
  const manifest = manifestOf(folder);
  if (manifest?.workspaces !== undefined) return true;
  return isFile(path.join(folder, 'pnpm-workspace.yaml'));
}

function workspaceRootOf(folder: string): string | null {
  const cached = workspaceRoots.get(folder);
  if (cached !== undefined) return cached;
  let root: string | null;
  if (isWorkspaceRoot(folder)) {
    root = folder;
  } else {
    const parent = path.dirname(folder);
    root = parent === folder ? null : workspaceRootOf(parent);
  }
  return remember(workspaceRoots, folder, root);
}

function unquote(text: string): string {
  const trimmed = text.trim();
  const quote = trimmed[0];
  if ((quote === '"' || quote === "'") && trimmed.endsWith(quote) && trimmed.length >= 2) return trimmed.slice(1, -1);
  return trimmed;
}

/** Removes a YAML comment: a `#` at the start or after a blank, outside quotes. */
function withoutYamlComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) {
      return line.slice(0, i);
    }
  }
  return line;
}

/**
 * The `packages:` list of a pnpm-workspace.yaml, in the two forms it is written in: a block list
 * (`- 'packages/*'`, indented or not) or a flow list (`packages: ['packages/*']`). Other YAML is
 * not understood; other keys (`catalog:`, `onlyBuiltDependencies:`) are skipped.
 */
export function parsePnpmWorkspace(text: string): string[] {
  const patterns: string[] = [];
  let inPackages = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = withoutYamlComment(raw).trimEnd();
    if (line.trim() === '') continue;
    if (inPackages) {
      const item = /^\s*-\s*(.*)$/.exec(line);
      if (item) {
        const pattern = unquote(item[1] ?? '');
        if (pattern !== '') patterns.push(pattern);
        continue;
      }
      if (/^\s/.test(line)) continue;
      inPackages = false;
    }
    const key = /^packages\s*:\s*(.*)$/.exec(line);
    if (!key) continue;
    const value = (key[1] ?? '').trim();
    if (value.startsWith('[')) {
      const inner = value.slice(1, value.lastIndexOf(']') === -1 ? undefined : value.lastIndexOf(']'));
      for (const part of inner.split(',')) {
        const pattern = unquote(part);
        if (pattern !== '') patterns.push(pattern);
      }
    } else {
      inPackages = value === '';
    }
  }
  return patterns;
}

function workspacePatterns(root: string): string[] {
  const patterns: string[] = [];
  const workspaces = manifestOf(root)?.workspaces;
  const list = isObject(workspaces) ? workspaces.packages : workspaces;
  if (Array.isArray(list)) for (const item of list) if (typeof item === 'string') patterns.push(item);
  const yaml = path.join(root, 'pnpm-workspace.yaml');
  if (isFile(yaml)) {
    try {
      patterns.push(...parsePnpmWorkspace(fs.readFileSync(yaml, 'utf8')));
    } catch {
      // An unreadable pnpm-workspace.yaml adds no package.
    }
  }
  return patterns;
}

/** Glob → regular expression over `/`-separated relative paths: `*`, `?`, `**`, nothing else. */
function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i += 1) {
    const char = glob[i] ?? '';
    if (glob.slice(i) === '/**') {
      // `packages/**` names `packages` too.
      source += '(?:/.*)?';
      break;
    }
    if (char === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

function normaliseGlob(glob: string): string {
  return glob.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '').replace(/\/+$/, '');
}

/** Directories never searched for workspace packages. */
function isSkippedDirectory(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}

const subdirectoriesByFolder = fileSystemCache<readonly string[]>();

function subdirectories(folder: string): readonly string[] {
  const cached = subdirectoriesByFolder.get(folder);
  if (cached) return cached;
  let names: string[] = [];
  try {
    names = fs
      .readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !isSkippedDirectory(entry.name))
      .map((entry) => entry.name)
      .sort();
  } catch {
    names = [];
  }
  return remember(subdirectoriesByFolder, folder, names);
}

/** `**` goes at most this deep below where it starts. */
const maxGlobDepth = 6;

function descendants(folder: string, depth: number, out: string[]): void {
  out.push(folder);
  if (depth >= maxGlobDepth) return;
  for (const name of subdirectories(folder)) descendants(path.join(folder, name), depth + 1, out);
}

/** The directories a workspace glob names, under the workspace root. */
function expandGlob(root: string, glob: string): string[] {
  let current = [root];
  for (const segment of normaliseGlob(glob).split('/')) {
    if (segment === '' || segment === '.') continue;
    const next: string[] = [];
    if (segment === '**') {
      for (const folder of current) descendants(folder, 0, next);
    } else if (/[*?]/.test(segment)) {
      const pattern = globToRegExp(segment);
      for (const folder of current) {
        for (const name of subdirectories(folder)) if (pattern.test(name)) next.push(path.join(folder, name));
      }
    } else {
      for (const folder of current) {
        const child = path.join(folder, segment);
        if (isDirectory(child)) next.push(child);
      }
    }
    current = [...new Set(next)];
  }
  return current;
}

/** Package name → folder, for each workspace root. */
const packagesByRoot = fileSystemCache<ReadonlyMap<string, string>>();
const noPackages: ReadonlyMap<string, string> = new Map();

/**
 * The packages of the workspace a folder is in, by name: the root is the nearest folder above
 * with a package.json `workspaces` field (an array, or `{ packages: [...] }`) or a
 * pnpm-workspace.yaml; its globs (`packages/*`, `apps/**`; `!…` excludes) are expanded and each
 * matched folder's package.json `name` read. Empty outside a workspace. Where two folders declare
 * one name, the first in glob order wins.
 */
export function workspacePackages(folder: string): ReadonlyMap<string, string> {
  expireCaches();
  return packagesOf(folder);
}

function packagesOf(folder: string): ReadonlyMap<string, string> {
  const root = workspaceRootOf(folder);
  if (root === null) return noPackages;
  const cached = packagesByRoot.get(root);
  if (cached) return cached;
  const patterns = workspacePatterns(root);
  const excluded = patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => globToRegExp(normaliseGlob(pattern.slice(1))));
  const packages = new Map<string, string>();
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) continue;
    for (const candidate of expandGlob(root, pattern)) {
      const relative = path.relative(root, candidate).split(path.sep).join('/');
      if (excluded.some((regexp) => regexp.test(relative))) continue;
      const name = manifestOf(candidate)?.name;
      if (typeof name === 'string' && name !== '' && !packages.has(name)) packages.set(name, candidate);
    }
  }
  return remember(packagesByRoot, root, packages);
}

/** `node_modules/<name>` from each folder up, as Node looks it up: the real folder, or null. */
const linkedByFolder = fileSystemCache<string | null>();

/**
 * A package reached through `node_modules/<name>` from a folder, when that entry links out of
 * `node_modules` (a workspace or `link:` package): its real folder. Undefined for installed
 * packages and names that are not there. Memoised per folder and name, so sibling folders share
 * the walk up.
 */
function linkedPackageFolder(folder: string, name: string): string | undefined {
  const key = `${folder}\0${name}`;
  const cached = linkedByFolder.get(key);
  if (cached !== undefined) return cached ?? undefined;
  let found: string | null = null;
  const entry = path.join(folder, 'node_modules', name);
  if (path.basename(folder) !== 'node_modules' && fs.existsSync(entry)) {
    try {
      const real = fs.realpathSync(entry);
      found = real.split(path.sep).includes('node_modules') ? null : real;
    } catch {
      found = null;
    }
  } else {
    const parent = path.dirname(folder);
    found = parent === folder ? null : (linkedPackageFolder(parent, name) ?? null);
  }
  remember(linkedByFolder, key, found);
  return found ?? undefined;
}

// ---------------------------------------------------------------- package entries

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
function packageEntry(folder: string, subpath: string): string | undefined {
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

/** The nearest folder at or above `folder` with a package.json. */
const packageFolders = fileSystemCache<string | null>();

function packageFolderOf(folder: string): string | undefined {
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

/** `#db`, `#lib/*` through the nearest package.json `imports` map. */
function packageImport(folder: string, specifier: string): string | undefined {
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

// ---------------------------------------------------------------- tsconfig

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
function pathMappingFor(folder: string): PathMapping | null {
  const cached = mappingsByFolder.get(folder);
  if (cached !== undefined) return cached;
  let mapping: PathMapping | null = null;
  for (const name of ['tsconfig.json', 'jsconfig.json']) {
    const file = path.join(folder, name);
    if (!isFile(file)) continue;
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
function mappedTargets(mapping: PathMapping, specifier: string): string[] {
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

/** `withExtensions` by candidate path: many folders import one file, many imports miss one file. */
const filesByCandidate = fileSystemCache<string | null>();

function withExtensions(candidate: string): string | undefined {
  const cached = filesByCandidate.get(candidate);
  if (cached !== undefined) return cached ?? undefined;
  const found = probeExtensions(candidate);
  remember(filesByCandidate, candidate, found ?? null);
  return found;
}

function probeExtensions(candidate: string): string | undefined {
  if (sourceExtensions.some((ext) => candidate.endsWith(ext)) && isFile(candidate)) {
    // `./db.js` in TypeScript source means `./db.ts`.
    return candidate;
  }
  const withoutJs = candidate.replace(/\.(?:[cm]?js|jsx)$/, '');
  for (const base of withoutJs === candidate ? [candidate] : [withoutJs, candidate]) {
    for (const ext of sourceExtensions) if (isFile(base + ext)) return base + ext;
    for (const ext of sourceExtensions) {
      const index = path.join(base, `index${ext}`);
      if (isFile(index)) return index;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------- resolution

/** Answers by importing folder and specifier: they do not change during a lint run. */
const resolutions = fileSystemCache<string | null>();

/**
 * Resolves a project-local import specifier to a file: relative paths; tsconfig `paths` (with
 * `extends`); a file under tsconfig `baseUrl` (only when one exists there, so `pg` stays a
 * package); `#imports` of the nearest package.json; a package of the same workspace, or one linked
 * into `node_modules` from outside it, to the source of its entry or subpath. Packages installed
 * from a registry resolve to undefined: libraries are known from the catalog, not from their code.
 */
export function resolveLocalModule(fromFile: string, specifier: string): string | undefined {
  if (!path.isAbsolute(fromFile)) return undefined;
  expireCaches();
  const folder = path.dirname(fromFile);
  const key = `${folder}\0${specifier}`;
  const cached = resolutions.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const file = resolveUncached(folder, specifier);
  remember(resolutions, key, file ?? null);
  return file;
}

function resolveUncached(folder: string, specifier: string): string | undefined {
  if (specifier === '') return undefined;
  if (specifier.startsWith('.')) return withExtensions(path.resolve(folder, specifier));
  if (path.isAbsolute(specifier)) return withExtensions(specifier);
  // `node:fs`, `bun:sqlite`, `https://…`, `virtual:…`: never a project file.
  if (/^[a-z][\w+.-]*:/i.test(specifier)) return undefined;
  const mapping = pathMappingFor(folder);
  if (mapping) {
    for (const target of mappedTargets(mapping, specifier)) {
      const found = withExtensions(target);
      if (found) return found;
    }
    if (mapping.baseUrl !== undefined) {
      const found = withExtensions(path.resolve(mapping.baseUrl, specifier));
      if (found) return found;
    }
  }
  if (specifier.startsWith('#')) return packageImport(folder, specifier);
  const split = splitPackageSpecifier(specifier);
  if (!split) return undefined;
  const packageFolder = packagesOf(folder).get(split.name) ?? linkedPackageFolder(folder, split.name);
  return packageFolder === undefined ? undefined : packageEntry(packageFolder, split.subpath);
}

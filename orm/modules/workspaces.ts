/**
 * Workspaces: the packages of the monorepo a folder is in (npm/yarn `workspaces`,
 * pnpm-workspace.yaml), and packages linked into `node_modules` from outside it.
 */
import fs from 'node:fs';
import path from 'node:path';

import { expireCaches, fileSystemCache, hasFile, isDirectory, isObject, remember } from './files.js';
import { manifestOf } from './manifests.js';

/** The workspace root above each folder (null: none), memoised for every folder on the way. */
const workspaceRoots = fileSystemCache<string | null>();

function isWorkspaceRoot(folder: string): boolean {
  const manifest = manifestOf(folder);
  if (manifest?.workspaces !== undefined) return true;
  return hasFile(path.join(folder, 'pnpm-workspace.yaml'));
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
  if (hasFile(yaml)) {
    try {
      patterns.push(...parsePnpmWorkspace(fs.readFileSync(yaml, 'utf8')));
    } catch {
      // An unreadable pnpm-workspace.yaml adds no package.
    }
  }
  return patterns;
}

/** Glob → regular expression over `/`-separated relative paths: `*`, `?`, `**`, nothing else. */
export function globToRegExp(glob: string): RegExp {
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

export function normaliseGlob(glob: string): string {
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

export function packagesOf(folder: string): ReadonlyMap<string, string> {
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
export function linkedPackageFolder(folder: string, name: string): string | undefined {
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

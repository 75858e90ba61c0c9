/**
 * The file system as the module questions see it: is there a file, which source file an import
 * path names (`./db.js` → `./db.ts`), and the caches every answer about the file system goes
 * through.
 *
 * Everything read from the file system is memoised by absolute path: configuration files and
 * package.json files are read once, directories are listed once, and each (folder, specifier)
 * pair is answered once, whatever the number of files that import it. The answers are trusted for
 * `cacheLifetimeMs`, then dropped together, so that a long-lived process (an editor's ESLint
 * server) sees a new file, a new package or an edited tsconfig within seconds, while a lint run
 * pays for each once.
 */
import fs from 'node:fs';
import path from 'node:path';

export const sourceExtensions = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether a path is a file or a folder, from one listing of its folder: resolving an import probes
 * up to sixteen candidates (`x.ts`, `x.tsx`, …, `x/index.ts`), and a folder's files are probed
 * for every import into it, so one `readdir` per folder replaces a `stat` per probe. Symbolic
 * links, and entries whose type the file system does not report, are `stat`ed when asked.
 */
export function isFile(file: string): boolean {
  return entryKind(file) === 'file';
}

export function isDirectory(folder: string): boolean {
  return entryKind(folder) === 'directory';
}

/**
 * Is there a file at this path? For the configuration files looked for in every folder above a
 * linted file (package.json, tsconfig.json, pnpm-workspace.yaml): the folder's listing when it was
 * already made, else one `stat`. Listing a folder of many files to learn about one name costs
 * more than the stat, and many of those folders are never listed for anything else.
 */
export function hasFile(file: string): boolean {
  expireCaches();
  const listing = listings.get(path.dirname(file));
  if (listing === undefined) return statKind(file) === 'file';
  const kind = listing?.get(path.basename(file));
  return kind === 'unknown' ? statKind(file) === 'file' : kind === 'file';
}

type EntryKind = 'file' | 'directory' | 'other';

const listings = new Map<string, ReadonlyMap<string, EntryKind | 'unknown'> | null>();

function entryKind(target: string): EntryKind | undefined {
  expireCaches();
  const folder = path.dirname(target);
  if (folder === target) return statKind(target);
  const kind = listingOf(folder)?.get(path.basename(target));
  return kind === 'unknown' ? statKind(target) : kind;
}

function listingOf(folder: string): ReadonlyMap<string, EntryKind | 'unknown'> | null {
  const cached = listings.get(folder);
  if (cached !== undefined) return cached;
  let listing: Map<string, EntryKind | 'unknown'> | null = null;
  try {
    listing = new Map();
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      listing.set(entry.name, entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'unknown');
    }
  } catch {
    listing = null;
  }
  return remember(listings, folder, listing);
}

function statKind(target: string): EntryKind | undefined {
  try {
    // No exception for a missing path: most probes miss, and throwing costs more than the stat.
    const stat = fs.statSync(target, { throwIfNoEntry: false });
    return stat === undefined ? undefined : stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other';
  } catch {
    return undefined;
  }
}

/** Maps that grow with the project are emptied when they get this large, as `parsedModules` is. */
const maxCacheEntries = 20_000;

export function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= maxCacheEntries) cache.clear();
  cache.set(key, value);
  return value;
}

/**
 * How long answers about the file system are reused: 30 seconds by default, as
 * eslint-plugin-import's module cache, long enough that a CLI or CI run on a large project reads
 * each package.json and tsconfig once, short enough that an editor's ESLint server sees an edit
 * soon. `settings['async-db'].cacheLifetime` (seconds, or `'Infinity'` for one-shot CI runs)
 * changes it.
 */
export const defaultCacheLifetimeSeconds = 30;
let cacheLifetimeMs = defaultCacheLifetimeSeconds * 1000;

/** Sets the lifetime from the shared setting; anything but a non-negative number or `'Infinity'` means the default. */
export function setCacheLifetime(seconds: unknown): void {
  const value =
    seconds === 'Infinity' || seconds === '∞'
      ? Number.POSITIVE_INFINITY
      : typeof seconds === 'number' && seconds >= 0
        ? seconds
        : defaultCacheLifetimeSeconds;
  cacheLifetimeMs = value * 1000;
}
const fileSystemCaches: Array<{ clear(): void }> = [];
let cacheStart = Number.NEGATIVE_INFINITY;
let generation = 0;

export function fileSystemCache<V>(): Map<string, V> {
  const cache = new Map<string, V>();
  fileSystemCaches.push(cache);
  return cache;
}

/** Drops every file system answer once they are `cacheLifetimeMs` old (or the clock went back). */
export function expireCaches(): void {
  const now = Date.now();
  if (now >= cacheStart && now - cacheStart < cacheLifetimeMs) return;
  cacheStart = now;
  generation += 1;
  for (const cache of fileSystemCaches) cache.clear();
  listings.clear();
}

/**
 * A number that changes whenever the answers of this module are dropped: callers that derive
 * memoised answers from them (activation) drop theirs when it changes.
 */
export function cacheGeneration(): number {
  expireCaches();
  return generation;
}

/** `withExtensions` by candidate path: many folders import one file, many imports miss one file. */
const filesByCandidate = fileSystemCache<string | null>();

export function withExtensions(candidate: string): string | undefined {
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

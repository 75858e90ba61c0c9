import path from 'node:path';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import { libraries, libraryIds } from './catalog/index.js';
import { defaultReservedConnections, serverDefaults } from './catalog/servers.js';
import type { LibraryId } from './catalog/index.js';
import { cacheGeneration } from './modules/files.js';
import { declaredDependencies, readPackageJson } from './modules/manifests.js';
import { workspacePackages } from './modules/workspaces.js';

/** Shared settings under `settings['async-db']`. */
export interface AsyncDbSettings {
  /** Libraries to check, instead of the ones found in package.json. */
  readonly libraries?: readonly LibraryId[];
  /** Seconds the answers about the file system are reused (`modules/files.ts`); `'Infinity'` for one-shot runs. */
  readonly cacheLifetime?: number | 'Infinity';
  /**
   * The database server's `max_connections`: one number, or one per server family. Default:
   * PostgreSQL 100, MySQL/MariaDB 151 (`catalog/servers.ts`).
   */
  readonly maxConnections?: number | { readonly postgresql?: number; readonly mysql?: number };
  /** Connections kept back for administrators (PostgreSQL `superuser_reserved_connections`); default 3. */
  readonly reservedConnections?: number;
  /** How many processes (instances, replicas, cluster workers) run the code at once; default 1. */
  readonly instances?: number;
}

/** The connection budget the pools of a project share, per server family. */
export interface ConnectionBudget {
  readonly maxConnections: (server: 'postgresql' | 'mysql') => number;
  readonly reservedConnections: number;
  readonly instances: number;
}

const positive = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : undefined;

/** The pool budget settings, with the servers' defaults where a setting is absent or not a positive number. */
export function connectionBudget(settings: unknown): ConnectionBudget {
  const { maxConnections, reservedConnections, instances } = readSettings(settings);
  const perServer = typeof maxConnections === 'object' ? maxConnections : undefined;
  return {
    maxConnections: (server) => positive(perServer ? perServer[server] : maxConnections) ?? serverDefaults[server].maxConnections,
    reservedConnections:
      typeof reservedConnections === 'number' && reservedConnections >= 0 ? Math.floor(reservedConnections) : defaultReservedConnections,
    instances: positive(instances) ?? 1,
  };
}

/** Every field whose packages a project's own code may import. */
const allDependencyFields = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];
/** What a workspace package brings to the packages that depend on it: not its dev tools. */
const runtimeDependencyFields = ['dependencies', 'peerDependencies', 'optionalDependencies'];

/**
 * Dependencies declared by every package.json from the file's folder up to the file system root.
 * Workspaces hoist dependencies to the root, so the nearest package.json alone would miss them.
 * A dependency on a package of the same workspace (`"@acme/db": "workspace:*"`) brings that
 * package's runtime dependencies, and theirs in turn: an app that imports its database from
 * `@acme/db` uses the library `@acme/db` depends on.
 * Memoised per folder: package.json files do not change during one lint run, and the answer is the
 * same for every file of a folder. The memo is dropped with the package.json files it was read from
 * (`cacheGeneration`), so a long-lived process sees an edited package.json within seconds.
 */
const dependenciesByFolder = new Map<string, ReadonlySet<string> | null>();
let dependenciesGeneration = Number.NaN;

function dependenciesOf(folder: string): ReadonlySet<string> | null {
  const current = cacheGeneration();
  if (current !== dependenciesGeneration) {
    dependenciesByFolder.clear();
    dependenciesGeneration = current;
  }
  return readDependencies(folder);
}

function readDependencies(folder: string): ReadonlySet<string> | null {
  const cached = dependenciesByFolder.get(folder);
  if (cached !== undefined) return cached;
  let found: Set<string> | null = null;
  // An unreadable manifest reads as `{}`: it activates nothing by itself.
  const manifest = readPackageJson(folder);
  if (manifest !== undefined) {
    found = new Set(declaredDependencies(manifest, allDependencyFields));
    for (const name of workspaceDependencies(folder, found)) found.add(name);
  }
  const parent = path.dirname(folder);
  const above = parent === folder ? null : readDependencies(parent);
  const result = found === null ? above : above === null ? found : new Set([...found, ...above]);
  dependenciesByFolder.set(folder, result);
  return result;
}

/**
 * The runtime dependencies of the workspace packages among `names`, followed through workspace
 * packages to any depth. Each package is visited once (the package at `folder` counts as visited),
 * so dependency cycles between workspace packages end.
 */
function workspaceDependencies(folder: string, names: Iterable<string>): Set<string> {
  const found = new Set<string>();
  const packages = workspacePackages(folder);
  if (packages.size === 0) return found;
  const visited = new Set([folder]);
  const pending = [...names];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    const packageFolder = packages.get(name);
    if (packageFolder === undefined || visited.has(packageFolder)) continue;
    visited.add(packageFolder);
    for (const dependency of declaredDependencies(readPackageJson(packageFolder) ?? {}, runtimeDependencyFields)) {
      found.add(dependency);
      pending.push(dependency);
    }
  }
  return found;
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
  if (option && option.length > 0) return librarySetOf(option);
  const fromSettings = readSettings(settings).libraries;
  if (fromSettings && fromSettings.length > 0) return librarySetOf(fromSettings);
  const deps = path.isAbsolute(filename) ? dependenciesOf(path.dirname(filename)) : null;
  if (deps === null) return librarySet(libraryIds);
  let active = activeByDependencies.get(deps);
  if (!active) {
    // node:sqlite is built in: it has no dependency to find, so it is always on.
    active = librarySet(
      libraryIds.filter((id) => {
        const deps_ = libraries[id].dependencies;
        return deps_.length === 0 || deps_.some((dep) => deps.has(dep));
      }),
    );
    activeByDependencies.set(deps, active);
  }
  return active;
}

/** The libraries of a folder's dependencies: one answer per dependency set (per folder). */
const activeByDependencies = new WeakMap<ReadonlySet<string>, ReadonlySet<LibraryId>>();

/** Option and settings arrays are the same object for every file of a configuration. */
const setsOfLists = new WeakMap<readonly LibraryId[], ReadonlySet<LibraryId>>();

function librarySetOf(ids: readonly LibraryId[]): ReadonlySet<LibraryId> {
  let set = setsOfLists.get(ids);
  if (!set) {
    set = librarySet(ids);
    setsOfLists.set(ids, set);
  }
  return set;
}

/**
 * One set object per combination of libraries, so that what is derived from a combination (the
 * gates of `gates.ts`, the resolvers shared between files) is computed once per project, not per file.
 */
const librarySets = new Map<string, ReadonlySet<LibraryId>>();

function librarySet(ids: readonly LibraryId[]): ReadonlySet<LibraryId> {
  const key = [...new Set(ids)].sort().join(',');
  let set = librarySets.get(key);
  if (!set) {
    set = new Set(ids);
    librarySets.set(key, set);
  }
  return set;
}

export function readSettings(settings: unknown): AsyncDbSettings {
  if (settings && typeof settings === 'object' && 'async-db' in settings) {
    const value = (settings as Record<string, unknown>)['async-db'];
    if (value && typeof value === 'object') return value;
  }
  return {};
}

/**
 * Is a database library really in play for a file: one the project depends on, or a built-in one
 * (`node:sqlite`, always active) that the file imports? Rules that look beyond database objects
 * (blocking `*Sync` calls) only run in database code, not in every project with a package.json.
 */
export function databaseInPlay(active: ReadonlySet<LibraryId>, ast: TSESTree.Program): boolean {
  const builtIn = new Set<string>();
  for (const id of active) {
    const catalog = libraries[id];
    if (catalog.dependencies.length > 0) return true;
    for (const specifier of Object.keys(catalog.modules)) builtIn.add(specifier);
  }
  return ast.body.some((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration && builtIn.has(statement.source.value)) || requiresAny(ast, builtIn);
}

function requiresAny(ast: TSESTree.Program, specifiers: ReadonlySet<string>): boolean {
  if (specifiers.size === 0) return false;
  for (const statement of ast.body) {
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const d of statement.declarations) {
      const init = d.init;
      if (init?.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === 'require') {
        const source = init.arguments[0];
        if (source?.type === AST_NODE_TYPES.Literal && typeof source.value === 'string' && specifiers.has(source.value)) return true;
      }
    }
  }
  return false;
}

/**
 * What the generator knows of each database library, derived from the catalog at run time
 * (orm/catalog): where its objects come from (module specifiers and their exports), how to reach
 * a client, a model base or a transaction opener from an import, which calls query, which open
 * callback and begin/commit transactions, which types and injection decorators name its objects.
 * A library added to the catalog is fuzzed without a change here.
 */
import { io, libraries, libraryIds } from '../../orm/catalog/index.js';
import { beginSql as sqlBegin, endSql as sqlEnd } from '../../orm/catalog/sql.js';
import type { CallbackTransaction, KindSpec, LibraryCatalog, LibraryId, RegionTransaction } from '../../orm/catalog/index.js';

/** An export of a library module: `import { name } from 'specifier'`, or `default` / `*`. */
export interface Entry {
  readonly specifier: string;
  readonly name: string;
  readonly kind: string;
}

/** One step from an object of a kind to another. */
export type Step =
  | { readonly type: 'new' }
  | { readonly type: 'call' }
  | { readonly type: 'prop'; readonly name: string }
  | { readonly type: 'method'; readonly name: string };

/** A way to reach an object of `kind` from an import. */
export interface Path {
  readonly entry: Entry;
  readonly steps: readonly Step[];
  readonly kind: string;
}

export interface TypeName {
  readonly specifier: string;
  /** Dotted for qualified names (`Knex.Transaction`). */
  readonly name: string;
  readonly kind: string;
}

export interface Injector {
  readonly specifier: string;
  readonly decorator: string;
  readonly kind: string;
}

export interface LibraryFacts {
  readonly id: LibraryId;
  readonly catalog: LibraryCatalog;
  readonly entries: readonly Entry[];
  /** Paths to every reachable kind, shortest first, a few per kind. */
  readonly paths: ReadonlyMap<string, readonly Path[]>;
  readonly types: readonly TypeName[];
  readonly injectors: readonly Injector[];
  /** Dependencies that activate it (some are the module names themselves). */
  readonly dependencies: readonly string[];
}

/** Words that fill a specifier pattern's variable part (a driver, a generated client's folder). */
const specifierWords = ['client', 'pg', 'node-postgres', 'postgres-js', 'mysql2', 'better-sqlite3', 'libsql', 'postgresql', 'sqlite', 'core', 'edge'];

/** Sample specifiers matching a library's module patterns, from its dependencies and common words. */
function patternSpecifiers(catalog: LibraryCatalog): { specifier: string; exports: Readonly<Record<string, string>> }[] {
  const found: { specifier: string; exports: Readonly<Record<string, string>> }[] = [];
  const dependencies = libraryIds.flatMap((id) => libraries[id].dependencies);
  const candidates = new Set<string>();
  for (const dep of catalog.dependencies) {
    const scope = dep.startsWith('@') ? dep.split('/')[0] : undefined;
    for (const word of [...specifierWords, ...dependencies.map((d) => d.replace(/^@[^/]+\//, ''))]) {
      candidates.add(`${dep}/${word}`);
      if (scope) candidates.add(`${scope}/${word}`);
    }
  }
  for (const local of ['./generated/prisma', '../generated/prisma/client', './generated/prisma/client.js', '.prisma/client']) candidates.add(local);
  for (const pattern of catalog.modulePatterns ?? []) {
    const matching = [...candidates].filter((candidate) => pattern.pattern.test(candidate));
    // The first pattern a specifier matches is the one the catalog applies.
    for (const specifier of matching.slice(0, 4)) {
      const first = catalog.modulePatterns?.find((p) => p.pattern.test(specifier));
      if (first === pattern) found.push({ specifier, exports: pattern.exports });
    }
  }
  return found;
}

function entriesOf(catalog: LibraryCatalog): Entry[] {
  const modules = [
    ...Object.entries(catalog.modules).map(([specifier, exports]) => ({ specifier, exports })),
    ...patternSpecifiers(catalog),
  ];
  const entries: Entry[] = [];
  const seen = new Set<string>();
  for (const { specifier, exports } of modules) {
    if (seen.has(specifier)) continue;
    seen.add(specifier);
    for (const [name, kind] of Object.entries(exports)) entries.push({ specifier, name, kind });
    // Named imports resolve through the namespace's properties.
    const namespace = exports['*'] ?? exports.default;
    const spec = namespace === undefined ? undefined : catalog.kinds[namespace];
    if (spec?.role === 'module') {
      for (const [name, kind] of Object.entries(spec.properties ?? {})) {
        if (name !== 'default' && !(name in exports)) entries.push({ specifier, name, kind });
      }
    }
  }
  return entries;
}

/** Kinds reachable from each entry by `new`, calls, properties and methods, breadth first. */
function pathsOf(catalog: LibraryCatalog, entries: readonly Entry[]): Map<string, Path[]> {
  const paths = new Map<string, Path[]>();
  const add = (path: Path) => {
    const list = paths.get(path.kind) ?? [];
    if (list.length < 6 && !list.some((p) => sameSteps(p, path))) list.push(path);
    paths.set(path.kind, list);
  };
  for (const entry of entries) {
    let frontier: Path[] = [{ entry, steps: [], kind: entry.kind }];
    const seen = new Set<string>([entry.kind]);
    add(frontier[0] as Path);
    for (let depth = 0; depth < 4 && frontier.length > 0; depth += 1) {
      const next: Path[] = [];
      for (const path of frontier) {
        for (const [step, kind] of stepsFrom(catalog.kinds[path.kind])) {
          if (seen.has(kind) || !(kind in catalog.kinds)) continue;
          seen.add(kind);
          const reached = { entry, steps: [...path.steps, step], kind };
          add(reached);
          next.push(reached);
        }
      }
      frontier = next;
    }
  }
  for (const list of paths.values()) list.sort((a, b) => a.steps.length - b.steps.length);
  return paths;
}

const sameSteps = (a: Path, b: Path) => a.entry === b.entry && JSON.stringify(a.steps) === JSON.stringify(b.steps);

export function stepsFrom(spec: KindSpec | undefined): [Step, string][] {
  if (!spec) return [];
  const steps: [Step, string][] = [];
  if (spec.newInstance) steps.push([{ type: 'new' }, spec.newInstance]);
  if (spec.callResult) steps.push([{ type: 'call' }, spec.callResult]);
  for (const [name, kind] of Object.entries(spec.properties ?? {})) steps.push([{ type: 'prop', name }, kind]);
  for (const [name, kind] of Object.entries(spec.methods ?? {})) steps.push([{ type: 'method', name }, kind]);
  return steps;
}

function typesOf(catalog: LibraryCatalog): TypeName[] {
  const types: TypeName[] = [];
  for (const [specifier, names] of Object.entries(catalog.types ?? {})) {
    for (const [name, kind] of Object.entries(names)) types.push({ specifier, name, kind });
  }
  return types;
}

function injectorsOf(catalog: LibraryCatalog): Injector[] {
  const injectors: Injector[] = [];
  for (const [specifier, decorators] of Object.entries(catalog.injectDecorators ?? {})) {
    for (const [decorator, kind] of Object.entries(decorators)) injectors.push({ specifier, decorator, kind });
  }
  return injectors;
}

export const facts: readonly LibraryFacts[] = libraryIds.map((id) => {
  const catalog = libraries[id];
  const entries = entriesOf(catalog);
  return {
    id,
    catalog,
    entries,
    paths: pathsOf(catalog, entries),
    types: typesOf(catalog),
    injectors: injectorsOf(catalog),
    dependencies: catalog.dependencies,
  };
});

export const factsById = new Map(facts.map((f) => [f.id, f]));

/** The kinds of a library that satisfy `test`, with their spec. */
export function kindsWhere(lib: LibraryFacts, test: (spec: KindSpec, kind: string) => boolean): [string, KindSpec][] {
  return Object.entries(lib.catalog.kinds).filter(([kind, spec]) => test(spec, kind));
}

export interface Opener {
  readonly kind: string;
  readonly transaction: CallbackTransaction;
}

export interface Region {
  readonly kind: string;
  readonly region: RegionTransaction;
}

export const openersOf = (lib: LibraryFacts): Opener[] =>
  Object.entries(lib.catalog.kinds).flatMap(([kind, spec]) => (spec.transactions ?? []).map((transaction) => ({ kind, transaction })));

export const regionsOf = (lib: LibraryFacts): Region[] =>
  Object.entries(lib.catalog.kinds).flatMap(([kind, spec]) => (spec.regions ?? []).map((region) => ({ kind, region })));

/** SQL statements, kept by the catalog's patterns: those that begin and those that end a transaction. */
const sqlCandidates = ['BEGIN', 'begin', 'START TRANSACTION', 'BEGIN ISOLATION LEVEL SERIALIZABLE', ' begin;', 'COMMIT', 'commit', 'ROLLBACK', 'END', 'ROLLBACK TO SAVEPOINT s1', 'SAVEPOINT s1', 'SELECT 1'];

export function sqlMatching(pattern: RegExp | undefined, fallback: RegExp): string[] {
  const re = pattern ?? fallback;
  return sqlCandidates.filter((sql) => re.test(sql));
}

export const beginStatements = (region: RegionTransaction) => sqlMatching(region.beginSql, sqlBegin);
export const endStatements = (region: RegionTransaction) => sqlMatching(region.endSql, sqlEnd);

/** Non-database I/O the catalog knows: modules by category, named exports, globals, timers. */
export const ioFacts = {
  modules: Object.keys(io.modules).filter((m) => !m.endsWith('/')),
  prefixes: Object.keys(io.modules).filter((m) => m.endsWith('/')),
  exports: Object.entries(io.exports).flatMap(([specifier, names]) => Object.keys(names).map((name) => ({ specifier, name }))),
  globals: Object.keys(io.globals),
  timers: io.timerGlobals,
  wrappers: Object.entries(io.wrappers).flatMap(([specifier, names]) => names.map((name) => ({ specifier, name }))),
};

export const role = (lib: LibraryFacts, kind: string) => lib.catalog.kinds[kind]?.role;

/** Libraries whose clients are made over another library's connection (`drizzle(pool)`). */
export const madeOnConnection = (lib: LibraryFacts) => Object.values(lib.catalog.kinds).some((k) => k.connectionFrom !== undefined);

/** Libraries whose transactions a library shares: their values are outer clients there too. */
export const related = (a: LibraryFacts, b: LibraryFacts) => a === b || (a.catalog.sharesTransactionsWith?.includes(b.id) ?? false) || (b.catalog.sharesTransactionsWith?.includes(a.id) ?? false);

/** A library's client-making paths, weighted towards the kinds that open transactions. */
export function clientPaths(lib: LibraryFacts): [Path, number][] {
  const weighted: [Path, number][] = [];
  const openers = new Set([...openersOf(lib).map((o) => o.kind), ...regionsOf(lib).map((r) => r.kind)]);
  for (const [kind, paths] of lib.paths) {
    if (role(lib, kind) !== 'client') continue;
    for (const path of paths) weighted.push([path, openers.has(kind) ? 3 : 1]);
  }
  return weighted;
}

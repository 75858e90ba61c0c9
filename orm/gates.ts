/**
 * Cheap syntactic gates, derived from the catalogs of the libraries active for a file: which
 * method names can run a query, open a transaction or begin a region, and whether calling an
 * object itself can. A call that fails its gate is never resolved, so a project on Sequelize does
 * not resolve every `.where()` because Knex has one, nor every `describe(() => ...)` because
 * Objection's `transaction(knex, cb)` is a plain call.
 *
 * Computed once per set of active libraries (activation hands out one set object per
 * combination, so the memo is hit for every file of a project).
 */
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import { libraries } from './catalog/index.js';
import type { LibraryId } from './catalog/index.js';
import { isFunction, propertyName, unwrap } from './syntax.js';

/** A region begin method, with what its call needs to be one. */
export interface RegionBeginGate {
  /** SQL its first argument must match (`client.query('BEGIN')`); empty when the method alone begins. */
  readonly sql: readonly RegExp[];
  /** Properties of an options object that can hold that SQL (`{ text: 'BEGIN' }`). */
  readonly sqlProperties: ReadonlySet<string>;
  /**
   * Begins as the `then` call of a chain (Kysely `startTransaction().execute()`): the methods one
   * of the calls below it must have (`startTransaction`); empty when none does.
   */
  readonly chainedAfter: ReadonlySet<string>;
  /** The method name alone begins a region (`queryRunner.startTransaction()`). */
  readonly plain: boolean;
}

export interface LibraryGates {
  /** Methods that can be a query, factory, transaction or region begin. */
  readonly queryMethods: ReadonlySet<string>;
  /** A client is called to start a query (`knex('users')`): `this.knex('t')` can be one. */
  readonly callableClients: boolean;
  /** Methods (or `then` methods) that open a callback transaction. */
  readonly callbackOpeners: ReadonlySet<string>;
  /** Calling an object itself opens a callback transaction (Objection `transaction(knex, cb)`). */
  readonly callbackOnCall: boolean;
  readonly regionBegins: ReadonlyMap<string, RegionBeginGate>;
}

const gatesByLibraries = new WeakMap<ReadonlySet<LibraryId>, LibraryGates>();

export function gatesFor(active: ReadonlySet<LibraryId>): LibraryGates {
  let gates = gatesByLibraries.get(active);
  if (!gates) {
    gates = collectGates(active);
    gatesByLibraries.set(active, gates);
  }
  return gates;
}

function collectGates(active: ReadonlySet<LibraryId>): LibraryGates {
  const queryMethods = new Set<string>();
  const callbackOpeners = new Set<string>();
  const regionBegins = new Map<string, { sql: RegExp[]; sqlProperties: Set<string>; chainedAfter: Set<string>; plain: boolean }>();
  let callableClients = false;
  let callbackOnCall = false;
  for (const id of active) {
    const kinds = libraries[id].kinds;
    for (const spec of Object.values(kinds)) {
      for (const m of spec.queryMethods ?? []) queryMethods.add(m);
      for (const m of Object.keys(spec.methods ?? {})) queryMethods.add(m);
      for (const t of spec.transactions ?? []) {
        if (t.method !== undefined) queryMethods.add(t.method);
        const opener = t.then ?? t.method;
        if (opener === undefined) callbackOnCall = true;
        else callbackOpeners.add(opener);
      }
      for (const r of spec.regions ?? []) {
        queryMethods.add(r.begin);
        const name = r.beginThen ?? r.begin;
        const entry = regionBegins.get(name) ?? { sql: [], sqlProperties: new Set<string>(), chainedAfter: new Set<string>(), plain: false };
        if (r.beginThen) entry.chainedAfter.add(r.begin);
        else if (r.beginSql) entry.sql.push(r.beginSql);
        else entry.plain = true;
        if (r.sqlProperty !== undefined) entry.sqlProperties.add(r.sqlProperty);
        regionBegins.set(name, entry);
      }
      if (
        (spec.role === 'client' || spec.role === 'transaction') &&
        spec.callResult !== undefined &&
        kinds[spec.callResult]?.role === 'query'
      ) {
        callableClients = true;
      }
    }
  }
  return { queryMethods, callableClients, callbackOpeners, callbackOnCall, regionBegins };
}

/**
 * Syntax only, before any resolution: could a call open a callback transaction of an active
 * library (a method name that does, or a call of an object itself, with a function argument)?
 */
export function mayOpenCallbackTransaction(call: TSESTree.CallExpression, active: ReadonlySet<LibraryId>): boolean {
  const gates = gatesFor(active);
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return gates.callbackOnCall && call.arguments.some(isFunction);
  const name = propertyName(callee);
  if (name === undefined || !gates.callbackOpeners.has(name)) return false;
  // A callback passed by name is followed for method openers only (`prisma.$transaction(work)`).
  return call.arguments.some((arg) => isFunction(arg) || arg.type === AST_NODE_TYPES.Identifier);
}

const poolNamesByLibraries = new WeakMap<ReadonlySet<LibraryId>, ReadonlySet<string>>();

/**
 * The names under which the active libraries export or hold the constructors and static methods
 * that make pools and clients (`Pool`, `createPool`, `init`, `PrismaClient` ...): a `new X()` or
 * `a.X()` whose name is not among them, and whose callee is not an imported binding, is not resolved.
 */
export function poolCalleeNames(active: ReadonlySet<LibraryId>): ReadonlySet<string> {
  let names = poolNamesByLibraries.get(active);
  if (!names) {
    const found = new Set<string>();
    for (const id of active) {
      const catalog = libraries[id];
      const makers = new Set<string>();
      for (const [kind, spec] of Object.entries(catalog.kinds)) {
        if (spec.pool ?? spec.lifetime ?? spec.poolMethods ?? spec.lifetimeMethods) makers.add(kind);
        for (const method of [...Object.keys(spec.poolMethods ?? {}), ...Object.keys(spec.lifetimeMethods ?? {})]) found.add(method);
      }
      const tables = [
        ...Object.values(catalog.modules),
        ...(catalog.modulePatterns ?? []).map((pattern) => pattern.exports),
        ...Object.values(catalog.kinds).map((spec) => spec.properties ?? {}),
      ];
      for (const table of tables) {
        for (const [name, kind] of Object.entries(table)) if (makers.has(kind) && name !== '*' && name !== 'default') found.add(name);
      }
    }
    names = found;
    poolNamesByLibraries.set(active, names);
  }
  return names;
}

const poolModulesByLibraries = new WeakMap<
  ReadonlySet<LibraryId>,
  { readonly exact: ReadonlySet<string>; readonly patterns: readonly RegExp[]; readonly answers: Map<string, boolean> }
>();
/** Distinct module specifiers remembered per set of libraries (a project has a few thousand). */
const maxPoolModuleAnswers = 20_000;

/**
 * Is a module specifier one of a package whose exports make pools or clients (`pg`, `knex`,
 * `@prisma/adapter-pg`, `drizzle-orm/node-postgres` ...)? A file that imports none of them makes
 * no pool, so the pool rules stop there.
 */
export function isPoolModule(active: ReadonlySet<LibraryId>, source: string): boolean {
  let modules = poolModulesByLibraries.get(active);
  if (!modules) {
    const exact = new Set<string>();
    const patterns: RegExp[] = [];
    for (const id of active) {
      const catalog = libraries[id];
      const makes = Object.values(catalog.kinds).some((spec) => spec.pool ?? spec.lifetime ?? spec.poolMethods ?? spec.lifetimeMethods);
      if (!makes) continue;
      for (const name of Object.keys(catalog.modules)) exact.add(name);
      for (const pattern of catalog.modulePatterns ?? []) patterns.push(pattern.pattern);
    }
    modules = { exact, patterns, answers: new Map() };
    poolModulesByLibraries.set(active, modules);
  }
  // Every file asks about each of its imports: the answer per specifier is kept.
  let answer = modules.answers.get(source);
  if (answer === undefined) {
    answer = modules.exact.has(source) || modules.patterns.some((pattern) => pattern.test(source));
    if (modules.answers.size >= maxPoolModuleAnswers) modules.answers.clear();
    modules.answers.set(source, answer);
  }
  return answer;
}

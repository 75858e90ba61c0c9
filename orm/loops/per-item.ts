/**
 * Whether a call runs a query once per item of an iteration (N+1): a read query whose arguments
 * (its builder chain, its template's expressions) depend on the item, a lazy loader called on the
 * item (Sequelize `book.getAuthors()`, MikroORM `book.authors.init()`, Objection
 * `book.$relatedQuery('authors')`, TypeORM `await book.author` on a lazy relation), or a call of a
 * project function that is proven to run such a read with the item. Writes are left out unless
 * asked for; queries the client batches within a tick (Prisma `findUnique`) are no N+1.
 */
import { DefinitionType } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import { libraries } from '../catalog/index.js';
import type { LibraryId, PerItemSpec } from '../catalog/index.js';
import { iterations } from '../catalog/loops.js';
import { isProjectPath } from '../blocking-gates.js';
import { gatesFor } from '../gates.js';
import { importedSpecifiers } from '../modules/parse.js';
import { resolveLocalModule } from '../modules/resolve.js';
import type { QueryContext, QueryUse } from '../queries.js';
import type { DeclaredRelation } from '../relations/declarations.js';
import type { RelationQuery } from '../relations/loaded.js';
import { chainAbove, importedName, isFunction, propertyName, staticString, unwrap, waitedFor, walk } from '../syntax.js';
import type { FunctionNode, Node } from '../syntax.js';
import type { ItemQuestions } from './items.js';
import type { Iteration } from './iterations.js';

/** What the per-item question asks of the resolver. */
export type PerItemContext = QueryContext;

/** A query run once per item. */
export interface PerItemQuery {
  readonly library: LibraryId;
  readonly iteration: Iteration;
  /** The query, for messages (`prisma.bookAuthor.findMany()`). */
  readonly query: string;
  /** When reached through a project function: its name, as the call names it. */
  readonly through?: string;
  /**
   * A lazy relation read per item that the query the items came from can load instead (TypeORM
   * resolves `await book.author` from a loaded value without a query).
   */
  readonly load?: { readonly query: RelationQuery; readonly relation: DeclaredRelation };
}

export interface PerItemOptions {
  readonly checkWrites: boolean;
  /** Follow functions imported from other project modules (parses them); else only this module's. */
  readonly importedHelpers: boolean;
}

/** Answers kept for one linted file, and the item questions (`items.ts`) bound to it. */
export interface PerItemMemo {
  readonly questions: ItemQuestions;
  readonly helpers: Map<Node, Map<number, { library: LibraryId; query: string; batched: boolean } | null>>;
  /** Per chain end: does the chain read an item at all? */
  readonly chains: Map<Node, boolean>;
  /** Per module file: does its text import a database library? */
  readonly modules: Map<string, boolean>;
}

export function perItemMemo(questions: ItemQuestions): PerItemMemo {
  return { questions, helpers: new Map(), chains: new Map(), modules: new Map() };
}

/**
 * The query a call (or tagged template) runs once per item of one of the iterations it is inside
 * (innermost last), if it runs one.
 */
export function perItemQuery(
  ctx: PerItemContext,
  node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression,
  inside: readonly Iteration[],
  options: PerItemOptions,
  memo: PerItemMemo,
): PerItemQuery | undefined {
  const shape = callShape(ctx, node);
  if (!shape || (shape === 'helper' && (node.type !== AST_NODE_TYPES.CallExpression || !waitedFor(node)))) return undefined;
  // Scopes only, before any resolution: nothing in the whole chain reads an item, nothing to report.
  if (!chainReadsItem(ctx, node, inside, memo)) return undefined;
  if (shape === 'query') {
    if (plainlyNoRead(ctx, node, inside, options)) return undefined;
    const use = ctx.queryUse(node);
    if (use) return queryPerItem(ctx, use, inside, options, memo);
  }
  return shape === 'helper' && node.type === AST_NODE_TYPES.CallExpression ? helperQuery(ctx, node, inside, options, memo) : undefined;
}

/**
 * Syntax and scopes only, before resolving a receiver (which may parse the modules its type comes
 * from): a chain that writes (when writes are not reported), a method called through `?.` (a
 * database client is never optional), a method `Map`s and arrays have too (`get`) on an object no
 * query method made, a receiver made right here as a `Map`, `Set` or literal, or the accumulator
 * of a `reduce`.
 */
function plainlyNoRead(ctx: PerItemContext, node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression, inside: readonly Iteration[], options: PerItemOptions): boolean {
  if (!options.checkWrites && writesPlainly(ctx, node)) return true;
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  if (callee.optional) return true;
  const receiver = unwrap(callee.object);
  const method = propertyName(callee);
  if (method !== undefined && iterations.collectionMethods.includes(method)) return !madeByQuery(ctx, receiver);
  if (receiver.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ctx.variableOf(receiver);
  const def = variable?.defs[0];
  if (def?.type === DefinitionType.Parameter) {
    const iteration = inside.find((candidate) => candidate.node === def.node);
    return iteration !== undefined && !iteration.items.some((item) => item.name === receiver.name);
  }
  const init = def?.type === DefinitionType.Variable && def.node.init ? unwrap(def.node.init) : undefined;
  if (!init) return false;
  if (init.type === AST_NODE_TYPES.ArrayExpression || init.type === AST_NODE_TYPES.ObjectExpression) return true;
  // `new Map()`, `new Set()`: a global constructor, not one imported from a library.
  return init.type === AST_NODE_TYPES.NewExpression && init.callee.type === AST_NODE_TYPES.Identifier && ctx.isGlobal(init.callee);
}

/** Syntax only: does a chain call a method that writes in every active library, or run SQL that writes? */
function writesPlainly(ctx: PerItemContext, node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): boolean {
  const names = writeNames(ctx.env.libraries);
  const calls = node.type === AST_NODE_TYPES.CallExpression ? [node, ...chainAbove(node)] : chainAbove(node);
  if (calls.some((call) => call.callee.type === AST_NODE_TYPES.MemberExpression && names.methods.has(propertyName(call.callee) ?? ''))) return true;
  const text = names.sqlText ? sqlText(ctx, node.type === AST_NODE_TYPES.TaggedTemplateExpression ? node.quasi : node.arguments[0]) : undefined;
  return text !== undefined && iterations.writeSql.test(text);
}

/** Is an object made by a query method (`db.prepare(sql)`), directly or through a `const`? */
function madeByQuery(ctx: PerItemContext, receiver: Node): boolean {
  let target = receiver;
  if (target.type === AST_NODE_TYPES.Identifier) {
    const def = ctx.variableOf(target)?.defs[0];
    if (def?.type !== DefinitionType.Variable || !def.node.init) return false;
    target = unwrap(def.node.init);
    if (target.type === AST_NODE_TYPES.AwaitExpression) target = unwrap(target.argument);
  }
  if (target.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(target.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
  return method !== undefined && gatesFor(ctx.env.libraries).queryMethods.has(method);
}

const writesByLibraries = new WeakMap<ReadonlySet<LibraryId>, { methods: ReadonlySet<string>; sqlText: boolean }>();

/**
 * The method names that write in every active library that has them (`update`, `insertInto`; not
 * `execute`, which runs reads too), and whether one of the libraries reads SQL text.
 */
function writeNames(active: ReadonlySet<LibraryId>): { methods: ReadonlySet<string>; sqlText: boolean } {
  let names = writesByLibraries.get(active);
  if (!names) {
    const writing = new Set<string>();
    const reading = new Set<string>();
    let sqlTextual = false;
    for (const id of active) {
      const spec = libraries[id].perItem;
      if (!spec) continue;
      sqlTextual ||= spec.sqlText === true;
      for (const name of spec.writes) writing.add(name);
      for (const kind of Object.values(libraries[id].kinds)) {
        for (const name of [...(kind.queryMethods ?? []), ...Object.keys(kind.methods ?? {})]) if (!spec.writes.includes(name)) reading.add(name);
      }
    }
    names = { methods: new Set([...writing].filter((name) => !reading.has(name))), sqlText: sqlTextual };
    writesByLibraries.set(active, names);
  }
  return names;
}

function queryPerItem(ctx: PerItemContext, use: QueryUse, inside: readonly Iteration[], options: PerItemOptions, memo: PerItemMemo): PerItemQuery | undefined {
  if (use.type !== 'query' || ctx.embeddedInQuery(use)) return undefined;
  const spec = libraries[use.receiverValue.library].perItem;
  if (!spec || (!options.checkWrites && writes(ctx, use, spec))) return undefined;
  if ((spec.runsWhenAwaited && !runs(ctx, use.node)) || cachedPerKey(use.node)) return undefined;
  const iteration = memo.questions.dependingIteration(ctx, queryInputs(use, spec), inside);
  if (!iteration || (batched(use, spec) && issuedInOneTick(use.node, iteration))) return undefined;
  return { library: use.receiverValue.library, iteration, query: queryText(ctx, use) };
}

/**
 * Is a query's result stored per key (`cache.set(id, await Book.findByPk(id))`): it runs once per
 * distinct key, the memoised form.
 */
function cachedPerKey(node: Node): boolean {
  let current: Node = chainAbove(node).at(-1) ?? node;
  while (current.parent?.type === AST_NODE_TYPES.AwaitExpression || current.parent?.type === AST_NODE_TYPES.TSAsExpression) current = current.parent;
  const call = current.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee === current) return false;
  const callee = unwrap(call.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
  return method !== undefined && iterations.cacheStores.includes(method);
}

/**
 * Does a lazy query run where it is written: its chain's end awaited, returned, yielded, collected
 * in an array, `.then`, held in a variable, or handed to a project function (`bounded(ms, sql…)`)?
 * Handed to a library's function (`exists(db.select()…)`, `inArray(col, sub)`), it is part of
 * another query.
 */
function runs(ctx: PerItemContext, node: Node): boolean {
  let current: Node = chainAbove(node).at(-1) ?? node;
  for (;;) {
    const parent = current.parent;
    if (!parent) return false;
    switch (parent.type) {
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.ConditionalExpression:
      case AST_NODE_TYPES.LogicalExpression:
        current = parent;
        continue;
      case AST_NODE_TYPES.CallExpression: {
        if (parent.callee === current) return true;
        let callee = unwrap(parent.callee);
        while (callee.type === AST_NODE_TYPES.MemberExpression) callee = unwrap(callee.object);
        const def = callee.type === AST_NODE_TYPES.Identifier ? ctx.variableOf(callee)?.defs[0] : undefined;
        if (def?.type !== DefinitionType.ImportBinding || def.parent.type !== AST_NODE_TYPES.ImportDeclaration) return true;
        const imported = def.node.type === AST_NODE_TYPES.ImportSpecifier ? importedName(def.node) : undefined;
        const embeds = imported !== undefined && [...ctx.env.libraries].some((id) => libraries[id].perItem?.embeddingFunctions?.includes(imported));
        return !embeds && !isLibraryModule(ctx.env.libraries, def.parent.source.value);
      }
      case AST_NODE_TYPES.MemberExpression:
        return parent.object === current && propertyName(parent) === 'then';
      case AST_NODE_TYPES.Property:
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.BinaryExpression:
        return false;
      default:
        return true;
    }
  }
}

/**
 * Syntax only: could a call be a query or a loader (a catalogued method name without a callback
 * argument, a tagged template, a callable client with a chain: `knex('t').where(…)`), or a call of
 * a project function by its name? A local array's `find((x) => …)`, a map's `get`, `console.log`,
 * a method of a service object are neither.
 */
function callShape(ctx: PerItemContext, node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): 'query' | 'helper' | undefined {
  if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) return 'query';
  const gates = gatesFor(ctx.env.libraries);
  const callee = unwrap(node.callee);
  const chained = node.parent.type === AST_NODE_TYPES.MemberExpression && node.parent.object === node;
  if (callee.type === AST_NODE_TYPES.Identifier) return gates.callableClients && chained ? 'query' : 'helper';
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = propertyName(callee);
  if (method === undefined) return undefined;
  if (gates.queryMethods.has(method)) {
    return node.arguments.some((argument) => isFunction(argument)) ? undefined : 'query';
  }
  const base = unwrap(callee.object);
  return gates.callableClients && chained && (base.type === AST_NODE_TYPES.ThisExpression || base.type === AST_NODE_TYPES.Identifier) ? 'query' : undefined;
}

/** Does anything of the chain a call belongs to (receiver, arguments, later calls) read an item? */
function chainReadsItem(ctx: PerItemContext, node: Node, inside: readonly Iteration[], memo: PerItemMemo): boolean {
  const above = chainAbove(node);
  const end = above.at(-1) ?? node;
  let answer = memo.chains.get(end);
  if (answer === undefined) {
    answer = memo.questions.dependingIteration(ctx, [end], inside) !== undefined;
    memo.chains.set(end, answer);
  }
  return answer;
}

/**
 * A call of a project function by name (a function of this module or an imported one) that runs a
 * read query with the item: the item flows into a parameter, and the function
 * itself (not what it calls) runs a read depending on that parameter, and no write at all. In
 * doubt (a write, a query only reached deeper, a service of another class), nothing.
 */
function helperQuery(ctx: PerItemContext, call: TSESTree.CallExpression, inside: readonly Iteration[], options: PerItemOptions, memo: PerItemMemo): PerItemQuery | undefined {
  const dependent: { index: number; iteration: Iteration }[] = [];
  call.arguments.forEach((argument, index) => {
    const iteration = memo.questions.dependingIteration(ctx, [argument], inside);
    if (iteration) dependent.push({ index, iteration });
  });
  if (dependent.length === 0) return undefined;
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier || !mayQueryThrough(ctx, callee, options, memo)) return undefined;
  const helper = ctx.localFunction(callee);
  if (!helper) return undefined;
  for (const { index, iteration } of dependent) {
    const read = helperRead(helper.resolver as PerItemContext, helper.fn, index, options, memo);
    if (!read || (read.batched && issuedInOneTick(call, iteration))) continue;
    return { library: read.library, iteration, query: read.query, through: helper.name };
  }
  return undefined;
}

/**
 * A function of this module may query. An imported one is followed only when asked for (parsing
 * other modules costs), and then, by text alone before parsing: when its module imports a
 * database library, or a project module that does (`./db`).
 */
function mayQueryThrough(ctx: PerItemContext, callee: TSESTree.Identifier, options: PerItemOptions, memo: PerItemMemo): boolean {
  const def = ctx.variableOf(callee)?.defs[0];
  if (def?.type !== DefinitionType.ImportBinding) return def !== undefined;
  if (!options.importedHelpers || def.parent.type !== AST_NODE_TYPES.ImportDeclaration) return false;
  const file = resolveLocalModule(ctx.filename, def.parent.source.value);
  if (file === undefined) return false;
  const imports = (of: string): boolean => {
    let known = memo.modules.get(of);
    if (known === undefined) {
      known = importedSpecifiers(of).some((specifier) => isLibraryModule(ctx.env.libraries, specifier));
      memo.modules.set(of, known);
    }
    return known;
  };
  return (
    imports(file) ||
    importedSpecifiers(file).some((specifier) => {
      const next = isProjectPath(specifier) ? resolveLocalModule(file, specifier) : undefined;
      return next !== undefined && imports(next);
    })
  );
}

/** Is a module specifier one of an active library's packages (`@prisma/client`, `drizzle-orm/pg-core`)? */
function isLibraryModule(active: ReadonlySet<LibraryId>, specifier: string): boolean {
  for (const id of active) {
    const catalog = libraries[id];
    if (Object.hasOwn(catalog.modules, specifier) || catalog.dependencies.some((name) => specifier === name || specifier.startsWith(`${name}/`))) return true;
    if (catalog.modulePatterns?.some((pattern) => pattern.pattern.test(specifier))) return true;
  }
  return false;
}

/** The read a function runs with one of its parameters, when it runs one and writes nothing. */
function helperRead(
  ctx: PerItemContext,
  fn: FunctionNode,
  parameter: number,
  options: PerItemOptions,
  memo: PerItemMemo,
): { library: LibraryId; query: string; batched: boolean } | undefined {
  let byParameter = memo.helpers.get(fn);
  if (!byParameter) {
    byParameter = new Map();
    memo.helpers.set(fn, byParameter);
  }
  const known = byParameter.get(parameter);
  if (known !== undefined) return known ?? undefined;
  byParameter.set(parameter, null);
  const asItem = memo.questions.parameterAsItem(fn, parameter);
  if (!asItem) return undefined;
  const result: { found?: { library: LibraryId; query: string; batched: boolean }; wrote?: boolean } = {};
  // A write anywhere (seen by its method name or SQL), or another project function awaited, makes
  // it a service operation; only the query-named calls that read the parameter are resolved.
  walk(fn.body, (node) => {
    if (result.wrote) return false;
    if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.TaggedTemplateExpression) return true;
    const shape = callShape(ctx, node);
    // Awaiting another function of the project: what it does is not known here.
    if (shape === 'helper' && node.type === AST_NODE_TYPES.CallExpression && waitedFor(node)) {
      result.wrote = true;
      return false;
    }
    if (shape !== 'query') return true;
    if (!options.checkWrites && writesPlainly(ctx, node)) {
      result.wrote = true;
      return false;
    }
    // Scopes before resolving: only a chain that reads the parameter is looked into.
    if (result.found || !memo.questions.dependingIteration(ctx, [chainAbove(node).at(-1) ?? node], [asItem])) return true;
    const use = ctx.queryUse(node);
    const spec = use?.type === 'query' ? libraries[use.receiverValue.library].perItem : undefined;
    if (!use || !spec || ctx.embeddedInQuery(use)) return true;
    if (writes(ctx, use, spec) && !options.checkWrites) {
      result.wrote = true;
      return false;
    }
    if (!cachedPerKey(use.node) && memo.questions.dependingIteration(ctx, queryInputs(use, spec), [asItem])) {
      result.found = { library: use.receiverValue.library, query: queryText(ctx, use), batched: batched(use, spec) };
    }
    return true;
  });
  if (result.wrote || !result.found) return undefined;
  byParameter.set(parameter, result.found);
  return result.found;
}

/**
 * What a query's per-item dependence is read from: the arguments of every call of its chain (the
 * builder's `.where(…)` too), a tagged template's expressions, the receiver of a row's own query
 * (`instance.reload()`). A raw SQL text taken whole from the item (`query(migration.sql)`) is a
 * different statement per item, not a per-item lookup.
 */
function queryInputs(use: QueryUse, spec: PerItemSpec): Node[] {
  const inputs: Node[] = [];
  if (use.node.type === AST_NODE_TYPES.TaggedTemplateExpression) {
    inputs.push(...use.node.quasi.expressions);
  } else {
    use.node.arguments.forEach((argument, index) => {
      if (index === 0 && takesSql(use, spec) && argument.type !== AST_NODE_TYPES.TemplateLiteral && argument.type !== AST_NODE_TYPES.BinaryExpression && argument.type !== AST_NODE_TYPES.ObjectExpression) return;
      inputs.push(argument);
    });
  }
  if (use.receiverValue.spec.role === 'instance') inputs.push(use.receiver);
  for (const call of chainAbove(use.node)) inputs.push(...call.arguments);
  return inputs;
}

/**
 * Is a query's first argument its SQL text (`pool.query(sql, …)`, `sequelize.query(sql)`, run on a
 * client), not a model's or a prepared statement's arguments (`Book.findByPk(id)`, `stmt.all(id)`)?
 */
function takesSql(use: QueryUse, spec: PerItemSpec): boolean {
  const role = use.receiverValue.spec.role;
  return spec.sqlText === true && (use.node.type === AST_NODE_TYPES.TaggedTemplateExpression || role === 'client' || role === 'transaction');
}

/** Does the query write: a write method in its chain, or SQL text that writes? */
function writes(ctx: PerItemContext, use: QueryUse, spec: PerItemSpec): boolean {
  const methods = [use.method, ...chainAbove(use.node).map((call) => (call.callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(call.callee) : undefined))];
  if (methods.some((m) => m !== undefined && spec.writes.includes(m))) return true;
  if (!takesSql(use, spec)) return false;
  const text = sqlText(ctx, use.node.type === AST_NODE_TYPES.TaggedTemplateExpression ? use.node.quasi : use.node.arguments[0]);
  return text !== undefined && iterations.writeSql.test(text);
}

/** The start of a query's SQL text: a literal, a template's first part, a `const` of one, `{ text }`/`{ sql }`. */
function sqlText(ctx: PerItemContext, node: Node | undefined, depth = 0): string | undefined {
  if (!node || depth > 2) return undefined;
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.TemplateLiteral) return target.quasis[0]?.value.cooked ?? undefined;
  if (target.type === AST_NODE_TYPES.TaggedTemplateExpression) return target.quasi.quasis[0]?.value.cooked ?? undefined;
  if (target.type === AST_NODE_TYPES.CallExpression) return sqlText(ctx, target.arguments[0], depth + 1);
  if (target.type === AST_NODE_TYPES.Identifier) {
    const def = ctx.variableOf(target)?.defs[0];
    return def?.type === DefinitionType.Variable && def.parent.kind === 'const' ? sqlText(ctx, def.node.init ?? undefined, depth + 1) : undefined;
  }
  if (target.type === AST_NODE_TYPES.ObjectExpression) {
    for (const property of target.properties) {
      if (property.type === AST_NODE_TYPES.Property && property.key.type === AST_NODE_TYPES.Identifier && (property.key.name === 'text' || property.key.name === 'sql')) {
        return sqlText(ctx, property.value, depth + 1);
      }
    }
    return undefined;
  }
  return staticString(target);
}

function batched(use: QueryUse, spec: PerItemSpec): boolean {
  return use.method !== undefined && spec.batchedInTick?.includes(use.method) === true;
}

/**
 * Is a batchable call issued in the same tick as the other items' calls: from an array callback
 * (`Promise.all(ids.map((id) => …))`), or in a loop without waiting for it (collected for later)?
 */
function issuedInOneTick(node: Node, iteration: Iteration): boolean {
  if (iteration.callback) return true;
  for (let current: Node | undefined = node.parent; current && current !== iteration.body; current = current.parent) {
    if (current.type === AST_NODE_TYPES.AwaitExpression) return false;
  }
  return true;
}

/** `prisma.bookAuthor.findMany()`, `knex()`, ``sql`…` ``. */
function queryText(ctx: PerItemContext, use: QueryUse): string {
  if (use.node.type === AST_NODE_TYPES.TaggedTemplateExpression) return `${shorten(ctx.textOf(use.node.tag) ?? '')}\`…\``;
  return `${shorten(ctx.textOf(use.node.callee) ?? use.method ?? '')}()`;
}

export function shorten(text: string): string {
  const flat = text.replace(/\s+/g, '').replace(/<[^<>]*>$/, '');
  return flat.length > 60 ? `…${flat.slice(-59)}` : flat;
}

/**
 * Which calls run (or make) a query through a database object, on what, and whether a chained
 * call binds it to a transaction. A chain belongs to its first call: `prisma.user.findMany()`,
 * `knex('t').where(...)`, `repo.createQueryBuilder()...`.
 */
import { DefinitionType } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import { libraries } from './catalog/index.js';
import { gatesFor } from './gates.js';
import type { OriginContext } from './origin/context.js';
import { findNode, isFunction, parentOf, propertyName, unwrap } from './syntax.js';
import type { Node } from './syntax.js';
import { catalogOf } from './values.js';
import type { DbValue } from './values.js';

/** A call (or tagged template) that runs a query, or makes one, through a database object. */
export interface QueryUse {
  readonly node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression;
  /** What the method was called on (`prisma.user`); the callee itself for `knex('t')`. */
  readonly receiver: Node;
  readonly receiverValue: DbValue;
  /** The deepest database object of the chain (`prisma` in `prisma.user.findMany()`). */
  readonly root: Node;
  readonly rootValue: DbValue;
  /** Method name; undefined for a call or tagged template of the object itself. */
  readonly method: string | undefined;
  readonly type: 'query' | 'factory' | 'transaction';
  /**
   * In a helper's effects: the query uses the outer client only when the caller leaves out this
   * parameter (`(tx ?? prisma).user.count()`).
   */
  readonly fallbackParameter?: number;
  /** With `fallbackParameter`: `null` falls back too (`tx ?? prisma`), not only `undefined` (a default). */
  readonly fallbackOnNull?: boolean;
}

/** What the query questions ask beyond the origin ones. */
export interface QueryContext extends OriginContext {
  /** {@link queryUse}, memoised per node. */
  queryUse(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): QueryUse | undefined;
  /** {@link embeddedInQuery}. */
  embeddedInQuery(use: QueryUse): boolean;
}

/**
 * The query a call runs or makes through a database object, when the call is the first call of
 * its chain (`prisma.user.findMany()`, `knex('t')`, `repo.createQueryBuilder()`): later calls of
 * the same chain belong to that first one.
 */
export function queryUse(
  ctx: QueryContext,
  node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression,
): QueryUse | undefined {
  const resolve = (n: Node): DbValue | undefined => ctx.resolve(n);
  if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) {
    const tag = unwrap(node.tag);
    if (!isChainStart(tag)) return undefined;
    const value = resolve(tag);
    if (!value?.spec.taggedTemplateQuery) return undefined;
    const root = chainRoot(tag, value, resolve);
    return { node, receiver: tag, receiverValue: value, root: root.node, rootValue: root.value, method: undefined, type: 'query' };
  }
  const callee = unwrap(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) {
    // `knex('users')`, `sql(...)`, and 0.2-style `getRepository(User)`.
    if (!isChainStart(callee)) return undefined;
    const value = resolve(callee);
    const result = value?.spec.callResult ? catalogOf(value.library).kinds[value.spec.callResult] : undefined;
    if (!value || !result) return undefined;
    let type: QueryUse['type'];
    if (result.role === 'query' && (value.spec.role === 'client' || value.spec.role === 'transaction')) type = 'query';
    else if ((result.role === 'model' || result.role === 'client') && value.spec.role === 'other') type = 'factory';
    else return undefined;
    const root = chainRoot(callee, value, resolve);
    return { node, receiver: callee, receiverValue: value, root: root.node, rootValue: root.value, method: undefined, type };
  }
  const method = propertyName(callee);
  const receiver = unwrap(callee.object);
  const gates = gatesFor(ctx.env.libraries);
  if (method !== undefined && !gates.queryMethods.has(method) && gates.callableClients && isChainStart(callee)) {
    // A callable client held in a member: `this.knex('users')`, `deps.db('t')`.
    const value = resolve(callee);
    const result = value?.spec.callResult ? catalogOf(value.library).kinds[value.spec.callResult] : undefined;
    if (!value || result?.role !== 'query' || (value.spec.role !== 'client' && value.spec.role !== 'transaction')) return undefined;
    const root = chainRoot(callee, value, resolve);
    return { node, receiver: callee, receiverValue: value, root: root.node, rootValue: root.value, method: undefined, type: 'query' };
  }
  if (method === undefined || !gates.queryMethods.has(method)) return undefined;
  // A chain may start with a factory call: `dataSource.getRepository(User).find()`,
  // `sequelize.model('Tag').bulkCreate()`, `getConnection().query()`. A receiver made by calls
  // that are no query (`rows.find(...)`, `rows.at(0)`, `(await Book.findByPk(id))`) starts one.
  let factory: QueryUse | undefined;
  if (receiver.type === AST_NODE_TYPES.CallExpression) {
    factory = ctx.queryUse(receiver);
    if (factory && factory.type !== 'factory') return undefined;
    if (!factory && chainQuery(ctx, receiver)) return undefined;
  } else if (!isChainStart(receiver) && chainQuery(ctx, receiver)) {
    return undefined;
  }
  const value = resolve(receiver);
  if (!value) return undefined;
  const spec = value.spec;
  let type: QueryUse['type'] | undefined;
  if (spec.transactions?.some((t) => t.method === method)) type = 'transaction';
  else if (spec.queryMethods?.includes(method)) type = 'query';
  else if (spec.methods?.[method] !== undefined && spec.role !== 'constructor' && spec.role !== 'module') type = 'factory';
  else if (spec.regions?.some((r) => r.begin === method)) type = 'query';
  if (!type) return undefined;
  const root = factory
    ? factory.method === undefined
      ? { node: receiver, value }
      : { node: factory.root, value: factory.rootValue }
    : chainRoot(receiver, value, resolve);
  return { node, receiver, receiverValue: value, root: root.node, rootValue: root.value, method, type };
}

/**
 * The client a built query is run on, when it is passed as an argument
 * (Kysely ``sql`...`.execute(db)``).
 */
export function executionTarget(ctx: OriginContext, call: TSESTree.CallExpression): { node: Node; value: DbValue } | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = propertyName(callee);
  if (method === undefined || !executingMethodNames().has(method)) return undefined;
  const query = ctx.resolve(callee.object);
  const index = query?.spec.executesOn?.[method];
  const argument = index === undefined ? undefined : call.arguments[index];
  const value = argument ? ctx.resolve(argument) : undefined;
  return argument && value ? { node: argument, value } : undefined;
}

/**
 * Is a factory call (`dataSource.getRepository(User)`) the receiver of a query made from it?
 * The query is then the use to report, not the factory.
 */
export function feedsQuery(ctx: QueryContext, use: QueryUse): boolean {
  if (use.type !== 'factory') return false;
  const member = parentOf(use.node);
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== use.node) return false;
  const call = parentOf(member);
  return call?.type === AST_NODE_TYPES.CallExpression && call.callee === member && ctx.queryUse(call) !== undefined;
}

/**
 * The query a call chain makes, found at whichever call of the chain starts it
 * (`tx.user.findMany()`, `trx('t').where(...).update(...)`).
 */
export function chainQuery(ctx: QueryContext, node: Node): QueryUse | undefined {
  let current = unwrap(node);
  for (;;) {
    if (current.type === AST_NODE_TYPES.CallExpression || current.type === AST_NODE_TYPES.TaggedTemplateExpression) {
      const use = ctx.queryUse(current);
      if (use) return use;
      current = unwrap(current.type === AST_NODE_TYPES.CallExpression ? current.callee : current.tag);
    } else if (current.type === AST_NODE_TYPES.MemberExpression) {
      current = unwrap(current.object);
    } else {
      return undefined;
    }
  }
}

/**
 * Is a query chain a value inside another query rather than a query of its own? A builder passed
 * to another builder (a subquery in `whereIn`, `knex.raw('stock - 1')` as a column's new value,
 * a repository handed to `manager.withRepository()`) is compiled into that query and never runs
 * by itself: also through object and array literals, operator functions (`inArray(col, sub)`),
 * builder callbacks (`where((qb) => qb.whereIn('id', sub))`), SQL text (`sub.getQuery()` in a
 * template) and a `const` whose every use is such a place. Awaiting it, calling `.then`, or
 * passing it to anything else is running it.
 */
export function embeddedInQuery(ctx: QueryContext, use: QueryUse): boolean {
  if (use.type === 'transaction') return false;
  const end = chainEnd(use.node);
  return end !== undefined && usedInQuery(ctx, end, 0);
}

/** Does a value end up inside a query's arguments, without being run on the way? */
function usedInQuery(ctx: QueryContext, node: Node, depth: number): boolean {
  if (depth > 8) return false;
  let current = node;
  for (let steps = 0; steps < 12; steps += 1) {
    const parent = parentOf(current);
    if (!parent) return false;
    switch (parent.type) {
      case AST_NODE_TYPES.Property:
        if (parent.value !== current) return false;
        break;
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test === current) return false;
        break;
      case AST_NODE_TYPES.BinaryExpression:
        // SQL text: `'id IN (' + sub.getQuery() + ')'`.
        if (parent.operator !== '+') return false;
        break;
      case AST_NODE_TYPES.ObjectExpression:
      case AST_NODE_TYPES.ArrayExpression:
      case AST_NODE_TYPES.SpreadElement:
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
        break;
      case AST_NODE_TYPES.CallExpression: {
        if (parent.callee === current || !parent.arguments.includes(current as TSESTree.CallExpressionArgument)) return false;
        if (chainQuery(ctx, parent) !== undefined || builderCallbackCall(ctx, parent)) return true;
        // An operator or SQL helper (`inArray(col, sub)`, `exists(sub)`) whose result goes on.
        break;
      }
      case AST_NODE_TYPES.VariableDeclarator: {
        // `const sub = knex('authors').select('id')`, then used only inside queries.
        if (parent.init !== current || parent.id.type !== AST_NODE_TYPES.Identifier || parentOf(parent)?.type !== AST_NODE_TYPES.VariableDeclaration) return false;
        const declaration = parentOf(parent);
        if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration || declaration.kind !== 'const') return false;
        const reads = ctx.variableOf(parent.id)?.references.filter((reference) => reference.isRead()) ?? [];
        return (
          reads.length > 0 &&
          reads.every((reference) => {
            // `sub` itself, or a chain on it (`sub.getQuery()`).
            const end = chainEnd(reference.identifier);
            return end !== undefined && usedInQuery(ctx, end, depth + 1);
          })
        );
      }
      default:
        return false;
    }
    current = parent;
  }
  return false;
}

/**
 * Is a call made inside a callback that a query hands its builder to
 * (`trx('books').where((qb) => qb.whereIn(...))`, Kysely `.where((eb) => eb(...))`)? Its chain
 * starts at that callback's parameter.
 */
function builderCallbackCall(ctx: QueryContext, call: TSESTree.CallExpression): boolean {
  let base: Node = call;
  while (base.type === AST_NODE_TYPES.CallExpression || base.type === AST_NODE_TYPES.MemberExpression) {
    base = unwrap(base.type === AST_NODE_TYPES.CallExpression ? base.callee : base.object);
  }
  let callback: Node | undefined;
  if (base.type === AST_NODE_TYPES.ThisExpression) {
    // Knex's `where(function () { this.whereIn(...) })`: the builder is `this`.
    callback = parentOf(base);
    while (callback && callback.type !== AST_NODE_TYPES.FunctionExpression && callback.type !== AST_NODE_TYPES.FunctionDeclaration) {
      callback = parentOf(callback);
    }
  } else if (base.type === AST_NODE_TYPES.Identifier) {
    const def = ctx.variableOf(base)?.defs[0];
    callback = def?.type === DefinitionType.Parameter && isFunction(def.node) ? def.node : undefined;
  }
  if (!callback) return false;
  const outer = parentOf(callback);
  return (
    outer?.type === AST_NODE_TYPES.CallExpression &&
    outer.arguments.includes(callback as TSESTree.CallExpressionArgument) &&
    chainQuery(ctx, outer) !== undefined
  );
}

/**
 * The last call of the chain a call starts (`db('t')` → `db('t').select('id').where(...)`), or
 * undefined when the chain runs its query itself (`.then()`, `.catch()`, `.finally()`).
 */
function chainEnd(node: Node): Node | undefined {
  let current = node;
  for (;;) {
    const parent = parentOf(current);
    if (parent?.type === AST_NODE_TYPES.ChainExpression || parent?.type === AST_NODE_TYPES.TSNonNullExpression) {
      current = parent;
      continue;
    }
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== current) return current;
    const call = parentOf(parent);
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent) return current;
    const method = propertyName(parent);
    if (method === 'then' || method === 'catch' || method === 'finally') return undefined;
    current = call;
  }
}

/**
 * Is a query chain bound to a transaction by a chained call (`knex('t').transacting(trx)`,
 * `Person.query().transacting(trx)`)?
 */
export function isBoundByChain(use: QueryUse): boolean {
  const specs = [use.receiverValue.spec, use.rootValue.spec];
  const bindMethods = new Set(specs.flatMap((spec) => spec.bindMethods ?? []));
  const builderCallbacks = Object.assign({}, ...specs.map((spec) => spec.builderCallbacks ?? {})) as Record<string, readonly string[]>;
  if (bindMethods.size === 0 && Object.keys(builderCallbacks).length === 0) return false;
  const binds = (call: TSESTree.CallExpression, method: string | undefined): boolean => {
    if (method === undefined) return false;
    if (bindMethods.has(method)) return true;
    const builderBinds = Object.hasOwn(builderCallbacks, method) ? builderCallbacks[method] : undefined;
    return builderBinds !== undefined && callbackBinds(call, builderBinds);
  };
  // Calls before the query in its chain (`User.query((qb) => qb.transacting(t)).fetch()`).
  for (let below = calleeObject(use.node); below; below = calleeObject(below)) {
    const callee = unwrap(below.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && binds(below, propertyName(callee))) return true;
  }
  let current: Node = use.node;
  for (;;) {
    const parent = parentOf(current);
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === current) {
      const call = parent.parent;
      if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent) return false;
      if (binds(call, propertyName(parent))) return true;
      current = call;
    } else if (parent?.type === AST_NODE_TYPES.ChainExpression || parent?.type === AST_NODE_TYPES.TSNonNullExpression) {
      current = parent;
    } else {
      return false;
    }
  }
}

/** The call a call is made on (`a.b()` in `a.b().c()`), if any. */
function calleeObject(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): TSESTree.CallExpression | undefined {
  if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = unwrap(node.callee);
  const object = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : undefined;
  return object?.type === AST_NODE_TYPES.CallExpression ? object : undefined;
}

/** Does a callback argument call one of these methods on the builder it receives (`(qb) => qb.transacting(t)`)? */
function callbackBinds(call: TSESTree.CallExpression, methods: readonly string[]): boolean {
  return call.arguments.some((argument) => {
    if (!isFunction(argument)) return false;
    const builder = argument.params[0];
    if (builder?.type !== AST_NODE_TYPES.Identifier) return false;
    return (
      findNode(argument.body, (node) => {
        if (node.type !== AST_NODE_TYPES.CallExpression) return false;
        const callee = unwrap(node.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
        const method = propertyName(callee);
        let base = unwrap(callee.object);
        while (base.type === AST_NODE_TYPES.CallExpression || base.type === AST_NODE_TYPES.MemberExpression) {
          base = unwrap(base.type === AST_NODE_TYPES.CallExpression ? base.callee : base.object);
        }
        return method !== undefined && methods.includes(method) && base.type === AST_NODE_TYPES.Identifier && base.name === builder.name;
      }) !== undefined
    );
  });
}

/** The deepest database object in a member chain. */
function chainRoot(
  receiver: Node,
  value: DbValue,
  resolve: (n: Node) => DbValue | undefined,
): { node: Node; value: DbValue } {
  let node = receiver;
  let current = value;
  for (;;) {
    if (node.type !== AST_NODE_TYPES.MemberExpression) return { node, value: current };
    const object = unwrap(node.object);
    const inner = resolve(object);
    if (!inner) return { node, value: current };
    node = object;
    current = inner;
  }
}

/** A chain starts at an identifier, `this`, or a member chain of those (no calls in between). */
function isChainStart(node: Node): boolean {
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
  return (
    current.type === AST_NODE_TYPES.Identifier ||
    current.type === AST_NODE_TYPES.ThisExpression ||
    // `(tx ?? this.prisma).user.count()`
    (current.type === AST_NODE_TYPES.LogicalExpression && (current.operator === '??' || current.operator === '||'))
  );
}

/** Methods that run a built query on a client passed to them (`execute` of Kysely's `sql`). */
let executingMethods: ReadonlySet<string> | undefined;
function executingMethodNames(): ReadonlySet<string> {
  executingMethods ??= new Set(
    Object.values(libraries).flatMap((catalog) => Object.values(catalog.kinds).flatMap((kind) => Object.keys(kind.executesOn ?? {}))),
  );
  return executingMethods;
}


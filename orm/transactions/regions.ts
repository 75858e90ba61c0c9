/**
 * Transactions begun by one call and ended by another in straight-line code
 * (`await client.query('BEGIN')` … `COMMIT`, `const trx = await knex.transaction()` …
 * `trx.commit()`): the begin call, the handle, and the source range the transaction covers.
 */
import { DefinitionType } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import type { LibraryId, RegionTransaction } from '../catalog/index.js';
import type { OriginContext } from '../origin/context.js';
import { findNode, isFunction, parentOf, propertyName, staticString, unwrap } from '../syntax.js';
import type { Node } from '../syntax.js';
import type { DbValue } from '../values.js';

/** A transaction begun by one call and ended by another. */
export interface BegunRegion {
  readonly form: 'region';
  readonly library: LibraryId;
  readonly owner: DbValue;
  readonly call: TSESTree.CallExpression;
  readonly receiver: Node;
  /** The statement holding the begin call. */
  readonly statement: TSESTree.Statement;
  /** The handle: the receiver itself (`self`) or the variable receiving the result. */
  readonly handle: TSESTree.Identifier | undefined;
  /** Identity of the handle object, to tell it from other objects. */
  readonly handleKey: string | undefined;
  /** Source range the transaction covers: after the begin statement up to the ending one. */
  readonly range: readonly [number, number];
  readonly spec: RegionTransaction;
}

/**
 * The transaction region a call begins, with the range it covers (uncached: the facade memoises
 * it per call).
 */
export function begunRegion(ctx: OriginContext, call: TSESTree.CallExpression): BegunRegion | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = propertyName(callee);
  if (method === undefined || call.arguments.some((arg) => isFunction(arg))) return undefined;
  let receiver = unwrap(callee.object);
  let owner: DbValue | undefined;
  let spec: RegionTransaction | undefined;
  const opener = ctx.chainedOpener(receiver, (value, innerMethod) =>
    value.spec.regions?.find((r) => r.begin === innerMethod && r.beginThen === method),
  );
  if (opener) {
    owner = opener.owner;
    spec = opener.found;
    receiver = unwrap(opener.receiver);
  }
  if (!spec) {
    const base = ctx.resolve(receiver);
    const found = base?.spec.regions?.find((r) => {
      if (r.begin !== method || r.beginThen) return false;
      if (!r.beginSql) return true;
      const sql = sqlText(call.arguments[0], r.sqlProperty);
      // `BEGIN; ...; COMMIT` sent in one call is a whole transaction, not the start of one.
      return sql !== undefined && r.beginSql.test(sql) && !endsInSameCall(sql, r);
    });
    if (!base || !found) return undefined;
    owner = base;
    spec = found;
  }
  if (!owner) return undefined;
  // Only straight-line code: the begin call must be awaited as a statement of a block.
  const awaited = parentOf(call);
  if (awaited?.type !== AST_NODE_TYPES.AwaitExpression) return undefined;
  const statement = parentOf(awaited);
  let handle: TSESTree.Identifier | undefined;
  let holder: Node | undefined = statement;
  if (spec.handle === 'result') {
    if (statement?.type === AST_NODE_TYPES.VariableDeclarator && statement.id.type === AST_NODE_TYPES.Identifier) {
      // const trx = await knex.transaction();
      handle = statement.id;
      holder = parentOf(statement);
    } else if (
      statement?.type === AST_NODE_TYPES.AssignmentExpression &&
      statement.operator === '=' &&
      statement.left.type === AST_NODE_TYPES.Identifier
    ) {
      // let t; try { t = await sequelize.transaction(); ... }
      handle = statement.left;
      holder = parentOf(statement);
    } else {
      return undefined;
    }
  }
  if (holder?.type !== AST_NODE_TYPES.ExpressionStatement && holder?.type !== AST_NODE_TYPES.VariableDeclaration) {
    return undefined;
  }
  const block = parentOf(holder);
  if (
    block?.type !== AST_NODE_TYPES.BlockStatement &&
    block?.type !== AST_NODE_TYPES.Program &&
    block?.type !== AST_NODE_TYPES.StaticBlock
  ) {
    return undefined;
  }
  const handleKey = spec.handle === 'self' ? ctx.identityKey(receiver) : handle ? ctx.identityKey(handle) : undefined;
  if (spec.handle === 'self' && receiver.type === AST_NODE_TYPES.Identifier) handle = receiver;
  // The region runs from the begin statement to the first commit or rollback on the handle that
  // follows it, in this block or in a statement after it (`try { ... await t.commit() } catch
  // { await t.rollback() }`), or to the end of the block.
  const body = block.body as TSESTree.Statement[];
  const index = body.indexOf(holder);
  let endCall: Node | undefined;
  if (handleKey !== undefined) {
    for (const candidate of body.slice(index + 1)) {
      endCall = regionEndIn(ctx, candidate, spec, handleKey);
      if (endCall) break;
    }
  }
  return {
    form: 'region',
    library: owner.library,
    owner,
    call,
    receiver,
    statement: holder,
    handle,
    handleKey,
    range: [holder.range[1], endCall ? endCall.range[0] : block.range[1]],
    spec,
  };
}

/**
 * Where a statement ends the region in straight-line code: the first commit or rollback in it,
 * except in a branch that leaves early (`if (!stock) { await client.query('ROLLBACK'); return;
 * }`), after which the transaction goes on; and in `try { ... } catch { rollback }` only the
 * `try` block counts.
 */
function regionEndIn(ctx: OriginContext, statement: TSESTree.Statement, spec: RegionTransaction, handleKey: string): Node | undefined {
  switch (statement.type) {
    case AST_NODE_TYPES.TryStatement:
      for (const inner of statement.block.body) {
        const end = regionEndIn(ctx, inner, spec, handleKey);
        if (end) return end;
      }
      return undefined;
    case AST_NODE_TYPES.BlockStatement:
      for (const inner of statement.body) {
        const end = regionEndIn(ctx, inner, spec, handleKey);
        if (end) return end;
      }
      return undefined;
    case AST_NODE_TYPES.IfStatement: {
      const inThen = regionEnd(ctx, statement.consequent, spec, handleKey);
      const inElse = statement.alternate ? regionEnd(ctx, statement.alternate, spec, handleKey) : undefined;
      if (inThen && !inElse && leavesEarly(statement.consequent)) return undefined;
      if (inElse && !inThen && statement.alternate && leavesEarly(statement.alternate)) return undefined;
      return inThen ?? inElse;
    }
    default:
      return regionEnd(ctx, statement, spec, handleKey);
  }
}

/** The first call in a statement that ends a region on the handle. */
function regionEnd(ctx: OriginContext, statement: Node, spec: RegionTransaction, handleKey: string): Node | undefined {
  return findNode(
    statement,
    (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = unwrap(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const method = propertyName(callee);
      if (method === undefined || !spec.end.includes(method)) return false;
      if (spec.endSql) {
        const sql = sqlText(node.arguments[0], spec.sqlProperty);
        if (sql === undefined || !spec.endSql.test(sql)) return false;
      }
      return ctx.identityKey(unwrap(callee.object)) === handleKey;
    },
    true,
  );
}

/**
 * Is an expression the region's handle, or an object reached from it: `queryRunner.manager`,
 * `queryRunner.manager.getRepository(User)`, or a `const` holding one?
 */
export function reachesRegionHandle(ctx: OriginContext, node: Node, handleKey: string, depth = 4): boolean {
  const target = unwrap(node);
  const key = ctx.identityKey(target);
  if (key !== undefined && (key === handleKey || key.startsWith(`${handleKey}.`))) return true;
  if (depth <= 0) return false;
  switch (target.type) {
    case AST_NODE_TYPES.AwaitExpression:
      return reachesRegionHandle(ctx, target.argument, handleKey, depth);
    case AST_NODE_TYPES.MemberExpression:
      return reachesRegionHandle(ctx, target.object, handleKey, depth - 1);
    case AST_NODE_TYPES.CallExpression: {
      // A method that makes an object bound to its receiver's connection (`getRepository`).
      const callee = unwrap(target.callee);
      const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
      if (callee.type !== AST_NODE_TYPES.MemberExpression || method === undefined) return false;
      const receiver = ctx.resolve(callee.object);
      return receiver?.spec.methods?.[method] !== undefined && reachesRegionHandle(ctx, callee.object, handleKey, depth - 1);
    }
    case AST_NODE_TYPES.Identifier: {
      // `const repo = queryRunner.manager.getRepository(User)`, `const { manager } = queryRunner`.
      const def = ctx.variableOf(target)?.defs[0];
      if (def?.type !== DefinitionType.Variable || def.parent.kind !== 'const' || !def.node.init) return false;
      return reachesRegionHandle(ctx, def.node.init, handleKey, depth - 1);
    }
    default:
      return false;
  }
}

/**
 * The SQL a query argument sends, as far as the start of each statement can be read: a string, a
 * template literal (its expressions stand for values), or a query config object's SQL property.
 */
export function sqlText(node: Node | undefined, property: string | undefined): string | undefined {
  if (!node) return undefined;
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.TemplateLiteral) {
    const parts = target.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw);
    return parts.join('?');
  }
  if (target.type === AST_NODE_TYPES.ObjectExpression && property !== undefined) {
    for (const prop of target.properties) {
      if (prop.type !== AST_NODE_TYPES.Property || prop.computed) continue;
      const key = prop.key.type === AST_NODE_TYPES.Identifier ? prop.key.name : staticString(prop.key);
      if (key === property) return sqlText(prop.value, undefined);
    }
    return undefined;
  }
  return staticString(target);
}

/** Does SQL that begins a transaction also end it, later in the same string? */
function endsInSameCall(sql: string, spec: RegionTransaction): boolean {
  const endSql = spec.endSql;
  return endSql !== undefined && sql.split(';').slice(1).some((statement) => endSql.test(statement));
}

/** Does a branch end by leaving the function or loop (`return`, `throw`, `continue`, `break`)? */
function leavesEarly(statement: TSESTree.Statement): boolean {
  const last = statement.type === AST_NODE_TYPES.BlockStatement ? statement.body.at(-1) : statement;
  return (
    last?.type === AST_NODE_TYPES.ReturnStatement ||
    last?.type === AST_NODE_TYPES.ThrowStatement ||
    last?.type === AST_NODE_TYPES.ContinueStatement ||
    last?.type === AST_NODE_TYPES.BreakStatement
  );
}

/**
 * Which calls open a library transaction, as the catalog describes them, and so where a
 * transaction handle comes from: the parameter of the callback (`prisma.$transaction(async (tx)
 * => ...)`, Kysely `db.transaction().execute(cb)`).
 */
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import type { CallbackTransaction } from '../catalog/index.js';
import { isFunction, parentOf, propertyName, unwrap } from '../syntax.js';
import type { FunctionNode, Node } from '../syntax.js';
import type { DbValue } from '../values.js';
import type { OpenedTransaction, OriginContext, TransactionOpener } from './context.js';

/** The transaction a call opens with a callback (uncached: the facade memoises it per call). */
export function openedTransaction(ctx: OriginContext, call: TSESTree.CallExpression): OpenedTransaction | undefined {
  const callback = callbackArgument(call);
  if (!callback) return undefined;
  const opener = transactionOpener(ctx, call);
  if (!opener) return undefined;
  const { owner, receiver, spec } = opener;
  const handleParam = spec.handleParam >= 0 ? callback.params[spec.handleParam] : undefined;
  return {
    form: 'callback',
    library: owner.library,
    owner,
    call,
    receiver,
    callback,
    handle: handleParam?.type === AST_NODE_TYPES.Identifier ? handleParam : undefined,
    spec,
  };
}

/** The transaction a function is the callback of, if any. */
export function transactionOfCallback(ctx: OriginContext, fn: FunctionNode): OpenedTransaction | undefined {
  const call = parentOf(fn);
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
    return undefined;
  }
  const opened = ctx.openedTransaction(call);
  return opened?.callback === fn ? opened : undefined;
}

/** The library transaction a call opens, whatever its callback argument is. */
export function transactionOpener(ctx: OriginContext, call: TSESTree.CallExpression): TransactionOpener | undefined {
  const callee = unwrap(call.callee);
  let owner: DbValue | undefined;
  let receiver: Node | undefined;
  let spec: CallbackTransaction | undefined;
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = propertyName(callee);
    const object = unwrap(callee.object);
    if (method === undefined) return undefined;
    // `db.transaction().execute(cb)`, also with settings in between
    // (`db.transaction().setIsolationLevel('serializable').execute(cb)`).
    const opener = chainedOpener(ctx, object, (value, innerMethod) =>
      value.spec.transactions?.find((t) => t.method === innerMethod && t.then === method),
    );
    if (opener) {
      owner = opener.owner;
      receiver = opener.receiver;
      spec = opener.found;
    }
    if (!spec) {
      const base = ctx.resolve(object);
      const found = base?.spec.transactions?.find((t) => t.method === method && !t.then);
      if (base && found) {
        owner = base;
        receiver = object;
        spec = found;
      }
    }
  } else {
    const base = ctx.resolve(callee);
    const found = base?.spec.transactions?.find((t) => t.method === undefined);
    if (base && found) {
      owner = base;
      receiver = callee;
      spec = found;
    }
  }
  if (!owner || !spec || !receiver) return undefined;
  return { owner, receiver, spec };
}

/**
 * For `x.open().setting().then(...)`: walks down the calls below `then` to the first one whose
 * receiver is a database object and whose method `match` accepts.
 */
export function chainedOpener<T>(
  ctx: OriginContext,
  start: Node,
  match: (value: DbValue, method: string | undefined) => T | undefined,
): { owner: DbValue; receiver: Node; found: T } | undefined {
  let current = unwrap(start);
  for (let depth = 0; depth < 4; depth += 1) {
    if (current.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = unwrap(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const inner = ctx.resolve(callee.object);
    const found = inner ? match(inner, propertyName(callee)) : undefined;
    if (inner && found) return { owner: inner, receiver: callee.object, found };
    current = unwrap(callee.object);
  }
  return undefined;
}

/**
 * The function argument of a call, written inline. (A function passed by name runs elsewhere in
 * the file, where the traversal has already been: it is not treated as a transaction body.)
 */
function callbackArgument(call: TSESTree.CallExpression): FunctionNode | undefined {
  for (const arg of call.arguments) {
    if (isFunction(arg)) return arg;
  }
  return undefined;
}

/**
 * Which calls open a library transaction, as the catalog describes them, and so where a
 * transaction handle comes from: the parameter of the callback (`prisma.$transaction(async (tx)
 * => ...)`, Kysely `db.transaction().execute(cb)`).
 */
import { DefinitionType } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import type { CallbackTransaction } from '../catalog/index.js';
import { mayOpenCallbackTransaction } from '../gates.js';
import { isFunction, parentOf, propertyName, unwrap } from '../syntax.js';
import type { FunctionNode, Node } from '../syntax.js';
import type { DbValue } from '../values.js';
import type { OpenedTransaction, OriginContext, TransactionOpener } from './context.js';

/** The transaction a call opens with a callback (uncached: the facade memoises it per call). */
export function openedTransaction(ctx: OriginContext, call: TSESTree.CallExpression): OpenedTransaction | undefined {
  const callback = callbackArgument(ctx, call);
  if (!callback) return undefined;
  const opener = transactionOpener(ctx, call);
  if (!opener) return undefined;
  const { owner, receiver, spec } = opener;
  const declared = spec.handleParam >= 0 ? callback.params[spec.handleParam] : undefined;
  const handleParam = declared?.type === AST_NODE_TYPES.AssignmentPattern ? declared.left : declared;
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

/** The transaction a function is the callback of, if any: passed inline, or by name. */
export function transactionOfCallback(ctx: OriginContext, fn: FunctionNode): OpenedTransaction | undefined {
  const parent = parentOf(fn);
  let call: Node | undefined;
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
    call = parent;
  } else {
    const use = soleUse(ctx, fn);
    call = use ? parentOf(use) : undefined;
    if (call?.type === AST_NODE_TYPES.CallExpression && !mayOpenCallbackTransaction(call, ctx.env.libraries)) return undefined;
  }
  if (call?.type !== AST_NODE_TYPES.CallExpression) return undefined;
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
 * The function argument of a call: written inline, or a function of this module passed by name
 * (`const work = async (tx) => ...; await prisma.$transaction(work)`) when that call is the only
 * place it is used, so that its body runs only as this callback.
 */
function callbackArgument(ctx: OriginContext, call: TSESTree.CallExpression): FunctionNode | undefined {
  for (const arg of call.arguments) {
    if (isFunction(arg)) return arg;
  }
  if (call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  for (const arg of call.arguments) {
    if (arg.type !== AST_NODE_TYPES.Identifier) continue;
    const fn = namedFunction(ctx, arg);
    if (fn && soleUse(ctx, fn) === arg) return fn;
  }
  return undefined;
}

/** The function of this module a name is bound to (a declaration, or a const arrow or function). */
function namedFunction(ctx: OriginContext, id: TSESTree.Identifier): FunctionNode | undefined {
  const def = ctx.variableOf(id)?.defs[0];
  if (def?.type === DefinitionType.FunctionName && def.node.type === AST_NODE_TYPES.FunctionDeclaration) return def.node;
  if (def?.type === DefinitionType.Variable && def.node.id === def.name && def.parent.kind === 'const' && isFunction(def.node.init)) {
    return def.node.init;
  }
  return undefined;
}

/** The one place a named function is used (read), if it is used exactly once. */
function soleUse(ctx: OriginContext, fn: FunctionNode): TSESTree.Identifier | undefined {
  // The declaring node, whose variable the scope analysis maps directly (no scope walk).
  let declaring: Node | undefined;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) declaring = fn.id ? fn : undefined;
  else {
    const declarator = parentOf(fn);
    if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init === fn && declarator.id.type === AST_NODE_TYPES.Identifier) {
      declaring = declarator;
    }
  }
  if (!declaring) return undefined;
  const variable = ctx.module.scopeManager.getDeclaredVariables(declaring)[0];
  let only: TSESTree.Identifier | TSESTree.JSXIdentifier | undefined;
  for (const reference of variable?.references ?? []) {
    if (!reference.isRead()) continue;
    if (only) return undefined;
    only = reference.identifier;
  }
  return only?.type === AST_NODE_TYPES.Identifier ? only : undefined;
}

/**
 * Project functions that run their callback inside a library transaction
 * (`withTransaction(cb) { return this.knex.transaction((trx) => cb(trx)) }`), directly or through
 * another such wrapper: called with an inline callback, that callback is a transaction body.
 */
import { DefinitionType } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import type { CallbackTransaction, LibraryId } from '../catalog/index.js';
import { mayOpenCallbackTransaction } from '../gates.js';
import type { OriginContext, ProjectFunction } from '../origin/context.js';
import { findNode, isFunction, unwrap } from '../syntax.js';
import type { FunctionNode, Node } from '../syntax.js';
import type { DbValue } from '../values.js';

/** Which parameter of a project function it runs inside a library transaction. */
export interface TransactionWrapper {
  readonly parameter: number;
  readonly owner: DbValue;
  readonly spec: CallbackTransaction;
}

/** A call of a wrapper with an inline callback: the transaction that callback runs in. */
export interface WrappedTransaction {
  readonly library: LibraryId;
  readonly owner: DbValue;
  readonly callback: FunctionNode;
  readonly spec: CallbackTransaction;
}

/** What the wrapper question asks beyond the origin ones. */
export interface WrapperContext extends OriginContext {
  /** {@link transactionWrapper}, memoised per function. */
  transactionWrapper(fn: FunctionNode, depth: number): TransactionWrapper | undefined;
  localFunction(callee: Node): ProjectFunction<WrapperContext> | undefined;
  projectMethod(callee: Node): ProjectFunction<WrapperContext> | undefined;
}

/**
 * The transaction a call of a project wrapper runs its inline callback in. How the project binds
 * its queries to the transaction is its own (a wrapper object, a swapped client,
 * AsyncLocalStorage), so only what does not depend on that is checked there.
 */
export function wrappedTransaction(ctx: WrapperContext, call: TSESTree.CallExpression): WrappedTransaction | undefined {
  if (!call.arguments.some((arg) => isFunction(arg))) return undefined;
  const helper = ctx.localFunction(call.callee) ?? ctx.projectMethod(call.callee);
  if (!helper) return undefined;
  const wrapper = helper.resolver.transactionWrapper(helper.fn, 2);
  const callback = wrapper ? call.arguments[wrapper.parameter] : undefined;
  if (!wrapper || !isFunction(callback)) return undefined;
  return { library: wrapper.owner.library, owner: wrapper.owner, callback, spec: wrapper.spec };
}

/**
 * Which parameter of a function it runs inside a library transaction, if any (uncached: the
 * facade memoises it per function).
 */
export function transactionWrapper(ctx: WrapperContext, fn: FunctionNode, depth: number): TransactionWrapper | undefined {
  const parameterIndex = (node: Node): number => {
    const target = unwrap(node);
    if (target.type !== AST_NODE_TYPES.Identifier) return -1;
    const def = ctx.variableOf(target)?.defs[0];
    return def?.type === DefinitionType.Parameter && def.node === fn
      ? fn.params.findIndex((p) => p.type === AST_NODE_TYPES.Identifier && p.name === target.name)
      : -1;
  };
  let found: TransactionWrapper | undefined;
  findNode(
    fn.body,
    (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      // Only calls that pass the gate can open one (most calls in a function body do not).
      const opener = mayOpenCallbackTransaction(node, ctx.env.libraries) ? ctx.transactionOpener(node) : undefined;
      // A wrapper reached through another is handed the callback: a parameter or a function.
      const forwards = node.arguments.some((arg) => isFunction(arg) || arg.type === AST_NODE_TYPES.Identifier);
      const inner = opener || !forwards || depth <= 0 ? undefined : wrapperOfCall(ctx, node, depth - 1);
      const owner = opener?.owner ?? inner?.owner;
      const spec = opener?.spec ?? inner?.spec;
      if (!owner || !spec) return false;
      for (const arg of node.arguments) {
        // `knex.transaction(cb)` or `knex.transaction((trx) => cb(trx))`
        let parameter = parameterIndex(arg);
        if (parameter < 0 && isFunction(arg)) {
          findNode(arg.body, (inside) => {
            if (inside.type === AST_NODE_TYPES.CallExpression) parameter = parameterIndex(inside.callee);
            return parameter >= 0;
          });
        }
        if (parameter >= 0) {
          found = { parameter, owner, spec };
          return true;
        }
      }
      return false;
    },
    true,
  );
  return found;
}

function wrapperOfCall(ctx: WrapperContext, call: TSESTree.CallExpression, depth: number): TransactionWrapper | undefined {
  const helper = ctx.localFunction(call.callee) ?? ctx.projectMethod(call.callee);
  return helper ? helper.resolver.transactionWrapper(helper.fn, depth) : undefined;
}

/**
 * What calling a project function does, as far as transactions care: the queries it makes through
 * database objects it closes over (not through its parameters), and the first non-database I/O it
 * starts, following the project functions it calls a few levels deep.
 */
import { DefinitionType } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { IoContext } from './io.js';
import type { ProjectFunction } from './origin/context.js';
import type { QueryContext, QueryUse } from './queries.js';
import { containsNode, unwrap, walk } from './syntax.js';
import type { FunctionNode, Node } from './syntax.js';
import type { IoValue } from './values.js';

/** What running a function does, as far as transactions care. */
export interface FunctionEffects {
  /** Queries through database objects that the function reaches by closure (not by parameter). */
  readonly closureQueries: readonly QueryUse[];
  /** The first non-database I/O it starts, if any. */
  readonly io: { readonly node: Node; readonly value: IoValue } | undefined;
  /** Queries through a parameter of the function itself (`audit(db, what)` → `db.audit.create()`). */
  readonly parameterQueries: readonly { readonly parameter: number; readonly use: QueryUse }[];
}

/** What the effects question asks beyond the query and I/O ones. */
export interface EffectsContext extends QueryContext, IoContext {
  /** {@link functionEffects}, memoised per function. */
  functionEffects(fn: FunctionNode, depth?: number): FunctionEffects;
  localFunction(callee: Node): ProjectFunction<EffectsContext> | undefined;
  projectMethod(callee: Node): ProjectFunction<EffectsContext> | undefined;
}

/** The effects of a function of this module (uncached: the facade memoises them). */
export function functionEffects(ctx: EffectsContext, fn: FunctionNode, depth: number): FunctionEffects {
  const closureQueries: QueryUse[] = [];
  const parameterQueries: { parameter: number; use: QueryUse }[] = [];
  let firstIo: FunctionEffects['io'];
  walk(fn.body, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.TaggedTemplateExpression) {
      const use = ctx.queryUse(node);
      if (use && ctx.embeddedInQuery(use)) {
        // A subquery or raw fragment is part of the query around it, which is judged instead.
      } else if (use && !use.receiverValue.viaHandle && !isParameterOf(ctx, use.root, fn)) closureQueries.push(use);
      else if (use) {
        const fallback = fallbackUse(ctx, use, fn);
        if (fallback) closureQueries.push(fallback);
        const parameter = parameterIndex(ctx, use.root, fn);
        if (parameter >= 0) parameterQueries.push({ parameter, use });
      }
      if (!use && !firstIo && node.type === AST_NODE_TYPES.CallExpression) {
        const value = ctx.resolveIo(node.callee);
        if (value) firstIo = { node, value };
        else if (depth > 0) {
          const helper = ctx.localFunction(node.callee);
          if (helper && helper.fn !== fn) {
            const inner = helper.resolver.functionEffects(helper.fn, depth - 1);
            if (inner.io) firstIo = { node, value: inner.io.value };
          }
        }
      }
    } else if (node.type === AST_NODE_TYPES.NewExpression && !firstIo) {
      const value = ctx.resolveIo(node);
      if (value) firstIo = { node, value };
    }
    return true;
  });
  return { closureQueries, io: firstIo, parameterQueries };
}

/** Which parameter of the function itself a chain starts at (`db` in `db.user.count()`), or -1. */
function parameterIndex(ctx: EffectsContext, root: Node, fn: FunctionNode): number {
  let base = unwrap(root);
  while (base.type === AST_NODE_TYPES.MemberExpression) base = unwrap(base.object);
  if (base.type !== AST_NODE_TYPES.Identifier) return -1;
  const def = ctx.variableOf(base)?.defs[0];
  if (def?.type !== DefinitionType.Parameter || def.node !== fn) return -1;
  return fn.params.findIndex((p) => p === def.name || (p.type === AST_NODE_TYPES.AssignmentPattern && p.left === def.name));
}

/**
 * A helper with an optional handle parameter that falls back to the outer client:
 * `(tx ?? this.prisma).user.count()`, or `db: Prisma.TransactionClient = prisma` as a default.
 * The outer client is used whenever a caller leaves that parameter out.
 */
function fallbackUse(ctx: EffectsContext, use: QueryUse, fn: FunctionNode): QueryUse | undefined {
  const root = unwrap(use.root);
  let parameterName: Node | undefined;
  let fallback: Node | undefined;
  if (root.type === AST_NODE_TYPES.LogicalExpression && root.left.type === AST_NODE_TYPES.Identifier) {
    parameterName = root.left;
    fallback = root.right;
  } else if (root.type === AST_NODE_TYPES.Identifier) {
    parameterName = root;
  }
  if (parameterName?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = ctx.variableOf(parameterName)?.defs[0];
  if (def?.type !== DefinitionType.Parameter || def.node !== fn) return undefined;
  const parameter = fn.params.findIndex((p) => containsNode(p, def.name));
  const declared = fn.params[parameter];
  if (!fallback && declared?.type === AST_NODE_TYPES.AssignmentPattern && declared.left === def.name) fallback = declared.right;
  const outer = fallback ? ctx.resolve(fallback) : undefined;
  if (parameter < 0 || !fallback || !outer || outer.viaHandle) return undefined;
  return {
    ...use,
    root: fallback,
    rootValue: outer,
    receiverValue: { ...use.receiverValue, viaHandle: false },
    fallbackParameter: parameter,
    fallbackOnNull: root.type === AST_NODE_TYPES.LogicalExpression,
  };
}

/** Is the root of a chain a parameter of the function (or of a function nested in it)? */
function isParameterOf(ctx: EffectsContext, root: Node, fn: FunctionNode): boolean {
  let base = unwrap(root);
  while (base.type === AST_NODE_TYPES.MemberExpression) base = unwrap(base.object);
  if (base.type !== AST_NODE_TYPES.Identifier) return false;
  const def = ctx.variableOf(base)?.defs[0];
  return def?.type === DefinitionType.Parameter && def.node.range[0] >= fn.range[0] && def.node.range[1] <= fn.range[1];
}

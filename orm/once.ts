/**
 * Which code runs at most once per process although it sits in code that runs per request: a
 * value or a flag cached in a module variable or a property (`cache ??= read()`,
 * `if (!loaded) { …; loaded = true; }`, `if (cache) return cache;`). Syntax and scopes only.
 */
import { ScopeType } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import type { OriginContext } from './origin/context.js';
import { isFunction, unwrap, walk } from './syntax.js';
import type { Node } from './syntax.js';

/**
 * Is a node evaluated at most once per process, its result or a flag kept in a module variable
 * or an object's property: `cache ??= read()`, `if (!cache) cache = read()`,
 * `if (!loaded) { init(read()); loaded = true; }`, `return cache ?? (cache = read())`, or after
 * `if (cache) return cache;` in a function that fills `cache`?
 */
export function runsOnceCached(ctx: OriginContext, node: Node): boolean {
  let child: Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (isFunction(current)) return current.body.type === AST_NODE_TYPES.BlockStatement && afterMemoReturn(ctx, current.body, child);
    if (current.type === AST_NODE_TYPES.AssignmentExpression && current.right === child && isCacheTarget(ctx, current.left)) {
      if (current.operator === '??=' || current.operator === '||=') return true;
    }
    if (current.type === AST_NODE_TYPES.IfStatement && current.consequent === child) {
      const unset = unsetTarget(ctx, current.test);
      if (unset && assigns(ctx, current.consequent, unset)) return true;
    }
    if (current.type === AST_NODE_TYPES.LogicalExpression && current.right === child && current.operator !== '&&') {
      const target = ctx.textOf(unwrap(current.left));
      if (target !== undefined && isCacheTarget(ctx, unwrap(current.left)) && assigns(ctx, current.right, target)) return true;
    }
    if (current.type === AST_NODE_TYPES.ConditionalExpression && current.alternate === child) {
      const target = ctx.textOf(unwrap(current.test));
      if (target !== undefined && isCacheTarget(ctx, unwrap(current.test)) && assigns(ctx, current.alternate, target)) return true;
    }
  }
  return false;
}

/** A module-level variable or a property: it outlives the call that fills it. */
function isCacheTarget(ctx: OriginContext, target: Node): boolean {
  if (target.type === AST_NODE_TYPES.MemberExpression) return true;
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  const scope = ctx.variableOf(target)?.scope.type;
  return scope === ScopeType.module || scope === ScopeType.global;
}

/** `!cache`, `cache == null`, `cache === undefined`: the text of the cache target tested as unset. */
function unsetTarget(ctx: OriginContext, test: Node): string | undefined {
  const node = unwrap(test);
  let target: Node | undefined;
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') target = unwrap(node.argument);
  else if (node.type === AST_NODE_TYPES.BinaryExpression && (node.operator === '===' || node.operator === '==')) {
    target = isNullish(node.right) ? unwrap(node.left) : isNullish(node.left) ? unwrap(node.right) : undefined;
  }
  return target && isCacheTarget(ctx, target) ? ctx.textOf(target) : undefined;
}

function isNullish(node: Node): boolean {
  return (node.type === AST_NODE_TYPES.Literal && node.value === null) || (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined');
}

/** Does a node assign to the target (by its text), outside nested functions? */
function assigns(ctx: OriginContext, root: Node, target: string): boolean {
  let found = false;
  walk(root, (inner) => {
    if (found || isFunction(inner)) return false;
    if (inner.type === AST_NODE_TYPES.AssignmentExpression && ctx.textOf(unwrap(inner.left)) === target) found = true;
    return !found;
  });
  return found;
}

/** Is `statement` after an `if (cache) return …;` at the top of a function body that fills `cache`? */
function afterMemoReturn(ctx: OriginContext, body: TSESTree.BlockStatement, statement: Node): boolean {
  for (const earlier of body.body) {
    if (earlier === statement) return false;
    if (earlier.type !== AST_NODE_TYPES.IfStatement || earlier.alternate) continue;
    const exits = earlier.consequent.type === AST_NODE_TYPES.ReturnStatement || (earlier.consequent.type === AST_NODE_TYPES.BlockStatement && earlier.consequent.body.at(-1)?.type === AST_NODE_TYPES.ReturnStatement);
    if (!exits) continue;
    const test = unwrap(earlier.test);
    const tested = test.type === AST_NODE_TYPES.BinaryExpression && (test.operator === '!==' || test.operator === '!=') ? unwrap(isNullish(test.right) ? test.left : test.right) : test;
    const target = isCacheTarget(ctx, tested) ? ctx.textOf(tested) : undefined;
    if (target !== undefined && assigns(ctx, body, target)) return true;
  }
  return false;
}

/**
 * Which variable a name refers to, and which object an expression names: the scope questions,
 * answered from the module's scope analysis alone.
 */
import { ScopeType } from '@typescript-eslint/scope-manager';
import type { Scope, ScopeManager, ScopeVariable } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import { enclosingClass, propertyName, unwrap } from '../syntax.js';
import type { Node } from '../syntax.js';

/** Innermost scope holding a node. */
export function scopeOf(scopeManager: ScopeManager, node: Node): Scope {
  let current: Node | undefined = node;
  while (current) {
    const scope = scopeManager.acquire(current, true);
    if (scope) {
      // A function's own scope holds its parameters and body; its name belongs outside.
      return scope.type === ScopeType.functionExpressionName ? (scope.childScopes[0] ?? scope) : scope;
    }
    current = current.parent;
  }
  return scopeManager.globalScope as Scope;
}

/** The variable an identifier refers to, or undefined for globals and unknown names. */
export function variableOf(
  scopeManager: ScopeManager,
  id: TSESTree.Identifier | TSESTree.JSXIdentifier,
): ScopeVariable | undefined {
  let scope: Scope | null = scopeOf(scopeManager, id);
  while (scope) {
    const found = scope.set.get(id.name);
    if (found) return found;
    scope = scope.upper;
  }
  return undefined;
}

/** True when a global name (fetch, setTimeout) is not shadowed at a node. */
export function isGlobal(scopeManager: ScopeManager, id: TSESTree.Identifier): boolean {
  const variable = variableOf(scopeManager, id);
  return !variable || variable.defs.length === 0;
}

/**
 * A key naming the object an expression refers to: the variable for identifiers, the class field
 * for `this.x`, the source text otherwise.
 */
export function identityKey(scopeManager: ScopeManager, node: Node): string | undefined {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(scopeManager, target);
    const def = variable?.defs[0];
    return def ? `var:${String(def.name.range[0])}` : `global:${target.name}`;
  }
  if (target.type === AST_NODE_TYPES.MemberExpression && unwrap(target.object).type === AST_NODE_TYPES.ThisExpression) {
    const cls = enclosingClass(target);
    const name = propertyName(target);
    return cls && name !== undefined ? `this:${String(cls.cls.range[0])}.${name}` : undefined;
  }
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    const object = identityKey(scopeManager, target.object);
    const name = propertyName(target);
    return object && name !== undefined ? `${object}.${name}` : undefined;
  }
  return undefined;
}

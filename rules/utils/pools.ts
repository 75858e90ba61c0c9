import { DefinitionType } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import { poolCalleeNames } from '../../orm/gates.js';
import type { Construction, PoolConstruction } from '../../orm/pools/options.js';
import type { Resolver } from '../../orm/resolver.js';
import { propertyName, requireSource, unwrap } from '../../orm/syntax.js';

/**
 * The pool or client a call or `new` makes, asked only of calls that pass a syntactic gate: a
 * callee named like a catalogued constructor or static method, an imported or required binding,
 * or `require('x')(...)` itself.
 */
export function constructionAt(resolver: Resolver, node: Construction): PoolConstruction | undefined {
  const callee = unwrap(node.callee);
  const names = poolCalleeNames(resolver.env.libraries);
  let candidate = false;
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(callee);
    candidate = name !== undefined && names.has(name);
  } else if (callee.type === AST_NODE_TYPES.Identifier) {
    candidate = names.has(callee.name) || isImported(resolver, callee);
  } else {
    candidate = requireSource(callee) !== undefined;
  }
  return candidate ? resolver.poolConstruction(node) : undefined;
}

function isImported(resolver: Resolver, id: TSESTree.Identifier): boolean {
  const def = resolver.variableOf(id)?.defs[0];
  if (!def) return false;
  if (def.type === DefinitionType.ImportBinding) return true;
  if (def.type !== DefinitionType.Variable || !def.node.init) return false;
  // A `require`, or an alias of another name (`const P = pg.Pool`).
  const init = unwrap(def.node.init);
  return requireSource(init) !== undefined || init.type === AST_NODE_TYPES.MemberExpression || init.type === AST_NODE_TYPES.Identifier;
}

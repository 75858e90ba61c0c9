/**
 * Libraries that join queries on the outer client to the active transaction by themselves, once
 * switched on (Sequelize `Sequelize.useCLS(namespace)`).
 */
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { LibraryId } from '../catalog/index.js';
import type { OriginContext } from '../origin/context.js';
import { propertyName, unwrap } from '../syntax.js';

/** Does the module, at its top level, call a library's propagation switch (`Sequelize.useCLS`)? */
export function callsPropagationSwitch(ctx: OriginContext, library: LibraryId): boolean {
  for (const statement of ctx.module.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
    const expr = unwrap(statement.expression);
    if (expr.type !== AST_NODE_TYPES.CallExpression) continue;
    const callee = unwrap(expr.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    const value = ctx.resolve(callee.object);
    if (value?.library === library && value.spec.propagationSwitch === propertyName(callee)) return true;
  }
  return false;
}

/**
 * What object literals hold: a client stored as a property (`export const r = { knex }`), helpers
 * written as methods (`const vendorApi = { async createAsset(a) { ... } }`), and objects made by
 * project factories (`const repo = makeRepo(db)` where `makeRepo` returns `{ bump(id) { ... } }`),
 * whose methods see the factory's parameters bound to the call's arguments.
 */
import { DefinitionType } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import { firstReturned, isFunction, propertyName, staticString, unwrap } from '../syntax.js';
import type { Node } from '../syntax.js';
import type { DbValue } from '../values.js';
import type { OriginContext, ProjectFunction } from './context.js';

/** An object literal, with the context its values resolve in. */
interface ObjectLiteral<C> {
  readonly resolver: C;
  readonly object: TSESTree.ObjectExpression;
}

/**
 * The object literal an expression stands for: written inline, held by a `const`, exported by a
 * project module, nested in another one (`deps.db`), or, when `viaFactories`, returned by a
 * project function (its parameters bound to the call's arguments).
 */
export function objectLiteralOf(
  ctx: OriginContext,
  node: Node,
  viaFactories: boolean,
  depth = 4,
): ObjectLiteral<OriginContext> | undefined {
  if (depth <= 0) return undefined;
  const target = unwrap(node);
  switch (target.type) {
    case AST_NODE_TYPES.ObjectExpression:
      return { resolver: ctx, object: target };
    case AST_NODE_TYPES.Identifier: {
      const def = ctx.variableOf(target)?.defs[0];
      if (def?.type === DefinitionType.Variable) {
        if (def.node.id !== def.name || !def.node.init || def.parent.kind !== 'const') return undefined;
        return objectLiteralOf(ctx, def.node.init, viaFactories, depth - 1);
      }
      if (def?.type === DefinitionType.ImportBinding) {
        const exported = ctx.importedLocalExport(target);
        return exported ? objectLiteralOf(exported.resolver, exported.node, viaFactories, depth - 1) : undefined;
      }
      return undefined;
    }
    case AST_NODE_TYPES.MemberExpression: {
      const name = propertyName(target);
      const outer = name === undefined ? undefined : objectLiteralOf(ctx, target.object, viaFactories, depth - 1);
      const value = outer && name !== undefined ? propertyValue(outer.object, name) : undefined;
      return outer && value ? objectLiteralOf(outer.resolver, value, viaFactories, depth - 1) : undefined;
    }
    case AST_NODE_TYPES.AwaitExpression:
      return objectLiteralOf(ctx, target.argument, viaFactories, depth);
    case AST_NODE_TYPES.CallExpression: {
      if (!viaFactories) return undefined;
      const helper = ctx.localFunction(target.callee);
      if (!helper) return undefined;
      const bound = helper.resolver.withArguments(helper.fn, target, ctx);
      return firstReturned(helper.fn, (returned) => objectLiteralOf(bound, returned, false, depth - 1));
    }
    default:
      return undefined;
  }
}

/** The value an object literal gives a property (the last one written, as at run time). */
export function propertyValue(object: TSESTree.ObjectExpression, name: string): Node | undefined {
  let found: Node | undefined;
  for (const property of object.properties) {
    // A spread or a computed key after it may replace the value: then it is unknown.
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      found = undefined;
      continue;
    }
    const key =
      !property.computed && property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : staticString(property.key);
    if (key === name) found = property.value;
    else if (key === undefined) found = undefined;
  }
  return found;
}

/** A value an object literal holds under a name, resolved where the literal is written. */
export function objectMemberValue(ctx: OriginContext, object: Node, name: string): DbValue | undefined {
  const literal = objectLiteralOf(ctx, object, false);
  const value = literal ? propertyValue(literal.object, name) : undefined;
  return literal && value ? literal.resolver.resolve(value) : undefined;
}

/** The method (or function-valued property) of an object literal a callee names: `vendorApi.createAsset`. */
export function objectMethod(ctx: OriginContext, callee: TSESTree.MemberExpression): ProjectFunction<OriginContext> | undefined {
  const name = propertyName(callee);
  if (name === undefined) return undefined;
  const literal = objectLiteralOf(ctx, callee.object, true);
  const value = literal ? propertyValue(literal.object, name) : undefined;
  if (!literal || !value) return undefined;
  const label = ctx.textOf(callee)?.replace(/\s+/g, ' ') ?? name;
  if (isFunction(value)) return { resolver: literal.resolver, fn: value, name: label };
  // `{ createAsset }`: a function declared beside the literal.
  const named = value.type === AST_NODE_TYPES.Identifier ? literal.resolver.localFunction(value) : undefined;
  return named ? { ...named, name: label } : undefined;
}

/**
 * What a function parameter is: the handle of a transaction callback, a connection a library
 * hands to a callback, an object injected by a DI decorator (`@InjectRepository(User)`), an
 * annotated one, or its default value.
 */
import { DefinitionType } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import { containsNode, importDeclarationOf, importedName, parentOf, propertyName } from '../syntax.js';
import type { FunctionNode, Node } from '../syntax.js';
import { catalogOf, derive, makeValue } from '../values.js';
import type { DbValue } from '../values.js';
import type { OriginContext } from './context.js';

export function resolveParameter(ctx: OriginContext, fn: FunctionNode, param: TSESTree.Identifier): DbValue | undefined {
  const index = fn.params.findIndex((p) => containsNode(p, param));
  const paramNode = fn.params[index];
  if (!paramNode) return undefined;
  // The handle of a transaction callback.
  // `async (tx = prisma) => ...`: the library always passes the handle, the default never applies.
  const isWhole = paramNode === param || (paramNode.type === AST_NODE_TYPES.AssignmentPattern && paramNode.left === param);
  const opened = ctx.transactionOfCallback(fn);
  if (opened && opened.spec.handleParam === index && isWhole) {
    return makeValue(opened.library, opened.spec.handleKind, { origin: opened.owner.origin, viaHandle: true });
  }
  // A connection handed to a callback (`pool.connect(async (connection) => ...)`), or a row to an
  // array method's callback (`rows.find((row) => ...)`).
  const call = parentOf(fn);
  if (call?.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.MemberExpression && paramNode === param) {
    const method = propertyName(call.callee);
    const owner = method === undefined ? undefined : ctx.resolve(call.callee.object);
    const handed = method === undefined ? undefined : owner?.spec.callbackParameters?.[method];
    if (owner && handed?.index === index) return derive(owner, handed.kind);
    const element = owner?.spec.elements;
    if (owner && element && method !== undefined && call.arguments[0] === fn && elementParameter[method] === index) {
      return derive(owner, element);
    }
    // `pool.connect().then((client) => ...)`, `User.forge().fetch().then((user) => ...)`: what the
    // promise fulfils with.
    if (owner && method === 'then' && index === 0 && call.arguments[0] === fn) return owner;
  }
  // NestJS injection: decorators on the parameter (or on its parameter property).
  const injected = resolveDecorators(ctx, paramNode.decorators);
  if (injected) return injected;
  let annotated: Node | undefined = param.typeAnnotation;
  if (paramNode.type === AST_NODE_TYPES.TSParameterProperty) {
    const inner = paramNode.parameter;
    annotated = inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.left.typeAnnotation : inner.typeAnnotation;
    if (inner.type === AST_NODE_TYPES.AssignmentPattern) return ctx.resolveAnnotation(annotated) ?? ctx.resolve(inner.right);
  }
  if (paramNode.type === AST_NODE_TYPES.AssignmentPattern && paramNode.left === param) {
    return ctx.resolveAnnotation(annotated) ?? ctx.resolve(paramNode.right);
  }
  return ctx.resolveAnnotation(annotated);
}

/** Array methods whose callback receives an element, and at which parameter. */
const elementParameter: Readonly<Record<string, number>> = {
  find: 0,
  findLast: 0,
  findIndex: 0,
  filter: 0,
  map: 0,
  flatMap: 0,
  forEach: 0,
  some: 0,
  every: 0,
  reduce: 1,
  reduceRight: 1,
};

/** `@InjectRepository(User)` and friends: the catalog's DI decorators of the active libraries. */
export function resolveDecorators(
  ctx: OriginContext,
  decorators: readonly TSESTree.Decorator[] | undefined,
): DbValue | undefined {
  for (const decorator of decorators ?? []) {
    const expr = decorator.expression;
    if (expr.type !== AST_NODE_TYPES.CallExpression || expr.callee.type !== AST_NODE_TYPES.Identifier) continue;
    const def = ctx.variableOf(expr.callee)?.defs[0];
    if (def?.type !== DefinitionType.ImportBinding || def.node.type !== AST_NODE_TYPES.ImportSpecifier) continue;
    const source = importDeclarationOf(def.node)?.source.value;
    if (source === undefined) continue;
    const decoratorName = importedName(def.node);
    for (const library of ctx.env.libraries) {
      const kind = catalogOf(library).injectDecorators?.[source]?.[decoratorName];
      if (!kind) continue;
      const entityArg = expr.arguments[0];
      return makeValue(library, kind, { entity: entityArg ? ctx.textOf(entityArg) : undefined });
    }
  }
  return undefined;
}

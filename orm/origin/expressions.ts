/**
 * What database object an expression is: the entry point of the origin questions. Names are
 * followed to their declarations (imports, variables and destructuring, parameters, classes),
 * member chains through the catalog's kinds, calls through constructors, factories and project
 * functions; with type information, the checker answers what syntax could not.
 */
import { DefinitionType } from '@typescript-eslint/scope-manager';
import type { ScopeVariable } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import { containsNode, destructuredKey, firstReturned, isFunction, parentOf, propertyName, requireSource, staticString, unwrap } from '../syntax.js';
import type { FunctionNode, Node } from '../syntax.js';
import { catalogOf, derive, freshValue, makeValue, memberOf } from '../values.js';
import type { DbValue } from '../values.js';
import type { OriginContext } from './context.js';

/** What database object an expression is, if any (uncached: the facade memoises it per node). */
export function resolveExpression(ctx: OriginContext, target: Node): DbValue | undefined {
  const value = resolveUncached(ctx, target);
  // With type information, the checker answers what syntax could not tell (parameters
  // without annotations, values from modules that could not be read). Only names and
  // member chains: calls and the rest resolve through their parts.
  if (!value && (target.type === AST_NODE_TYPES.Identifier || target.type === AST_NODE_TYPES.MemberExpression)) {
    return ctx.resolveByType(target);
  }
  return value;
}

function resolveUncached(ctx: OriginContext, input: Node): DbValue | undefined {
  const node = unwrap(input);
  if (node !== input) return ctx.resolve(node);
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return resolveIdentifier(ctx, node);
    case AST_NODE_TYPES.ThisExpression:
      return ctx.resolveThis(node);
    case AST_NODE_TYPES.MemberExpression:
      return resolveMember(ctx, node);
    case AST_NODE_TYPES.CallExpression:
      return resolveCall(ctx, node);
    case AST_NODE_TYPES.NewExpression: {
      const ctor = ctx.resolve(node.callee);
      return ctor?.spec.newInstance ? builtOn(ctx, ctor, freshValue(ctor, ctor.spec.newInstance, node, ctx.filename), node) : undefined;
    }
    case AST_NODE_TYPES.AwaitExpression:
      return ctx.resolve(node.argument);
    case AST_NODE_TYPES.LogicalExpression: {
      // `tx ?? prisma` inside a transaction is the handle; `global.prisma ?? new PrismaClient()`
      // is the client either way.
      const left = ctx.resolve(node.left);
      return left?.viaHandle ? left : (ctx.resolve(node.right) ?? left);
    }
    case AST_NODE_TYPES.ConditionalExpression:
      return ctx.resolve(node.consequent) ?? ctx.resolve(node.alternate);
    case AST_NODE_TYPES.AssignmentExpression:
      return ctx.resolve(node.right);
    case AST_NODE_TYPES.SequenceExpression:
      return ctx.resolve(node.expressions.at(-1));
    case AST_NODE_TYPES.ClassDeclaration:
    case AST_NODE_TYPES.ClassExpression:
      return ctx.resolveClass(node);
    case AST_NODE_TYPES.TaggedTemplateExpression: {
      const tag = ctx.resolve(node.tag);
      return tag?.spec.taggedTemplateResult ? derive(tag, tag.spec.taggedTemplateResult) : undefined;
    }
    default:
      return undefined;
  }
}

function resolveIdentifier(ctx: OriginContext, id: TSESTree.Identifier): DbValue | undefined {
  const variable = ctx.variableOf(id);
  const def = variable?.defs[0];
  if (!def) return undefined;
  switch (def.type) {
    case DefinitionType.ImportBinding:
      return ctx.resolveImport(def.node);
    case DefinitionType.Variable: {
      const declarator = def.node;
      const idNode = def.name;
      // `for (const x of rows)` and `let x;` have no initialiser to follow.
      let value: DbValue | undefined;
      if (declarator.init) {
        const source = requireSource(unwrap(declarator.init));
        const key = declarator.id.type === AST_NODE_TYPES.ObjectPattern ? destructuredKey(declarator.id, idNode) : undefined;
        const module = source !== undefined && key !== undefined ? ctx.localModule(source) : undefined;
        // `const { prisma } = require('./db')`
        if (module && key !== undefined) return module.resolveExport(key);
        const init = resolveRequireOrValue(ctx, declarator.init);
        value = followPattern(declarator.id, idNode, init);
      }
      const parent = parentOf(declarator.parent);
      if (!value && parent?.type === AST_NODE_TYPES.ForOfStatement && declarator.id === idNode) {
        // `for (const row of rows)`: an element of a list of rows.
        const list = ctx.resolve(parent.right);
        if (list?.spec.elements) value = derive(list, list.spec.elements);
      }
      return value ?? ctx.resolveAnnotation(idNode.typeAnnotation) ?? resolveAssignments(ctx, variable, idNode);
    }
    case DefinitionType.Parameter:
      return ctx.resolveParameter(def.node as FunctionNode, def.name as TSESTree.Identifier);
    case DefinitionType.ClassName:
      return ctx.resolveClass(def.node);
    default:
      return undefined;
  }
}

/**
 * `let db; ... db = new PrismaClient()`: a variable declared without a value takes the values
 * assigned to it later (the first few that resolve).
 */
function resolveAssignments(ctx: OriginContext, variable: ScopeVariable | undefined, id: TSESTree.Identifier): DbValue | undefined {
  if (!variable) return undefined;
  let checked = 0;
  for (const reference of variable.references) {
    if (!reference.isWrite() || reference.identifier === id || !reference.writeExpr) continue;
    const value = ctx.resolve(reference.writeExpr);
    if (value) return value;
    checked += 1;
    if (checked >= 4) break;
  }
  return undefined;
}

/** `require('pg')` is the module namespace. */
function resolveRequireOrValue(ctx: OriginContext, init: Node): DbValue | undefined {
  const source = requireSource(unwrap(init));
  if (source !== undefined) return ctx.resolveModuleExport(source, '*');
  return ctx.resolve(init);
}

/** Walks a destructuring pattern down to the bound identifier. */
function followPattern(pattern: Node, target: TSESTree.Identifier, value: DbValue | undefined): DbValue | undefined {
  if (pattern === target) return value;
  if (!value) return undefined;
  if (pattern.type === AST_NODE_TYPES.AssignmentPattern) return followPattern(pattern.left, target, value);
  if (pattern.type === AST_NODE_TYPES.ArrayPattern) {
    // `const [first] = rows`: an element of a list of rows.
    const element = pattern.elements.find((item) => item !== null && item.type !== AST_NODE_TYPES.RestElement && containsNode(item, target));
    return element && value.spec.elements ? followPattern(element, target, derive(value, value.spec.elements)) : undefined;
  }
  if (pattern.type === AST_NODE_TYPES.ObjectPattern) {
    for (const prop of pattern.properties) {
      if (prop.type !== AST_NODE_TYPES.Property || !containsNode(prop.value, target)) continue;
      const key =
        !prop.computed && prop.key.type === AST_NODE_TYPES.Identifier
          ? prop.key.name
          : staticString(prop.key);
      if (key === undefined) return undefined;
      const inner = prop.value.type === AST_NODE_TYPES.AssignmentPattern ? prop.value.left : prop.value;
      return followPattern(inner, target, memberOf(value, key));
    }
  }
  return undefined;
}

function resolveMember(ctx: OriginContext, node: TSESTree.MemberExpression): DbValue | undefined {
  const name = propertyName(node);
  if (name === undefined) {
    // `rows[0]`, `rows[i]`, `rows[rows.length - 1]`: an element of a list of rows.
    if (node.computed) {
      const list = ctx.resolve(node.object);
      return list?.spec.elements ? derive(list, list.spec.elements) : undefined;
    }
    return undefined;
  }
  const object = unwrap(node.object);
  if (object.type === AST_NODE_TYPES.ThisExpression) {
    const field = ctx.resolveThisMember(node, name);
    if (field) return field;
  }
  if (object.type === AST_NODE_TYPES.Identifier) {
    // `import * as db from './db'; db.prisma`, `const db = require('./db'); db.pool`.
    const namespace = ctx.localNamespaceOf(object);
    if (namespace) return namespace.resolveExport(name);
  }
  const base = ctx.resolve(object);
  return base ? memberOf(base, name) : (ctx.memberOfDeclaredType(object, name) ?? ctx.objectMemberValue(object, name));
}

function resolveCall(ctx: OriginContext, node: TSESTree.CallExpression): DbValue | undefined {
  const callee = unwrap(node.callee);
  const source = requireSource(node);
  if (source !== undefined) return ctx.resolveModuleExport(source, '*');
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = propertyName(callee);
    if (method === undefined) return undefined;
    const object = unwrap(callee.object);
    // `db.startTransaction().execute()`: the handle of a region.
    const opener = ctx.chainedOpener(object, (value, innerMethod) =>
      value.spec.regions?.find((r) => r.begin === innerMethod && r.beginThen === method && r.handle === 'result'),
    );
    if (opener) return makeValue(opener.owner.library, opener.found.handleKind, { origin: opener.owner.origin, viaHandle: true });
    const base = ctx.resolve(object);
    // `this.getClient()`: a method of the class that returns a client.
    if (!base) return object.type === AST_NODE_TYPES.ThisExpression ? resolveReturn(ctx, callee) : undefined;
    const fromList = base.spec.elements ? listMethodResult(ctx, base, method, node) : undefined;
    if (fromList) return fromList;
    const region = base.spec.regions?.find((r) => r.begin === method && r.handle === 'result' && !r.beginThen);
    if (region && !node.arguments.some((arg) => isFunction(arg))) {
      return makeValue(base.library, region.handleKind, { origin: base.origin, viaHandle: true });
    }
    const kind = base.spec.methods?.[method];
    if (!kind) return undefined;
    const entityIndex = base.spec.entityArgument?.[method];
    const entityArg = entityIndex === undefined ? undefined : node.arguments[entityIndex];
    const result = catalogOf(base.library).kinds[kind];
    if (result?.role === 'client' && (base.spec.role === 'constructor' || base.spec.role === 'module')) {
      return freshValue(base, kind, node, ctx.filename);
    }
    return derive(base, kind, entityArg ? ctx.textOf(entityArg) : undefined);
  }
  const fn = ctx.resolve(callee);
  if (fn?.spec.callResult) {
    return fn.spec.role === 'constructor'
      ? builtOn(ctx, fn, freshValue(fn, fn.spec.callResult, node, ctx.filename), node)
      : derive(fn, fn.spec.callResult);
  }
  return fn ? undefined : resolveReturn(ctx, callee);
}

/**
 * A client made on the connections of another one (`drizzle(pool)`, `new PrismaClient({ adapter:
 * new PrismaPg(pool) })`) takes that client's origin: both draw from the same pool.
 */
function builtOn(
  ctx: OriginContext,
  maker: DbValue,
  made: DbValue | undefined,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
): DbValue | undefined {
  const from = maker.spec.connectionFrom;
  const argument = from ? call.arguments[from.argument] : undefined;
  if (!made || !from || !argument || argument.type === AST_NODE_TYPES.SpreadElement) return made;
  let source = ctx.resolve(argument);
  if (source?.origin === undefined && from.property !== undefined) source = ctx.objectMemberValue(argument, from.property);
  return source?.origin === undefined ? made : { ...made, origin: source.origin };
}

/** Array methods that give one element of the list, and those that give a list of its elements. */
const elementMethods = new Set(['find', 'findLast', 'at', 'pop', 'shift']);
const subsetMethods = new Set(['filter', 'slice', 'sort', 'reverse', 'toSorted', 'toReversed', 'concat', 'splice']);

/**
 * `rows.find(...)`, `rows.filter(...)`, `rows.at(0)`: rows taken out of a list of rows are rows;
 * `rows.map((row) => row)` too, when the callback returns the row.
 */
function listMethodResult(ctx: OriginContext, list: DbValue, method: string, call: TSESTree.CallExpression): DbValue | undefined {
  const element = list.spec.elements;
  if (!element) return undefined;
  if (elementMethods.has(method)) return derive(list, element);
  if (subsetMethods.has(method)) return list;
  const callback = call.arguments[0];
  if (method === 'map' && isFunction(callback)) {
    return firstReturned(callback, (returned) => ctx.resolve(returned))?.kind === element ? list : undefined;
  }
  return undefined;
}

/**
 * What a project function returns: its declared return type, else the first `return` (or
 * expression body) that resolves. Factories such as `export const getDb = () => new Pool()`.
 */
function resolveReturn(ctx: OriginContext, callee: Node): DbValue | undefined {
  const helper = ctx.localFunction(callee);
  if (!helper) return undefined;
  const { resolver, fn } = helper;
  return resolver.resolveAnnotation(fn.returnType) ?? firstReturned(fn, (node) => resolver.resolve(node));
}

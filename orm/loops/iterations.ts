/**
 * Which code runs once per item of a collection, and what the item is: the body of a
 * `for…of`/`for…in`/`for`/`while`/`do` loop, or a callback that an array method or an iteration
 * package calls per item (`rows.map(async (row) => …)`, `pMap(rows, …)`, `_.forEach(rows, …)`).
 * Loops over a fixed small literal and over batches of ids (`for (const chunk of chunks)`) are
 * no per-item iterations here: one query per batch is the batched form.
 */
import { DefinitionType } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import { serving } from '../catalog/index.js';
import { iterations } from '../catalog/loops.js';
import type { IterationFunction } from '../catalog/loops.js';
import type { OriginContext } from '../origin/context.js';
import { bindingIdentifiers, decoratorsOf, importDeclarationOf, importedName, keyName, propertyName, requireSource, staticString, unwrap } from '../syntax.js';
import type { FunctionNode, Node } from '../syntax.js';

export type LoopNode =
  | TSESTree.ForOfStatement
  | TSESTree.ForInStatement
  | TSESTree.ForStatement
  | TSESTree.WhileStatement
  | TSESTree.DoWhileStatement;

/** Code that runs once per item. */
export interface Iteration {
  /** The loop statement, or the callback. */
  readonly node: LoopNode | FunctionNode;
  /** What runs per item: the loop's body, the callback's body. */
  readonly body: Node;
  /** The collection iterated, for messages; undefined for `for (;;)` and `while` loops. */
  readonly collection: Node | undefined;
  /** The identifiers the item is bound to (loop variables, the callback's item parameter). */
  readonly items: readonly TSESTree.Identifier[];
  /**
   * - `each`: the item variables are the items (`for…of`, callbacks);
   * - `index`: they are indexes, and the item is read by indexing (`rows[i]`);
   * - `queue`: a `while` loop; its items are taken off a queue in the body (`queue.shift()`).
   */
  readonly kind: 'each' | 'index' | 'queue';
  /** The callback of an array method or package function (its calls may be issued in one tick). */
  readonly callback: boolean;
  /** A GraphQL field resolver (`@ResolveField() author(@Parent() book)`): the field's name. */
  readonly field?: string;
}

/** The per-item iteration a loop statement makes, if it makes one. */
export function loopIteration(node: LoopNode): Iteration | undefined {
  switch (node.type) {
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.ForInStatement: {
      const items = bindingIdentifiers(node.left.type === AST_NODE_TYPES.VariableDeclaration ? node.left.declarations[0].id : node.left);
      return { node, body: node.body, collection: node.right, items, kind: 'each', callback: false };
    }
    case AST_NODE_TYPES.ForStatement: {
      const items = node.init?.type === AST_NODE_TYPES.VariableDeclaration ? node.init.declarations.flatMap((d) => bindingIdentifiers(d.id)) : [];
      if (items.length === 0) return undefined;
      return { node, body: node.body, collection: indexedCollection(node.test), items, kind: 'index', callback: false };
    }
    default:
      return { node, body: node.body, collection: undefined, items: [], kind: 'queue', callback: false };
  }
}

/**
 * The per-item iteration a function is the callback of (`rows.map((row) => …)`), if it is one.
 * `packages`: does the module import an iteration package (asked only for other callees)?
 */
export function callbackIteration(ctx: OriginContext, fn: FunctionNode, packages: () => boolean): Iteration | undefined {
  const call = fn.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const index = call.arguments.indexOf(fn as TSESTree.CallExpressionArgument);
  if (index < 0) return undefined;
  const callee = unwrap(call.callee);
  let collection: Node | undefined;
  let itemIndex: number | undefined;
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
  if (index === 0 && method !== undefined && Object.hasOwn(iterations.arrayMethods, method) && callee.type === AST_NODE_TYPES.MemberExpression) {
    collection = unwrap(callee.object);
    itemIndex = iterations.arrayMethods[method];
  } else if (index > 0 && (method === undefined || packageFunctionNames.has(method)) && packages()) {
    const fromPackage = packageIteration(ctx, callee);
    if (!fromPackage || fromPackage.callback !== index) return undefined;
    const argument = call.arguments[fromPackage.collection];
    collection = argument && argument.type !== AST_NODE_TYPES.SpreadElement ? argument : undefined;
    itemIndex = fromPackage.item;
  } else {
    return undefined;
  }
  if (!collection || itemIndex === undefined) return undefined;
  const items = bindingIdentifiers(fn.params[itemIndex]);
  if (items.length === 0) return undefined;
  return { node: fn, body: fn.body, collection, items, kind: 'each', callback: true };
}

/**
 * The per-parent iteration a GraphQL field resolver method makes (`@ResolveField() author(@Parent()
 * book: Book)`, type-graphql's `@FieldResolver()` with `@Root()`): the server calls it once per
 * parent object of a list, concurrently (in one tick, as a callback's calls). Its item is the
 * parent parameter; decorators are known by their import from the catalogued modules.
 */
export function fieldResolverIteration(ctx: OriginContext, method: TSESTree.MethodDefinition): Iteration | undefined {
  const fn = method.value;
  if (method.kind !== 'method' || fn.body === null || !decoratorsOf(method).some((d) => decoratorIs(ctx, d, 'resolvers'))) return undefined;
  const parent = fn.params.find((param) => decoratorsOf(param).some((d) => decoratorIs(ctx, d, 'parents')));
  const items = parent?.type === AST_NODE_TYPES.Identifier ? [parent] : [];
  if (items.length === 0) return undefined;
  return { node: fn, body: fn.body, collection: undefined, items, kind: 'each', callback: true, field: keyName(method) ?? 'field' };
}

/** Is a decorator (`@ResolveField()`, `@Parent()`) imported from a field resolver module under one of the names of `role`? */
function decoratorIs(ctx: OriginContext, decorator: TSESTree.Decorator, role: 'resolvers' | 'parents'): boolean {
  const expression = unwrap(decorator.expression);
  const callee = expression.type === AST_NODE_TYPES.CallExpression ? unwrap(expression.callee) : expression;
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const def = ctx.variableOf(callee)?.defs[0];
  if (def?.type !== DefinitionType.ImportBinding || def.node.type !== AST_NODE_TYPES.ImportSpecifier) return false;
  const source = importDeclarationOf(def.node)?.source.value;
  const names = source !== undefined && Object.hasOwn(iterations.fieldResolvers, source) ? iterations.fieldResolvers[source]?.[role] : undefined;
  return names?.includes(importedName(def.node)) ?? false;
}

/**
 * The per-parent iteration of a field in a resolver map (`{ Book: { authors(book) { … } } }`), by
 * syntax: a function under a type that is not a root type, its first parameter the parent. That
 * the object is a resolver map handed to a GraphQL server is the serving question's
 * (`isResolverMapEntry`).
 */
export function resolverMapFieldIteration(fn: FunctionNode): Iteration | undefined {
  const property = fn.parent;
  if (property.type !== AST_NODE_TYPES.Property || property.value !== fn) return undefined;
  const typeObject = property.parent;
  const typeProperty = typeObject.parent;
  if (typeObject.type !== AST_NODE_TYPES.ObjectExpression || typeProperty.type !== AST_NODE_TYPES.Property || typeProperty.value !== typeObject) return undefined;
  const typeName = propertyKey(typeProperty);
  const field = propertyKey(property);
  if (typeName === undefined || field === undefined || iterations.rootTypes.includes(typeName)) return undefined;
  const items = bindingIdentifiers(fn.params[0]);
  if (items.length === 0) return undefined;
  return { node: fn, body: fn.body, collection: undefined, items, kind: 'each', callback: true, field: `${typeName}.${field}` };
}

function propertyKey(property: TSESTree.Property): string | undefined {
  if (property.computed) return undefined;
  return property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : staticString(property.key);
}

/** Does a module import a GraphQL server or schema builder that takes a resolver map? Asked once per file. */
export function importsResolverMapModule(ast: TSESTree.Program): boolean {
  return ast.body.some((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration && Object.hasOwn(serving.resolverMaps, statement.source.value));
}

/** Does a module import a field resolver module (`@nestjs/graphql`, `type-graphql`)? Asked once per file. */
export function importsFieldResolverModule(ast: TSESTree.Program): boolean {
  return ast.body.some((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration && Object.hasOwn(iterations.fieldResolvers, statement.source.value));
}

/** Names of the packages' iteration functions (`map`, `mapSeries` …): other member callees are no package iteration. */
const packageFunctionNames = new Set(Object.values(iterations.packages).flatMap((table) => Object.keys(table)));

/** ESLint selectors for what runs per item, from the catalog: the callbacks and the nodes inside an iteration. */
export interface IterationSelectors {
  /** Functions passed to an iteration call (`rows.map(() => …)`; any call when `packages`). */
  readonly callbacks: string;
  /** Calls and tagged templates anywhere inside a loop or such a callback. */
  readonly calls: string;
  /** Awaits anywhere inside a loop or such a callback. */
  readonly awaits: string;
}

const loopTypes = ['ForOfStatement', 'ForInStatement', 'ForStatement', 'WhileStatement', 'DoWhileStatement'];

/**
 * Selectors that make ESLint call a rule only for nodes inside iterations. `packages`: the module
 * imports an iteration package, whose functions may be called by any name (`pMap(rows, fn)`).
 */
export function iterationSelectors(packages: boolean, fieldResolvers = false, resolverMaps = false): IterationSelectors {
  const names = [...new Set([...Object.keys(iterations.arrayMethods), ...(packages ? packageFunctionNames : [])])];
  const functions = ':matches(ArrowFunctionExpression, FunctionExpression)';
  const callees = [`CallExpression[callee.property.name=/^(?:${names.join('|')})$/] > ${functions}`];
  if (packages) callees.push(`CallExpression[callee.type="Identifier"] > ${functions}`);
  // One selector string: a call inside both a loop and a field resolver reaches the rule once.
  const arounds = [...loopTypes, ...callees, ...(fieldResolvers ? ['MethodDefinition[decorators.length>0]'] : []), ...(resolverMaps ? [`Property > ${functions}`] : [])];
  const inside = (types: readonly string[]): string => arounds.flatMap((around) => types.map((type) => `${around} ${type}`)).join(', ');
  return { callbacks: callees.join(', '), calls: inside(['CallExpression', 'TaggedTemplateExpression']), awaits: inside(['AwaitExpression']) };
}

/** Does a module import (or require at its top level) a package with iteration functions? Asked once per file. */
export function importsIterationPackage(ast: TSESTree.Program): boolean {
  return ast.body.some((statement) => {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) return Object.hasOwn(iterations.packages, statement.source.value);
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) return false;
    return statement.declarations.some((d) => {
      const source = d.init ? requireSource(d.init) : undefined;
      return source !== undefined && Object.hasOwn(iterations.packages, source);
    });
  });
}

/** Is a call's callee an iteration function of a catalogued package (`_.map`, `pMap`, `Bluebird.map`)? */
function packageIteration(ctx: OriginContext, callee: Node): IterationFunction | undefined {
  let base: Node = callee;
  let member: string | undefined;
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    member = propertyName(callee);
    base = unwrap(callee.object);
  }
  if (base.type !== AST_NODE_TYPES.Identifier || (member === undefined && callee !== base)) return undefined;
  const def = ctx.variableOf(base)?.defs[0];
  let source: string | undefined;
  let exported: string | undefined;
  if (def?.type === DefinitionType.ImportBinding && def.parent.type === AST_NODE_TYPES.ImportDeclaration) {
    source = def.parent.source.value;
    exported = def.node.type === AST_NODE_TYPES.ImportSpecifier && def.node.imported.type === AST_NODE_TYPES.Identifier ? def.node.imported.name : undefined;
  } else if (def?.type === DefinitionType.Variable && def.node.init && def.node.id.type === AST_NODE_TYPES.Identifier) {
    source = requireSource(def.node.init);
  }
  const table = source === undefined || !Object.hasOwn(iterations.packages, source) ? undefined : iterations.packages[source];
  if (!table) return undefined;
  // `pMap(rows, fn)` (the module's default), `_.map(rows, fn)`, `import { map } from 'bluebird'`.
  const name = member ?? exported ?? 'default';
  if (member !== undefined && exported !== undefined) return undefined;
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

/** `rows` in `i < rows.length`, for messages. */
function indexedCollection(test: TSESTree.Expression | null): Node | undefined {
  if (test?.type !== AST_NODE_TYPES.BinaryExpression) return undefined;
  const bound = unwrap(test.right);
  return bound.type === AST_NODE_TYPES.MemberExpression && propertyName(bound) === 'length' ? unwrap(bound.object) : undefined;
}

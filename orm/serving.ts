/**
 * Where code runs while the server serves requests or jobs, and where it does not: request
 * handlers of the web frameworks, NestJS controllers, Next.js route handlers and server actions,
 * tRPC procedures, GraphQL resolver maps, job processors (from `catalog/serving.ts`, identified by
 * where their router, decorator or constructor is imported from), and async functions that are
 * not start-up code. Not serving: module scope, start-up functions (called only from module
 * scope, starting the server, lifecycle hooks), results cached once per process, and whole files
 * that never serve (tests, scripts, configs, migrations, worker threads).
 */
import path from 'node:path';

import { DefinitionType } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import { serving } from './catalog/index.js';
import { packageFolderOf } from './modules/manifests.js';
import type { OriginContext } from './origin/context.js';
import { decoratorsOf, destructuredKey, escapeRegExp, importDeclarationOf, importedName, importEqualsSource, isFunction, keyName, propertyName, requireSource, staticString, unwrap, walk } from './syntax.js';
import type { FunctionNode, Node } from './syntax.js';

/** Why code runs while serving. */
export type Serving =
  /** A function a framework calls per request, message or job (`an express request handler`). */
  | { readonly kind: 'handler'; readonly what: string }
  /** An async function that is not start-up code. */
  | { readonly kind: 'async' };

/** What the serving questions ask beyond the origin ones. */
export interface ServingContext extends OriginContext {
  /** {@link routerOf}, memoised per node. */
  routerOf(node: Node): string | undefined;
  /** {@link handlerOf}, memoised per function. */
  handlerOf(fn: FunctionNode): string | undefined;
  /** {@link isStartup}, memoised per function. */
  isStartup(fn: FunctionNode): boolean;
}

/**
 * Why a whole file never runs while serving, if it does not: tests, scripts (a `scripts/` or
 * `bin/` folder, a shebang), tool configs, migrations and seeds, worker-thread code. Paths are
 * taken from the nearest package.json's folder, so the folders a project sits in do not count.
 */
export function fileOutsideServing(ctx: OriginContext): string | undefined {
  const filename = ctx.filename;
  const root = path.isAbsolute(filename) ? packageFolderOf(path.dirname(filename)) : undefined;
  const relative = (root ? path.relative(root, filename) : filename).split(path.sep).join('/');
  const matched = serving.notServingPaths.find(({ pattern }) => pattern.test(relative));
  if (matched) return matched.reason;
  if (ctx.module.text?.startsWith('#!')) return 'script';
  if (importsWorkerThreadEntry(ctx)) return 'worker thread';
  return undefined;
}

const workerThreadSpecifiers = Object.keys(serving.workerThreadModules);

/** Does the module take `parentPort` or `workerData` from `worker_threads` (it is a worker's entry)? */
function importsWorkerThreadEntry(ctx: OriginContext): boolean {
  const text = ctx.module.text;
  // Module text first: a module importing none of them holds no such import.
  if (text !== undefined && !workerThreadSpecifiers.some((specifier) => text.includes(specifier))) return false;
  for (const statement of ctx.module.ast.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      const names = serving.workerThreadModules[statement.source.value];
      if (names && statement.specifiers.some((s) => s.type === AST_NODE_TYPES.ImportSpecifier && names.includes(importedName(s)))) return true;
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const d of statement.declarations) {
        const source = d.init ? requireSource(unwrap(d.init)) : undefined;
        const names = source === undefined ? undefined : serving.workerThreadModules[source];
        if (names && d.id.type === AST_NODE_TYPES.ObjectPattern) {
          const pattern = d.id;
          if (pattern.properties.some((p) => p.type === AST_NODE_TYPES.Property && p.value.type === AST_NODE_TYPES.Identifier && names.includes(destructuredKey(pattern, p.value) ?? ''))) return true;
        }
      }
    }
  }
  return false;
}

/**
 * Could any code of this file run while serving? By its text alone, before anything is resolved
 * (most files of a project serve nothing: types, entities, constants, synchronous utilities).
 * Only async functions and handlers serve, and a handler is known by an import of one of the
 * catalog's modules, a route file's name, the server-action directive, or a handler or procedure
 * method called on a router or procedure builder that a project module exports. False means no
 * node of the file has a serving context.
 */
export function fileMayServe(text: string, filename: string): boolean {
  return servingText.test(text) || serving.routeFiles.file.test(filename) || (servingMethodText.test(text) && importText.test(text));
}

/** `async`, a catalog module's specifier in quotes, or the server-action directive. */
const servingText = (() => {
  const modules = new Set(
    [serving.routerModules, serving.routerTypes, serving.pluginWrappers, serving.handlerClassDecorators, serving.handlerMethodDecorators, serving.jobProcessors, serving.procedureModules, serving.resolverMaps].flatMap((table) => Object.keys(table)),
  );
  const quoted = [...modules, serving.serverActionDirective].map(escapeRegExp).join('|');
  return new RegExp(`\\basync\\b|['"\`](?:${quoted})['"\`]`);
})();

/** `.get`, `?.query`, `['post']`: a router's handler method or a procedure method, called or not. */
const servingMethodText = (() => {
  const names = [...new Set([...serving.handlerMethods, ...serving.procedureMethods])].map(escapeRegExp).join('|');
  return new RegExp(`\\.\\s*(?:${names})\\b|\\[\\s*['"\`](?:${names})['"\`]\\s*\\]`);
})();

/** Some import or require: a router or procedure builder can only come from another module. */
const importText = /\bfrom\s*['"`]|\brequire\s*\(|\bimport\s*\(/;

/**
 * Whether, and why, a node runs while serving: the innermost enclosing function that is a
 * handler or an async function decides; a synchronous callback written as an argument runs
 * within the function around it; any other synchronous function is reached only by calls
 * (followed by the rules from the call site).
 */
export function servingContext(ctx: ServingContext, node: Node): Serving | undefined {
  let fn = enclosingFunction(node);
  while (fn) {
    const handler = ctx.handlerOf(fn);
    if (handler !== undefined) return { kind: 'handler', what: handler };
    if (fn.async) return ctx.isStartup(fn) ? undefined : { kind: 'async' };
    if (!runsInline(fn)) return undefined;
    fn = enclosingFunction(fn);
  }
  return undefined;
}

export function enclosingFunction(node: Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (isFunction(current)) return current;
  return undefined;
}

/** A function written as an argument of a call, or called where it is written (an IIFE). */
function runsInline(fn: FunctionNode): boolean {
  const parent = fn.parent;
  return (
    (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) &&
    (parent.callee === fn || (parent.arguments as readonly Node[]).includes(fn))
  );
}

// ------------------------------------------------------------------ handlers

/** What kind of handler a function is, for messages, if a framework calls it per request or job. */
export function handlerOf(ctx: ServingContext, fn: FunctionNode): string | undefined {
  const exported = exportedName(fn);
  if (exported !== undefined) {
    if (serving.routeFiles.exports.includes(exported) && serving.routeFiles.file.test(ctx.filename)) return 'a Next.js route handler';
    if (hasDirective(ctx.module.ast.body, serving.serverActionDirective)) return 'a Next.js server action';
  }
  if (fn.body.type === AST_NODE_TYPES.BlockStatement && hasDirective(fn.body.body, serving.serverActionDirective)) return 'a Next.js server action';
  const method = fn.parent.type === AST_NODE_TYPES.MethodDefinition ? fn.parent : undefined;
  if (method) return method.kind === 'constructor' ? undefined : handlerMethod(ctx, method);
  const direct = handlerArgument(ctx, fn);
  if (direct !== undefined) return direct;
  // A function declared by name and handed to a router elsewhere in the module.
  const id = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn.id : fn.parent.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.init === fn && fn.parent.id.type === AST_NODE_TYPES.Identifier ? fn.parent.id : undefined;
  const variable = id ? ctx.variableOf(id) : undefined;
  for (const reference of variable?.references ?? []) {
    const found = reference.identifier !== id ? handlerArgument(ctx, reference.identifier) : undefined;
    if (found !== undefined) return found;
  }
  return resolverMapEntry(ctx, fn);
}

function hasDirective(body: readonly Node[], directive: string): boolean {
  for (const statement of body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.directive === undefined) return false;
    if (statement.directive === directive) return true;
  }
  return false;
}

/** `export async function GET()`, `export const POST = async () => …`: the exported name. */
function exportedName(fn: FunctionNode): string | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
    return fn.parent.type === AST_NODE_TYPES.ExportNamedDeclaration ? fn.id?.name : undefined;
  }
  const declarator = fn.parent;
  if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  return declarator.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration ? declarator.id.name : undefined;
}

/** A method of a controller, resolver or processor class, or one with an event or schedule decorator. */
function handlerMethod(ctx: ServingContext, method: TSESTree.MethodDefinition): string | undefined {
  const name = keyName(method);
  if (name !== undefined && serving.lifecycleMethods.includes(name)) return undefined;
  const own = decoratorFrom(ctx, decoratorsOf(method), serving.handlerMethodDecorators);
  if (own !== undefined) return `a @${own}() method`;
  const cls = method.parent.parent;
  const decorator = decoratorFrom(ctx, decoratorsOf(cls), serving.handlerClassDecorators);
  return decorator === undefined ? undefined : `a method of a @${decorator}() class`;
}

/** The name of the first decorator imported from one of `modules` under one of its names. */
function decoratorFrom(ctx: ServingContext, decorators: readonly TSESTree.Decorator[], modules: Readonly<Record<string, readonly string[]>>): string | undefined {
  for (const decorator of decorators) {
    const expression = unwrap(decorator.expression);
    const callee = expression.type === AST_NODE_TYPES.CallExpression ? unwrap(expression.callee) : expression;
    const imported = importOf(ctx, callee);
    if (imported && modules[imported.source]?.includes(imported.name)) return imported.name;
  }
  return undefined;
}

/**
 * A handler given as an argument (or an options property) of a router method, a job processor's
 * constructor or a tRPC procedure method; also through one wrapper call (`asyncHandler(fn)`).
 */
function handlerArgument(ctx: ServingContext, node: Node): string | undefined {
  let argument: Node = node;
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === node) {
    const key = parent.computed ? undefined : parent.key.type === AST_NODE_TYPES.Identifier ? parent.key.name : staticString(parent.key);
    if (key === undefined || !serving.handlerProperties.includes(key) || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
    argument = parent.parent;
  }
  for (let level = 0; level < 2; level++) {
    const call = argument.parent;
    if ((call?.type !== AST_NODE_TYPES.CallExpression && call?.type !== AST_NODE_TYPES.NewExpression) || !(call.arguments as readonly Node[]).includes(argument)) return undefined;
    const found = handlerOfCall(ctx, call, call.arguments.indexOf(argument as TSESTree.CallExpressionArgument));
    if (found !== undefined) return found;
    argument = call;
  }
  return undefined;
}

function handlerOfCall(ctx: ServingContext, call: TSESTree.CallExpression | TSESTree.NewExpression, index: number): string | undefined {
  const callee = unwrap(call.callee);
  if (call.type === AST_NODE_TYPES.NewExpression) {
    const imported = importOf(ctx, callee);
    const at = imported ? serving.jobProcessors[imported.source]?.[imported.name] : undefined;
    return at === index && imported ? `a ${imported.source} job processor` : undefined;
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = propertyName(callee);
  if (method === undefined) return undefined;
  if (serving.handlerMethods.includes(method)) {
    const framework = ctx.routerOf(unwrap(callee.object));
    if (framework !== undefined) return `${/^[aeiou]/i.test(framework) ? 'an' : 'a'} ${framework} request handler`;
  }
  if (serving.procedureMethods.includes(method) && startsProcedureChain(ctx, unwrap(callee.object), 0)) return 'a tRPC procedure';
  return undefined;
}

/** `t.procedure.input(schema)`, `publicProcedure.use(auth)`: a chain from a procedure module's builder. */
function startsProcedureChain(ctx: ServingContext, node: Node, depth: number): boolean {
  if (depth > 8) return false;
  if (node.type === AST_NODE_TYPES.MemberExpression) return startsProcedureChain(ctx, unwrap(node.object), depth + 1);
  if (node.type === AST_NODE_TYPES.CallExpression) return startsProcedureChain(ctx, unwrap(node.callee), depth + 1);
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const imported = importOf(ctx, node);
  if (imported) return serving.procedureModules[imported.source]?.includes(imported.name) ?? false;
  const def = ctx.variableOf(node)?.defs[0];
  if (def?.type === DefinitionType.Variable && def.node.id === def.name && def.node.init) return startsProcedureChain(ctx, unwrap(def.node.init), depth + 1);
  if (def?.type === DefinitionType.ImportBinding) {
    const other = ctx.importedLocalExport(node);
    return other ? startsProcedureChain(other.resolver as ServingContext, other.node, depth + 1) : false;
  }
  return false;
}

/** Is a function a field of a resolver map handed to a GraphQL server or schema builder in its module? */
export function isResolverMapEntry(ctx: ServingContext, fn: FunctionNode): boolean {
  return resolverMapEntry(ctx, fn) !== undefined;
}

/** A function in a resolver map handed to a GraphQL server or schema builder (`resolvers: { Query: { books } }`). */
function resolverMapEntry(ctx: ServingContext, fn: FunctionNode): string | undefined {
  let node: Node = fn;
  for (let level = 0; level < 3; level++) {
    const property: Node = node.parent;
    if (property.type !== AST_NODE_TYPES.Property || property.value !== node) return undefined;
    const object: Node = property.parent;
    if (object.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
    if (isResolverMap(ctx, object)) return 'a GraphQL resolver';
    node = object;
  }
  return undefined;
}

function isResolverMap(ctx: ServingContext, object: TSESTree.ObjectExpression): boolean {
  const holder = object.parent;
  if (holder.type === AST_NODE_TYPES.Property && holder.value === object) return isResolversOption(ctx, holder);
  if (holder.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier) {
    const variable = ctx.variableOf(holder.id);
    return (variable?.references ?? []).some((r) => r.identifier.parent.type === AST_NODE_TYPES.Property && r.identifier.parent.value === r.identifier && isResolversOption(ctx, r.identifier.parent));
  }
  return false;
}

/** `{ resolvers: … }` in the options of a call of a GraphQL server or schema builder. */
function isResolversOption(ctx: ServingContext, property: TSESTree.Property): boolean {
  const options = property.parent;
  const call = options.parent;
  if (options.type !== AST_NODE_TYPES.ObjectExpression || (call.type !== AST_NODE_TYPES.CallExpression && call.type !== AST_NODE_TYPES.NewExpression)) return false;
  const imported = importOf(ctx, unwrap(call.callee));
  const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : undefined;
  return imported !== undefined && key !== undefined && serving.resolverMaps[imported.source]?.[imported.name] === key;
}

// ------------------------------------------------------------------ routers

/**
 * The framework module a router object comes from (`express()`, `express.Router()`,
 * `new Koa()`, `fastify()`, a parameter typed `FastifyInstance`, a plugin's instance parameter,
 * a router exported by a project module, a chain `app.route('/x')`), if it is one.
 */
export function routerOf(ctx: ServingContext, node: Node): string | undefined {
  switch (node.type) {
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      const callee = unwrap(node.callee);
      const imported = importOf(ctx, callee);
      if (imported) return serving.routerModules[imported.source]?.includes(imported.name) ? imported.source : undefined;
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const method = propertyName(callee);
      if (method === undefined) return undefined;
      const object = unwrap(callee.object);
      const module = importOf(ctx, object);
      if (module) return serving.routerFactories.includes(method) && serving.routerModules[module.source] ? module.source : undefined;
      return serving.routerMethods.includes(method) || serving.handlerMethods.includes(method) ? ctx.routerOf(object) : undefined;
    }
    case AST_NODE_TYPES.Identifier: {
      const def = ctx.variableOf(node)?.defs[0];
      if (!def) return undefined;
      if (def.type === DefinitionType.ImportBinding) {
        const other = ctx.importedLocalExport(node);
        return other ? (other.resolver as ServingContext).routerOf(other.node) : undefined;
      }
      if (def.type === DefinitionType.Variable && def.node.id === def.name) {
        return def.node.init ? ctx.routerOf(unwrap(def.node.init)) : routerType(ctx, def.name.typeAnnotation);
      }
      if (def.type === DefinitionType.Parameter) {
        const fn = def.node as FunctionNode;
        const typed = routerType(ctx, (def.name as TSESTree.Identifier).typeAnnotation);
        if (typed !== undefined) return typed;
        return fn.params[0] === def.name ? pluginRouter(ctx, fn) : undefined;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** A function that receives a router as its first parameter: `app.register(fn)`, `fp(fn)`, `const plugin: FastifyPluginAsync = …`. */
function pluginRouter(ctx: ServingContext, fn: FunctionNode): string | undefined {
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return routerType(ctx, parent.id.typeAnnotation);
  if (parent.type !== AST_NODE_TYPES.CallExpression || !(parent.arguments as readonly Node[]).includes(fn)) return undefined;
  const callee = unwrap(parent.callee);
  const imported = importOf(ctx, callee);
  if (imported) {
    if (!serving.pluginWrappers[imported.source]?.includes(imported.name)) return undefined;
    // `fp(fn)` says which framework only through where it is registered; fastify-plugin is fastify's.
    return 'fastify';
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = propertyName(callee);
  return method !== undefined && serving.pluginMethods.includes(method) ? ctx.routerOf(unwrap(callee.object)) : undefined;
}

/** `app: Express`, `router: express.Router`, `fastify: FastifyInstance`: the framework a type names. */
function routerType(ctx: ServingContext, annotation: TSESTree.TSTypeAnnotation | undefined): string | undefined {
  const type = annotation?.typeAnnotation;
  if (type?.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  const name = type.typeName;
  if (name.type === AST_NODE_TYPES.Identifier) {
    const imported = importOf(ctx, name);
    return imported && serving.routerTypes[imported.source]?.includes(imported.name) ? imported.source : undefined;
  }
  if (name.type === AST_NODE_TYPES.TSQualifiedName && name.left.type === AST_NODE_TYPES.Identifier) {
    const imported = importOf(ctx, name.left);
    return imported && serving.routerTypes[imported.source]?.includes(name.right.name) ? imported.source : undefined;
  }
  return undefined;
}

/** The package and export an identifier is imported or required as (`default`, `*` or a name). */
function importOf(ctx: OriginContext, node: Node): { source: string; name: string } | undefined {
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = ctx.variableOf(node)?.defs[0];
  if (def?.type === DefinitionType.ImportBinding) {
    const spec = def.node;
    if (spec.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      const source = importEqualsSource(spec);
      return source === undefined ? undefined : { source, name: '*' };
    }
    const source = importDeclarationOf(spec)?.source.value;
    if (source === undefined) return undefined;
    const name = spec.type === AST_NODE_TYPES.ImportSpecifier ? importedName(spec) : spec.type === AST_NODE_TYPES.ImportDefaultSpecifier ? 'default' : '*';
    return { source, name };
  }
  if (def?.type === DefinitionType.Variable && def.node.init) {
    const init = unwrap(def.node.init);
    const source = requireSource(init) ?? (init.type === AST_NODE_TYPES.MemberExpression ? requireSource(unwrap(init.object)) : undefined);
    if (source === undefined) return undefined;
    if (def.node.id.type === AST_NODE_TYPES.ObjectPattern) {
      const key = destructuredKey(def.node.id, def.name);
      return key === undefined ? undefined : { source, name: key };
    }
    if (init.type === AST_NODE_TYPES.MemberExpression) {
      const member = propertyName(init);
      return member === undefined ? undefined : { source, name: member };
    }
    return def.node.id === def.name ? { source, name: '*' } : undefined;
  }
  return undefined;
}

// ------------------------------------------------------------------ start-up

/**
 * Is an async function start-up code: a lifecycle hook, a callback of `listen`, an async IIFE at
 * module scope, a function that starts the server, or one called only from module scope or from
 * other start-up functions (`main().catch(…)`)?
 */
export function isStartup(ctx: ServingContext, fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.MethodDefinition) {
    const name = keyName(parent);
    return name !== undefined && serving.lifecycleMethods.includes(name);
  }
  if (parent.type === AST_NODE_TYPES.CallExpression) {
    if (parent.callee === fn) return enclosingFunction(parent) === undefined;
    const callee = unwrap(parent.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && serving.serverStart.methods.includes(propertyName(callee) ?? '')) return true;
  }
  if (startsServer(ctx, fn)) return true;
  const id = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn.id : parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier ? parent.id : undefined;
  const references = (id ? ctx.variableOf(id)?.references : undefined)?.filter((r) => r.identifier !== id) ?? [];
  if (references.length === 0) return false;
  return references.every((reference) => {
    const identifier = reference.identifier as Node;
    const call = identifier.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== identifier) return false;
    const caller = enclosingFunction(call);
    return caller === undefined || ctx.isStartup(caller);
  });
}

/** Does the function itself (not a callback in it) start serving: `app.listen()`, `NestFactory.create()`? */
function startsServer(ctx: ServingContext, fn: FunctionNode): boolean {
  let found = false;
  walk(fn.body, (node) => {
    if (found || isFunction(node)) return false;
    if (node.type !== AST_NODE_TYPES.CallExpression) return true;
    const callee = unwrap(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return true;
    const method = propertyName(callee);
    const object = unwrap(callee.object);
    const imported = importOf(ctx, object);
    if (imported) found = serving.serverStart.modules[imported.source]?.includes(imported.name === '*' || imported.name === 'default' ? (method ?? '') : imported.name) ?? false;
    else if (method !== undefined && serving.serverStart.methods.includes(method)) found = ctx.routerOf(object) !== undefined;
    return !found;
  });
  return found;
}

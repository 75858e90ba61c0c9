/**
 * Which calls block the event loop: synchronous database drivers (better-sqlite3, `node:sqlite`,
 * pg-native's `*Sync`, sync-mysql), identified by the resolver from where their objects come
 * from, and Node's and other packages' synchronous APIs (`fs`, `child_process`, `crypto`, `zlib`,
 * bcrypt, deasync, `Atomics.wait`), identified by the module a callee is imported or required
 * from. And what calling a synchronous project function blocks on, through the functions it calls.
 */
import { DefinitionType } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import {
  blockingCallMakers,
  blockingCallProperties,
  blockingNames,
  blockingPatterns,
  directText,
  driverKinds,
  fileMayBlock,
  isProjectPath,
  librariesWithBlockingCalls,
} from './blocking-gates.js';
import { blocking, libraries } from './catalog/index.js';
import type { AsyncForm, BlockingCategory, BlockingFunction, BlockingModule, LibraryId } from './catalog/index.js';
import { importedSpecifiers } from './modules/parse.js';
import { resolveLocalModule } from './modules/resolve.js';
import type { OriginContext, ProjectFunction } from './origin/context.js';
import { destructuredKey, importDeclarationOf, importedName, importEqualsSource, isFunction, propertyName, requireSource, unwrap, walk } from './syntax.js';
import type { FunctionNode, Node } from './syntax.js';

/** A call that holds the event loop until it returns. */
export interface BlockingCall {
  /** How messages name it: ``better-sqlite3 `Statement.all()` ``, `` `fs.readFileSync()` ``. */
  readonly what: string;
  readonly category: BlockingCategory | 'database driver';
  /** The database library, for a driver call. */
  readonly library?: LibraryId;
  /** The asynchronous drop-in, when there is one that takes the same arguments. */
  readonly asyncForm?: AsyncForm;
  /** Where the callee comes from, for a suggestion: the module object (`fs.x`) or a named binding (`x`). */
  readonly callee?: { readonly module: string; readonly style: 'member' | 'named' };
}

/** What calling a synchronous project function blocks on: the first blocking call it reaches. */
export interface BlockingEffect {
  readonly blocking: BlockingCall;
  /** The functions called on the way, outermost first (`loadTemplate`, `readPartial`). */
  readonly through: readonly string[];
}

/** What the blocking questions ask beyond the origin ones. */
export interface BlockingContext extends OriginContext {
  /** {@link blockingCall}, memoised per call. */
  blockingCall(call: TSESTree.CallExpression): BlockingCall | undefined;
  /** {@link blockingEffect}, memoised per function. */
  blockingEffect(fn: FunctionNode, depth: number): BlockingEffect | undefined;
  /** Is the node evaluated once per process, under a guard that caches its result (`cache ??= …`)? */
  runsOnceCached(node: Node): boolean;
  localFunction(callee: Node): ProjectFunction<BlockingContext> | undefined;
  projectMethod(callee: Node): ProjectFunction<BlockingContext> | undefined;
}

const driverMethodsByModule = new WeakMap<TSESTree.Program, ReadonlySet<string>>();

/** The blocking methods of the drivers in play for a module (see {@link DriverMethods}), once per module. */
function driverMethods(ctx: BlockingContext): ReadonlySet<string> {
  const ast = ctx.module.ast;
  let methods = driverMethodsByModule.get(ast);
  if (!methods) {
    const found = new Set<string>();
    const text = ctx.module.text ?? '';
    const imports = new Set(ast.body.flatMap((statement) => (statement.type === AST_NODE_TYPES.ImportDeclaration ? [statement.source.value] : [])));
    for (const kind of driverKinds(ctx.env.libraries)) {
      if (kind.builtIn && !kind.builtIn.some((specifier) => imports.has(specifier))) continue;
      if (kind.evidence && !kind.evidence.test(text)) continue;
      for (const m of kind.methods) found.add(m);
    }
    methods = found;
    driverMethodsByModule.set(ast, methods);
  }
  return methods;
}

/**
 * Syntax only: could a call of this name block, given the drivers in play? A call failing this
 * is never resolved (a project without a synchronous driver resolves no `.get()`).
 */
function mayBlock(ctx: BlockingContext, name: string): boolean {
  return blockingNames.has(name) || blockingPatterns.some((pattern) => pattern.test(name)) || driverMethods(ctx).has(name);
}

/** The blocking call a call is, if it is one (uncached: the facade memoises it). */
export function blockingCall(ctx: BlockingContext, call: TSESTree.CallExpression): BlockingCall | undefined {
  if (!mayCallBlockingDirectly(ctx)) return undefined;
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(callee);
    if (name === undefined) return undefined;
    // `insertMany.immediate(rows)`: a blocking function reached as a property.
    if (!mayBlock(ctx, name)) return blockingCallProperties.has(name) ? calledDriverFunction(ctx, callee) : undefined;
    const object = unwrap(callee.object);
    if (object.type === AST_NODE_TYPES.Identifier && Object.hasOwn(blocking.globals, object.name) && ctx.isGlobal(object)) {
      const fn = blocking.globals[object.name]?.[name];
      if (fn) return { what: `\`${object.name}.${name}()\``, category: fn.category };
    }
    const source = moduleObjectSource(ctx, object);
    if (source !== undefined) return moduleFunction(source, name, 'member');
    const value = ctx.resolve(object);
    if (value?.spec.blockingMethods?.includes(name)) {
      return { what: `${libraries[value.library].name} \`${value.spec.label}.${name}()\``, category: 'database driver', library: value.library };
    }
    return undefined;
  }
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const named = namedImport(ctx, callee);
    if (named) return moduleFunction(named.source, named.name, 'named');
    const made = madeByCallResult(ctx, callee);
    if (made) return made;
    return mayHoldDriverFunction(ctx, callee) ? calledDriverFunction(ctx, callee) : undefined;
  }
  return undefined;
}

/**
 * Syntax only: could a called identifier hold a blocking driver function? Made by a maker method
 * (`const insertMany = db.transaction(fn)`), or declared with a type (a parameter, a field).
 */
function mayHoldDriverFunction(ctx: BlockingContext, id: TSESTree.Identifier): boolean {
  if (![...ctx.env.libraries].some((library) => librariesWithBlockingCalls.has(library) && libraries[library].dependencies.length > 0)) return false;
  const def = ctx.variableOf(id)?.defs[0];
  if (!def) return false;
  if (def.type === DefinitionType.Parameter) return (def.name as TSESTree.Identifier).typeAnnotation !== undefined;
  if (def.type !== DefinitionType.Variable) return false;
  const init = def.node.init ? unwrap(def.node.init) : undefined;
  if (!init) return def.name.typeAnnotation !== undefined;
  const callee = init.type === AST_NODE_TYPES.CallExpression ? unwrap(init.callee) : init;
  return callee.type === AST_NODE_TYPES.MemberExpression && blockingCallMakers.has(propertyName(callee) ?? '');
}

/** A database object whose call blocks (a better-sqlite3 transaction function). */
function calledDriverFunction(ctx: BlockingContext, callee: Node): BlockingCall | undefined {
  const value = ctx.resolve(callee);
  if (!value?.spec.blockingCall) return undefined;
  return { what: `a ${libraries[value.library].name} ${value.spec.label.toLowerCase()} function`, category: 'database driver', library: value.library };
}

function moduleFunction(source: string, name: string, style: 'member' | 'named'): BlockingCall | undefined {
  const module = Object.hasOwn(blocking.modules, source) ? blocking.modules[source] : undefined;
  const fn = module ? functionOf(module, name) : undefined;
  if (!fn) return undefined;
  const shortName = source.replace(/^node:/, '');
  return {
    what: `\`${shortName}.${name}()\``,
    category: fn.category,
    asyncForm: fn.asyncForm,
    callee: { module: source, style },
  };
}

function functionOf(module: BlockingModule, name: string): BlockingFunction | undefined {
  const listed = module.exports && Object.hasOwn(module.exports, name) ? module.exports[name] : undefined;
  if (listed) return listed;
  const pattern = module.exportPattern;
  if (!pattern?.pattern.test(name)) return undefined;
  const asyncName = name.replace(pattern.pattern, '');
  const form = pattern.asyncForm;
  let asyncForm: AsyncForm | undefined;
  if (form && (!pattern.asyncNames || pattern.asyncNames.includes(name))) {
    asyncForm = form.style === 'promises' ? { ...form, name: asyncName } : { style: 'promisify', name: asyncName };
  }
  return { category: pattern.category, asyncForm };
}

/**
 * The module an expression is the module object of: `import fs from 'fs'`, `import * as fs`,
 * `import fs = require('fs')`, `const fs = require('fs')`, `require('fs')` itself, and aliases.
 */
function moduleObjectSource(ctx: BlockingContext, node: Node, depth = 0): string | undefined {
  if (depth > 4) return undefined;
  const source = requireSource(node);
  if (source !== undefined) return source;
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = ctx.variableOf(node)?.defs[0];
  if (def?.type === DefinitionType.ImportBinding) {
    const spec = def.node;
    if (spec.type === AST_NODE_TYPES.TSImportEqualsDeclaration) return importEqualsSource(spec);
    if (spec.type === AST_NODE_TYPES.ImportSpecifier) return undefined;
    return importDeclarationOf(spec)?.source.value;
  }
  if (def?.type === DefinitionType.Variable && def.node.id === def.name && def.node.init) {
    return moduleObjectSource(ctx, unwrap(def.node.init), depth + 1);
  }
  return undefined;
}

/** `import { readFileSync } from 'fs'`, `const { readFileSync: read } = require('fs')`. */
function namedImport(ctx: BlockingContext, id: TSESTree.Identifier): { source: string; name: string } | undefined {
  const def = ctx.variableOf(id)?.defs[0];
  if (def?.type === DefinitionType.ImportBinding && def.node.type === AST_NODE_TYPES.ImportSpecifier) {
    const source = importDeclarationOf(def.node)?.source.value;
    return source === undefined ? undefined : { source, name: importedName(def.node) };
  }
  if (def?.type === DefinitionType.Variable && def.node.id.type === AST_NODE_TYPES.ObjectPattern && def.node.init) {
    const source = moduleObjectSource(ctx, unwrap(def.node.init));
    const name = destructuredKey(def.node.id, def.name);
    return source === undefined || name === undefined ? undefined : { source, name };
  }
  return undefined;
}

/** `const sleep = deasync(fn)`: a function whose calls block, made by calling a module. */
function madeByCallResult(ctx: BlockingContext, id: TSESTree.Identifier): BlockingCall | undefined {
  const def = ctx.variableOf(id)?.defs[0];
  if (def?.type !== DefinitionType.Variable || def.node.id !== def.name || !def.node.init) return undefined;
  const init = unwrap(def.node.init);
  if (init.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const source = moduleObjectSource(ctx, unwrap(init.callee));
  const made = source !== undefined && Object.hasOwn(blocking.modules, source) ? blocking.modules[source]?.callResult : undefined;
  return made ? { what: `a function made by \`${source ?? ''}()\``, category: made.category } : undefined;
}

/**
 * The first blocking call a synchronous project function makes when called, directly or through
 * the synchronous project functions it calls (`depth` levels). Callbacks it hands to other calls
 * count (they run during the call: `rows.map(…)`); functions it only defines or returns do not,
 * nor calls that run once per process under a cache guard.
 */
export function blockingEffect(ctx: BlockingContext, fn: FunctionNode, depth: number): BlockingEffect | undefined {
  if (fn.async || fn.generator) return undefined;
  let found: BlockingEffect | undefined;
  walk(fn.body, (node) => {
    if (found) return false;
    if (isFunction(node)) return isCallbackArgument(node);
    if (node.type !== AST_NODE_TYPES.CallExpression) return true;
    const direct = ctx.blockingCall(node);
    if (direct && !ctx.runsOnceCached(node)) {
      found = { blocking: direct, through: [] };
      return false;
    }
    // Module text first: following a helper parses the module it comes from.
    if (depth > 0 && mayReachBlocking(ctx, unwrap(node.callee))) {
      const helper = ctx.localFunction(node.callee) ?? ctx.projectMethod(node.callee);
      const inner = helper && helper.fn !== fn ? helper.resolver.blockingEffect(helper.fn, depth - 1) : undefined;
      if (inner && !ctx.runsOnceCached(node)) {
        found = { blocking: inner.blocking, through: [helper?.name ?? '', ...inner.through] };
        return false;
      }
    }
    return true;
  });
  return found;
}

const directlyBlockingModules = new WeakMap<TSESTree.Program, boolean>();

/** Could any call of this module be a blocking call? Its text decides, once per module. */
function mayCallBlockingDirectly(ctx: BlockingContext): boolean {
  const ast = ctx.module.ast;
  let may = directlyBlockingModules.get(ast);
  if (may === undefined) {
    may = ctx.module.text === undefined || directText(ctx.env.libraries).test(ctx.module.text);
    directlyBlockingModules.set(ast, may);
  }
  return may;
}

const reachingModules = new WeakMap<TSESTree.Program, boolean>();

/**
 * Could a function of this module (or a method reached through `this`) reach a blocking call?
 * Only if the module calls one itself, or imports a project module that may (by text, two
 * modules deep, as for imported helpers): once per module.
 */
export function moduleMayReachBlocking(ctx: BlockingContext): boolean {
  const ast = ctx.module.ast;
  let may = reachingModules.get(ast);
  if (may === undefined) {
    may =
      mayCallBlockingDirectly(ctx) ||
      ast.body.some((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration && bindsValues(statement) && projectModuleMayBlock(ctx, statement)) ||
      (ctx.module.text !== undefined && /\brequire\s*\(/.test(ctx.module.text) && requiredProjectModuleMayBlock(ctx));
    reachingModules.set(ast, may);
  }
  return may;
}

/**
 * Syntax and module text only, before resolving anything: could calling this callee reach a
 * blocking call? A function of this module or of this class, or one imported from a project
 * module whose text mentions a blocking API (a helper's helper in a third module that does is
 * not followed: the price of not parsing every imported module).
 */
export function mayReachBlocking(ctx: BlockingContext, callee: Node): boolean {
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const object = unwrap(callee.object);
    if (object.type === AST_NODE_TYPES.ThisExpression) return moduleMayReachBlocking(ctx);
    return object.type === AST_NODE_TYPES.Identifier && importedModuleMayBlock(ctx, object);
  }
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const def = ctx.variableOf(callee)?.defs[0];
  if (!def) return false;
  if (def.type === DefinitionType.FunctionName) return moduleMayReachBlocking(ctx);
  if (def.type === DefinitionType.Variable) return def.node.init !== null && isFunction(unwrap(def.node.init)) && moduleMayReachBlocking(ctx);
  return importedModuleMayBlock(ctx, callee);
}

function importedModuleMayBlock(ctx: BlockingContext, id: TSESTree.Identifier): boolean {
  const def = ctx.variableOf(id)?.defs[0];
  if (def?.type !== DefinitionType.ImportBinding || def.node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) return false;
  const declaration = importDeclarationOf(def.node);
  return declaration !== undefined && projectModuleMayBlock(ctx, declaration);
}

const projectModulesMayBlock = new WeakMap<TSESTree.ImportDeclaration, boolean>();

/** Does an imported project module, or one it imports, mention a blocking API? Once per import. */
function projectModuleMayBlock(ctx: BlockingContext, declaration: TSESTree.ImportDeclaration): boolean {
  let may = projectModulesMayBlock.get(declaration);
  if (may === undefined) {
    may = isProjectPath(declaration.source.value) && fileMayBlock(ctx.env.libraries, ctx.moduleFileByProgram(declaration) ?? resolveLocalModule(ctx.filename, declaration.source.value));
    projectModulesMayBlock.set(declaration, may);
  }
  return may;
}

/** `import type { A } from`, `import { type A } from`: no function comes in. */
function bindsValues(declaration: TSESTree.ImportDeclaration): boolean {
  if (declaration.importKind === 'type') return false;
  return declaration.specifiers.length === 0 || declaration.specifiers.some((spec) => spec.type !== AST_NODE_TYPES.ImportSpecifier || spec.importKind !== 'type');
}

/** A CommonJS module's project requires, by text (their bindings are not followed as imports are). */
function requiredProjectModuleMayBlock(ctx: BlockingContext): boolean {
  return importedSpecifiers(ctx.filename).some((specifier) => isProjectPath(specifier) && fileMayBlock(ctx.env.libraries, resolveLocalModule(ctx.filename, specifier)));
}

/** A function written as an argument of a call (`rows.map((r) => …)`): it runs during that call. */
export function isCallbackArgument(fn: FunctionNode): boolean {
  const parent = fn.parent;
  return (
    (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) &&
    (parent.arguments as readonly Node[]).includes(fn)
  );
}

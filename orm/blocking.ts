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

import { blocking, libraries } from './catalog/index.js';
import type { AsyncForm, BlockingCategory, BlockingFunction, BlockingModule, LibraryId } from './catalog/index.js';
import { importedSpecifiers, moduleTextMatches } from './modules/parse.js';
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

/** Names of the blocking functions outside the drivers (`readFileSync`, `wait`). */
const blockingNames = new Set<string>();
for (const module of Object.values(blocking.modules)) for (const name of Object.keys(module.exports ?? {})) blockingNames.add(name);
for (const members of Object.values(blocking.globals)) for (const name of Object.keys(members)) blockingNames.add(name);
const blockingPatterns = [...new Set(Object.values(blocking.modules).flatMap((m) => (m.exportPattern ? [m.exportPattern.pattern] : [])))];

/** A driver kind's blocking methods, with what a module that runs them must mention. */
interface DriverMethods {
  readonly methods: readonly string[];
  /**
   * For objects a client makes (better-sqlite3 statements): the names that make or declare one
   * (`prepare`, `Statement`). A module mentioning none cannot hold one it runs, so its `.get()`
   * and `.all()` calls are never resolved. Clients' own methods need no such evidence.
   */
  readonly evidence: readonly string[] | undefined;
  /** A built-in library (`node:sqlite`, always active): only where the module imports it. */
  readonly builtIn: readonly string[] | undefined;
}

const driverKindsByLibraries = new WeakMap<ReadonlySet<LibraryId>, readonly DriverMethods[]>();

function driverKinds(active: ReadonlySet<LibraryId>): readonly DriverMethods[] {
  let kinds = driverKindsByLibraries.get(active);
  if (!kinds) {
    const found: DriverMethods[] = [];
    for (const id of active) {
      const catalog = libraries[id];
      for (const [kind, spec] of Object.entries(catalog.kinds)) {
        if (!spec.blockingMethods) continue;
        const makers = Object.values(catalog.kinds).flatMap((other) => Object.entries(other.methods ?? {}).filter(([, k]) => k === kind).map(([m]) => m));
        const typeNames = Object.values(catalog.types ?? {}).flatMap((names) => Object.entries(names).filter(([, k]) => k === kind).map(([name]) => name.split('.').at(-1) ?? name));
        found.push({
          methods: spec.blockingMethods,
          evidence: spec.role === 'client' ? undefined : [...new Set([...makers, ...typeNames])],
          builtIn: catalog.dependencies.length === 0 ? Object.keys(catalog.modules) : undefined,
        });
      }
    }
    kinds = found;
    driverKindsByLibraries.set(active, kinds);
  }
  return kinds;
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
      if (kind.evidence && !kind.evidence.some((word) => text.includes(word))) continue;
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

/** Properties that lead to an object whose call blocks (`insertMany.immediate`). */
const blockingCallProperties = new Set<string>();
for (const catalog of Object.values(libraries)) {
  for (const spec of Object.values(catalog.kinds)) {
    for (const [name, kind] of Object.entries(spec.properties ?? {})) {
      if (catalog.kinds[kind]?.blockingCall) blockingCallProperties.add(name);
    }
  }
}

/** Methods whose result is an object whose call blocks (`db.transaction(fn)`). */
const blockingCallMakers = new Set<string>();
for (const catalog of Object.values(libraries)) {
  for (const spec of Object.values(catalog.kinds)) {
    for (const [name, kind] of Object.entries(spec.methods ?? {})) {
      if (catalog.kinds[kind]?.blockingCall) blockingCallMakers.add(name);
    }
  }
}

const librariesWithBlockingCalls = new Set(
  Object.values(libraries)
    .filter((catalog) => Object.values(catalog.kinds).some((spec) => spec.blockingCall))
    .map((catalog) => catalog.id),
);

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
    if (depth > 0) {
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

/** Text that any module calling a blocking API directly contains, per set of active libraries. */
const blockingTextByLibraries = new WeakMap<ReadonlySet<LibraryId>, RegExp>();

function blockingText(active: ReadonlySet<LibraryId>): RegExp {
  let pattern = blockingTextByLibraries.get(active);
  if (!pattern) {
    // A module that runs a driver's statements made them there (`db.prepare(…)`) or got the
    // client there: the clients' blocking methods are enough, not the statements' `get`/`all`.
    const methods = new Set(driverKinds(active).flatMap((kind) => (kind.evidence || kind.builtIn ? [] : kind.methods)));
    // The blocking exports that do not end in `Sync` are reached through their module or global.
    const unsuffixed = Object.entries(blocking.modules)
      .filter(([, module]) => module.callResult !== undefined || Object.keys(module.exports ?? {}).some((name) => !name.endsWith('Sync')))
      .map(([specifier]) => specifier.replace(/[^\w]/g, '\\$&'));
    // The pattern-matched exports (`fs`, `zlib`) all end in `Sync`.
    const alternatives = ['Sync\\b', ...Object.keys(blocking.globals), ...unsuffixed, ...[...methods].map((m) => `\\.${m}\\s*\\(`)];
    pattern = new RegExp(alternatives.join('|'));
    blockingTextByLibraries.set(active, pattern);
  }
  return pattern;
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
    if (object.type === AST_NODE_TYPES.ThisExpression) return true;
    return object.type === AST_NODE_TYPES.Identifier && importedModuleMayBlock(ctx, object);
  }
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const def = ctx.variableOf(callee)?.defs[0];
  if (!def) return false;
  if (def.type === DefinitionType.FunctionName) return true;
  if (def.type === DefinitionType.Variable) return def.node.init !== null && isFunction(unwrap(def.node.init));
  return importedModuleMayBlock(ctx, callee);
}

function importedModuleMayBlock(ctx: BlockingContext, id: TSESTree.Identifier): boolean {
  const def = ctx.variableOf(id)?.defs[0];
  if (def?.type !== DefinitionType.ImportBinding || def.node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) return false;
  const declaration = importDeclarationOf(def.node);
  if (!declaration || !isProjectPath(declaration.source.value)) return false;
  const file = ctx.moduleFileByProgram(declaration) ?? resolveLocalModule(ctx.filename, declaration.source.value);
  if (file === undefined) return false;
  const pattern = blockingText(ctx.env.libraries);
  if (moduleTextMatches(file, pattern)) return true;
  // One module further (a route's helper whose own helper hashes the password), by text alone.
  return importedSpecifiers(file).some((specifier) => {
    if (!isProjectPath(specifier)) return false;
    const next = resolveLocalModule(file, specifier);
    return next !== undefined && moduleTextMatches(next, pattern);
  });
}

/**
 * Project modules by path or alias (`./db`, `@/lib/password`, `~/x`, `#x`); packages of the
 * workspace are not searched for blocking helpers.
 */
function isProjectPath(specifier: string): boolean {
  return /^(\.|@\/|~|#)/.test(specifier);
}

/** A function written as an argument of a call (`rows.map((r) => …)`): it runs during that call. */
export function isCallbackArgument(fn: FunctionNode): boolean {
  const parent = fn.parent;
  return (
    (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) &&
    (parent.arguments as readonly Node[]).includes(fn)
  );
}

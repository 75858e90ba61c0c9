/**
 * The resolver: one object per module (the linted file, and each project module it imports) that
 * answers every question of `orm/` about that module's nodes. It holds no logic of its own: each
 * method hands its question to the module that answers it (`origin/`, `transactions/`,
 * `queries.ts`, `io.ts`, `effects.ts`), passing itself as the context those modules ask further
 * questions through, and memoises the answers. It owns the per-module caches, and the per-run
 * table of the resolvers of imported modules.
 *
 * Adding a question: a module beside the others, exporting functions over the context it
 * declares; here, one method that calls it (and a cache, when its answers are asked often).
 */
import type { Scope, ScopeVariable } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import type { LibraryId } from './catalog/index.js';
import { blockingCall, blockingEffect, mayReachBlocking, moduleMayReachBlocking } from './blocking.js';
import type { BlockingCall, BlockingContext, BlockingEffect } from './blocking.js';
import { functionEffects } from './effects.js';
import type { EffectsContext, FunctionEffects } from './effects.js';
import { resolveIo } from './io.js';
import { cachedOnce, guarded, memoized, resolving } from './memo.js';
import type { NodeCache } from './memo.js';
import { parseModule } from './modules/parse.js';
import type { ParsedModule } from './modules/parse.js';
import { resolveAnnotation, memberOfDeclaredType } from './origin/annotations.js';
import { resolveClass, resolveThis, resolveThisMember } from './origin/classes.js';
import type { OpenedTransaction, ProjectFunction, ResolverEnvironment, TransactionOpener } from './origin/context.js';
import { collectExports, exportsObjectAsDefault, resolveExport } from './origin/exports.js';
import { resolveExpression } from './origin/expressions.js';
import { exportedFunction, localFunction } from './origin/functions.js';
import { importedLocalExport, localModule, localNamespaceOf, resolveImport, resolveModuleExport } from './origin/imports.js';
import { objectMemberValue, objectMethod } from './origin/objects.js';
import { resolveDecorators, resolveParameter } from './origin/parameters.js';
import { projectMethod } from './origin/project-classes.js';
import { identityKey, isGlobal, scopeOf, variableOf } from './origin/scopes.js';
import { chainedOpener, openedTransaction, transactionOfCallback, transactionOpener } from './origin/transaction-openers.js';
import { moduleFileByProgram, resolveByType } from './origin/typed.js';
import { clientUse, functionRuns, opensConnections, outermostWrapper } from './pools/lifetime.js';
import type { ClientUse, LifetimeContext, Runs } from './pools/lifetime.js';
import { poolConstruction, poolSettings } from './pools/options.js';
import type { Construction, PoolConstruction, PoolSettings } from './pools/options.js';
import { embeddedInQuery, executionTarget, feedsQuery, queryUse } from './queries.js';
import type { QueryUse } from './queries.js';
import { runsOnceCached } from './once.js';
import { declaredRelations, entityDeclarationNode, entityOf, entityOfVariable } from './relations/declarations.js';
import type { EntityRelations } from './relations/declarations.js';
import { relationQuery } from './relations/loaded.js';
import type { LoadedContext, RelationQuery } from './relations/loaded.js';
import { unloadedReads } from './relations/rows.js';
import type { UnloadedRelationRead } from './relations/rows.js';
import { fileOutsideServing, handlerOf, isStartup, routerOf, servingContext } from './serving.js';
import type { Serving, ServingContext } from './serving.js';
import { callsPropagationSwitch } from './transactions/propagation.js';
import { begunRegion, reachesRegionHandle } from './transactions/regions.js';
import type { BegunRegion } from './transactions/regions.js';
import { transactionWrapper, wrappedTransaction } from './transactions/wrappers.js';
import type { TransactionWrapper, WrappedTransaction, WrapperContext } from './transactions/wrappers.js';
import type { ClassNode, FunctionNode, Node } from './syntax.js';
import type { DbValue, IoValue } from './values.js';

export type { ResolverEnvironment };

/**
 * Resolvers of imported modules, shared by every file of a lint run that imports them (with the
 * same libraries and depth), so a project's `db.ts` is resolved once, not once per importer. A
 * changed file parses to a new module object and gets a new resolver.
 */
const sharedResolvers = new Map<string, Resolver>();
const maxSharedResolvers = 4000;

/** A call of a function of the module, whose parameters resolve to the call's arguments. */
interface ArgumentBinding {
  readonly fn: FunctionNode;
  readonly call: TSESTree.CallExpression | TSESTree.NewExpression;
  readonly caller: Resolver;
}

/** Answers every question of `orm/` about one module's nodes. */
export class Resolver implements EffectsContext, WrapperContext, BlockingContext, ServingContext, LifetimeContext, LoadedContext {
  readonly filename: string;
  // Plain Maps, not WeakMaps, where every key is a node of this module: the caches live exactly as
  // long as the resolver (the linted file's is dropped with the file), and a WeakMap's lookups and
  // the garbage collector's work on its entries cost more, for nothing here.
  private readonly values: NodeCache<DbValue> = new Map();
  private readonly ioValues: NodeCache<IoValue> = new Map();
  private readonly effects = new Map<Node, FunctionEffects | typeof resolving>();
  private readonly opened = new Map<Node, OpenedTransaction | null>();
  private readonly regions = new Map<Node, BegunRegion | null>();
  private readonly uses = new Map<Node, QueryUse | null>();
  private readonly wrappers = new Map<Node, TransactionWrapper | null>();
  /** Keyed by calls in other modules (the linted file's): weak, so a shared resolver does not keep them. */
  private readonly boundByCall = new WeakMap<Node, Resolver>();
  private readonly functions = new Map<Node, ProjectFunction<Resolver> | null>();
  private readonly methods = new Map<Node, ProjectFunction<Resolver> | null>();
  private readonly callbacks = new Map<Node, OpenedTransaction | null>();
  private readonly constructions = new Map<Node, PoolConstruction | null>();
  private exportCache: Map<string, Node | 'namespace' | undefined> | undefined;
  private readonly blockingCalls = new Map<Node, BlockingCall | null>();
  private readonly blockingEffects = new Map<Node, BlockingEffect | null>();
  private readonly routers = new Map<Node, string | null>();
  private readonly handlers = new Map<Node, string | null>();
  private readonly startup = new Map<Node, boolean | null>();
  private outsideServing: string | null | undefined;
  private readonly entityDeclarations = new Map<Node, EntityRelations | null>();
  private readonly relationQueries = new Map<Node, RelationQuery | null>();

  constructor(
    readonly module: ParsedModule,
    readonly env: ResolverEnvironment,
    /** Calls this view of the module is inside of (see {@link withArguments}). */
    private readonly bindings: readonly ArgumentBinding[] = [],
  ) {
    this.filename = module.filename;
  }

  // ------------------------------------------------------------ scopes (origin/scopes.ts)

  scopeOf(node: Node): Scope {
    return scopeOf(this.module.scopeManager, node);
  }

  variableOf(id: TSESTree.Identifier | TSESTree.JSXIdentifier): ScopeVariable | undefined {
    return variableOf(this.module.scopeManager, id);
  }

  isGlobal(id: TSESTree.Identifier): boolean {
    return isGlobal(this.module.scopeManager, id);
  }

  identityKey(node: Node): string | undefined {
    return identityKey(this.module.scopeManager, node);
  }

  textOf(node: Node): string | undefined {
    return this.module.text?.slice(node.range[0], node.range[1]);
  }

  // ------------------------------------------------------------ origin

  /** What database object an expression is, if any. */
  resolve(node: Node | null | undefined): DbValue | undefined {
    return memoized(this.values, node, (target) => resolveExpression(this, target));
  }

  resolveByType(node: Node): DbValue | undefined {
    return resolveByType(this, node);
  }

  resolveClass(node: ClassNode): DbValue | undefined {
    return resolveClass(this, node);
  }

  resolveThis(node: TSESTree.ThisExpression): DbValue | undefined {
    return resolveThis(this, node);
  }

  resolveThisMember(member: TSESTree.MemberExpression, name: string): DbValue | undefined {
    return resolveThisMember(this, member, name);
  }

  resolveParameter(fn: FunctionNode, param: TSESTree.Identifier): DbValue | undefined {
    for (const binding of this.bindings) {
      if (binding.fn !== fn) continue;
      const argument = binding.call.arguments[fn.params.findIndex((p) => p === param || (p.type === AST_NODE_TYPES.AssignmentPattern && p.left === param))];
      const value = argument && argument.type !== AST_NODE_TYPES.SpreadElement ? binding.caller.resolve(argument) : undefined;
      if (value) return value;
    }
    return resolveParameter(this, fn, param);
  }

  /**
   * This module as seen from inside a call of one of its functions: `fn`'s parameters resolve to
   * the call's arguments, as `caller` resolves them. A view with caches of its own, made once per
   * call.
   */
  withArguments(fn: FunctionNode, call: TSESTree.CallExpression | TSESTree.NewExpression, caller: Resolver): Resolver {
    const known = this.boundByCall.get(call);
    if (known) return known;
    const bound = new Resolver(this.module, this.env, [...this.bindings, { fn, call, caller }]);
    this.boundByCall.set(call, bound);
    return bound;
  }

  resolveDecorators(decorators: readonly TSESTree.Decorator[] | undefined): DbValue | undefined {
    return resolveDecorators(this, decorators);
  }

  resolveAnnotation(annotation: Node | undefined): DbValue | undefined {
    return resolveAnnotation(this, annotation);
  }

  memberOfDeclaredType(object: Node, name: string): DbValue | undefined {
    return memberOfDeclaredType(this, object, name);
  }

  // ------------------------------------------------------------ modules

  resolveImport(spec: TSESTree.ImportClause | TSESTree.TSImportEqualsDeclaration): DbValue | undefined {
    return resolveImport(this, spec);
  }

  resolveModuleExport(source: string, name: string, declaration?: TSESTree.ImportDeclaration): DbValue | undefined {
    return resolveModuleExport(this, source, name, declaration);
  }

  // Questions the rules ask directly either answer or, on a shape nobody foresaw, answer nothing
  // (memo.ts): they never break a lint run.

  // Every context is a Resolver: this class is the only implementation, so the contexts the
  // question modules hand back are narrowed to it here.
  localModule(source: string, declaration?: TSESTree.ImportDeclaration): Resolver | undefined {
    return localModule(this, source, declaration) as Resolver | undefined;
  }

  localNamespaceOf(id: TSESTree.Identifier): Resolver | undefined {
    return localNamespaceOf(this, id) as Resolver | undefined;
  }

  importedLocalExport(id: TSESTree.Identifier): { resolver: Resolver; node: Node } | undefined {
    return importedLocalExport(this, id) as { resolver: Resolver; node: Node } | undefined;
  }

  moduleFileByProgram(declaration?: TSESTree.ImportDeclaration): string | undefined {
    return moduleFileByProgram(this, declaration);
  }

  // ------------------------------------------------------------ object literals (origin/objects.ts)

  objectMemberValue(object: Node, name: string): DbValue | undefined {
    return objectMemberValue(this, object, name);
  }

  objectMethod(callee: TSESTree.MemberExpression): ProjectFunction<Resolver> | undefined {
    return objectMethod(this, callee) as ProjectFunction<Resolver> | undefined;
  }

  /** The resolver of a project file (not a package, not a declaration file). */
  moduleAt(file: string): Resolver | undefined {
    if (this.env.depth <= 0) return undefined;
    if (file.includes('/node_modules/') || file.includes('\\node_modules\\') || file.endsWith('.d.ts')) return undefined;
    if (file === this.filename) return this;
    const parsed = parseModule(file, this.env.parser);
    if (!parsed) return undefined;
    const depth = this.env.depth - 1;
    const key = `${file}\0${[...this.env.libraries].sort().join(',')}\0${String(depth)}`;
    const shared = sharedResolvers.get(key);
    if (shared?.module === parsed) return shared;
    if (sharedResolvers.size >= maxSharedResolvers) sharedResolvers.clear();
    const resolver = new Resolver(parsed, { ...this.env, services: undefined, depth });
    sharedResolvers.set(key, resolver);
    return resolver;
  }

  /** The resolver of the module a value's origin points into, if it was parsed. */
  moduleOfOrigin(origin: string | undefined): Resolver | undefined {
    if (!origin) return undefined;
    const file = origin.slice(0, origin.lastIndexOf(':'));
    return file === this.filename ? this : this.moduleAt(file);
  }

  /** The node a module exports under a name. */
  exportNode(name: string): Node | 'namespace' | undefined {
    this.exportCache ??= collectExports(this.module.ast);
    return this.exportCache.get(name);
  }

  /** What a module exports under a name, resolved in the module's own context. */
  resolveExport(name: string): DbValue | undefined {
    return resolveExport(this, name);
  }

  exportsObjectAsDefault(): boolean {
    return exportsObjectAsDefault(this);
  }

  // ------------------------------------------------------------ project functions

  exportedFunction(name: string): ProjectFunction<Resolver> | undefined {
    return exportedFunction(this, name) as ProjectFunction<Resolver> | undefined;
  }

  /**
   * The function a callee names, when it is defined in this project: a local function or const
   * arrow, a method of the same class (`this.helper()`), or a function exported by a local module.
   */
  localFunction(callee: Node): ProjectFunction<Resolver> | undefined {
    return cachedOnce(this.functions, callee, () => localFunction(this, callee) as ProjectFunction<Resolver> | undefined);
  }

  /** A method of a project class called on an instance of it, or a static one on the class. */
  projectMethod(callee: Node): ProjectFunction<Resolver> | undefined {
    return cachedOnce(this.methods, callee, () => projectMethod(this, callee) as ProjectFunction<Resolver> | undefined);
  }

  // ------------------------------------------------------------ transactions

  transactionOpener(call: TSESTree.CallExpression): TransactionOpener | undefined {
    return transactionOpener(this, call);
  }

  /** The transaction a call opens with a callback (`prisma.$transaction(async (tx) => ...)`). */
  openedTransaction(call: TSESTree.CallExpression): OpenedTransaction | undefined {
    return cachedOnce(this.opened, call, () => openedTransaction(this, call));
  }

  /** The transaction a function is the callback of (inline or passed by name), asked by every rule per function. */
  transactionOfCallback(fn: FunctionNode): OpenedTransaction | undefined {
    return cachedOnce(this.callbacks, fn, () => transactionOfCallback(this, fn));
  }

  chainedOpener<T>(
    start: Node,
    match: (value: DbValue, method: string | undefined) => T | undefined,
  ): { owner: DbValue; receiver: Node; found: T } | undefined {
    return chainedOpener(this, start, match);
  }

  /**
   * The transaction region a call begins (`await client.query('BEGIN')`,
   * `const trx = await knex.transaction()`), with the range it covers.
   */
  begunRegion(call: TSESTree.CallExpression): BegunRegion | undefined {
    return cachedOnce(this.regions, call, () => begunRegion(this, call));
  }

  /** A call of a project function that runs its inline callback inside a library transaction. */
  wrappedTransaction(call: TSESTree.CallExpression): WrappedTransaction | undefined {
    return guarded(() => wrappedTransaction(this, call), undefined);
  }

  transactionWrapper(fn: FunctionNode, depth: number): TransactionWrapper | undefined {
    return cachedOnce(this.wrappers, fn, () => transactionWrapper(this, fn, depth));
  }

  /** Is an expression a region's handle, or an object reached from it (`queryRunner.manager.getRepository(User)`)? */
  reachesRegionHandle(node: Node, handleKey: string): boolean {
    return guarded(() => reachesRegionHandle(this, node, handleKey), false);
  }

  /** Does the module, at its top level, call a library's propagation switch (`Sequelize.useCLS`)? */
  callsPropagationSwitch(library: LibraryId): boolean {
    return guarded(() => callsPropagationSwitch(this, library), false);
  }

  // ------------------------------------------------------------ queries, I/O, effects

  /** The query a call runs or makes through a database object, when it is the first of its chain. */
  queryUse(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): QueryUse | undefined {
    return cachedOnce(this.uses, node, () => queryUse(this, node));
  }

  /** The client a built query is run on, when it is passed as an argument (Kysely ``sql`...`.execute(db)``). */
  executionTarget(call: TSESTree.CallExpression): { node: Node; value: DbValue } | undefined {
    return guarded(() => executionTarget(this, call), undefined);
  }

  /** Is a query chain a value inside another query (a subquery, `knex.raw()` as a value) rather than a query of its own? */
  embeddedInQuery(use: QueryUse): boolean {
    return guarded(() => embeddedInQuery(this, use), false);
  }

  /** Is a factory call the receiver of a query made from it (the query is the use to report)? */
  feedsQuery(use: QueryUse): boolean {
    return guarded(() => feedsQuery(this, use), false);
  }

  /** What non-database I/O an expression comes from, if any. */
  resolveIo(node: Node | null | undefined): IoValue | undefined {
    return memoized(this.ioValues, node, (target) => resolveIo(this, target));
  }

  /** What calling a project function of this module does: closure queries and the first I/O. */
  functionEffects(fn: FunctionNode, depth = 3): FunctionEffects {
    const cached = this.effects.get(fn);
    if (cached === resolving) return { closureQueries: [], io: undefined, parameterQueries: [] };
    if (cached) return cached;
    this.effects.set(fn, resolving);
    const result = guarded(() => functionEffects(this, fn, depth), { closureQueries: [], io: undefined, parameterQueries: [] });
    this.effects.set(fn, result);
    return result;
  }

  // ------------------------------------------------------------ blocking calls, serving code

  /** The blocking call a call is (a synchronous driver, `fs.readFileSync`, `Atomics.wait` …). */
  blockingCall(call: TSESTree.CallExpression): BlockingCall | undefined {
    return cachedOnce(this.blockingCalls, call, () => blockingCall(this, call));
  }

  /** What calling a synchronous project function of this module blocks on. */
  blockingEffect(fn: FunctionNode, depth = 3): BlockingEffect | undefined {
    // A function met again while its answer is computed (recursion) answers nothing.
    return cachedOnce(this.blockingEffects, fn, () => blockingEffect(this, fn, depth));
  }

  /** Syntax and module text only: could calling this callee reach a blocking call? */
  mayReachBlocking(callee: Node): boolean {
    return guarded(() => mayReachBlocking(this, callee), false);
  }

  /** Module text only, once per file: could any call of it block or reach a blocking call? */
  moduleMayReachBlocking(): boolean {
    return guarded(() => moduleMayReachBlocking(this), true);
  }

  runsOnceCached(node: Node): boolean {
    return guarded(() => runsOnceCached(this, node), false);
  }

  /** Why the whole module never runs while serving (a test, a script …), if it does not. */
  fileOutsideServing(): string | undefined {
    if (this.outsideServing === undefined) this.outsideServing = guarded(() => fileOutsideServing(this), undefined) ?? null;
    return this.outsideServing ?? undefined;
  }

  /** Whether, and why, a node runs while the server serves requests or jobs. */
  servingContext(node: Node): Serving | undefined {
    return guarded(() => servingContext(this, node), undefined);
  }

  routerOf(node: Node): string | undefined {
    return cachedOnce(this.routers, node, () => routerOf(this, node));
  }

  handlerOf(fn: FunctionNode): string | undefined {
    return cachedOnce(this.handlers, fn, () => handlerOf(this, fn));
  }

  isStartup(fn: FunctionNode): boolean {
    return cachedOnce(this.startup, fn, () => isStartup(this, fn)) ?? false;
  }

  // ------------------------------------------------------------ pools (pools/)

  /** The catalogued pool or client a call or `new` makes (`new pg.Pool(...)`, `MikroORM.init(...)`). */
  poolConstruction(node: Construction): PoolConstruction | undefined {
    return cachedOnce(this.constructions, node, () => guarded(() => poolConstruction(this, node), undefined));
  }

  /** What a pool construction's options say: size, bound on waiting, server. */
  poolSettings(construction: PoolConstruction): PoolSettings | undefined {
    return guarded(() => poolSettings(this, construction), undefined);
  }

  /** The outermost construction wrapping this one (`drizzle(new Pool())`: the `drizzle` call). */
  outermostWrapper(construction: PoolConstruction): PoolConstruction {
    return guarded(() => outermostWrapper(this, construction), construction);
  }

  /** Where a construction's client goes, and whether the function that made it closes it. */
  clientUse(construction: PoolConstruction): ClientUse | undefined {
    return guarded(() => clientUse(this, construction), undefined);
  }

  /** Does a construction open connections itself (a pool, a client), rather than run on a pool it is given? */
  opensConnections(construction: PoolConstruction): boolean {
    return guarded(() => opensConnections(this, construction), false);
  }

  /** Whether a function runs once, per request or call, or is not known. */
  functionRuns(fn: FunctionNode | undefined): Runs {
    return guarded(() => functionRuns(this, fn), 'unknown');
  }

  // ------------------------------------------------------------ relations (relations/)

  /** The relations a class or an entity schema construction of this module declares. */
  entityRelations(declaration: Node): EntityRelations | undefined {
    return cachedOnce(this.entityDeclarations, declaration, () => declaredRelations(this, declaration));
  }

  /** The entity (class or schema, here or imported) an expression names. */
  entityOf(node: Node): EntityRelations | undefined {
    return guarded(() => entityOf(this, node), undefined);
  }

  entityOfVariable(variable: ScopeVariable): EntityRelations | undefined {
    return guarded(() => entityOfVariable(this, variable), undefined);
  }

  /** The class or schema node an identifier names, followed into project modules. */
  entityDeclarationNode(id: TSESTree.Identifier): Node | undefined {
    return guarded(() => entityDeclarationNode(this, id), undefined);
  }

  /** A query of a known entity, with the relations it loads, when both are known. */
  relationQuery(call: TSESTree.CallExpression): RelationQuery | undefined {
    return cachedOnce(this.relationQueries, call, () => relationQuery(this, call));
  }

  /** Reads, in this module, of relations that a query did not load. */
  unloadedRelationReads(call: TSESTree.CallExpression): UnloadedRelationRead[] {
    return guarded(() => {
      const query = this.relationQuery(call);
      return query ? unloadedReads(this, query) : [];
    }, []);
  }
}

/**
 * Answers catalog questions on TSESTree nodes: "is this expression a database object, of which
 * library and kind, and where does it come from", "does this call open a transaction", "is this
 * call a query, and on what". Objects are identified by origin only: imports and `require` of a
 * catalogued package, constructors and factories, subclasses, type annotations, DI decorators,
 * aliases and destructuring, class fields, and exports of local modules (parsed on demand).
 * With type information, local imports are resolved by the program and unresolved candidates are
 * confirmed by their type's declaring package.
 */
import path from 'node:path';

import { DefinitionType, ScopeType } from '@typescript-eslint/scope-manager';
import type { Scope, ScopeManager, ScopeVariable } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { ParserServices, TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

import { io, libraries } from './catalog/index.js';
import type {
  CallbackTransaction,
  IoCategory,
  KindSpec,
  LibraryCatalog,
  LibraryId,
  RegionTransaction,
} from './catalog/index.js';
import { isNode, mayExportName, parseModule, resolveLocalModule } from './modules.js';
import type { ParsedModule, ParserLike } from './modules.js';

type Node = TSESTree.Node;
type Expression = TSESTree.Expression;

/** A database object: what the resolver knows of an expression's value. */
export interface DbValue {
  readonly library: LibraryId;
  readonly kind: string;
  readonly spec: KindSpec;
  /**
   * Which connection source it came from: the file and offset of the constructor or factory call
   * that made its client. Undefined when only its type is known (injected, annotated).
   */
  readonly origin: string | undefined;
  /** It is, or is derived from, a transaction handle. */
  readonly viaHandle: boolean;
  /** Source text naming its entity (`getRepository(User)`, `@InjectRepository(User)`), if known. */
  readonly entity: string | undefined;
}

/** Non-database I/O an expression leads to. */
export interface IoValue {
  readonly category: IoCategory;
  /** The module or global it comes from, for messages. */
  readonly source: string;
}

/** A transaction opened by a call with a callback. */
export interface OpenedTransaction {
  readonly form: 'callback';
  readonly library: LibraryId;
  readonly owner: DbValue;
  /** The call whose argument is the callback (Kysely: the `.execute(cb)` call). */
  readonly call: TSESTree.CallExpression;
  /** The object the transaction was opened on. */
  readonly receiver: Node;
  readonly callback: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;
  readonly handle: TSESTree.Identifier | undefined;
  readonly spec: CallbackTransaction;
}

/** A transaction begun by one call and ended by another. */
export interface BegunRegion {
  readonly form: 'region';
  readonly library: LibraryId;
  readonly owner: DbValue;
  readonly call: TSESTree.CallExpression;
  readonly receiver: Node;
  /** The statement holding the begin call. */
  readonly statement: TSESTree.Statement;
  /** The handle: the receiver itself (`self`) or the variable receiving the result. */
  readonly handle: TSESTree.Identifier | undefined;
  /** Identity of the handle object, to tell it from other objects. */
  readonly handleKey: string | undefined;
  /** Source range the transaction covers: after the begin statement up to the ending one. */
  readonly range: readonly [number, number];
  readonly spec: RegionTransaction;
}

/** A call (or tagged template) that runs a query, or makes one, through a database object. */
export interface QueryUse {
  readonly node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression;
  /** What the method was called on (`prisma.user`); the callee itself for `knex('t')`. */
  readonly receiver: Node;
  readonly receiverValue: DbValue;
  /** The deepest database object of the chain (`prisma` in `prisma.user.findMany()`). */
  readonly root: Node;
  readonly rootValue: DbValue;
  /** Method name; undefined for a call or tagged template of the object itself. */
  readonly method: string | undefined;
  readonly type: 'query' | 'factory' | 'transaction';
  /**
   * In a helper's effects: the query uses the outer client only when the caller leaves out this
   * parameter (`(tx ?? prisma).user.count()`).
   */
  readonly fallbackParameter?: number;
}

/** What running a function does, as far as transactions care. */
export interface FunctionEffects {
  /** Queries through database objects that the function reaches by closure (not by parameter). */
  readonly closureQueries: readonly QueryUse[];
  /** The first non-database I/O it starts, if any. */
  readonly io: { readonly node: Node; readonly value: IoValue } | undefined;
}

/** What the resolver needs beyond the module itself. */
export interface ResolverEnvironment {
  readonly libraries: ReadonlySet<LibraryId>;
  readonly parser: ParserLike | undefined;
  /** Type information for the linted file, when the parser has a program. */
  readonly services: ParserServices | undefined;
  /** How many modules deep local imports are followed. */
  readonly depth: number;
}

const functionTypes = new Set<string>([
  AST_NODE_TYPES.ArrowFunctionExpression,
  AST_NODE_TYPES.FunctionExpression,
  AST_NODE_TYPES.FunctionDeclaration,
]);

type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

export function isFunction(node: Node | null | undefined): node is FunctionNode {
  return node != null && functionTypes.has(node.type);
}

/** Strips TypeScript-only wrappers and parentheses-like nodes. */
export function unwrap(node: Node): Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSInstantiationExpression:
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** Name of a non-computed (or string-literal computed) member's property. */
export function propertyName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed && node.property.type === AST_NODE_TYPES.Identifier) return node.property.name;
  if (node.computed && node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === 'string') {
    return node.property.value;
  }
  return undefined;
}

/** The string value of a literal or a template without expressions. */
export function staticString(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) {
    return node.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

function catalogOf(library: LibraryId): LibraryCatalog {
  return libraries[library];
}

function makeValue(
  library: LibraryId,
  kind: string,
  from: Partial<Pick<DbValue, 'origin' | 'viaHandle' | 'entity'>> = {},
): DbValue | undefined {
  const spec = catalogOf(library).kinds[kind];
  if (!spec) return undefined;
  return {
    library,
    kind,
    spec,
    origin: from.origin,
    viaHandle: from.viaHandle ?? spec.role === 'transaction',
    entity: from.entity,
  };
}

function derive(base: DbValue, kind: string, entity?: string): DbValue | undefined {
  return makeValue(base.library, kind, {
    origin: base.origin,
    viaHandle: base.viaHandle,
    entity: entity ?? base.entity,
  });
}

const resolving = Symbol('resolving');

const sharedResolvers = new Map<string, Resolver>();
const maxSharedResolvers = 4000;

/**
 * Per-node memo with a guard against cycles (`let a = b; let b = a`): a node met again while it
 * is being resolved resolves to nothing. Any exception resolves to nothing too: unknown shapes must
 * never break linting.
 */
function memoized<T>(
  cache: WeakMap<Node, T | null | typeof resolving>,
  node: Node | null | undefined,
  compute: (node: Node) => T | undefined,
): T | undefined {
  if (!node) return undefined;
  const cached = cache.get(node);
  if (cached === resolving) return undefined;
  if (cached !== undefined) return cached ?? undefined;
  cache.set(node, resolving);
  let value: T | undefined;
  try {
    value = compute(node);
  } catch {
    value = undefined;
  }
  cache.set(node, value ?? null);
  return value;
}

/** Resolves expressions of one module. One instance per linted file (and per imported module). */
export class Resolver {
  readonly filename: string;
  private readonly ast: TSESTree.Program;
  private readonly scopeManager: ScopeManager;
  private readonly text: string | undefined;
  private readonly values = new WeakMap<Node, DbValue | null | typeof resolving>();
  private readonly ioValues = new WeakMap<Node, IoValue | null | typeof resolving>();
  private readonly effects = new WeakMap<Node, FunctionEffects | typeof resolving>();
  private readonly opened = new WeakMap<Node, OpenedTransaction | null>();
  private readonly regions = new WeakMap<Node, BegunRegion | null>();
  private readonly uses = new WeakMap<Node, QueryUse | null>();
  private readonly wrappers = new WeakMap<Node, { parameter: number; owner: DbValue; spec: CallbackTransaction } | null>();
  private exportCache: Map<string, Node | 'namespace' | undefined> | undefined;

  constructor(
    readonly module: ParsedModule,
    private readonly env: ResolverEnvironment,
  ) {
    this.filename = module.filename;
    this.ast = module.ast;
    this.scopeManager = module.scopeManager;
    this.text = module.text;
  }

  // ---------------------------------------------------------------- scopes and bindings

  /** Innermost scope holding a node. */
  scopeOf(node: Node): Scope {
    let current: Node | undefined = node;
    while (current) {
      const scope = this.scopeManager.acquire(current, true);
      if (scope) {
        // A function's own scope holds its parameters and body; its name belongs outside.
        return scope.type === ScopeType.functionExpressionName ? (scope.childScopes[0] ?? scope) : scope;
      }
      current = current.parent;
    }
    return this.scopeManager.globalScope as Scope;
  }

  /** The variable an identifier refers to, or undefined for globals and unknown names. */
  variableOf(id: TSESTree.Identifier | TSESTree.JSXIdentifier): ScopeVariable | undefined {
    let scope: Scope | null = this.scopeOf(id);
    while (scope) {
      const found = scope.set.get(id.name);
      if (found) return found;
      scope = scope.upper;
    }
    return undefined;
  }

  /** True when a global name (fetch, setTimeout) is not shadowed at a node. */
  isGlobal(id: TSESTree.Identifier): boolean {
    const variable = this.variableOf(id);
    return !variable || variable.defs.length === 0;
  }

  // ---------------------------------------------------------------- database objects

  /** What database object an expression is, if any. */
  resolve(node: Node | null | undefined): DbValue | undefined {
    return memoized(this.values, node, (target) => {
      const value = this.resolveUncached(target);
      // With type information, the checker answers what syntax could not tell (parameters
      // without annotations, values from modules that could not be read). Only names and
      // member chains: calls and the rest resolve through their parts.
      if (!value && (target.type === AST_NODE_TYPES.Identifier || target.type === AST_NODE_TYPES.MemberExpression)) {
        return this.resolveByType(target);
      }
      return value;
    });
  }

  private resolveUncached(input: Node): DbValue | undefined {
    const node = unwrap(input);
    if (node !== input) return this.resolve(node);
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        return this.resolveIdentifier(node);
      case AST_NODE_TYPES.ThisExpression:
        return this.resolveThis(node);
      case AST_NODE_TYPES.MemberExpression:
        return this.resolveMember(node);
      case AST_NODE_TYPES.CallExpression:
        return this.resolveCall(node);
      case AST_NODE_TYPES.NewExpression: {
        const ctor = this.resolve(node.callee);
        return ctor?.spec.newInstance ? this.fresh(ctor, ctor.spec.newInstance, node) : undefined;
      }
      case AST_NODE_TYPES.AwaitExpression:
        return this.resolve(node.argument);
      case AST_NODE_TYPES.LogicalExpression: {
        // `tx ?? prisma` inside a transaction is the handle; `global.prisma ?? new PrismaClient()`
        // is the client either way.
        const left = this.resolve(node.left);
        return left?.viaHandle ? left : (this.resolve(node.right) ?? left);
      }
      case AST_NODE_TYPES.ConditionalExpression:
        return this.resolve(node.consequent) ?? this.resolve(node.alternate);
      case AST_NODE_TYPES.AssignmentExpression:
        return this.resolve(node.right);
      case AST_NODE_TYPES.SequenceExpression:
        return this.resolve(node.expressions.at(-1));
      case AST_NODE_TYPES.ClassDeclaration:
      case AST_NODE_TYPES.ClassExpression:
        return this.resolveClass(node);
      case AST_NODE_TYPES.TaggedTemplateExpression: {
        const tag = this.resolve(node.tag);
        return tag?.spec.taggedTemplateResult ? derive(tag, tag.spec.taggedTemplateResult) : undefined;
      }
      default:
        return undefined;
    }
  }

  /** A value made by a constructor or factory call: its origin is that call. */
  private fresh(base: DbValue, kind: string, call: Node): DbValue | undefined {
    const spec = catalogOf(base.library).kinds[kind];
    const origin = spec?.role === 'client' ? `${this.filename}:${String(call.range[0])}` : base.origin;
    return makeValue(base.library, kind, { origin, viaHandle: base.viaHandle, entity: base.entity });
  }

  private resolveIdentifier(id: TSESTree.Identifier): DbValue | undefined {
    const variable = this.variableOf(id);
    const def = variable?.defs[0];
    if (!def) return undefined;
    switch (def.type) {
      case DefinitionType.ImportBinding:
        return this.resolveImport(def.node);
      case DefinitionType.Variable: {
        const declarator = def.node;
        const idNode = def.name;
        // `for (const x of rows)` and `let x;` have no initialiser to follow.
        let value: DbValue | undefined;
        if (declarator.init) {
          const source = requireSource(unwrap(declarator.init));
          const key = declarator.id.type === AST_NODE_TYPES.ObjectPattern ? destructuredKey(declarator.id, idNode) : undefined;
          const module = source !== undefined && key !== undefined ? this.localModule(source) : undefined;
          // `const { prisma } = require('./db')`
          if (module && key !== undefined) return module.resolveExport(key);
          const init = this.resolveRequireOrValue(declarator.init);
          value = this.followPattern(declarator.id, idNode, init);
        }
        const parent = parentOf(declarator.parent);
        if (!value && parent?.type === AST_NODE_TYPES.ForOfStatement && declarator.id === idNode) {
          // `for (const row of rows)`: an element of a list of rows.
          const list = this.resolve(parent.right);
          if (list?.spec.elements) value = derive(list, list.spec.elements);
        }
        return value ?? this.resolveAnnotation(idNode.typeAnnotation) ?? this.resolveAssignments(variable, idNode);
      }
      case DefinitionType.Parameter:
        return this.resolveParameter(def.node as FunctionNode, def.name as TSESTree.Identifier);
      case DefinitionType.ClassName:
        return this.resolveClass(def.node);
      default:
        return undefined;
    }
  }

  /**
   * `let db; ... db = new PrismaClient()`: a variable declared without a value takes the values
   * assigned to it later (the first few that resolve).
   */
  private resolveAssignments(variable: ScopeVariable | undefined, id: TSESTree.Identifier): DbValue | undefined {
    if (!variable) return undefined;
    let checked = 0;
    for (const reference of variable.references) {
      if (!reference.isWrite() || reference.identifier === id || !reference.writeExpr) continue;
      const value = this.resolve(reference.writeExpr);
      if (value) return value;
      checked += 1;
      if (checked >= 4) break;
    }
    return undefined;
  }

  /**
   * What a project function returns: its declared return type, else the first `return` (or
   * expression body) that resolves. Factories such as `export const getDb = () => new Pool()`.
   */
  private resolveReturn(callee: Node): DbValue | undefined {
    const helper = this.localFunction(callee);
    if (!helper) return undefined;
    const { resolver, fn } = helper;
    return resolver.resolveAnnotation(fn.returnType) ?? firstReturned(fn, (node) => resolver.resolve(node));
  }

  /** `require('pg')` is the module namespace. */
  private resolveRequireOrValue(init: Node): DbValue | undefined {
    const source = requireSource(unwrap(init));
    if (source !== undefined) return this.resolveModuleExport(source, '*');
    return this.resolve(init);
  }

  /** Walks a destructuring pattern down to the bound identifier. */
  private followPattern(pattern: Node, target: TSESTree.Identifier, value: DbValue | undefined): DbValue | undefined {
    if (pattern === target) return value;
    if (!value) return undefined;
    if (pattern.type === AST_NODE_TYPES.ObjectPattern) {
      for (const prop of pattern.properties) {
        if (prop.type !== AST_NODE_TYPES.Property || !containsNode(prop.value, target)) continue;
        const key =
          !prop.computed && prop.key.type === AST_NODE_TYPES.Identifier
            ? prop.key.name
            : staticString(prop.key);
        if (key === undefined) return undefined;
        const inner = prop.value.type === AST_NODE_TYPES.AssignmentPattern ? prop.value.left : prop.value;
        return this.followPattern(inner, target, this.memberOf(value, key));
      }
    }
    return undefined;
  }

  private resolveImport(
    spec: TSESTree.ImportClause | TSESTree.TSImportEqualsDeclaration,
  ): DbValue | undefined {
    if (spec.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      const ref = spec.moduleReference;
      if (ref.type === AST_NODE_TYPES.TSExternalModuleReference) {
        const source = staticString(ref.expression);
        return source === undefined ? undefined : this.resolveModuleExport(source, '*');
      }
      return undefined;
    }
    const declaration = importDeclarationOf(spec);
    if (!declaration) return undefined;
    const name =
      spec.type === AST_NODE_TYPES.ImportDefaultSpecifier
        ? 'default'
        : spec.type === AST_NODE_TYPES.ImportNamespaceSpecifier
          ? '*'
          : importedName(spec);
    return this.resolveModuleExport(declaration.source.value, name, declaration);
  }

  /** An export of a module: a catalogued package, or a local module parsed on demand. */
  resolveModuleExport(source: string, name: string, declaration?: TSESTree.ImportDeclaration): DbValue | undefined {
    const fromCatalog = this.catalogExport(source, name, 'exports');
    if (fromCatalog) return fromCatalog;
    const module = this.localModule(source, declaration);
    if (!module) return undefined;
    return name === '*' ? undefined : module.resolveExport(name);
  }

  /** Looks a module's export (or type) up in the catalogs of the active libraries. */
  private catalogExport(source: string, name: string, table: 'exports' | 'types'): DbValue | undefined {
    for (const library of this.env.libraries) {
      const catalog = catalogOf(library);
      const tables: Array<Readonly<Record<string, string>> | undefined> = [];
      if (table === 'types') tables.push(catalog.types?.[source]);
      tables.push(catalog.modules[source]);
      for (const pattern of catalog.modulePatterns ?? []) {
        if (!pattern.pattern.test(source)) continue;
        if (table === 'types') tables.push(pattern.types);
        tables.push(pattern.exports);
      }
      for (const exports of tables) {
        if (!exports) continue;
        const kind = exports[name];
        if (kind) return makeValue(library, kind);
        // `import pg from 'pg'` then `pg.Pool`: named exports reached through the namespace.
        const namespace = exports['*'] ?? exports.default;
        if (namespace && name !== '*' && name !== 'default') {
          const viaNamespace = makeValue(library, namespace);
          const member = viaNamespace && this.memberOf(viaNamespace, name);
          if (member) return member;
        }
      }
    }
    return undefined;
  }

  /** The resolver of a project-local module, when it can be found and parsed. */
  private localModule(source: string, declaration?: TSESTree.ImportDeclaration): Resolver | undefined {
    if (this.env.depth <= 0) return undefined;
    if (!source.startsWith('.') && !source.startsWith('@/') && !source.startsWith('~') && !source.startsWith('#')) {
      // Bare specifiers are packages unless tsconfig `paths` maps them; try only when it might.
      if (!/^[@\w]/.test(source)) return undefined;
    }
    const file = this.moduleFileByProgram(declaration) ?? resolveLocalModule(this.filename, source);
    return file ? this.moduleAt(file) : undefined;
  }

  /** The resolver of a project file (not a package, not a declaration file). */
  private moduleAt(file: string): Resolver | undefined {
    if (this.env.depth <= 0) return undefined;
    if (file.includes(`${path.sep}node_modules${path.sep}`) || file.endsWith('.d.ts')) return undefined;
    if (file === this.filename) return this;
    const parsed = parseModule(file, this.env.parser);
    if (!parsed) return undefined;
    // Resolvers of imported modules are shared by every file of a lint run that imports them
    // (with the same libraries and depth), so a project's `db.ts` is resolved once, not once per
    // importer. A changed file parses to a new module object and gets a new resolver.
    const depth = this.env.depth - 1;
    const key = `${file}\0${[...this.env.libraries].sort().join(',')}\0${String(depth)}`;
    const shared = sharedResolvers.get(key);
    if (shared?.module === parsed) return shared;
    if (sharedResolvers.size >= maxSharedResolvers) sharedResolvers.clear();
    const resolver = new Resolver(parsed, { ...this.env, services: undefined, depth });
    sharedResolvers.set(key, resolver);
    return resolver;
  }

  /** With a program, the import's file as TypeScript resolves it (paths, baseUrl, exports maps). */
  private moduleFileByProgram(declaration?: TSESTree.ImportDeclaration): string | undefined {
    const services = this.env.services;
    if (!declaration || !services?.program) return undefined;
    try {
      const tsNode = services.esTreeNodeToTSNodeMap.get(declaration.source);
      const symbol = services.program.getTypeChecker().getSymbolAtLocation(tsNode);
      const file = symbol?.valueDeclaration?.getSourceFile().fileName ?? symbol?.declarations?.[0]?.getSourceFile().fileName;
      return file ? path.normalize(file) : undefined;
    } catch {
      return undefined;
    }
  }

  /** The node a module exports under a name. */
  exportNode(name: string): Node | 'namespace' | undefined {
    if (!this.exportCache) this.exportCache = collectExports(this.ast);
    return this.exportCache.get(name);
  }

  /** What a module exports under a name, resolved in the module's own context. */
  resolveExport(name: string): DbValue | undefined {
    const node = this.exportNode(name);
    if (node === 'namespace') return undefined;
    if (!node) {
      // `export * from './db'` and `export * from 'drizzle-orm/mysql2'`. Barrels re-export many
      // modules: only those whose text could hold the name are parsed.
      for (const source of this.exportAllSources()) {
        const file = source.startsWith('.') ? resolveLocalModule(this.filename, source) : undefined;
        if (file && !mayExportName(file, name)) continue;
        const value = this.resolveModuleExport(source, name);
        if (value) return value;
      }
      return undefined;
    }
    if (node.type === AST_NODE_TYPES.ExportNamedDeclaration || node.type === AST_NODE_TYPES.ExportAllDeclaration) {
      // Re-export: `export { db } from './db'`, `export { drizzle } from 'drizzle-orm/mysql2'`.
      const source = node.source?.value;
      return source ? this.resolveModuleExport(source, reexportedName(node, name)) : undefined;
    }
    return this.resolve(node);
  }

  /** Sources of `export * from '...'` without a name. */
  private exportAllSources(): string[] {
    return this.ast.body.flatMap((statement) =>
      statement.type === AST_NODE_TYPES.ExportAllDeclaration && !statement.exported ? [statement.source.value] : [],
    );
  }

  /** The function a module exports under a name, for helper effects across files. */
  exportedFunction(name: string): { resolver: Resolver; fn: FunctionNode } | undefined {
    const node = this.exportNode(name);
    if (!node || node === 'namespace') return undefined;
    if (node.type === AST_NODE_TYPES.ExportNamedDeclaration || node.type === AST_NODE_TYPES.ExportAllDeclaration) {
      const source = node.source?.value;
      const inner = source ? this.localModule(source) : undefined;
      return inner?.exportedFunction(reexportedName(node, name));
    }
    const fn = this.functionOf(node);
    return fn ? { resolver: this, fn } : undefined;
  }

  private resolveParameter(fn: FunctionNode, param: TSESTree.Identifier): DbValue | undefined {
    const index = fn.params.findIndex((p) => containsNode(p, param));
    const paramNode = fn.params[index];
    if (!paramNode) return undefined;
    // The handle of a transaction callback.
    const opened = this.transactionOfCallback(fn);
    if (opened && opened.spec.handleParam === index && paramNode === param) {
      return makeValue(opened.library, opened.spec.handleKind, { origin: opened.owner.origin, viaHandle: true });
    }
    // A connection handed to a callback (`pool.connect(async (connection) => ...)`).
    const call = parentOf(fn);
    if (call?.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.MemberExpression && paramNode === param) {
      const method = propertyName(call.callee);
      const owner = method === undefined ? undefined : this.resolve(call.callee.object);
      const handed = method === undefined ? undefined : owner?.spec.callbackParameters?.[method];
      if (owner && handed?.index === index) return derive(owner, handed.kind);
    }
    // NestJS injection: decorators on the parameter (or on its parameter property).
    const injected = this.resolveDecorators(paramNode.decorators);
    if (injected) return injected;
    let annotated: Node | undefined = param.typeAnnotation;
    if (paramNode.type === AST_NODE_TYPES.TSParameterProperty) {
      const inner = paramNode.parameter;
      annotated = inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.left.typeAnnotation : inner.typeAnnotation;
      if (inner.type === AST_NODE_TYPES.AssignmentPattern) return this.resolveAnnotation(annotated) ?? this.resolve(inner.right);
    }
    if (paramNode.type === AST_NODE_TYPES.AssignmentPattern && paramNode.left === param) {
      return this.resolveAnnotation(annotated) ?? this.resolve(paramNode.right);
    }
    return this.resolveAnnotation(annotated);
  }

  /** `@InjectRepository(User)` and friends. */
  private resolveDecorators(decorators: readonly TSESTree.Decorator[] | undefined): DbValue | undefined {
    for (const decorator of decorators ?? []) {
      const expr = decorator.expression;
      if (expr.type !== AST_NODE_TYPES.CallExpression || expr.callee.type !== AST_NODE_TYPES.Identifier) continue;
      const def = this.variableOf(expr.callee)?.defs[0];
      if (def?.type !== DefinitionType.ImportBinding || def.node.type !== AST_NODE_TYPES.ImportSpecifier) continue;
      const source = importDeclarationOf(def.node)?.source.value;
      if (source === undefined) continue;
      const decoratorName = importedName(def.node);
      for (const library of this.env.libraries) {
        const kind = catalogOf(library).injectDecorators?.[source]?.[decoratorName];
        if (!kind) continue;
        const entityArg = expr.arguments[0];
        return makeValue(library, kind, { entity: entityArg ? this.textOf(entityArg) : undefined });
      }
    }
    return undefined;
  }

  /** The value a type annotation describes. */
  resolveAnnotation(annotation: Node | undefined): DbValue | undefined {
    if (!annotation) return undefined;
    const type = annotation.type === AST_NODE_TYPES.TSTypeAnnotation ? annotation.typeAnnotation : annotation;
    switch (type.type) {
      case AST_NODE_TYPES.TSTypeReference:
        return this.resolveTypeReference(type);
      case AST_NODE_TYPES.TSUnionType:
      case AST_NODE_TYPES.TSIntersectionType:
        for (const member of type.types) {
          const value = this.resolveAnnotation(member);
          if (value) return value;
        }
        return undefined;
      case AST_NODE_TYPES.TSTypeQuery:
        // `typeof User`: the class itself.
        return type.exprName.type === AST_NODE_TYPES.Identifier ? this.resolve(type.exprName) : undefined;
      default:
        return undefined;
    }
  }

  private resolveTypeReference(type: TSESTree.TSTypeReference): DbValue | undefined {
    // `Promise<PrismaClient>` from an async factory.
    if (type.typeName.type === AST_NODE_TYPES.Identifier && type.typeName.name === 'Promise' && this.isGlobal(type.typeName)) {
      return this.resolveAnnotation(type.typeArguments?.params[0]);
    }
    const names: string[] = [];
    let head: TSESTree.EntityName = type.typeName;
    while (head.type === AST_NODE_TYPES.TSQualifiedName) {
      names.unshift(head.right.name);
      head = head.left;
    }
    if (head.type !== AST_NODE_TYPES.Identifier) return undefined;
    const entityArg = type.typeArguments?.params[0];
    const entity = entityArg ? this.textOf(entityArg) : undefined;
    const def = this.variableOf(head)?.defs[0];
    if (!def) return undefined;
    if (def.type === DefinitionType.ImportBinding && def.node.type !== AST_NODE_TYPES.TSImportEqualsDeclaration) {
      const spec = def.node;
      const declaration = importDeclarationOf(spec);
      if (!declaration) return undefined;
      const source = declaration.source.value;
      const imported = spec.type === AST_NODE_TYPES.ImportSpecifier ? importedName(spec) : undefined;
      const dotted = [imported ?? head.name, ...names].join('.');
      const bare = names.join('.');
      // Named type, then namespace member (`pg.PoolClient` with `import * as pg`).
      const byType =
        (imported !== undefined ? this.catalogExport(source, dotted, 'types') : undefined) ??
        (imported === undefined && bare ? this.catalogExport(source, bare, 'types') : undefined);
      if (byType) return this.instanceOf(byType, entity);
      // A class or constructor named as a type means its instance (`PrismaService`, `ns.Pool`).
      const value =
        imported !== undefined
          ? names.length === 0
            ? this.resolveModuleExport(source, imported, declaration)
            : undefined
          : names.length === 1
            ? this.resolveModuleExport(source, names[0] ?? '', declaration)
            : undefined;
      return value ? this.instanceOf(value, entity) : undefined;
    }
    if (names.length === 0 && (def.type === DefinitionType.ClassName || def.type === DefinitionType.Type)) {
      const value = def.type === DefinitionType.ClassName ? this.resolveClass(def.node) : undefined;
      return value ? this.instanceOf(value, entity) : undefined;
    }
    return undefined;
  }

  /** The instance a type names: constructors give their instances, other kinds are themselves. */
  private instanceOf(value: DbValue, entity: string | undefined): DbValue | undefined {
    // Classes (constructors, and model classes whose instances are rows) stand for their instances.
    if ((value.spec.role === 'constructor' || value.spec.role === 'model') && value.spec.newInstance) {
      return makeValue(value.library, value.spec.newInstance, { origin: value.origin, entity: entity ?? value.entity });
    }
    if (value.spec.role === 'constructor' && value.spec.callResult) {
      return makeValue(value.library, value.spec.callResult, { origin: value.origin, entity });
    }
    if (value.spec.role === 'model-base') return undefined;
    return entity && !value.entity ? { ...value, entity } : value;
  }

  private resolveClass(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): DbValue | undefined {
    if (!node.superClass) return undefined;
    const base = this.resolve(node.superClass);
    if (!base?.spec.subclass) return undefined;
    // A model class is its own entity (`class User extends Model`); a repository subclass names
    // its entity as a type argument (`class UserRepository extends Repository<User>`).
    const typeArgument = node.superTypeArguments?.params[0];
    const isModel = base.spec.role === 'model-base' || base.spec.role === 'model';
    const entity = isModel ? node.id?.name : typeArgument ? this.textOf(typeArgument) : undefined;
    return makeValue(base.library, base.spec.subclass, {
      origin: base.origin,
      viaHandle: false,
      entity: entity ?? base.entity,
    });
  }

  private enclosingClass(node: Node): { cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression; isStatic: boolean } | undefined {
    let current: Node | undefined = node.parent;
    let isStatic = false;
    while (current) {
      if (
        current.type === AST_NODE_TYPES.FunctionExpression ||
        current.type === AST_NODE_TYPES.FunctionDeclaration
      ) {
        const owner = parentOf(current);
        if (
          owner?.type !== AST_NODE_TYPES.MethodDefinition &&
          owner?.type !== AST_NODE_TYPES.PropertyDefinition
        ) {
          return undefined;
        }
      }
      if (
        (current.type === AST_NODE_TYPES.MethodDefinition || current.type === AST_NODE_TYPES.PropertyDefinition) &&
        current.static
      ) {
        isStatic = true;
      }
      if (current.type === AST_NODE_TYPES.ClassBody) {
        const cls = current.parent;
        return { cls, isStatic };
      }
      current = current.parent;
    }
    return undefined;
  }

  private resolveThis(node: TSESTree.ThisExpression): DbValue | undefined {
    const found = this.enclosingClass(node);
    if (!found) return undefined;
    const cls = this.resolveClass(found.cls);
    if (!cls) return undefined;
    return found.isStatic ? cls : this.instanceOf(cls, undefined);
  }

  /** `this.x`: a class field, a constructor parameter property, or an assignment in the constructor. */
  private resolveThisMember(member: TSESTree.MemberExpression, name: string): DbValue | undefined {
    const found = this.enclosingClass(member);
    if (!found) return undefined;
    let cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined = found.cls;
    for (let depth = 0; cls && depth < 4; depth += 1) {
      const value = this.classMember(cls, name, found.isStatic);
      if (value) return value;
      // Fields inherited from a base class of the same module.
      const superClass: Node | null = cls.superClass;
      cls = undefined;
      if (superClass?.type === AST_NODE_TYPES.Identifier) {
        const superDef: ScopeVariable['defs'][number] | undefined = this.variableOf(superClass)?.defs[0];
        if (superDef?.type === DefinitionType.ClassName) cls = superDef.node;
      }
    }
    return undefined;
  }

  private classMember(
    cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
    name: string,
    isStatic: boolean,
  ): DbValue | undefined {
    for (const element of cls.body.body) {
      if (element.type === AST_NODE_TYPES.PropertyDefinition && element.static === isStatic && keyName(element) === name) {
        return (
          this.resolveDecorators(element.decorators) ??
          (element.value ? this.resolve(element.value) : undefined) ??
          this.resolveAnnotation(element.typeAnnotation)
        );
      }
      if (
        element.type === AST_NODE_TYPES.MethodDefinition &&
        element.kind === 'constructor' &&
        element.value.type === AST_NODE_TYPES.FunctionExpression &&
        !isStatic
      ) {
        for (const param of element.value.params) {
          if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
          const inner = param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
          if (inner.name === name) {
            return this.resolveParameter(element.value, inner);
          }
        }
        const assigned = constructorAssignment(element.value, name);
        if (assigned) return this.resolve(assigned);
      }
    }
    return undefined;
  }

  private resolveMember(node: TSESTree.MemberExpression): DbValue | undefined {
    const name = propertyName(node);
    if (name === undefined) {
      // `rows[0]`: an element of a list of rows.
      if (node.computed && node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === 'number') {
        const list = this.resolve(node.object);
        return list?.spec.elements ? derive(list, list.spec.elements) : undefined;
      }
      return undefined;
    }
    const object = unwrap(node.object);
    if (object.type === AST_NODE_TYPES.ThisExpression) {
      const field = this.resolveThisMember(node, name);
      if (field) return field;
    }
    if (object.type === AST_NODE_TYPES.Identifier) {
      // `import * as db from './db'; db.prisma`, `const db = require('./db'); db.pool`.
      const namespace = this.localNamespaceOf(object);
      if (namespace) return namespace.resolveExport(name);
    }
    const base = this.resolve(object);
    return base ? this.memberOf(base, name) : this.memberOfDeclaredType(object, name);
  }

  /**
   * A property of an object whose declared type is a project interface or type alias
   * (`ctx: Context` with `interface Context { db: typeof db }`).
   */
  private memberOfDeclaredType(object: Node, name: string): DbValue | undefined {
    const annotation = this.annotationOf(object);
    return annotation ? this.typeMember(annotation, name, 3) : undefined;
  }

  /** The type annotation an identifier or `this.x` was declared with. */
  private annotationOf(node: Node): Node | undefined {
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.Identifier) {
      const def = this.variableOf(target)?.defs[0];
      if (def?.type === DefinitionType.Variable || def?.type === DefinitionType.Parameter) {
        const name = def.name as TSESTree.Identifier;
        if (name.typeAnnotation) return name.typeAnnotation;
        const holder = def.type === DefinitionType.Parameter && isFunction(def.node) ? def.node.params.find((p) => containsNode(p, name)) : undefined;
        if (holder?.type === AST_NODE_TYPES.TSParameterProperty && holder.parameter.type === AST_NODE_TYPES.Identifier) {
          return holder.parameter.typeAnnotation;
        }
      }
      return undefined;
    }
    if (target.type === AST_NODE_TYPES.MemberExpression && unwrap(target.object).type === AST_NODE_TYPES.ThisExpression) {
      const name = propertyName(target);
      const found = this.enclosingClass(target);
      if (name === undefined || !found) return undefined;
      for (const element of found.cls.body.body) {
        if (element.type === AST_NODE_TYPES.PropertyDefinition && keyName(element) === name) return element.typeAnnotation;
        if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor') {
          for (const param of element.value.params) {
            if (param.type === AST_NODE_TYPES.TSParameterProperty && param.parameter.type === AST_NODE_TYPES.Identifier && param.parameter.name === name) {
              return param.parameter.typeAnnotation;
            }
          }
        }
      }
    }
    return undefined;
  }

  /** A named member of a declared type: interfaces, type literals, intersections, aliases. */
  private typeMember(annotation: Node, name: string, depth: number): DbValue | undefined {
    if (depth <= 0) return undefined;
    const type = annotation.type === AST_NODE_TYPES.TSTypeAnnotation ? annotation.typeAnnotation : annotation;
    switch (type.type) {
      case AST_NODE_TYPES.TSTypeLiteral:
        return this.memberOfSignatures(type.members, name);
      case AST_NODE_TYPES.TSIntersectionType:
      case AST_NODE_TYPES.TSUnionType:
        for (const part of type.types) {
          const value = this.typeMember(part, name, depth);
          if (value) return value;
        }
        return undefined;
      case AST_NODE_TYPES.TSTypeReference:
        return type.typeName.type === AST_NODE_TYPES.Identifier ? this.namedTypeMember(type.typeName, name, depth) : undefined;
      default:
        return undefined;
    }
  }

  /** A member of the interface or type alias a name refers to (following `extends`). */
  private namedTypeMember(id: TSESTree.Identifier, name: string, depth: number): DbValue | undefined {
    const declaration = this.typeDeclarationNamed(id);
    if (!declaration) return undefined;
    const { resolver, node } = declaration;
    if (node.type === AST_NODE_TYPES.TSTypeAliasDeclaration) return resolver.typeMember(node.typeAnnotation, name, depth - 1);
    const own = resolver.memberOfSignatures(node.body.body, name);
    if (own) return own;
    for (const heritage of node.extends) {
      const inherited =
        heritage.expression.type === AST_NODE_TYPES.Identifier
          ? resolver.namedTypeMember(heritage.expression, name, depth - 1)
          : undefined;
      if (inherited) return inherited;
    }
    return undefined;
  }

  private memberOfSignatures(members: readonly TSESTree.TypeElement[], name: string): DbValue | undefined {
    for (const member of members) {
      if (
        member.type === AST_NODE_TYPES.TSPropertySignature &&
        !member.computed &&
        member.key.type === AST_NODE_TYPES.Identifier &&
        member.key.name === name
      ) {
        return this.resolveAnnotation(member.typeAnnotation);
      }
    }
    return undefined;
  }

  /** An interface or type alias by name, here or exported by a local module. */
  private typeDeclarationNamed(
    id: TSESTree.Identifier,
  ): { resolver: Resolver; node: TSESTree.TSInterfaceDeclaration | TSESTree.TSTypeAliasDeclaration } | undefined {
    const def = this.variableOf(id)?.defs[0];
    if (def?.type === DefinitionType.Type) {
      const node = def.node;
      return node.type === AST_NODE_TYPES.TSInterfaceDeclaration || node.type === AST_NODE_TYPES.TSTypeAliasDeclaration
        ? { resolver: this, node }
        : undefined;
    }
    if (def?.type === DefinitionType.ImportBinding && def.node.type === AST_NODE_TYPES.ImportSpecifier) {
      const declaration = importDeclarationOf(def.node);
      const module = declaration ? this.localModule(declaration.source.value, declaration) : undefined;
      const exported = module?.exportNode(importedName(def.node));
      if (
        module &&
        exported &&
        exported !== 'namespace' &&
        (exported.type === AST_NODE_TYPES.TSInterfaceDeclaration || exported.type === AST_NODE_TYPES.TSTypeAliasDeclaration)
      ) {
        return { resolver: module, node: exported };
      }
    }
    return undefined;
  }

  /** The local module an identifier stands for as a whole, if it does. */
  private localNamespaceOf(id: TSESTree.Identifier): Resolver | undefined {
    const def = this.variableOf(id)?.defs[0];
    if (!def) return undefined;
    if (def.type === DefinitionType.ImportBinding) {
      const spec = def.node;
      if (spec.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
        const ref = spec.moduleReference;
        const source = ref.type === AST_NODE_TYPES.TSExternalModuleReference ? staticString(ref.expression) : undefined;
        return source === undefined ? undefined : this.localModule(source);
      }
      const declaration = importDeclarationOf(spec);
      if (!declaration) return undefined;
      if (spec.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return this.localModule(declaration.source.value, declaration);
      if (spec.type === AST_NODE_TYPES.ImportDefaultSpecifier) {
        // `module.exports = { pool }` imported as a default.
        const module = this.localModule(declaration.source.value, declaration);
        return module?.exportsObjectAsDefault() ? module : undefined;
      }
      return undefined;
    }
    if (def.type === DefinitionType.Variable && def.node.id === def.name && def.node.init) {
      const source = requireSource(unwrap(def.node.init));
      return source === undefined ? undefined : this.localModule(source);
    }
    return undefined;
  }

  /** Is the module's default export an object literal of named values (`module.exports = { a, b }`)? */
  exportsObjectAsDefault(): boolean {
    const node = this.exportNode('default');
    return node !== undefined && node !== 'namespace' && node.type === AST_NODE_TYPES.ObjectExpression;
  }

  /** The kind a property of an object leads to. */
  memberOf(base: DbValue, name: string): DbValue | undefined {
    const spec = base.spec;
    const kind = spec.properties?.[name];
    if (kind) return derive(base, kind);
    const any = spec.anyProperty;
    if (
      any &&
      !(spec.queryMethods ?? []).includes(name) &&
      !(any.except ?? []).includes(name) &&
      !(any.exceptPrefixes ?? []).some((prefix) => name.startsWith(prefix)) &&
      !(spec.transactions ?? []).some((t) => t.method === name) &&
      !Object.hasOwn(spec.methods ?? {}, name) &&
      !isObjectPrototypeMember(name)
    ) {
      return derive(base, any.kind);
    }
    return undefined;
  }

  private resolveCall(node: TSESTree.CallExpression): DbValue | undefined {
    const callee = unwrap(node.callee);
    const source = requireSource(node);
    if (source !== undefined) return this.resolveModuleExport(source, '*');
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = propertyName(callee);
      if (method === undefined) return undefined;
      const object = unwrap(callee.object);
      // `db.startTransaction().execute()`: the handle of a region.
      const opener = this.chainedOpener(object, (value, innerMethod) =>
        value.spec.regions?.find((r) => r.begin === innerMethod && r.beginThen === method && r.handle === 'result'),
      );
      if (opener) return makeValue(opener.owner.library, opener.found.handleKind, { origin: opener.owner.origin, viaHandle: true });
      const base = this.resolve(object);
      // `this.getClient()`: a method of the class that returns a client.
      if (!base) return object.type === AST_NODE_TYPES.ThisExpression ? this.resolveReturn(callee) : undefined;
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
        return this.fresh(base, kind, node);
      }
      return derive(base, kind, entityArg ? this.textOf(entityArg) : undefined);
    }
    const fn = this.resolve(callee);
    if (fn?.spec.callResult) {
      return fn.spec.role === 'constructor' ? this.fresh(fn, fn.spec.callResult, node) : derive(fn, fn.spec.callResult);
    }
    return fn ? undefined : this.resolveReturn(callee);
  }

  /** With type information, what the checker says an expression's type is. */
  private resolveByType(node: Node): DbValue | undefined {
    const services = this.env.services;
    if (!services?.program) return undefined;
    try {
      const checker = services.program.getTypeChecker();
      const tsNode = services.esTreeNodeToTSNodeMap.get(node);
      const type = checker.getTypeAtLocation(tsNode);
      const symbol = type.aliasSymbol ?? type.getSymbol();
      if (!symbol) return undefined;
      // `"knex".Knex.Transaction` for ambient modules, `"/…/node_modules/knex/types/index".Knex`
      // for files, `"/…/src/prisma.service".PrismaService` for project classes.
      const qualified = /^"([^"]+)"\.(.+)$/.exec(checker.getFullyQualifiedName(symbol));
      if (!qualified) return undefined;
      const [, moduleName = '', dotted = ''] = qualified;
      const isPath = moduleName.startsWith('/') || /^[A-Za-z]:[\\/]/.test(moduleName);
      const specifier = isPath
        ? specifierOfDeclarationFile(`${moduleName.replace(/\\/g, '/')}.ts`)
        : { package: moduleName, module: moduleName, local: false };
      if (!specifier) return undefined;
      if (specifier.local) {
        const declaration = symbol.declarations?.[0];
        const file = declaration?.getSourceFile().fileName;
        const module = file ? this.moduleAt(path.normalize(file)) : undefined;
        const value = module?.resolveExport(dotted);
        return value ? this.instanceOf(value, undefined) : undefined;
      }
      const last = dotted.slice(dotted.lastIndexOf('.') + 1);
      for (const source of new Set([specifier.module, specifier.package])) {
        const value = this.catalogExport(source, dotted, 'types') ?? this.catalogExport(source, last, 'types');
        if (value) return this.instanceOf(value, undefined);
      }
      return undefined;
    } catch {
      return undefined;
    }
  }

  // ---------------------------------------------------------------- transactions

  /** The transaction a function is the callback of, if any. */
  transactionOfCallback(fn: FunctionNode): OpenedTransaction | undefined {
    const call = parentOf(fn);
    if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
      return undefined;
    }
    const opened = this.openedTransaction(call);
    return opened?.callback === fn ? opened : undefined;
  }

  /** The transaction a call opens with a callback (`prisma.$transaction(async (tx) => ...)`). */
  openedTransaction(call: TSESTree.CallExpression): OpenedTransaction | undefined {
    const cached = this.opened.get(call);
    if (cached !== undefined) return cached ?? undefined;
    this.opened.set(call, null);
    const result = this.openedTransactionUncached(call);
    this.opened.set(call, result ?? null);
    return result;
  }

  private openedTransactionUncached(call: TSESTree.CallExpression): OpenedTransaction | undefined {
    const callback = this.callbackArgument(call);
    if (!callback) return undefined;
    const opener = this.transactionOpener(call);
    if (!opener) return undefined;
    const { owner, receiver, spec } = opener;
    const handleParam = spec.handleParam >= 0 ? callback.params[spec.handleParam] : undefined;
    return {
      form: 'callback',
      library: owner.library,
      owner,
      call,
      receiver,
      callback,
      handle: handleParam?.type === AST_NODE_TYPES.Identifier ? handleParam : undefined,
      spec,
    };
  }

  /** The library transaction a call opens, whatever its callback argument is. */
  private transactionOpener(
    call: TSESTree.CallExpression,
  ): { owner: DbValue; receiver: Node; spec: CallbackTransaction } | undefined {
    const callee = unwrap(call.callee);
    let owner: DbValue | undefined;
    let receiver: Node | undefined;
    let spec: CallbackTransaction | undefined;
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = propertyName(callee);
      const object = unwrap(callee.object);
      if (method === undefined) return undefined;
      // `db.transaction().execute(cb)`, also with settings in between
      // (`db.transaction().setIsolationLevel('serializable').execute(cb)`).
      const opener = this.chainedOpener(object, (value, innerMethod) =>
        value.spec.transactions?.find((t) => t.method === innerMethod && t.then === method),
      );
      if (opener) {
        owner = opener.owner;
        receiver = opener.receiver;
        spec = opener.found;
      }
      if (!spec) {
        const base = this.resolve(object);
        const found = base?.spec.transactions?.find((t) => t.method === method && !t.then);
        if (base && found) {
          owner = base;
          receiver = object;
          spec = found;
        }
      }
    } else {
      const base = this.resolve(callee);
      const found = base?.spec.transactions?.find((t) => t.method === undefined);
      if (base && found) {
        owner = base;
        receiver = callee;
        spec = found;
      }
    }
    if (!owner || !spec || !receiver) return undefined;
    return { owner, receiver, spec };
  }

  /**
   * A project function that runs its callback inside a library transaction
   * (`withTransaction(cb) { return this.knex.transaction((trx) => cb(trx)) }`): called with an
   * inline callback, that callback is a transaction body. How the project binds its queries to
   * the transaction is its own (a wrapper object, a swapped client, AsyncLocalStorage), so only
   * what does not depend on that is checked there.
   */
  wrappedTransaction(
    call: TSESTree.CallExpression,
  ): { library: LibraryId; owner: DbValue; callback: FunctionNode; spec: CallbackTransaction } | undefined {
    if (!call.arguments.some((arg) => isFunction(arg))) return undefined;
    const helper = this.localFunction(call.callee) ?? this.projectMethod(call.callee);
    if (!helper) return undefined;
    const wrapper = helper.resolver.transactionWrapper(helper.fn, 2);
    const callback = wrapper ? call.arguments[wrapper.parameter] : undefined;
    if (!wrapper || !isFunction(callback)) return undefined;
    return { library: wrapper.owner.library, owner: wrapper.owner, callback, spec: wrapper.spec };
  }

  /** Which parameter of a function it runs inside a library transaction, if any. */
  private transactionWrapper(
    fn: FunctionNode,
    depth: number,
  ): { parameter: number; owner: DbValue; spec: CallbackTransaction } | undefined {
    const cached = this.wrappers.get(fn);
    if (cached !== undefined) return cached ?? undefined;
    this.wrappers.set(fn, null);
    const parameterIndex = (node: Node): number => {
      const target = unwrap(node);
      if (target.type !== AST_NODE_TYPES.Identifier) return -1;
      const def = this.variableOf(target)?.defs[0];
      return def?.type === DefinitionType.Parameter && def.node === fn
        ? fn.params.findIndex((p) => p.type === AST_NODE_TYPES.Identifier && p.name === target.name)
        : -1;
    };
    let found: { parameter: number; owner: DbValue; spec: CallbackTransaction } | undefined;
    findNode(
      fn.body,
      (node) => {
        if (node.type !== AST_NODE_TYPES.CallExpression) return false;
        const opener = this.transactionOpener(node);
        const inner = opener ? undefined : depth > 0 ? this.wrapperOfCall(node, depth - 1) : undefined;
        const owner = opener?.owner ?? inner?.owner;
        const spec = opener?.spec ?? inner?.spec;
        if (!owner || !spec) return false;
        for (const arg of node.arguments) {
          // `knex.transaction(cb)` or `knex.transaction((trx) => cb(trx))`
          let parameter = parameterIndex(arg);
          if (parameter < 0 && isFunction(arg)) {
            findNode(arg.body, (inside) => {
              if (inside.type === AST_NODE_TYPES.CallExpression) parameter = parameterIndex(inside.callee);
              return parameter >= 0;
            });
          }
          if (parameter >= 0) {
            found = { parameter, owner, spec };
            return true;
          }
        }
        return false;
      },
      true,
    );
    this.wrappers.set(fn, found ?? null);
    return found;
  }

  private wrapperOfCall(call: TSESTree.CallExpression, depth: number): { owner: DbValue; spec: CallbackTransaction } | undefined {
    const helper = this.localFunction(call.callee) ?? this.projectMethod(call.callee);
    return helper ? helper.resolver.transactionWrapper(helper.fn, depth) : undefined;
  }

  /**
   * A method of a project class called on an instance of it (`this.db.transaction(cb)` where
   * `db: Database` is the project's own class).
   */
  projectMethod(callee: Node): { resolver: Resolver; fn: FunctionNode; name: string } | undefined {
    const target = unwrap(callee);
    if (target.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const name = propertyName(target);
    if (name === undefined) return undefined;
    // `Event.schedule()`: a static method of a project class.
    const staticOwner = this.projectClassNamed(unwrap(target.object));
    const owner = staticOwner ?? this.projectClassOf(target.object, 3);
    if (!owner) return undefined;
    const isStatic = staticOwner !== undefined;
    for (const element of owner.cls.body.body) {
      if (
        element.type === AST_NODE_TYPES.MethodDefinition &&
        element.kind === 'method' &&
        element.static === isStatic &&
        element.value.type === AST_NODE_TYPES.FunctionExpression &&
        keyName(element) === name
      ) {
        return { resolver: owner.resolver, fn: element.value, name };
      }
      if (
        element.type === AST_NODE_TYPES.PropertyDefinition &&
        element.static === isStatic &&
        keyName(element) === name &&
        isFunction(element.value)
      ) {
        return { resolver: owner.resolver, fn: element.value, name };
      }
    }
    return undefined;
  }

  /** The project class an expression is an instance of, from annotations and `new`. */
  private projectClassOf(
    node: Node,
    depth: number,
  ): { resolver: Resolver; cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression } | undefined {
    if (depth <= 0) return undefined;
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.ThisExpression) {
      const found = this.enclosingClass(target);
      return found && !found.isStatic ? { resolver: this, cls: found.cls } : undefined;
    }
    if (target.type === AST_NODE_TYPES.NewExpression) return this.projectClassNamed(target.callee);
    if (target.type === AST_NODE_TYPES.AwaitExpression) return this.projectClassOf(target.argument, depth);
    if (target.type === AST_NODE_TYPES.CallExpression) {
      // `Database.create(url)`, `makeDb()`: the declared return type or the returned `new X()`.
      const helper = this.localFunction(target.callee) ?? this.projectMethod(target.callee);
      if (!helper) return undefined;
      return (
        helper.resolver.projectClassOfAnnotation(helper.fn.returnType) ??
        firstReturned(helper.fn, (returned) => helper.resolver.projectClassOf(returned, depth - 1))
      );
    }
    if (target.type === AST_NODE_TYPES.Identifier) {
      const def = this.variableOf(target)?.defs[0];
      if (def?.type === DefinitionType.Variable) {
        const declarator = def.node;
        return (
          this.projectClassOfAnnotation((def.name).typeAnnotation) ??
          (declarator.init && declarator.id === def.name ? this.projectClassOf(declarator.init, depth - 1) : undefined)
        );
      }
      if (def?.type === DefinitionType.Parameter) {
        const param = def.name as TSESTree.Identifier;
        const holder = def.node.type === AST_NODE_TYPES.FunctionExpression || def.node.type === AST_NODE_TYPES.ArrowFunctionExpression || def.node.type === AST_NODE_TYPES.FunctionDeclaration
          ? def.node.params.find((p) => containsNode(p, param))
          : undefined;
        const annotation =
          holder?.type === AST_NODE_TYPES.TSParameterProperty && holder.parameter.type === AST_NODE_TYPES.Identifier
            ? holder.parameter.typeAnnotation
            : param.typeAnnotation;
        return this.projectClassOfAnnotation(annotation);
      }
      return undefined;
    }
    if (target.type === AST_NODE_TYPES.MemberExpression) {
      const name = propertyName(target);
      const owner = name === undefined ? undefined : this.projectClassOf(target.object, depth - 1);
      if (!owner || name === undefined) return undefined;
      return owner.resolver.projectClassOfMember(owner.cls, name, depth - 1);
    }
    return undefined;
  }

  /** A field, constructor parameter property or getter of a class, as a project class instance. */
  private projectClassOfMember(
    cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
    name: string,
    depth: number,
  ): { resolver: Resolver; cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression } | undefined {
    for (const element of cls.body.body) {
      if (element.type === AST_NODE_TYPES.PropertyDefinition && keyName(element) === name) {
        return (
          this.projectClassOfAnnotation(element.typeAnnotation) ??
          (element.value ? this.projectClassOf(element.value, depth) : undefined)
        );
      }
      if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'get' && keyName(element) === name) {
        return this.projectClassOfAnnotation(element.value.returnType);
      }
      if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor') {
        for (const param of element.value.params) {
          if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
          const inner = param.parameter;
          if (inner.type === AST_NODE_TYPES.Identifier && inner.name === name) return this.projectClassOfAnnotation(inner.typeAnnotation);
        }
      }
    }
    return undefined;
  }

  private projectClassOfAnnotation(
    annotation: Node | undefined,
  ): { resolver: Resolver; cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression } | undefined {
    if (!annotation) return undefined;
    const type = annotation.type === AST_NODE_TYPES.TSTypeAnnotation ? annotation.typeAnnotation : annotation;
    if (type.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier) return undefined;
    return this.projectClassNamed(type.typeName);
  }

  /** The class declaration a name refers to, in this module or a local one it imports. */
  private projectClassNamed(
    name: Node,
  ): { resolver: Resolver; cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression } | undefined {
    if (name.type !== AST_NODE_TYPES.Identifier) return undefined;
    const def = this.variableOf(name)?.defs[0];
    if (def?.type === DefinitionType.ClassName) return { resolver: this, cls: def.node };
    if (def?.type === DefinitionType.ImportBinding && def.node.type === AST_NODE_TYPES.ImportSpecifier) {
      const declaration = importDeclarationOf(def.node);
      const module = declaration ? this.localModule(declaration.source.value, declaration) : undefined;
      const exported = module?.exportNode(importedName(def.node));
      if (exported && exported !== 'namespace' && (exported.type === AST_NODE_TYPES.ClassDeclaration || exported.type === AST_NODE_TYPES.ClassExpression)) {
        return { resolver: module as Resolver, cls: exported };
      }
    }
    return undefined;
  }

  /**
   * For `x.open().setting().then(...)`: walks down the calls below `then` to the first one whose
   * receiver is a database object and whose method `match` accepts.
   */
  private chainedOpener<T>(
    start: Node,
    match: (value: DbValue, method: string | undefined) => T | undefined,
  ): { owner: DbValue; receiver: Node; found: T } | undefined {
    let current = unwrap(start);
    for (let depth = 0; depth < 4; depth += 1) {
      if (current.type !== AST_NODE_TYPES.CallExpression) return undefined;
      const callee = unwrap(current.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const inner = this.resolve(callee.object);
      const found = inner ? match(inner, propertyName(callee)) : undefined;
      if (inner && found) return { owner: inner, receiver: callee.object, found };
      current = unwrap(callee.object);
    }
    return undefined;
  }

  /**
   * The function argument of a call, written inline. (A function passed by name runs elsewhere in
   * the file, where the traversal has already been: it is not treated as a transaction body.)
   */
  private callbackArgument(call: TSESTree.CallExpression): FunctionNode | undefined {
    for (const arg of call.arguments) {
      if (isFunction(arg)) return arg;
    }
    return undefined;
  }

  /**
   * The transaction region a call begins (`await client.query('BEGIN')`,
   * `const trx = await knex.transaction()`), with the range it covers.
   */
  begunRegion(call: TSESTree.CallExpression): BegunRegion | undefined {
    const cached = this.regions.get(call);
    if (cached !== undefined) return cached ?? undefined;
    const region = this.begunRegionUncached(call);
    this.regions.set(call, region ?? null);
    return region;
  }

  private begunRegionUncached(call: TSESTree.CallExpression): BegunRegion | undefined {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = propertyName(callee);
    if (method === undefined || call.arguments.some((arg) => isFunction(arg))) return undefined;
    let receiver = unwrap(callee.object);
    let owner: DbValue | undefined;
    let spec: RegionTransaction | undefined;
    const opener = this.chainedOpener(receiver, (value, innerMethod) =>
      value.spec.regions?.find((r) => r.begin === innerMethod && r.beginThen === method),
    );
    if (opener) {
      owner = opener.owner;
      spec = opener.found;
      receiver = unwrap(opener.receiver);
    }
    if (!spec) {
      const base = this.resolve(receiver);
      const sql = staticString(call.arguments[0]);
      const found = base?.spec.regions?.find(
        (r) => r.begin === method && !r.beginThen && (r.beginSql ? sql !== undefined && r.beginSql.test(sql) : true),
      );
      if (!base || !found) return undefined;
      owner = base;
      spec = found;
    }
    if (!owner) return undefined;
    // Only straight-line code: the begin call must be awaited as a statement of a block.
    const awaited = parentOf(call);
    if (awaited?.type !== AST_NODE_TYPES.AwaitExpression) return undefined;
    const statement = parentOf(awaited);
    let handle: TSESTree.Identifier | undefined;
    let holder: Node | undefined = statement;
    if (spec.handle === 'result') {
      if (statement?.type === AST_NODE_TYPES.VariableDeclarator && statement.id.type === AST_NODE_TYPES.Identifier) {
        // const trx = await knex.transaction();
        handle = statement.id;
        holder = parentOf(statement);
      } else if (
        statement?.type === AST_NODE_TYPES.AssignmentExpression &&
        statement.operator === '=' &&
        statement.left.type === AST_NODE_TYPES.Identifier
      ) {
        // let t; try { t = await sequelize.transaction(); ... }
        handle = statement.left;
        holder = parentOf(statement);
      } else {
        return undefined;
      }
    }
    if (holder?.type !== AST_NODE_TYPES.ExpressionStatement && holder?.type !== AST_NODE_TYPES.VariableDeclaration) {
      return undefined;
    }
    const block = parentOf(holder);
    if (
      block?.type !== AST_NODE_TYPES.BlockStatement &&
      block?.type !== AST_NODE_TYPES.Program &&
      block?.type !== AST_NODE_TYPES.StaticBlock
    ) {
      return undefined;
    }
    const handleKey = spec.handle === 'self' ? this.identityKey(receiver) : handle ? this.identityKey(handle) : undefined;
    if (spec.handle === 'self' && receiver.type === AST_NODE_TYPES.Identifier) handle = receiver;
    // The region runs from the begin statement to the first commit or rollback on the handle that
    // follows it, in this block or in a statement after it (`try { ... await t.commit() } catch
    // { await t.rollback() }`), or to the end of the block.
    const body = block.body as TSESTree.Statement[];
    const index = body.indexOf(holder);
    let endCall: Node | undefined;
    if (handleKey !== undefined) {
      for (const candidate of body.slice(index + 1)) {
        endCall = this.regionEndIn(candidate, spec, handleKey);
        if (endCall) break;
      }
    }
    return {
      form: 'region',
      library: owner.library,
      owner,
      call,
      receiver,
      statement: holder,
      handle,
      handleKey,
      range: [holder.range[1], endCall ? endCall.range[0] : block.range[1]],
      spec,
    };
  }

  /**
   * Where a statement ends the region in straight-line code: the first commit or rollback in it,
   * except in a branch that leaves early (`if (!stock) { await client.query('ROLLBACK'); return;
   * }`), after which the transaction goes on; and in `try { ... } catch { rollback }` only the
   * `try` block counts.
   */
  private regionEndIn(statement: TSESTree.Statement, spec: RegionTransaction, handleKey: string): Node | undefined {
    switch (statement.type) {
      case AST_NODE_TYPES.TryStatement:
        for (const inner of statement.block.body) {
          const end = this.regionEndIn(inner, spec, handleKey);
          if (end) return end;
        }
        return undefined;
      case AST_NODE_TYPES.BlockStatement:
        for (const inner of statement.body) {
          const end = this.regionEndIn(inner, spec, handleKey);
          if (end) return end;
        }
        return undefined;
      case AST_NODE_TYPES.IfStatement: {
        const inThen = this.regionEnd(statement.consequent, spec, handleKey);
        const inElse = statement.alternate ? this.regionEnd(statement.alternate, spec, handleKey) : undefined;
        if (inThen && !inElse && leavesEarly(statement.consequent)) return undefined;
        if (inElse && !inThen && statement.alternate && leavesEarly(statement.alternate)) return undefined;
        return inThen ?? inElse;
      }
      default:
        return this.regionEnd(statement, spec, handleKey);
    }
  }

  /** The first call in a statement that ends a region on the handle. */
  private regionEnd(statement: Node, spec: RegionTransaction, handleKey: string): Node | undefined {
    return findNode(
      statement,
      (node) => {
        if (node.type !== AST_NODE_TYPES.CallExpression) return false;
        const callee = unwrap(node.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
        const method = propertyName(callee);
        if (method === undefined || !spec.end.includes(method)) return false;
        if (spec.endSql) {
          const sql = staticString(node.arguments[0]);
          if (sql === undefined || !spec.endSql.test(sql)) return false;
        }
        return this.identityKey(unwrap(callee.object)) === handleKey;
      },
      true,
    );
  }

  /**
   * A key naming the object an expression refers to: the variable for identifiers, the class field
   * for `this.x`, the source text otherwise.
   */
  identityKey(node: Node): string | undefined {
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.Identifier) {
      const variable = this.variableOf(target);
      const def = variable?.defs[0];
      return def ? `var:${String(def.name.range[0])}` : `global:${target.name}`;
    }
    if (target.type === AST_NODE_TYPES.MemberExpression && unwrap(target.object).type === AST_NODE_TYPES.ThisExpression) {
      const cls = this.enclosingClass(target);
      const name = propertyName(target);
      return cls && name !== undefined ? `this:${String(cls.cls.range[0])}.${name}` : undefined;
    }
    if (target.type === AST_NODE_TYPES.MemberExpression) {
      const object = this.identityKey(target.object);
      const name = propertyName(target);
      return object && name !== undefined ? `${object}.${name}` : undefined;
    }
    return undefined;
  }

  // ---------------------------------------------------------------- queries

  /**
   * The query a call runs or makes through a database object, when the call is the first call of
   * its chain (`prisma.user.findMany()`, `knex('t')`, `repo.createQueryBuilder()`): later calls of
   * the same chain belong to that first one.
   */
  queryUse(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): QueryUse | undefined {
    const cached = this.uses.get(node);
    if (cached !== undefined) return cached ?? undefined;
    this.uses.set(node, null);
    const use = this.queryUseUncached(node);
    this.uses.set(node, use ?? null);
    return use;
  }

  private queryUseUncached(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): QueryUse | undefined {
    const resolve = (n: Node): DbValue | undefined => this.resolve(n);
    if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) {
      const tag = unwrap(node.tag);
      if (!isChainStart(tag)) return undefined;
      const value = resolve(tag);
      if (!value?.spec.taggedTemplateQuery) return undefined;
      const root = this.chainRoot(tag, value, resolve);
      return { node, receiver: tag, receiverValue: value, root: root.node, rootValue: root.value, method: undefined, type: 'query' };
    }
    const callee = unwrap(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) {
      // `knex('users')`, `sql(...)`, and 0.2-style `getRepository(User)`.
      if (!isChainStart(callee)) return undefined;
      const value = resolve(callee);
      const result = value?.spec.callResult ? catalogOf(value.library).kinds[value.spec.callResult] : undefined;
      if (!value || !result) return undefined;
      let type: QueryUse['type'];
      if (result.role === 'query' && (value.spec.role === 'client' || value.spec.role === 'transaction')) type = 'query';
      else if ((result.role === 'model' || result.role === 'client') && value.spec.role === 'other') type = 'factory';
      else return undefined;
      const root = this.chainRoot(callee, value, resolve);
      return { node, receiver: callee, receiverValue: value, root: root.node, rootValue: root.value, method: undefined, type };
    }
    const method = propertyName(callee);
    const receiver = unwrap(callee.object);
    if (method !== undefined && !mayBeQueryMethod(method) && isChainStart(callee)) {
      // A callable client held in a member: `this.knex('users')`, `deps.db('t')`.
      const value = resolve(callee);
      const result = value?.spec.callResult ? catalogOf(value.library).kinds[value.spec.callResult] : undefined;
      if (!value || result?.role !== 'query' || (value.spec.role !== 'client' && value.spec.role !== 'transaction')) return undefined;
      const root = this.chainRoot(callee, value, resolve);
      return { node, receiver: callee, receiverValue: value, root: root.node, rootValue: root.value, method: undefined, type: 'query' };
    }
    if (method === undefined || !mayBeQueryMethod(method)) return undefined;
    // A chain may start with a factory call: `dataSource.getRepository(User).find()`,
    // `sequelize.model('Tag').bulkCreate()`, `getConnection().query()`.
    let factory: QueryUse | undefined;
    if (receiver.type === AST_NODE_TYPES.CallExpression) {
      factory = this.queryUse(receiver);
      if (factory?.type !== 'factory') return undefined;
    } else if (!isChainStart(receiver)) {
      return undefined;
    }
    const value = resolve(receiver);
    if (!value) return undefined;
    const spec = value.spec;
    let type: QueryUse['type'] | undefined;
    if (spec.transactions?.some((t) => t.method === method)) type = 'transaction';
    else if (spec.queryMethods?.includes(method)) type = 'query';
    else if (spec.methods?.[method] !== undefined && spec.role !== 'constructor' && spec.role !== 'module') type = 'factory';
    else if (spec.regions?.some((r) => r.begin === method)) type = 'query';
    if (!type) return undefined;
    const root = factory
      ? factory.method === undefined
        ? { node: receiver, value }
        : { node: factory.root, value: factory.rootValue }
      : this.chainRoot(receiver, value, resolve);
    return { node, receiver, receiverValue: value, root: root.node, rootValue: root.value, method, type };
  }

  /**
   * The client a built query is run on, when it is passed as an argument
   * (Kysely ``sql`...`.execute(db)``).
   */
  executionTarget(call: TSESTree.CallExpression): { node: Node; value: DbValue } | undefined {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = propertyName(callee);
    if (method === undefined || !executingMethodNames().has(method)) return undefined;
    const query = this.resolve(callee.object);
    const index = query?.spec.executesOn?.[method];
    const argument = index === undefined ? undefined : call.arguments[index];
    const value = argument ? this.resolve(argument) : undefined;
    return argument && value ? { node: argument, value } : undefined;
  }

  /**
   * Is a factory call (`dataSource.getRepository(User)`) the receiver of a query made from it?
   * The query is then the use to report, not the factory.
   */
  feedsQuery(use: QueryUse): boolean {
    if (use.type !== 'factory') return false;
    const member = parentOf(use.node);
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== use.node) return false;
    const call = parentOf(member);
    return call?.type === AST_NODE_TYPES.CallExpression && call.callee === member && this.queryUse(call) !== undefined;
  }

  /** The deepest database object in a member chain. */
  private chainRoot(
    receiver: Node,
    value: DbValue,
    resolve: (n: Node) => DbValue | undefined,
  ): { node: Node; value: DbValue } {
    let node = receiver;
    let current = value;
    for (;;) {
      if (node.type !== AST_NODE_TYPES.MemberExpression) return { node, value: current };
      const object = unwrap(node.object);
      const inner = resolve(object);
      if (!inner) return { node, value: current };
      node = object;
      current = inner;
    }
  }

  // ---------------------------------------------------------------- other I/O

  /** What non-database I/O an expression comes from, if any. */
  resolveIo(node: Node | null | undefined): IoValue | undefined {
    return memoized(this.ioValues, node, (target) => this.resolveIoUncached(target));
  }

  private resolveIoUncached(input: Node): IoValue | undefined {
    const node = unwrap(input);
    if (node !== input) return this.resolveIo(node);
    switch (node.type) {
      case AST_NODE_TYPES.Identifier: {
        const variable = this.variableOf(node);
        const def = variable?.defs[0];
        if (!def) {
          const category = Object.hasOwn(io.globals, node.name) ? io.globals[node.name] : undefined;
          return category ? { category, source: node.name } : undefined;
        }
        if (def.type === DefinitionType.ImportBinding) {
          if (def.node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) return undefined;
          const source = importDeclarationOf(def.node)?.source.value;
          if (source === undefined) return undefined;
          const name = def.node.type === AST_NODE_TYPES.ImportSpecifier ? importedName(def.node) : undefined;
          return ioOfModule(source, name);
        }
        if (def.type === DefinitionType.Variable) {
          const init = def.node.init;
          if (!init) return this.ioOfAnnotation((def.name).typeAnnotation);
          const source = requireSource(unwrap(init));
          if (source !== undefined) {
            const pattern = def.node.id;
            const name =
              pattern.type === AST_NODE_TYPES.ObjectPattern ? destructuredKey(pattern, def.name) : undefined;
            return ioOfModule(source, name);
          }
          return this.resolveIo(init) ?? this.ioOfAnnotation((def.name).typeAnnotation);
        }
        if (def.type === DefinitionType.Parameter) {
          const fn = def.node as FunctionNode;
          const param = fn.params.find((p) => containsNode(p, def.name as Node));
          const annotation =
            param?.type === AST_NODE_TYPES.TSParameterProperty
              ? param.parameter.type === AST_NODE_TYPES.Identifier
                ? param.parameter.typeAnnotation
                : undefined
              : (def.name as TSESTree.Identifier).typeAnnotation;
          return this.ioOfAnnotation(annotation);
        }
        return undefined;
      }
      case AST_NODE_TYPES.MemberExpression: {
        const object = unwrap(node.object);
        if (object.type === AST_NODE_TYPES.ThisExpression) {
          const name = propertyName(node);
          const found = this.enclosingClass(node);
          if (name !== undefined && found) return this.ioOfClassMember(found.cls, name);
          return undefined;
        }
        return this.resolveIo(object);
      }
      case AST_NODE_TYPES.CallExpression: {
        const wrapped = this.ioOfWrapper(node);
        if (wrapped) return wrapped;
        return this.resolveIo(node.callee) ?? this.ioOfReturn(node.callee);
      }
      case AST_NODE_TYPES.NewExpression:
        if (node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'Promise' && this.isGlobal(node.callee)) {
          return this.ioOfPromiseExecutor(node.arguments[0]);
        }
        return this.resolveIo(node.callee);
      case AST_NODE_TYPES.AwaitExpression:
        return this.resolveIo(node.argument);
      case AST_NODE_TYPES.TaggedTemplateExpression:
        return this.resolveIo(node.tag);
      case AST_NODE_TYPES.LogicalExpression:
        return this.resolveIo(node.left) ?? this.resolveIo(node.right);
      case AST_NODE_TYPES.AssignmentExpression:
        return this.resolveIo(node.right);
      case AST_NODE_TYPES.ConditionalExpression:
        return this.resolveIo(node.consequent) ?? this.resolveIo(node.alternate);
      default:
        return undefined;
    }
  }

  /** What a project function returns, as I/O (`const vault = createVaultClient()`). */
  private ioOfReturn(callee: Node): IoValue | undefined {
    const helper = this.localFunction(callee) ?? this.projectMethod(callee);
    if (!helper) return undefined;
    const { resolver, fn } = helper;
    return firstReturned(fn, (node) => resolver.resolveIo(node));
  }

  /** `util.promisify(exec)` keeps `exec`'s I/O. */
  private ioOfWrapper(call: TSESTree.CallExpression): IoValue | undefined {
    const callee = unwrap(call.callee);
    let id: TSESTree.Identifier | undefined;
    let name: string | undefined;
    if (callee.type === AST_NODE_TYPES.Identifier) {
      id = callee;
    } else if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier) {
      id = callee.object;
      name = propertyName(callee);
    }
    if (!id) return undefined;
    const def = this.variableOf(id)?.defs[0];
    let source: string | undefined;
    let imported: string | undefined = name;
    if (def?.type === DefinitionType.ImportBinding && def.node.type !== AST_NODE_TYPES.TSImportEqualsDeclaration) {
      source = importDeclarationOf(def.node)?.source.value;
      if (def.node.type === AST_NODE_TYPES.ImportSpecifier && !name) imported = importedName(def.node);
    } else if (def?.type === DefinitionType.Variable && def.node.init) {
      source = requireSource(unwrap(def.node.init));
      if (!name && def.node.id.type === AST_NODE_TYPES.ObjectPattern) imported = destructuredKey(def.node.id, def.name);
    }
    if (source === undefined || imported === undefined) return undefined;
    if (!io.wrappers[source]?.includes(imported)) return undefined;
    return this.resolveIo(call.arguments[0]);
  }

  /** `new Promise((resolve) => setTimeout(resolve, ms))` is a sleep. */
  private ioOfPromiseExecutor(executor: Node | undefined): IoValue | undefined {
    if (!isFunction(executor)) return undefined;
    let found: IoValue | undefined;
    findNode(executor.body, (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = unwrap(node.callee);
      const timer = this.globalTimer(callee);
      if (timer !== undefined) {
        found = { category: 'timer', source: timer };
      } else {
        found = this.resolveIo(node);
      }
      return found !== undefined;
    });
    return found;
  }


  /** `setTimeout`, `globalThis.setTimeout`, `global.setImmediate`: a global timer's name. */
  private globalTimer(callee: Node): string | undefined {
    if (callee.type === AST_NODE_TYPES.Identifier) {
      return io.timerGlobals.includes(callee.name) && this.isGlobal(callee) ? callee.name : undefined;
    }
    if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier) {
      const name = propertyName(callee);
      const holder = callee.object;
      const isGlobalObject = ['globalThis', 'global', 'window'].includes(holder.name) && this.isGlobal(holder);
      return isGlobalObject && name !== undefined && io.timerGlobals.includes(name) ? name : undefined;
    }
    return undefined;
  }

  private ioOfAnnotation(annotation: Node | undefined): IoValue | undefined {
    if (!annotation) return undefined;
    const type = annotation.type === AST_NODE_TYPES.TSTypeAnnotation ? annotation.typeAnnotation : annotation;
    if (type.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
    let head: TSESTree.EntityName = type.typeName;
    while (head.type === AST_NODE_TYPES.TSQualifiedName) head = head.left;
    return head.type === AST_NODE_TYPES.Identifier ? this.resolveIo(head) : undefined;
  }

  private ioOfClassMember(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string): IoValue | undefined {
    for (const element of cls.body.body) {
      if (element.type === AST_NODE_TYPES.PropertyDefinition && keyName(element) === name) {
        return (element.value ? this.resolveIo(element.value) : undefined) ?? this.ioOfAnnotation(element.typeAnnotation);
      }
      if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor') {
        for (const param of element.value.params) {
          if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
          const inner = param.parameter;
          if (inner.type === AST_NODE_TYPES.Identifier && inner.name === name) return this.ioOfAnnotation(inner.typeAnnotation);
        }
        const assigned = element.value.type === AST_NODE_TYPES.FunctionExpression ? constructorAssignment(element.value, name) : undefined;
        if (assigned) return this.resolveIo(assigned);
      }
    }
    return undefined;
  }

  // ---------------------------------------------------------------- local helpers

  /**
   * The function a callee names, when it is defined in this project: a local function or const
   * arrow, a method of the same class (`this.helper()`), or a function exported by a local module.
   */
  localFunction(callee: Node): { resolver: Resolver; fn: FunctionNode; name: string } | undefined {
    const target = unwrap(callee);
    if (target.type === AST_NODE_TYPES.Identifier) {
      const def = this.variableOf(target)?.defs[0];
      if (!def) return undefined;
      if (def.type === DefinitionType.FunctionName) return { resolver: this, fn: def.node as TSESTree.FunctionDeclaration, name: target.name };
      if (def.type === DefinitionType.Variable && def.node.id === def.name && isFunction(def.node.init)) {
        return { resolver: this, fn: def.node.init, name: target.name };
      }
      if (def.type === DefinitionType.ImportBinding && def.node.type === AST_NODE_TYPES.ImportSpecifier) {
        const declaration = importDeclarationOf(def.node);
        const module = declaration ? this.localModule(declaration.source.value, declaration) : undefined;
        const found = module?.exportedFunction(importedName(def.node));
        return found ? { ...found, name: target.name } : undefined;
      }
      return undefined;
    }
    if (target.type === AST_NODE_TYPES.MemberExpression && unwrap(target.object).type === AST_NODE_TYPES.ThisExpression) {
      const name = propertyName(target);
      const found = this.enclosingClass(target);
      if (name === undefined || !found) return undefined;
      for (const element of found.cls.body.body) {
        if (
          element.type === AST_NODE_TYPES.MethodDefinition &&
          element.kind === 'method' &&
          element.value.type === AST_NODE_TYPES.FunctionExpression &&
          keyName(element) === name
        ) {
          return { resolver: this, fn: element.value, name: `this.${name}` };
        }
        if (element.type === AST_NODE_TYPES.PropertyDefinition && keyName(element) === name && isFunction(element.value)) {
          return { resolver: this, fn: element.value, name: `this.${name}` };
        }
      }
    }
    return undefined;
  }

  /** The function a declaration or export node stands for. */
  private functionOf(node: Node): FunctionNode | undefined {
    if (isFunction(node)) return node;
    if (node.type === AST_NODE_TYPES.Identifier) {
      const def = this.variableOf(node)?.defs[0];
      if (def?.type === DefinitionType.FunctionName) return def.node as TSESTree.FunctionDeclaration;
      if (def?.type === DefinitionType.Variable && isFunction(def.node.init)) return def.node.init;
    }
    return undefined;
  }

  /**
   * What calling a local function does: the queries it makes through database objects it closes
   * over, and the first non-database I/O it starts (following local helpers a few levels deep).
   */
  functionEffects(fn: FunctionNode, depth = 3): FunctionEffects {
    const cached = this.effects.get(fn);
    if (cached === resolving) return { closureQueries: [], io: undefined };
    if (cached) return cached;
    this.effects.set(fn, resolving);
    const closureQueries: QueryUse[] = [];
    let firstIo: FunctionEffects['io'];
    walk(fn.body, (node) => {
      if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.TaggedTemplateExpression) {
        const use = this.queryUse(node);
        if (use && !use.receiverValue.viaHandle && !this.isParameterOf(use.root, fn)) closureQueries.push(use);
        else if (use) {
          const fallback = this.fallbackUse(use, fn);
          if (fallback) closureQueries.push(fallback);
        }
        if (!use && !firstIo && node.type === AST_NODE_TYPES.CallExpression) {
          const value = this.resolveIo(node.callee);
          if (value) firstIo = { node, value };
          else if (depth > 0) {
            const helper = this.localFunction(node.callee);
            if (helper && helper.fn !== fn) {
              const inner = helper.resolver.functionEffects(helper.fn, depth - 1);
              if (inner.io) firstIo = { node, value: inner.io.value };
            }
          }
        }
      } else if (node.type === AST_NODE_TYPES.NewExpression && !firstIo) {
        const value = this.resolveIo(node);
        if (value) firstIo = { node, value };
      }
      return true;
    });
    const result = { closureQueries, io: firstIo };
    this.effects.set(fn, result);
    return result;
  }

  /**
   * `(tx ?? this.prisma).user.count()` in a helper with an optional `tx` parameter: the outer
   * client is used whenever a caller leaves `tx` out.
   */
  private fallbackUse(use: QueryUse, fn: FunctionNode): QueryUse | undefined {
    const root = unwrap(use.root);
    if (root.type !== AST_NODE_TYPES.LogicalExpression || root.left.type !== AST_NODE_TYPES.Identifier) return undefined;
    const left = root.left;
    const def = this.variableOf(left)?.defs[0];
    if (def?.type !== DefinitionType.Parameter || def.node !== fn) return undefined;
    const parameter = fn.params.findIndex((p) => containsNode(p, def.name));
    const outer = this.resolve(root.right);
    if (parameter < 0 || !outer || outer.viaHandle) return undefined;
    return {
      ...use,
      root: root.right,
      rootValue: outer,
      receiverValue: { ...use.receiverValue, viaHandle: false },
      fallbackParameter: parameter,
    };
  }

  /** Is the root of a chain a parameter of the function (or of a function nested in it)? */
  private isParameterOf(root: Node, fn: FunctionNode): boolean {
    let base = unwrap(root);
    while (base.type === AST_NODE_TYPES.MemberExpression) base = unwrap(base.object);
    if (base.type !== AST_NODE_TYPES.Identifier) return false;
    const def = this.variableOf(base)?.defs[0];
    return def?.type === DefinitionType.Parameter && def.node.range[0] >= fn.range[0] && def.node.range[1] <= fn.range[1];
  }

  // ---------------------------------------------------------------- text

  textOf(node: Node): string | undefined {
    return this.text?.slice(node.range[0], node.range[1]);
  }

  /** Does the module, at its top level, call a library's propagation switch (`Sequelize.useCLS`)? */
  callsPropagationSwitch(library: LibraryId): boolean {
    for (const statement of this.ast.body) {
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
      const expr = unwrap(statement.expression);
      if (expr.type !== AST_NODE_TYPES.CallExpression) continue;
      const callee = unwrap(expr.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) continue;
      const value = this.resolve(callee.object);
      if (value?.library === library && value.spec.propagationSwitch === propertyName(callee)) return true;
    }
    return false;
  }

  /** The resolver of the module a value's origin points into, if it was parsed. */
  moduleOfOrigin(origin: string | undefined): Resolver | undefined {
    if (!origin) return undefined;
    const file = origin.slice(0, origin.lastIndexOf(':'));
    return file === this.filename ? this : this.moduleAt(file);
  }
}

// -------------------------------------------------------------------- helpers without state

/**
 * Is a query chain bound to a transaction by a chained call (`knex('t').transacting(trx)`,
 * `Person.query().transacting(trx)`)?
 */
export function isBoundByChain(use: QueryUse): boolean {
  const bindMethods = new Set([...(use.receiverValue.spec.bindMethods ?? []), ...(use.rootValue.spec.bindMethods ?? [])]);
  if (bindMethods.size === 0) return false;
  let current: Node = use.node;
  for (;;) {
    const parent = parentOf(current);
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === current) {
      const call = parent.parent;
      if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent) return false;
      const name = propertyName(parent);
      if (name !== undefined && bindMethods.has(name)) return true;
      current = call;
    } else if (parent?.type === AST_NODE_TYPES.ChainExpression || parent?.type === AST_NODE_TYPES.TSNonNullExpression) {
      current = parent;
    } else {
      return false;
    }
  }
}

/**
 * The first value a function returns that `evaluate` answers for: its expression body, or the
 * argument of a `return` in its own body (not in nested functions).
 */
function firstReturned<T>(fn: FunctionNode, evaluate: (node: Node) => T | undefined): T | undefined {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return evaluate(fn.body);
  let value: T | undefined;
  findNode(
    fn.body,
    (node) => {
      if (node.type !== AST_NODE_TYPES.ReturnStatement || !node.argument) return false;
      value = evaluate(node.argument);
      return value !== undefined;
    },
    true,
  );
  return value;
}

/** The value a constructor assigns to `this.<name>`, if it does at its top level. */
function constructorAssignment(constructor: TSESTree.FunctionExpression, name: string): Expression | undefined {
  for (const statement of constructor.body.body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
    const expr = statement.expression;
    if (
      expr.type === AST_NODE_TYPES.AssignmentExpression &&
      expr.left.type === AST_NODE_TYPES.MemberExpression &&
      expr.left.object.type === AST_NODE_TYPES.ThisExpression &&
      propertyName(expr.left) === name
    ) {
      return expr.right;
    }
  }
  return undefined;
}

/** Does a branch end by leaving the function or loop (`return`, `throw`, `continue`, `break`)? */
function leavesEarly(statement: TSESTree.Statement): boolean {
  const last = statement.type === AST_NODE_TYPES.BlockStatement ? statement.body.at(-1) : statement;
  return (
    last?.type === AST_NODE_TYPES.ReturnStatement ||
    last?.type === AST_NODE_TYPES.ThrowStatement ||
    last?.type === AST_NODE_TYPES.ContinueStatement ||
    last?.type === AST_NODE_TYPES.BreakStatement
  );
}

/** A node's parent, typed as possibly absent (the Program has none). */
export function parentOf(node: Node): Node | undefined {
  return node.parent;
}

/** The first node in a subtree (not entering functions when `skipFunctions`) that matches. */
export function findNode(root: Node, predicate: (node: Node) => boolean, skipFunctions = false): Node | undefined {
  let found: Node | undefined;
  walk(root, (node) => {
    if (found) return false;
    if (skipFunctions && node !== root && isFunction(node)) return false;
    if (predicate(node)) {
      found = node;
      return false;
    }
    return true;
  });
  return found;
}

/** The import declaration of an import specifier. */
function importDeclarationOf(spec: TSESTree.ImportClause): TSESTree.ImportDeclaration | undefined {
  const parent = spec.parent as Node | undefined;
  return parent?.type === AST_NODE_TYPES.ImportDeclaration ? parent : undefined;
}

function importedName(spec: TSESTree.ImportSpecifier): string {
  return spec.imported.type === AST_NODE_TYPES.Identifier ? spec.imported.name : spec.imported.value;
}

function isObjectPrototypeMember(name: string): boolean {
  return name in Object.prototype || name === 'then' || name === 'catch' || name === 'finally';
}

/** Methods that run a built query on a client passed to them (`execute` of Kysely's `sql`). */
let executingMethods: ReadonlySet<string> | undefined;
function executingMethodNames(): ReadonlySet<string> {
  executingMethods ??= new Set(
    Object.values(libraries).flatMap((catalog) => Object.values(catalog.kinds).flatMap((kind) => Object.keys(kind.executesOn ?? {}))),
  );
  return executingMethods;
}

/** Method names that can be a query, factory, transaction or region begin in some catalog. */
let queryMethodNames: ReadonlySet<string> | undefined;
function mayBeQueryMethod(name: string): boolean {
  if (!queryMethodNames) {
    const names = new Set<string>();
    for (const catalog of Object.values(libraries)) {
      for (const spec of Object.values(catalog.kinds)) {
        for (const m of spec.queryMethods ?? []) names.add(m);
        for (const m of Object.keys(spec.methods ?? {})) names.add(m);
        for (const t of spec.transactions ?? []) if (t.method) names.add(t.method);
        for (const r of spec.regions ?? []) names.add(r.begin);
      }
    }
    queryMethodNames = names;
  }
  return queryMethodNames.has(name);
}

/** A chain starts at an identifier, `this`, or a member chain of those (no calls in between). */
function isChainStart(node: Node): boolean {
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
  return (
    current.type === AST_NODE_TYPES.Identifier ||
    current.type === AST_NODE_TYPES.ThisExpression ||
    // `(tx ?? this.prisma).user.count()`
    (current.type === AST_NODE_TYPES.LogicalExpression && (current.operator === '??' || current.operator === '||'))
  );
}

/** `require('x')` → 'x'. */
export function requireSource(node: Node): string | undefined {
  if (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === 'require' &&
    node.arguments.length === 1
  ) {
    return staticString(node.arguments[0]);
  }
  // `require('pg').Pool` is a member of the namespace, resolved as such.
  return undefined;
}

function destructuredKey(pattern: TSESTree.ObjectPattern, target: TSESTree.Identifier): string | undefined {
  for (const prop of pattern.properties) {
    if (prop.type === AST_NODE_TYPES.Property && containsNode(prop.value, target)) {
      return !prop.computed && prop.key.type === AST_NODE_TYPES.Identifier ? prop.key.name : staticString(prop.key);
    }
  }
  return undefined;
}

function ioOfModule(source: string, name: string | undefined): IoValue | undefined {
  const named = name !== undefined ? io.exports[source]?.[name] : undefined;
  if (named) return { category: named, source };
  const exact = Object.hasOwn(io.modules, source) ? io.modules[source] : undefined;
  if (exact) return { category: exact, source };
  for (const [prefix, category] of Object.entries(io.modules)) {
    if (prefix.endsWith('/') && source.startsWith(prefix)) return { category, source };
  }
  return undefined;
}

function keyName(element: TSESTree.PropertyDefinition | TSESTree.MethodDefinition): string | undefined {
  if (!element.computed && element.key.type === AST_NODE_TYPES.Identifier) return element.key.name;
  if (element.key.type === AST_NODE_TYPES.PrivateIdentifier) return undefined;
  return staticString(element.key);
}

export function containsNode(outer: Node, inner: Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/**
 * Depth-first walk; the visitor returns false to skip a node's children. Used only on candidate
 * subtrees (a helper's body, a begin statement's block), never on whole files per node.
 */
export function walk(root: Node, visit: (node: Node) => boolean): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (!visit(node)) continue;
    const keys = visitorKeys[node.type] ?? [];
    for (let i = keys.length - 1; i >= 0; i -= 1) {
      const child = (node as unknown as Record<string, unknown>)[keys[i] as string];
      if (Array.isArray(child)) {
        for (let j = child.length - 1; j >= 0; j -= 1) {
          const item: unknown = child[j];
          if (isNode(item)) stack.push(item);
        }
      } else if (isNode(child)) {
        stack.push(child);
      }
    }
  }
}

/** Top-level exports of a module: name → the node holding the value. */
function collectExports(ast: TSESTree.Program): Map<string, Node | 'namespace' | undefined> {
  const exports = new Map<string, Node | 'namespace' | undefined>();
  const topLevel = new Map<string, Node>();
  for (const statement of ast.body) {
    const declaration =
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.declaration ? statement.declaration : statement;
    if (declaration.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const d of declaration.declarations) {
        if (d.id.type === AST_NODE_TYPES.Identifier) topLevel.set(d.id.name, d.id);
      }
    } else if (
      (declaration.type === AST_NODE_TYPES.ClassDeclaration || declaration.type === AST_NODE_TYPES.FunctionDeclaration) &&
      declaration.id
    ) {
      topLevel.set(declaration.id.name, declaration.type === AST_NODE_TYPES.ClassDeclaration ? declaration : declaration.id);
    } else if (
      declaration.type === AST_NODE_TYPES.TSInterfaceDeclaration ||
      declaration.type === AST_NODE_TYPES.TSTypeAliasDeclaration
    ) {
      topLevel.set(declaration.id.name, declaration);
    }
  }
  for (const statement of ast.body) {
    switch (statement.type) {
      case AST_NODE_TYPES.ExportNamedDeclaration: {
        const declaration = statement.declaration;
        if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
          for (const d of declaration.declarations) {
            if (d.id.type === AST_NODE_TYPES.Identifier) exports.set(d.id.name, d.id);
          }
        } else if (declaration?.type === AST_NODE_TYPES.ClassDeclaration && declaration.id) {
          exports.set(declaration.id.name, declaration);
        } else if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id) {
          exports.set(declaration.id.name, declaration.id);
        } else if (
          declaration?.type === AST_NODE_TYPES.TSInterfaceDeclaration ||
          declaration?.type === AST_NODE_TYPES.TSTypeAliasDeclaration
        ) {
          exports.set(declaration.id.name, declaration);
        }
        for (const spec of statement.specifiers) {
          const exported = spec.exported.type === AST_NODE_TYPES.Identifier ? spec.exported.name : spec.exported.value;
          const local = spec.local.type === AST_NODE_TYPES.Identifier ? spec.local.name : spec.local.value;
          exports.set(exported, statement.source ? statement : (topLevel.get(local) ?? spec.local));
        }
        break;
      }
      case AST_NODE_TYPES.ExportDefaultDeclaration: {
        const declaration = statement.declaration;
        if (declaration.type === AST_NODE_TYPES.FunctionDeclaration) exports.set('default', declaration.id ?? declaration);
        else exports.set('default', declaration);
        break;
      }
      case AST_NODE_TYPES.ExportAllDeclaration:
        if (statement.exported) exports.set(moduleExportName(statement.exported), 'namespace');
        break;
      case AST_NODE_TYPES.ExpressionStatement: {
        // CommonJS: `module.exports = x`, `module.exports.db = x`, `exports.db = x`.
        const expr = statement.expression;
        if (expr.type !== AST_NODE_TYPES.AssignmentExpression || expr.left.type !== AST_NODE_TYPES.MemberExpression) break;
        const left = expr.left;
        const name = propertyName(left);
        if (left.object.type === AST_NODE_TYPES.Identifier && left.object.name === 'module' && name === 'exports') {
          exports.set('default', expr.right);
          if (expr.right.type === AST_NODE_TYPES.ObjectExpression) {
            for (const prop of expr.right.properties) {
              if (prop.type !== AST_NODE_TYPES.Property || prop.computed || prop.key.type !== AST_NODE_TYPES.Identifier) continue;
              exports.set(prop.key.name, prop.value);
            }
          }
        } else if (
          name !== undefined &&
          ((left.object.type === AST_NODE_TYPES.Identifier && left.object.name === 'exports') ||
            (left.object.type === AST_NODE_TYPES.MemberExpression &&
              left.object.object.type === AST_NODE_TYPES.Identifier &&
              left.object.object.name === 'module' &&
              propertyName(left.object) === 'exports'))
        ) {
          exports.set(name, expr.right);
        }
        break;
      }
      default:
        break;
    }
  }
  return exports;
}

function moduleExportName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === AST_NODE_TYPES.Identifier ? node.name : node.value;
}

function reexportedName(node: TSESTree.ExportNamedDeclaration | TSESTree.ExportAllDeclaration, name: string): string {
  if (node.type === AST_NODE_TYPES.ExportAllDeclaration) return name;
  for (const spec of node.specifiers) {
    const exported = spec.exported.type === AST_NODE_TYPES.Identifier ? spec.exported.name : spec.exported.value;
    if (exported === name) return spec.local.type === AST_NODE_TYPES.Identifier ? spec.local.name : spec.local.value;
  }
  return name;
}

/**
 * `/x/node_modules/@prisma/client/index.d.ts` → `{ package: '@prisma/client', module: '@prisma/client' }`;
 * a file outside node_modules is a project file (`local`), matched by module patterns only.
 */
function specifierOfDeclarationFile(file: string): { package: string; module: string; local: boolean } | undefined {
  const marker = file.lastIndexOf('/node_modules/');
  if (marker === -1) {
    const stripped = file.replace(/\.d\.[cm]?ts$|\.[cm]?[jt]sx?$/, '');
    // A generated client inside the project (Prisma's `prisma-client` generator) is a library.
    const generated = Object.values(libraries).some((c) => (c.modulePatterns ?? []).some((p) => p.pattern.test(stripped)));
    return { package: stripped, module: stripped, local: !generated };
  }
  const rest = file.slice(marker + '/node_modules/'.length).split('/');
  const pkgParts = rest[0]?.startsWith('@') ? rest.slice(0, 2) : rest.slice(0, 1);
  let pkg = pkgParts.join('/');
  if (pkg.startsWith('@types/')) {
    const inner = pkg.slice('@types/'.length);
    pkg = inner.includes('__') ? `@${inner.replace('__', '/')}` : inner;
  }
  const sub = rest
    .slice(pkgParts.length)
    .join('/')
    .replace(/\.d\.[cm]?ts$|\.[cm]?[jt]sx?$/, '')
    .replace(/(^|\/)(?:dist|lib|build|types|cjs|esm)\//g, '$1')
    .replace(/\/?index$/, '');
  // `.prisma/client` is where Prisma ≤ 6 generates its types.
  if (pkg === '.prisma') pkg = '@prisma/client';
  return { package: pkg, module: sub ? `${pkg}/${sub}` : pkg, local: false };
}

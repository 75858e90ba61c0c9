/**
 * What the origin questions ask of each other. Each module of `orm/origin/` answers one question
 * as functions over this interface and reaches the others only through it; the facade
 * (`orm/resolver.ts`) implements it for one module (the linted file or an imported one), wires
 * each method to its question and memoises the answers. So no origin module imports another at
 * run time, and a module of another file is just another context.
 */
import type { Scope, ScopeVariable } from '@typescript-eslint/scope-manager';
import type { ParserServices, TSESTree } from '@typescript-eslint/utils';

import type { CallbackTransaction, LibraryId } from '../catalog/index.js';
import type { ParsedModule, ParserLike } from '../modules/parse.js';
import type { ClassNode, FunctionNode, Node } from '../syntax.js';
import type { DbValue } from '../values.js';

/** What the resolver needs beyond the module itself. */
export interface ResolverEnvironment {
  readonly libraries: ReadonlySet<LibraryId>;
  readonly parser: ParserLike | undefined;
  /** Type information for the linted file, when the parser has a program. */
  readonly services: ParserServices | undefined;
  /** How many modules deep local imports are followed. */
  readonly depth: number;
}

/** A function of the project, with the module (context) it is defined in. */
export interface ProjectFunction<C> {
  readonly resolver: C;
  readonly fn: FunctionNode;
  /** How the call names it, for messages (`audit`, `this.audit`). */
  readonly name: string;
}

/** A class of the project, with the module (context) it is declared in. */
export interface ProjectClass<C> {
  readonly resolver: C;
  readonly cls: ClassNode;
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
  readonly callback: FunctionNode;
  readonly handle: TSESTree.Identifier | undefined;
  readonly spec: CallbackTransaction;
}

/** The library transaction a call opens, whatever its callback argument is. */
export interface TransactionOpener {
  readonly owner: DbValue;
  readonly receiver: Node;
  readonly spec: CallbackTransaction;
}

export interface OriginContext {
  readonly filename: string;
  readonly module: ParsedModule;
  readonly env: ResolverEnvironment;

  // scopes.ts
  scopeOf(node: Node): Scope;
  variableOf(id: TSESTree.Identifier | TSESTree.JSXIdentifier): ScopeVariable | undefined;
  isGlobal(id: TSESTree.Identifier): boolean;
  identityKey(node: Node): string | undefined;
  textOf(node: Node): string | undefined;

  // expressions.ts (memoised) and typed.ts
  resolve(node: Node | null | undefined): DbValue | undefined;
  resolveByType(node: Node): DbValue | undefined;

  // classes.ts, parameters.ts, annotations.ts
  resolveClass(node: ClassNode): DbValue | undefined;
  resolveThis(node: TSESTree.ThisExpression): DbValue | undefined;
  resolveThisMember(member: TSESTree.MemberExpression, name: string): DbValue | undefined;
  resolveParameter(fn: FunctionNode, param: TSESTree.Identifier): DbValue | undefined;
  resolveDecorators(decorators: readonly TSESTree.Decorator[] | undefined): DbValue | undefined;
  resolveAnnotation(annotation: Node | undefined): DbValue | undefined;
  memberOfDeclaredType(object: Node, name: string): DbValue | undefined;

  // imports.ts, exports.ts, typed.ts; the facade finds and shares the contexts of other modules
  resolveImport(spec: TSESTree.ImportClause | TSESTree.TSImportEqualsDeclaration): DbValue | undefined;
  resolveModuleExport(source: string, name: string, declaration?: TSESTree.ImportDeclaration): DbValue | undefined;
  localModule(source: string, declaration?: TSESTree.ImportDeclaration): OriginContext | undefined;
  localNamespaceOf(id: TSESTree.Identifier): OriginContext | undefined;
  importedLocalExport(id: TSESTree.Identifier): { resolver: OriginContext; node: Node } | undefined;
  moduleAt(file: string): OriginContext | undefined;
  moduleFileByProgram(declaration?: TSESTree.ImportDeclaration): string | undefined;
  exportNode(name: string): Node | 'namespace' | undefined;
  resolveExport(name: string): DbValue | undefined;
  exportsObjectAsDefault(): boolean;

  // objects.ts
  objectMemberValue(object: Node, name: string): DbValue | undefined;
  objectMethod(callee: TSESTree.MemberExpression): ProjectFunction<OriginContext> | undefined;
  /**
   * This module as seen from inside a call of one of its functions: `fn`'s parameters resolve to
   * the call's arguments, as `caller` resolves them (`makeRepo(db)` → `db` inside `makeRepo`).
   */
  withArguments(fn: FunctionNode, call: TSESTree.CallExpression | TSESTree.NewExpression, caller: OriginContext): OriginContext;

  // functions.ts, project-classes.ts
  exportedFunction(name: string): ProjectFunction<OriginContext> | undefined;
  localFunction(callee: Node): ProjectFunction<OriginContext> | undefined;
  projectMethod(callee: Node): ProjectFunction<OriginContext> | undefined;

  // transaction-openers.ts (openedTransaction memoised)
  transactionOpener(call: TSESTree.CallExpression): TransactionOpener | undefined;
  openedTransaction(call: TSESTree.CallExpression): OpenedTransaction | undefined;
  transactionOfCallback(fn: FunctionNode): OpenedTransaction | undefined;
  chainedOpener<T>(
    start: Node,
    match: (value: DbValue, method: string | undefined) => T | undefined,
  ): { owner: DbValue; receiver: Node; found: T } | undefined;
}

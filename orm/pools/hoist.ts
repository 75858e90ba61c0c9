/**
 * Can a pool made per call become one module-level instance, created at first use, without
 * changing what the function does? Only when that is provable from the code: the construction is
 * a `const` of its own, its arguments read nothing of the function (only module bindings that are
 * never written, imports, literals, `process.env`), and the function uses the pool only through
 * the catalogued client API (queries, transactions, checking out a connection) or closes it by a
 * statement of its own (those statements go: a shared pool must not be closed per call).
 */
import { DefinitionType, ScopeType } from '@typescript-eslint/scope-manager';
import type { Scope, ScopeManager, ScopeVariable } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import type { KindSpec } from '../catalog/index.js';
import { containsNode, findNode, isFunction, pathCall, propertyName, unwrap } from '../syntax.js';
import type { FunctionNode, Node } from '../syntax.js';
import type { ClientUse } from './lifetime.js';
import type { Construction, PoolConstruction, PoolContext } from './options.js';

/** What the hoisting question asks: the pool questions, scopes, and the module's tree. */
export interface HoistContext extends PoolContext {
  scopeOf(node: Node): Scope;
  readonly module: { readonly ast: TSESTree.Program; readonly scopeManager: ScopeManager };
}

/** How to hoist a per-call pool: what to move, what to remove, where the module-level instance goes. */
export interface HoistPlan {
  readonly construction: Construction;
  /** `const <name> = <construction>` in the function. */
  readonly name: TSESTree.Identifier;
  /** The statements that close it (`await pool.end();`), directly in the function body or in a `finally` block. */
  readonly closes: readonly TSESTree.ExpressionStatement[];
  /** The module's statement that contains the function: the instance is declared right before it. */
  readonly topLevel: TSESTree.ProgramStatement;
}

/**
 * Globals the language defines, whose reads and conversions give the same value at module scope
 * as in the function. Anything else global may be set per request.
 */
const stableGlobals: ReadonlySet<string> = new Set(['process', 'undefined', 'Infinity', 'NaN', 'Number', 'String', 'Boolean', 'parseInt', 'parseFloat']);
/** Of those, the ones that may be called in the options: pure conversions. */
const pureConversions: ReadonlySet<string> = new Set(['Number', 'String', 'Boolean', 'parseInt', 'parseFloat']);

function isModuleScope(scope: Scope): boolean {
  return scope.type === ScopeType.module || scope.type === ScopeType.global;
}

/** Is a reference the target of a write through it (`config.host = …`, `config.a.b++`, `delete config.x`)? */
function writtenThrough(id: Node): boolean {
  let current = id;
  while (current.parent?.type === AST_NODE_TYPES.MemberExpression && current.parent.object === current) current = current.parent;
  if (current === id) return false;
  const parent = current.parent;
  return (
    (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === current) ||
    parent?.type === AST_NODE_TYPES.UpdateExpression ||
    (parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete')
  );
}

/** A module binding that holds the same value for the whole process: written once, never through. */
function isStableModuleBinding(variable: ScopeVariable): boolean {
  if (!isModuleScope(variable.scope) || variable.defs.length !== 1) return false;
  const def = variable.defs[0];
  if (def?.type === DefinitionType.ImportBinding) return true;
  return variable.references.every((reference) => (!reference.isWrite() || reference.init === true) && !writtenThrough(reference.identifier));
}

/** Every scope inside a node (a callback among the options). */
function scopesWithin(scope: Scope, node: Node, found: Scope[]): void {
  for (const child of scope.childScopes) {
    if (containsNode(node, child.block)) found.push(child);
    else scopesWithin(child, node, found);
  }
}

/** An expression among the options whose value may differ per call, or that does something when evaluated. */
function variesPerCall(child: Node, construction: Construction): boolean {
  switch (child.type) {
    case AST_NODE_TYPES.ThisExpression:
    case AST_NODE_TYPES.Super:
    case AST_NODE_TYPES.MetaProperty:
    case AST_NODE_TYPES.AwaitExpression:
    case AST_NODE_TYPES.YieldExpression:
    case AST_NODE_TYPES.ImportExpression:
    case AST_NODE_TYPES.TaggedTemplateExpression:
    case AST_NODE_TYPES.AssignmentExpression:
    case AST_NODE_TYPES.UpdateExpression:
      return true;
    case AST_NODE_TYPES.NewExpression:
      return child !== construction;
    case AST_NODE_TYPES.CallExpression: {
      if (child === construction) return false;
      const callee = unwrap(child.callee);
      return callee.type !== AST_NODE_TYPES.Identifier || !pureConversions.has(callee.name);
    }
    default:
      return false;
  }
}

/**
 * Do a construction's callee and arguments read only what is the same for every call: stable
 * module bindings, imports, literals, `process.env`, and pure conversions of those? Functions
 * among the options (a pool's `afterCreate`) may call anything, but read nothing of the function.
 */
function readsOnlyModuleState(ctx: HoistContext, node: Construction): boolean {
  if (findNode(node, (child) => variesPerCall(child, node), true)) return false;
  // `this` inside a callback among the options would still be the function's in an arrow.
  if (findNode(node, (child) => child.type === AST_NODE_TYPES.ThisExpression)) return false;
  const scope = ctx.scopeOf(node);
  const scopes = [scope];
  scopesWithin(scope, node, scopes);
  for (const current of scopes) {
    for (const reference of current.references) {
      const id = reference.identifier as Node;
      if (!containsNode(node, id)) continue;
      const variable = reference.resolved;
      if (!variable || variable.defs.length === 0) {
        if (!stableGlobals.has(reference.identifier.name)) return false;
        continue;
      }
      // A callback's own parameters and locals.
      const def = variable.defs[0];
      if (def && containsNode(node, def.name)) continue;
      if (!isStableModuleBinding(variable)) return false;
    }
  }
  return true;
}

/** The property names of a client that a shared instance serves as the per-call one did: its catalogued API. */
function isClientApi(spec: KindSpec, name: string): boolean {
  if (spec.queryMethods?.includes(name)) return true;
  if (spec.methods && Object.hasOwn(spec.methods, name)) return true;
  if (spec.properties && Object.hasOwn(spec.properties, name)) return true;
  if (spec.transactions?.some((transaction) => transaction.method === name)) return true;
  const any = spec.anyProperty;
  return any !== undefined && !any.except?.includes(name) && !any.exceptPrefixes?.some((prefix) => name.startsWith(prefix));
}

/** `await pool.end();` or `pool.end();` as a statement directly in the function's body or in a `finally` block of it. */
function closeStatement(call: TSESTree.CallExpression, fn: FunctionNode): TSESTree.ExpressionStatement | undefined {
  const holder = call.parent.type === AST_NODE_TYPES.AwaitExpression ? call.parent : call;
  const statement = holder.parent;
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression !== holder) return undefined;
  const block = statement.parent;
  if (block.type !== AST_NODE_TYPES.BlockStatement) return undefined;
  if (block === fn.body) return statement;
  const owner = block.parent;
  if (owner.type !== AST_NODE_TYPES.TryStatement || owner.finalizer !== block) return undefined;
  // The `finally` of this function, not of a callback inside it.
  for (let current: Node | undefined = owner.parent; current; current = current.parent) {
    if (current === fn) return statement;
    if (isFunction(current)) return undefined;
  }
  return undefined;
}

function topLevelStatement(program: TSESTree.Program, node: Node): TSESTree.ProgramStatement | undefined {
  let current: Node = node;
  while (current.parent && current.parent !== program) current = current.parent;
  return current.parent === program ? (current as TSESTree.ProgramStatement) : undefined;
}

/**
 * A function declaration is hoisted: called at module scope before its statement, it would run
 * before the instance's declaration. Such a call (outside any function) rules the plan out.
 */
function calledBeforeDeclared(ctx: HoistContext, statement: TSESTree.ProgramStatement): boolean {
  const declaration =
    statement.type === AST_NODE_TYPES.FunctionDeclaration
      ? statement
      : (statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) &&
          statement.declaration?.type === AST_NODE_TYPES.FunctionDeclaration
        ? statement.declaration
        : undefined;
  if (!declaration?.id) return false;
  const variable = ctx.variableOf(declaration.id);
  return (
    variable?.references.some((reference) => {
      const id = reference.identifier as Node;
      if (id.range[0] >= statement.range[0]) return false;
      for (let current = id.parent; current; current = current.parent) if (isFunction(current)) return false;
      return true;
    }) ?? true
  );
}

/**
 * The plan to hoist a construction reported per call, or undefined when hoisting it is not
 * provably the same behaviour (see the module's comment).
 */
export function hoistPlan(ctx: HoistContext, construction: PoolConstruction, use: ClientUse, instance: KindSpec | undefined): HoistPlan | undefined {
  const fn = use.fn;
  const lifetime = construction.lifetime;
  const node = construction.node;
  // A single connection shared by concurrent calls would serialise them: never hoisted.
  if (!fn || !lifetime || lifetime.opens === 'connection' || !instance) return undefined;
  const declarator = node.parent;
  if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== node || declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  const declaration = declarator.parent;
  if (declaration.kind !== 'const' || declaration.declarations.length !== 1 || declaration.declare) return undefined;
  if (!readsOnlyModuleState(ctx, node)) return undefined;
  const variable = ctx.variableOf(declarator.id);
  if (!variable || variable.defs.length !== 1) return undefined;
  const closes: TSESTree.ExpressionStatement[] = [];
  for (const reference of variable.references) {
    if (reference.init === true) continue;
    if (reference.isWrite()) return undefined;
    const id = reference.identifier as Node;
    const closing = lifetime.close.map((path) => pathCall(id, path)).find((call) => call !== undefined);
    if (closing) {
      const statement = closeStatement(closing, fn);
      if (!statement) return undefined;
      closes.push(statement);
      continue;
    }
    const parent = id.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === id) {
      const name = propertyName(parent);
      // Opening it again (`ds.initialize()`) would throw on a shared instance that is open already.
      const opens = name !== undefined && (lifetime.initialize?.includes(name) === true || lifetime.connect === name);
      if (name === undefined || opens || !isClientApi(instance, name) || writtenThrough(id)) return undefined;
      continue;
    }
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === id && instance.callResult !== undefined) continue;
    if (parent?.type === AST_NODE_TYPES.TaggedTemplateExpression && parent.tag === id && (instance.taggedTemplateQuery === true || instance.taggedTemplateResult !== undefined)) continue;
    // Returned, stored, handed to a call, listened to: a caller or a callee might close or keep it.
    return undefined;
  }
  const topLevel = topLevelStatement(ctx.module.ast, fn);
  if (!topLevel || calledBeforeDeclared(ctx, topLevel)) return undefined;
  return { construction: node, name: declarator.id, closes, topLevel };
}

/**
 * Is a name free for a new module-level declaration that code at `at` refers to: bound nowhere in
 * the module scope or the global one, by no scope between it and `at`, and read as an undeclared
 * global nowhere in the module?
 */
export function isFreeModuleName(ctx: HoistContext, name: string, at: Node): boolean {
  const manager = ctx.module.scopeManager;
  for (let scope: Scope | null = ctx.scopeOf(at); scope; scope = scope.upper) if (scope.set.has(name)) return false;
  for (const scope of manager.scopes) {
    if (!isModuleScope(scope)) continue;
    if (scope.set.has(name) || scope.through.some((reference) => reference.identifier.name === name)) return false;
  }
  return true;
}

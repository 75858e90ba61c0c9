/**
 * How long a pool or client made by a call lives: where its value goes (kept outside the function
 * that made it, returned, handed on, or used there only), whether that function closes it, and
 * whether the function runs once (module scope, a constructor, a provider factory, a `main()`
 * called at start-up) or per request or per call.
 */
import type { ScopeVariable } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import { initialisers } from '../catalog/initialisers.js';
import { isFunction, pathCall, propertyName, unwrap } from '../syntax.js';
import type { FunctionNode, Node } from '../syntax.js';
import type { Construction, PoolConstruction, PoolContext } from './options.js';

/** What the lifetime questions ask: the pool questions, and which construction a call is. */
export interface LifetimeContext extends PoolContext {
  poolConstruction(node: Construction): PoolConstruction | undefined;
}

/** Where the value a construction makes ends up. */
export interface ClientUse {
  /** The function the construction runs in; undefined at module scope (or in a class field). */
  readonly fn: FunctionNode | undefined;
  /**
   * `kept`: stored outside the function (a module variable, `globalThis`, a field, a cache);
   * `returned`: the function is a factory; `handed`: passed to a call that may keep it;
   * `local`: only used inside the function.
   */
  readonly goes: 'kept' | 'returned' | 'handed' | 'local';
  /** The function closes it (`end()`, `destroy()`, `$disconnect()`), directly or through what wraps it. */
  readonly closed: boolean;
  /** For a single connection: `connect()` is called on it. */
  readonly connected: boolean;
}

function enclosingFunction(node: Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current)) return current;
    // A class field's initialiser runs once per instance, like the constructor.
    if (current.type === AST_NODE_TYPES.PropertyDefinition || current.type === AST_NODE_TYPES.StaticBlock) return undefined;
  }
  return undefined;
}

/** Is a construction an argument (or an option's value) of another construction that wraps it? */
function wrapperOf(ctx: LifetimeContext, node: Node): PoolConstruction | undefined {
  let current: Node = node;
  for (let depth = 0; depth < 4 && current.parent; depth += 1) {
    const parent = current.parent;
    if (parent.type === AST_NODE_TYPES.Property && parent.value === current) current = parent.parent;
    else if ((parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) && parent.arguments.includes(current as TSESTree.Expression)) {
      return ctx.poolConstruction(parent);
    } else return undefined;
  }
  return undefined;
}

/** The outermost construction that wraps this one (`new Kysely({ dialect: new PostgresDialect({ pool: new Pool() }) })`). */
export function outermostWrapper(ctx: LifetimeContext, construction: PoolConstruction): PoolConstruction {
  let outer = construction;
  for (let wrapper = wrapperOf(ctx, outer.node); wrapper; wrapper = wrapperOf(ctx, wrapper.node)) outer = wrapper;
  return outer;
}

/** Walks from a value to the expression that holds it: awaits, `.initialize()` chains, `a ?? b`, object literals. */
function holderOf(node: Node, initialize: readonly string[]): Node {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (!parent) return current;
    if (
      parent.type === AST_NODE_TYPES.AwaitExpression ||
      parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent.type === AST_NODE_TYPES.ChainExpression ||
      (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === current) ||
      (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== current) ||
      parent.type === AST_NODE_TYPES.ArrayExpression ||
      (parent.type === AST_NODE_TYPES.Property && parent.value === current) ||
      parent.type === AST_NODE_TYPES.ObjectExpression
    ) {
      current = parent;
      continue;
    }
    // `new DataSource(options).initialize()` is the data source.
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === current && parent.parent.type === AST_NODE_TYPES.CallExpression) {
      const method = propertyName(parent);
      if (method !== undefined && initialize.includes(method)) {
        current = parent.parent;
        continue;
      }
    }
    return current;
  }
}

function isInside(node: Node, fn: FunctionNode | undefined): boolean {
  if (!fn) return true;
  return fn.range[0] <= node.range[0] && node.range[1] <= fn.range[1];
}

/** Declared inside `fn` (its parameters and body). */
function isLocal(variable: ScopeVariable | undefined, fn: FunctionNode | undefined): boolean {
  const def = variable?.defs[0];
  return def !== undefined && fn !== undefined && isInside(def.name, fn);
}

function callsPath(reference: Node, path: string): boolean {
  return pathCall(reference, path) !== undefined;
}

/** Where a construction's value goes, and whether the function that made it closes it. */
export function clientUse(ctx: LifetimeContext, construction: PoolConstruction): ClientUse {
  const outer = outermostWrapper(ctx, construction);
  const fn = enclosingFunction(construction.node);
  const initialize = [...(construction.lifetime?.initialize ?? []), ...(outer.lifetime?.initialize ?? [])];
  const close = [...(construction.lifetime?.close ?? []), ...(outer === construction ? [] : (outer.lifetime?.close ?? []))];
  const connect = construction.lifetime?.connect;
  const holder = holderOf(outer.node, initialize);
  const parent = holder.parent;
  const result = (goes: ClientUse['goes'], closed = false, connected = false): ClientUse => ({ fn, goes, closed, connected });
  if (!parent) return result('local');
  if (parent.type === AST_NODE_TYPES.ReturnStatement || (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === holder)) {
    return result('returned');
  }
  if (
    parent.type === AST_NODE_TYPES.ExportDefaultDeclaration ||
    (parent.type === AST_NODE_TYPES.PropertyDefinition && parent.value === holder)
  ) {
    return result('kept');
  }
  let variable: ScopeVariable | undefined;
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === holder) {
    const target = parent.left;
    if (target.type !== AST_NODE_TYPES.Identifier) return result('kept');
    variable = ctx.variableOf(target);
    if (!isLocal(variable, fn)) return result('kept');
  } else if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === holder) {
    if (parent.id.type !== AST_NODE_TYPES.Identifier) return result('handed');
    variable = ctx.variableOf(parent.id);
    if (!fn) return result('kept');
  } else if (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) {
    return result(parent.callee === holder ? 'local' : 'handed');
  } else if (parent.type === AST_NODE_TYPES.ExpressionStatement || parent.type === AST_NODE_TYPES.MemberExpression) {
    return result('local');
  } else {
    return result('handed');
  }
  if (!variable) return result('handed');
  return followVariable(variable, fn, initialize, close, connect);
}

function followVariable(
  variable: ScopeVariable,
  fn: FunctionNode | undefined,
  initialize: readonly string[],
  close: readonly string[],
  connect: string | undefined,
): ClientUse {
  let goes: ClientUse['goes'] = 'local';
  let closed = false;
  let connected = false;
  for (const reference of variable.references) {
    const id = reference.identifier as Node;
    if (reference.isWrite() || !reference.isRead()) continue;
    if (close.some((path) => callsPath(id, path))) closed = true;
    if (connect !== undefined && callsPath(id, connect)) connected = true;
    const where = holderOf(id, initialize);
    const parent = where.parent;
    if (!parent) continue;
    if (parent.type === AST_NODE_TYPES.ReturnStatement || (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === where)) {
      if (!isInside(parent, fn) || enclosingFunction(where) === fn) goes = 'returned';
    } else if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === where) {
      goes = 'kept';
    } else if ((parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) && parent.callee !== where) {
      if (goes === 'local') goes = 'handed';
    } else if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === where) {
      // `const db = drizzle(pool)` and similar are followed no further: keep it precise by treating it as handed on.
      if (goes === 'local') goes = 'handed';
    }
  }
  return { fn, goes, closed, connected };
}

// ------------------------------------------------------------ does a function run once?

export type Runs = 'once' | 'per-call' | 'unknown';

function calleeName(call: TSESTree.CallExpression): string | undefined {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return propertyName(callee);
  return undefined;
}

const onceCallees: ReadonlySet<string> = new Set(initialisers.onceCallees);
const onceMethods: ReadonlySet<string> = new Set(initialisers.onceMethods);
const factoryProperties: ReadonlySet<string> = new Set(initialisers.factoryProperties);

/** The identifier a function is known by: its declaration's name, or the `const` it initialises. */
function nameOf(fn: FunctionNode): TSESTree.Identifier | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id ?? undefined;
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id;
  return undefined;
}

/**
 * Whether a function runs once (module scope, a constructor, a one-time hook or wrapper, a named
 * function called only from code that runs once), per request or call (a callback, a method, an
 * object's function, a function called from one of those), or is not known (exported, unused).
 */
export function functionRuns(ctx: LifetimeContext, fn: FunctionNode | undefined, depth = 0): Runs {
  if (!fn) return 'once';
  if (depth > 3) return 'unknown';
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.MethodDefinition) {
    if (parent.kind === 'constructor') return 'once';
    const key = parent.key.type === AST_NODE_TYPES.Identifier ? parent.key.name : undefined;
    return key !== undefined && onceMethods.has(key) ? 'once' : 'per-call';
  }
  if (parent.type === AST_NODE_TYPES.Property && parent.value === fn) {
    const key = parent.key.type === AST_NODE_TYPES.Identifier ? parent.key.name : undefined;
    if (key !== undefined && (factoryProperties.has(key) || onceMethods.has(key))) return 'once';
    return 'per-call';
  }
  if (parent.type === AST_NODE_TYPES.CallExpression) {
    // An IIFE runs where it is written.
    if (parent.callee === fn) return functionRuns(ctx, enclosingFunction(parent), depth + 1);
    const name = calleeName(parent);
    return name !== undefined && onceCallees.has(name) ? 'once' : 'per-call';
  }
  if (parent.type === AST_NODE_TYPES.PropertyDefinition) return 'per-call';
  const name = nameOf(fn);
  const variable = name ? ctx.variableOf(name) : undefined;
  if (!variable) return 'unknown';
  let runs: Runs | undefined;
  for (const reference of variable.references) {
    if (reference.init === true) continue;
    const id = reference.identifier as Node;
    const call = id.parent;
    // Passed by name (`app.get('/', handler)`), or called from somewhere.
    const caller =
      call?.type === AST_NODE_TYPES.CallExpression && call.callee === id
        ? functionRuns(ctx, enclosingFunction(call), depth + 1)
        : call?.type === AST_NODE_TYPES.CallExpression
          ? onceCallees.has(calleeName(call) ?? '')
            ? 'once'
            : 'per-call'
          : call?.type === AST_NODE_TYPES.ExportSpecifier
            ? 'unknown'
            : 'per-call';
    if (caller === 'per-call') return 'per-call';
    if (caller === 'unknown') runs = 'unknown';
    else runs ??= 'once';
  }
  return runs ?? 'unknown';
}

/** A construction that makes a pool or a connection itself, rather than running on one it is given. */
export function opensConnections(ctx: PoolContext, construction: PoolConstruction): boolean {
  const lifetime = construction.lifetime;
  if (!lifetime) return false;
  if (lifetime.opens !== 'wrapped') return true;
  if (lifetime.poolWith === undefined) return false;
  // `drizzle({ connection })` makes the driver's pool; `drizzle(pool)`, `drizzle({ client })` do not.
  const first = construction.node.arguments[0];
  const bare = first && unwrap(first);
  if (bare && (bare.type === AST_NODE_TYPES.Literal || bare.type === AST_NODE_TYPES.TemplateLiteral)) return true;
  const object = bare && bare.type === AST_NODE_TYPES.ObjectExpression ? bare : undefined;
  return (
    object?.properties.some(
      (property) =>
        property.type === AST_NODE_TYPES.Property &&
        !property.computed &&
        property.key.type === AST_NODE_TYPES.Identifier &&
        property.key.name === lifetime.poolWith,
    ) === true
  );
}

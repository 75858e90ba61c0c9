/**
 * Which calls make a connection pool (or a client that owns connections), and what their options
 * say about its size, its bound on waiting for a connection and the server it talks to. The
 * option names, defaults and positions are catalog data (`PoolSpec`, `ClientLifetime`); this
 * module only reads object literals against them.
 *
 * Precision first: an option counts as set whatever its value (`config.poolSize`,
 * `Number(process.env.X)`); an options object the module cannot see into (a parameter, a call's
 * result, a spread of either) answers "unknown", never "missing".
 */
import { DefinitionType } from '@typescript-eslint/scope-manager';
import type { ScopeVariable } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import type { ClientLifetime, LibraryId, PoolOption, PoolSpec, ServerFamily } from '../catalog/index.js';
import { serverOfDriver } from '../catalog/servers.js';
import { propertyName, staticString, unwrap } from '../syntax.js';
import type { Node } from '../syntax.js';
import type { DbValue } from '../values.js';

/** What the pool questions ask of the resolver. */
export interface PoolContext {
  resolve(node: Node | null | undefined): DbValue | undefined;
  variableOf(id: TSESTree.Identifier): ScopeVariable | undefined;
}

export type Construction = TSESTree.CallExpression | TSESTree.NewExpression;

/** A call that makes a pool or a client, with what the catalog says about it. */
export interface PoolConstruction {
  readonly node: Construction;
  readonly library: LibraryId;
  /** The constructor's label (`Pool`, `createPool`, `MikroORM.init`). */
  readonly label: string;
  readonly pool: PoolSpec | undefined;
  readonly lifetime: ClientLifetime | undefined;
}

/** The catalogued constructor a call or `new` invokes, if it makes a pool or a client. */
export function poolConstruction(ctx: PoolContext, node: Construction): PoolConstruction | undefined {
  const callee = unwrap(node.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression && node.type === AST_NODE_TYPES.CallExpression) {
    // A static method that makes one (`MikroORM.init(options)`).
    const method = propertyName(callee);
    const owner = method === undefined ? undefined : ctx.resolve(callee.object);
    const pool = method === undefined ? undefined : owner?.spec.poolMethods?.[method];
    const lifetime = method === undefined ? undefined : owner?.spec.lifetimeMethods?.[method];
    if (owner && method !== undefined && (pool ?? lifetime)) {
      return { node, library: owner.library, label: `${owner.spec.label}.${method}`, pool, lifetime };
    }
  }
  const value = ctx.resolve(callee);
  if (!value || value.spec.role !== 'constructor') return undefined;
  const makes = node.type === AST_NODE_TYPES.NewExpression ? value.spec.newInstance : value.spec.callResult;
  if (!makes || (!value.spec.pool && !value.spec.lifetime)) return undefined;
  return { node, library: value.library, label: value.spec.label, pool: value.spec.pool, lifetime: value.spec.lifetime };
}

// ------------------------------------------------------------ seeing into objects

/** Where an option was looked for: the object literal it would go into, and the keys still to add. */
export interface Insertion {
  /** The object literal to add to; undefined when the whole options argument is missing. */
  readonly object: TSESTree.ObjectExpression | undefined;
  readonly path: readonly string[];
}

export type OptionState =
  /** `value` is absent for a URL parameter. */
  | { readonly state: 'set'; readonly value: Node | undefined }
  | { readonly state: 'missing'; readonly insertion: Insertion }
  | { readonly state: 'unknown' };

const unknown: OptionState = { state: 'unknown' };

/** The object literal an expression is: itself, or a `const` of this module initialised with one. */
export function objectOf(ctx: PoolContext, node: Node | undefined, depth = 0): TSESTree.ObjectExpression | undefined {
  if (!node || depth > 4) return undefined;
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.ObjectExpression) return bare;
  if (bare.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ctx.variableOf(bare);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== DefinitionType.Variable) return undefined;
  // A variable written again after its declaration may hold another object by now.
  if (def.parent.kind !== 'const' && variable?.references.some((ref) => ref.isWrite() && ref.identifier !== def.name)) return undefined;
  return objectOf(ctx, def.node.init ?? undefined, depth + 1);
}

function keyOf(property: TSESTree.Property): string | undefined {
  if (!property.computed && property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  return staticString(property.key);
}

/** The value an object literal gives a key: the last one written wins, spreads included. */
function lookup(ctx: PoolContext, object: TSESTree.ObjectExpression, key: string, depth = 0): { value: Node } | 'missing' | 'unknown' {
  for (let i = object.properties.length - 1; i >= 0; i -= 1) {
    const property = object.properties[i];
    if (!property) continue;
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      const spread = depth < 4 ? objectOf(ctx, property.argument) : undefined;
      if (!spread) return 'unknown';
      const inner = lookup(ctx, spread, key, depth + 1);
      if (inner !== 'missing') return inner;
      continue;
    }
    const name = keyOf(property);
    if (name === undefined) return 'unknown';
    if (name === key || key === '*') return { value: property.value };
  }
  return 'missing';
}

/** The state of an option at a path (`['pool', 'max']`) inside an options object. */
export function optionAt(ctx: PoolContext, object: TSESTree.ObjectExpression, path: readonly string[]): OptionState {
  let current = object;
  for (let i = 0; i < path.length; i += 1) {
    const key = path[i] as string;
    if (key === '*') return wildcard(ctx, current, path.slice(i + 1));
    const found = lookup(ctx, current, key);
    if (found === 'unknown') return unknown;
    if (found === 'missing') return { state: 'missing', insertion: { object: current, path: path.slice(i) } };
    if (i === path.length - 1) return { state: 'set', value: found.value };
    const inner = objectOf(ctx, found.value);
    if (!inner) return unknown;
    current = inner;
  }
  return unknown;
}

/** Any key's object (Prisma `datasources: { db: { url } }`): the first that sets the rest of the path. */
function wildcard(ctx: PoolContext, object: TSESTree.ObjectExpression, rest: readonly string[]): OptionState {
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) return unknown;
    const inner = objectOf(ctx, property.value);
    if (!inner) return unknown;
    const state = optionAt(ctx, inner, rest);
    if (state.state !== 'missing') return state;
  }
  return { state: 'missing', insertion: { object, path: rest } };
}

/** The first path of an option that is set; else unknown if any is; else missing where the first path goes. */
function anyOf(ctx: PoolContext, object: TSESTree.ObjectExpression, option: PoolOption): OptionState {
  let first: OptionState | undefined;
  let sawUnknown = false;
  for (const path of option.paths) {
    const state = optionAt(ctx, object, path);
    if (state.state === 'set') return state;
    if (state.state === 'unknown') sawUnknown = true;
    first ??= state;
  }
  return sawUnknown ? unknown : (first ?? unknown);
}

// ------------------------------------------------------------ the pool's settings

/** What a pool construction's options say. */
export interface PoolSettings {
  readonly construction: PoolConstruction;
  readonly spec: PoolSpec;
  readonly server: ServerFamily | undefined;
  readonly size: OptionState;
  /** Absent when the library has no bound on waiting. */
  readonly acquire: OptionState | undefined;
  /** The size, when written as a number literal. */
  readonly literalSize: number | undefined;
  /** Configured by a URL: the settings are its parameters (no object to insert into). */
  readonly byUrl: boolean;
}

function isStringLike(node: Node): boolean {
  const bare = unwrap(node);
  return (
    staticString(bare) !== undefined ||
    bare.type === AST_NODE_TYPES.TemplateLiteral ||
    (bare.type === AST_NODE_TYPES.BinaryExpression && bare.operator === '+' && (isStringLike(bare.left) || isStringLike(bare.right)))
  );
}

/** The options object of a construction: found, absent (defaults apply), or not visible. */
function optionsObject(ctx: PoolContext, construction: PoolConstruction, spec: PoolSpec): TSESTree.ObjectExpression | 'absent' | undefined {
  const args = construction.node.arguments;
  const argument = spec.argument === 'last' ? args[args.length - 1] : args[spec.argument];
  if (!argument) return spec.absentMeansDefaults ? 'absent' : undefined;
  if (argument.type === AST_NODE_TYPES.SpreadElement) return undefined;
  // `new Sequelize(url)`, `postgres(url)`: a connection string in the options' place.
  if (spec.argument === 'last' && isStringLike(argument)) return spec.absentMeansDefaults ? 'absent' : undefined;
  return objectOf(ctx, argument);
}

function numberOf(state: OptionState): number | undefined {
  if (state.state !== 'set' || !state.value) return undefined;
  const value = unwrap(state.value);
  return value.type === AST_NODE_TYPES.Literal && typeof value.value === 'number' ? value.value : undefined;
}

/** The server a pool talks to, from the catalog: fixed, or named by an option or a URL's scheme. */
function serverOf(ctx: PoolContext, spec: PoolSpec, object: TSESTree.ObjectExpression | undefined, url: string | undefined): ServerFamily | undefined {
  const server = spec.server;
  if (typeof server === 'object') {
    const found = object ? optionAt(ctx, object, [server.property]) : undefined;
    const name = found?.state === 'set' && found.value ? staticString(unwrap(found.value)) : undefined;
    return name === undefined ? server.otherwise : server.values[name];
  }
  if (server !== 'url-scheme') return server;
  const scheme = url ? /^([a-z0-9+-]+):\/\//i.exec(url)?.[1] : undefined;
  return scheme === undefined ? undefined : serverOfDriver[scheme.toLowerCase()];
}

/**
 * What a URL written in code says of a parameter: set when its text has it; missing when the
 * query string is written out after every interpolation (`${base}?pool_timeout=10`); else unknown.
 */
function urlParameter(url: { text: string; openTail: boolean }, names: readonly (readonly string[])[]): OptionState {
  if (names.some(([name]) => name !== undefined && new RegExp(`[?&]${name}=`).test(url.text))) {
    return { state: 'set', value: undefined };
  }
  return url.openTail ? unknown : { state: 'missing', insertion: { object: undefined, path: [] } };
}

/** A URL's static text (interpolations as `\u0000`), and whether an interpolation follows its last `?`. */
function urlText(node: Node): { text: string; openTail: boolean } | undefined {
  const bare = unwrap(node);
  const plain = staticString(bare);
  if (plain !== undefined) return { text: plain, openTail: false };
  if (bare.type === AST_NODE_TYPES.TemplateLiteral) {
    const text = bare.quasis.map((quasi) => quasi.value.cooked ?? '').join('\u0000');
    const query = text.lastIndexOf('?');
    return { text, openTail: query < 0 || text.indexOf('\u0000', query) >= 0 };
  }
  return undefined;
}

/** The settings of a pool construction, or undefined when it makes no pool here or its options cannot be seen. */
export function poolSettings(ctx: PoolContext, construction: PoolConstruction): PoolSettings | undefined {
  const spec = construction.pool;
  if (!spec) return undefined;
  let object = optionsObject(ctx, construction, spec);
  if (object === undefined) return undefined;
  if (object !== 'absent' && spec.within !== undefined) {
    // `drizzle({ connection: {...} })` makes a pool; `drizzle({ client })` runs on one.
    const within = optionAt(ctx, object, [spec.within]);
    if (within.state !== 'set' || !within.value) return undefined;
    const inner = objectOf(ctx, within.value);
    if (!inner) return undefined;
    object = inner;
  }
  const options = object === 'absent' ? undefined : object;
  if (options && spec.delegatedTo !== undefined && optionAt(ctx, options, [spec.delegatedTo]).state !== 'missing') return undefined;
  if (spec.url) {
    if (!options) return undefined;
    const urlState = spec.url.map((path) => optionAt(ctx, options, path)).find((state) => state.state !== 'missing');
    const url = urlState?.state === 'set' && urlState.value ? urlText(urlState.value) : undefined;
    if (!url) return undefined;
    const server = serverOf(ctx, spec, options, url.text);
    if (server === 'sqlite') return undefined;
    const size = urlParameter(url, spec.size.paths);
    return {
      construction,
      spec,
      server,
      size,
      acquire: spec.acquire && urlParameter(url, spec.acquire.paths),
      literalSize: undefined,
      byUrl: true,
    };
  }
  const server = serverOf(ctx, spec, options, undefined);
  if (server === 'sqlite') return undefined;
  const missingHere: OptionState = { state: 'missing', insertion: { object: undefined, path: [] } };
  const size = options ? anyOf(ctx, options, spec.size) : missingHere;
  const acquire = spec.acquire && (options ? anyOf(ctx, options, spec.acquire) : missingHere);
  return { construction, spec, server, size, acquire, literalSize: numberOf(size), byUrl: false };
}

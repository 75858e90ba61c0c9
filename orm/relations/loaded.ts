/**
 * Which relations a query loads: the query's entity and its eager-load option (`relations`,
 * `include`, `populate`). Where its rows are read is `rows.ts`'s question.
 */
import { DefinitionType } from '@typescript-eslint/scope-manager';
import type { ScopeVariable } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import { libraries } from '../catalog/index.js';
import type { LibraryId, LoadingMethod, RelationBuilders, RelationLoading } from '../catalog/index.js';
import type { ProjectFunction } from '../origin/context.js';
import { objectProperty, propertyName, staticString, unwrap } from '../syntax.js';
import type { Node } from '../syntax.js';
import type { DeclarationContext, EntityRelations } from './declarations.js';

/** What a query loads: every relation, some (by name or by related entity), or not known. */
export type LoadedSet = { readonly all: true } | { readonly names: ReadonlySet<string>; readonly targets: ReadonlySet<Node> } | 'unknown';

/** A query of an entity whose eager loads are known. */
export interface RelationQuery {
  readonly call: TSESTree.CallExpression;
  readonly entity: EntityRelations;
  readonly method: LoadingMethod;
  readonly loaded: Exclude<LoadedSet, 'unknown'>;
  /** The eager form for messages when it is not the library's usual one (a query builder's join), with `{relation}`. */
  readonly eagerForm?: string;
}

export interface LoadedContext extends DeclarationContext {
  localFunction(callee: Node): ProjectFunction<LoadedContext> | undefined;
  /** The entity an expression names (declarations.ts). */
  entityOf(node: Node): EntityRelations | undefined;
  entityOfVariable(variable: ScopeVariable): EntityRelations | undefined;
  /** The class or schema node an identifier names, followed into project modules. */
  entityDeclarationNode(id: TSESTree.Identifier): Node | undefined;
}

const namesByLibraries = new WeakMap<ReadonlySet<LibraryId>, ReadonlySet<string>>();

/** The loading method names of the given libraries (`find`, `findAll` …), for a cheap gate on calls. */
export function loadingMethodNames(active: ReadonlySet<LibraryId>): ReadonlySet<string> {
  let names = namesByLibraries.get(active);
  if (!names) {
    names = new Set(
      [...active].flatMap((id) => {
        const loading = libraries[id].relations?.loading;
        return [...Object.values(loading?.kinds ?? {}).flatMap((methods) => Object.keys(methods)), ...Object.keys(loading?.builders?.results ?? {})];
      }),
    );
    namesByLibraries.set(active, names);
  }
  return names;
}

/** The entity and loaded relations of a loading query, when both are known. */
export function relationQuery(ctx: LoadedContext, call: TSESTree.CallExpression): RelationQuery | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = propertyName(callee);
  if (name === undefined || !loadingMethodNames(ctx.env.libraries).has(name)) return undefined;
  const builderResult = builderResultOf(ctx.env.libraries, name);
  if (builderResult) return builderQuery(ctx, call, callee, builderResult);
  // Syntax and declarations first, the receiver's origin last: most calls of these names are not
  // queries of an entity with relations, and resolving a receiver may parse other modules.
  const object = unwrap(callee.object);
  const byReceiver = object.type === AST_NODE_TYPES.Identifier ? ctx.entityOf(object) : undefined;
  const byArgument = byReceiver ? undefined : argumentEntity(ctx, call.arguments[0]);
  if ((byReceiver ?? byArgument)?.defaultLoads) return undefined;
  if (!byReceiver && !byArgument && !namedByRepository(ctx, name)) return undefined;
  // Arguments no loading method of this name takes (`this.books.findOne(ctx, id)` of a project
  // service) leave what is loaded unknown whatever the receiver is: it is not resolved.
  if (!methodsNamed(ctx.env.libraries, name).some((method) => argumentsFit(call, method))) return undefined;
  const receiver = ctx.resolve(callee.object);
  if (!receiver) return undefined;
  const loading = libraries[receiver.library].relations?.loading;
  const methods = loading?.kinds[receiver.kind];
  const method = methods && Object.hasOwn(methods, name) ? methods[name] : undefined;
  if (!loading || !method) return undefined;
  const entity =
    method.entityArgument !== undefined
      ? method.entityArgument === 0
        ? byArgument
        : argumentEntity(ctx, call.arguments[method.entityArgument])
      : loading.repositoryKinds?.includes(receiver.kind) && receiver.entity !== undefined
        ? entityNamed(ctx, call, receiver.entity)
        : byReceiver;
  if (!entity || entity.library !== receiver.library || entity.defaultLoads) return undefined;
  const loaded = loadedBy(ctx, call, method, loading);
  return loaded === 'unknown' ? undefined : { call, entity, method, loaded };
}

/** The libraries' query builders that a call of this name runs, with what it returns. */
function builderResultOf(active: ReadonlySet<LibraryId>, name: string): { builders: RelationBuilders; result: LoadingMethod['result'] } | undefined {
  for (const id of active) {
    const builders = libraries[id].relations?.loading.builders;
    if (builders && Object.hasOwn(builders.results, name)) return { builders, result: builders.results[name] ?? 'many' };
  }
  return undefined;
}

/**
 * A query builder's run (`….getMany()`), read down its chain to the call that started it: the
 * relations its join-and-select calls load on the root alias. Unknown (undefined) when the chain
 * does anything the catalog does not list, or starts anywhere but a builder of a known entity.
 */
function builderQuery(
  ctx: LoadedContext,
  call: TSESTree.CallExpression,
  callee: TSESTree.MemberExpression,
  { builders, result }: { builders: RelationBuilders; result: LoadingMethod['result'] },
): RelationQuery | undefined {
  const joined: { alias: string; relation: string }[] = [];
  let link = unwrap(callee.object);
  for (;;) {
    if (link.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const member = unwrap(link.callee);
    if (member.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = propertyName(member);
    if (method === undefined) return undefined;
    if (builders.loads.includes(method)) {
      const path = link.arguments[0] ? staticString(link.arguments[0]) : undefined;
      const [alias, relation, ...deeper] = path?.split('.') ?? [];
      if (alias === undefined || relation === undefined || deeper.length > 0) return undefined;
      joined.push({ alias, relation });
    } else if (!builders.keeps.includes(method)) {
      // The start of the chain, or something that changes what it loads.
      return builderStart(ctx, call, link, member, method, builders, result, joined);
    }
    link = unwrap(member.object);
  }
}

function builderStart(
  ctx: LoadedContext,
  run: TSESTree.CallExpression,
  start: TSESTree.CallExpression,
  member: TSESTree.MemberExpression,
  method: string,
  builders: RelationBuilders,
  result: LoadingMethod['result'],
  joined: readonly { alias: string; relation: string }[],
): RelationQuery | undefined {
  if (start.arguments.some((a) => a.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  const receiver = ctx.resolve(member.object);
  const spec = receiver ? builders.starts[receiver.kind] : undefined;
  if (!receiver || spec?.method !== method) return undefined;
  const aliasArgument = start.arguments[spec.aliasArgument];
  const alias = aliasArgument ? staticString(aliasArgument) : undefined;
  if (alias === undefined) return undefined;
  const object = unwrap(member.object);
  const entity =
    spec.entityArgument !== undefined
      ? argumentEntity(ctx, start.arguments[spec.entityArgument])
      : receiver.entity !== undefined
        ? entityNamed(ctx, start, receiver.entity)
        : object.type === AST_NODE_TYPES.Identifier
          ? ctx.entityOf(object)
          : undefined;
  if (!entity || entity.library !== receiver.library || entity.defaultLoads) return undefined;
  const names = new Set(joined.filter((join) => join.alias === alias).map((join) => join.relation));
  return {
    call: run,
    entity,
    method: { options: -1, result },
    loaded: { names, targets: new Set() },
    eagerForm: builders.eagerForm.replace('{alias}', alias),
  };
}

/** Could a call of this name be a query of a repository, whose entity only its origin tells? */
const methodsByName = new WeakMap<ReadonlySet<LibraryId>, Map<string, readonly LoadingMethod[]>>();

/** Every loading method of this name, of any kind of the active libraries. */
function methodsNamed(active: ReadonlySet<LibraryId>, name: string): readonly LoadingMethod[] {
  let byName = methodsByName.get(active);
  if (!byName) {
    byName = new Map();
    methodsByName.set(active, byName);
  }
  let methods = byName.get(name);
  if (!methods) {
    methods = [...active].flatMap((id) =>
      Object.values(libraries[id].relations?.loading.kinds ?? {}).flatMap((kind) => (Object.hasOwn(kind, name) ? [kind[name] as LoadingMethod] : [])),
    );
    byName.set(name, methods);
  }
  return methods;
}

/**
 * The syntax {@link loadedBy} needs to know what a call of `method` loads: no spread, no more
 * arguments than the method takes, options (when given) an object literal of plain properties.
 */
export function argumentsFit(call: TSESTree.CallExpression, method: LoadingMethod): boolean {
  if (call.arguments.some((a) => a.type === AST_NODE_TYPES.SpreadElement)) return false;
  if (method.options < 0) return true;
  if (call.arguments.length > method.options + 1) return false;
  const options = call.arguments[method.options];
  if (!options) return true;
  const object = unwrap(options);
  return object.type === AST_NODE_TYPES.ObjectExpression && object.properties.every((p) => p.type === AST_NODE_TYPES.Property && !p.computed);
}

function namedByRepository(ctx: LoadedContext, name: string): boolean {
  for (const id of ctx.env.libraries) {
    const loading = libraries[id].relations?.loading;
    if (loading?.repositoryKinds?.some((kind) => Object.hasOwn(loading.kinds[kind] ?? {}, name))) return true;
  }
  return false;
}

function argumentEntity(ctx: LoadedContext, node: Node | undefined): EntityRelations | undefined {
  return node && node.type !== AST_NODE_TYPES.SpreadElement ? ctx.entityOf(node) : undefined;
}

/** The entity a repository was made for (`getRepository(Book)`, `@InjectRepository(Book)`), by the name in scope. */
function entityNamed(ctx: LoadedContext, at: Node, name: string): EntityRelations | undefined {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return undefined;
  let scope: ReturnType<LoadedContext['scopeOf']> | null = ctx.scopeOf(at);
  while (scope) {
    const variable: ScopeVariable | undefined = scope.set.get(name);
    if (variable) return ctx.entityOfVariable(variable);
    scope = scope.upper;
  }
  return undefined;
}

function loadedBy(ctx: LoadedContext, call: TSESTree.CallExpression, method: LoadingMethod, loading: RelationLoading): LoadedSet {
  const none = { names: new Set<string>(), targets: new Set<Node>() };
  // Every argument up to the options must be there as the method's current signature has them
  // (`findOne(id)` of TypeORM 0.2 has the options second).
  if (!argumentsFit(call, method)) return 'unknown';
  const options = method.options < 0 ? undefined : call.arguments[method.options];
  if (!options) return none;
  const object = unwrap(options);
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return 'unknown';
  if ((loading.unknownWith ?? []).some((option) => objectProperty(object, option) !== undefined)) return 'unknown';
  const option = objectProperty(object, loading.option);
  if (!option) return none;
  const value = constantValue(ctx, option);
  if (!value) return 'unknown';
  switch (loading.style) {
    case 'typeorm-relations':
      return relationPaths(value);
    case 'mikro-populate':
      return populatePaths(value);
    case 'sequelize-include':
      return includes(ctx, value);
  }
}

/**
 * The literal an option's value is: written in place, or a `const` of the module initialised with
 * an array or object literal (`include: eager`). A model class stays itself; anything else is unknown.
 */
function constantValue(ctx: LoadedContext, node: Node): Node | undefined {
  const value = unwrap(node);
  if (value.type !== AST_NODE_TYPES.Identifier) return value;
  const variable = ctx.variableOf(value);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type === DefinitionType.ClassName || def?.type === DefinitionType.ImportBinding) return value;
  if (def?.type !== DefinitionType.Variable || def.parent.kind !== 'const' || def.node.id !== def.name || !def.node.init) return undefined;
  const init = unwrap(def.node.init);
  return init.type === AST_NODE_TYPES.ArrayExpression || init.type === AST_NODE_TYPES.ObjectExpression || init.type === AST_NODE_TYPES.Literal ? init : value;
}

/** `['author', 'author.profile']` or `{ author: { profile: true } }`. */
function relationPaths(value: Node): LoadedSet {
  const names = new Set<string>();
  if (value.type === AST_NODE_TYPES.ArrayExpression) {
    for (const element of value.elements) {
      const path = element ? staticString(element) : undefined;
      if (path === undefined) return 'unknown';
      names.add(path.split('.')[0] ?? path);
    }
    return { names, targets: new Set() };
  }
  if (value.type === AST_NODE_TYPES.ObjectExpression) {
    for (const prop of value.properties) {
      if (prop.type !== AST_NODE_TYPES.Property || prop.computed) return 'unknown';
      const name = prop.key.type === AST_NODE_TYPES.Identifier ? prop.key.name : staticString(prop.key);
      if (name === undefined) return 'unknown';
      if (!(prop.value.type === AST_NODE_TYPES.Literal && prop.value.value === false)) names.add(name);
    }
    return { names, targets: new Set() };
  }
  return 'unknown';
}

/** `['authors', 'authors.books']`, `'authors'`, `['*']`, `true`. */
function populatePaths(value: Node): LoadedSet {
  if (value.type === AST_NODE_TYPES.Literal && value.value === true) return { all: true };
  const elements = value.type === AST_NODE_TYPES.ArrayExpression ? value.elements : [value];
  const names = new Set<string>();
  for (const element of elements) {
    const path = element ? staticString(element) : undefined;
    if (path === undefined) return 'unknown';
    const name = (path.split('.')[0] ?? path).split(':')[0] ?? path;
    if (name === '*' || name === '$infer') return { all: true };
    names.add(name);
  }
  return { names, targets: new Set() };
}

/** `[{ model: Author, as: 'authors' }]`, `[Author]`, `'authors'`, `{ all: true }`, `{ association: 'authors' }`. */
function includes(ctx: LoadedContext, value: Node): LoadedSet {
  const items = value.type === AST_NODE_TYPES.ArrayExpression ? value.elements : [value];
  const names = new Set<string>();
  const targets = new Set<Node>();
  for (const element of items) {
    if (!element || element.type === AST_NODE_TYPES.SpreadElement) return 'unknown';
    const item = unwrap(element);
    const alias = staticString(item);
    if (alias !== undefined) {
      names.add(alias);
      continue;
    }
    if (item.type === AST_NODE_TYPES.Identifier) {
      const target = ctx.entityDeclarationNode(item);
      if (!target || !isEntityDeclaration(target)) return 'unknown';
      targets.add(target);
      continue;
    }
    if (item.type !== AST_NODE_TYPES.ObjectExpression) return 'unknown';
    if (item.properties.some((p) => p.type !== AST_NODE_TYPES.Property || p.computed)) return 'unknown';
    const all = objectProperty(item, 'all');
    if (all) return all.type === AST_NODE_TYPES.Literal && all.value === true ? { all: true } : 'unknown';
    const named = objectProperty(item, 'as') ?? objectProperty(item, 'association');
    if (named) {
      const name = staticString(named);
      if (name === undefined) return 'unknown';
      names.add(name);
      continue;
    }
    const model = objectProperty(item, 'model');
    const target = model && unwrap(model).type === AST_NODE_TYPES.Identifier ? ctx.entityDeclarationNode(unwrap(model) as TSESTree.Identifier) : undefined;
    if (!target || !isEntityDeclaration(target)) return 'unknown';
    targets.add(target);
  }
  return { names, targets };
}

function isEntityDeclaration(node: Node): boolean {
  return node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression || node.type === AST_NODE_TYPES.NewExpression;
}

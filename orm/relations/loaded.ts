/**
 * Which relations a query loaded, and where its rows read one it did not: the query's entity and
 * its eager-load option (`relations`, `include`, `populate`), then the rows followed through
 * variables, destructuring, array callbacks, `for…of` and calls of the module's own functions.
 */
import { DefinitionType } from '@typescript-eslint/scope-manager';
import type { ScopeVariable } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import { libraries } from '../catalog/index.js';
import type { LibraryId, LoadingMethod, RelationLoading } from '../catalog/index.js';
import type { ProjectFunction } from '../origin/context.js';
import { isFunction, objectProperty, propertyName, staticString, unwrap } from '../syntax.js';
import type { Node } from '../syntax.js';
import type { DeclarationContext, DeclaredRelation, EntityRelations } from './declarations.js';

/** What a query loads: every relation, some (by name or by related entity), or not known. */
export type LoadedSet = { readonly all: true } | { readonly names: ReadonlySet<string>; readonly targets: ReadonlySet<Node> } | 'unknown';

/** A query of an entity whose eager loads are known. */
export interface RelationQuery {
  readonly call: TSESTree.CallExpression;
  readonly entity: EntityRelations;
  readonly method: LoadingMethod;
  readonly loaded: Exclude<LoadedSet, 'unknown'>;
}

/** A read of a relation the query did not load. */
export interface UnloadedRelationRead {
  /** The member expression (`book.author`) or destructured property reading it. */
  readonly node: Node;
  readonly relation: DeclaredRelation;
  readonly query: RelationQuery;
}

export interface LoadedContext extends DeclarationContext {
  localFunction(callee: Node): ProjectFunction<LoadedContext> | undefined;
  /** The entity an expression names (declarations.ts). */
  entityOf(node: Node): EntityRelations | undefined;
  entityOfVariable(variable: ScopeVariable): EntityRelations | undefined;
  /** The class or schema node an identifier names, followed into project modules. */
  entityDeclarationNode(id: TSESTree.Identifier): Node | undefined;
}

/** Array methods whose callback gets the rows one by one; `true` when the result is rows again. */
const rowCallbacks: Readonly<Record<string, boolean>> = {
  map: false,
  forEach: false,
  flatMap: false,
  some: false,
  every: false,
  filter: true,
  sort: true,
  find: false,
};

const namesByLibraries = new WeakMap<ReadonlySet<LibraryId>, ReadonlySet<string>>();

/** The loading method names of the given libraries (`find`, `findAll` …), for a cheap gate on calls. */
export function loadingMethodNames(active: ReadonlySet<LibraryId>): ReadonlySet<string> {
  let names = namesByLibraries.get(active);
  if (!names) {
    names = new Set([...active].flatMap((id) => Object.values(libraries[id].relations?.loading.kinds ?? {}).flatMap((methods) => Object.keys(methods))));
    namesByLibraries.set(active, names);
  }
  return names;
}

/**
 * Syntax only, before the receiver and the entity are resolved (which may parse other modules):
 * can the rows of this call be read in this module at all? Only where {@link unloadedReads}
 * follows them: a variable, a member or index read, a call argument, a `for…of`, or a return
 * from a function of this module that is called by name. A result returned from a method,
 * assigned to a property or discarded is never followed.
 */
export function rowsMayBeRead(call: TSESTree.CallExpression): boolean {
  const expr = outermostValue(call);
  const parent = expr.parent;
  switch (parent?.type) {
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === expr;
    case AST_NODE_TYPES.MemberExpression:
      return parent.object === expr;
    case AST_NODE_TYPES.CallExpression:
      return parent.callee !== expr;
    case AST_NODE_TYPES.ForOfStatement:
      return parent.right === expr;
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return calledByName(parent);
    case AST_NODE_TYPES.ReturnStatement: {
      let fn: Node | undefined = parent.parent;
      while (fn !== undefined && !isFunction(fn)) fn = fn.parent;
      return fn !== undefined && calledByName(fn);
    }
    default:
      return false;
  }
}

/** The expression a call's value is, through `await`, `as`, `!` and optional chains. */
function outermostValue(node: Node): Node {
  let expr = node;
  while (
    expr.parent &&
    (expr.parent.type === AST_NODE_TYPES.AwaitExpression ||
      expr.parent.type === AST_NODE_TYPES.TSAsExpression ||
      expr.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      expr.parent.type === AST_NODE_TYPES.ChainExpression)
  ) {
    expr = expr.parent;
  }
  return expr;
}

/** `function list() {}`, `const list = () => …`: a function whose calls {@link unloadedReads} can find. */
function calledByName(fn: Node): boolean {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id !== null;
  return fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.type === AST_NODE_TYPES.Identifier;
}

/** The entity and loaded relations of a loading query, when both are known. */
export function relationQuery(ctx: LoadedContext, call: TSESTree.CallExpression): RelationQuery | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = propertyName(callee);
  if (name === undefined || !loadingMethodNames(ctx.env.libraries).has(name)) return undefined;
  // Syntax and declarations first, the receiver's origin last: most calls of these names are not
  // queries of an entity with relations, and resolving a receiver may parse other modules.
  const object = unwrap(callee.object);
  const byReceiver = object.type === AST_NODE_TYPES.Identifier ? ctx.entityOf(object) : undefined;
  const byArgument = byReceiver ? undefined : argumentEntity(ctx, call.arguments[0]);
  if ((byReceiver ?? byArgument)?.defaultLoads) return undefined;
  if (!byReceiver && !byArgument && !namedByRepository(ctx, name)) return undefined;
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

/** Could a call of this name be a query of a repository, whose entity only its origin tells? */
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
  if (method.options < 0) return call.arguments.some((a) => a.type === AST_NODE_TYPES.SpreadElement) ? 'unknown' : none;
  // Every argument up to the options must be there as the method's current signature has them
  // (`findOne(id)` of TypeORM 0.2 has the options second).
  const options = call.arguments[method.options];
  if (call.arguments.length > method.options + 1 || call.arguments.some((a) => a.type === AST_NODE_TYPES.SpreadElement)) return 'unknown';
  if (!options) return none;
  const object = unwrap(options);
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return 'unknown';
  if (object.properties.some((p) => p.type !== AST_NODE_TYPES.Property || p.computed)) return 'unknown';
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

function isLoaded(query: RelationQuery, relation: DeclaredRelation): boolean {
  const loaded = query.loaded;
  if ('all' in loaded || relation.eager || relation.lazy || loaded.names.has(relation.name)) return true;
  if (loaded.targets.size === 0) return false;
  // An include naming only a model: loaded unless the relation is known to point elsewhere.
  return relation.target === undefined || loaded.targets.has(relation.target);
}

/** Reads of relations the query did not load, following its rows through the module. */
export function unloadedReads(ctx: LoadedContext, query: RelationQuery): UnloadedRelationRead[] {
  const follower = new RowFollower(ctx, query);
  follower.value(query.call, query.method.result, 0);
  if (follower.loadedLater) return [];
  const written = follower.written;
  return follower.reads.filter((read) => !written.has(read.relation.name));
}

const maxDepth = 3;

/** Walks where a query's rows go and collects the relation reads. */
class RowFollower {
  readonly reads: UnloadedRelationRead[] = [];
  readonly written = new Set<string>();
  /** A row reached a loader (`em.populate(rows)`, `row.reload()`): what it holds is not known. */
  loadedLater = false;
  private readonly seen = new Set<Node>();

  constructor(
    private readonly ctx: LoadedContext,
    private readonly query: RelationQuery,
  ) {}

  /** An expression whose value is the query's result of the given shape. */
  value(node: Node, shape: LoadingMethod['result'], depth: number): void {
    const expr = outermostValue(node);
    if (this.seen.has(expr)) return;
    this.seen.add(expr);
    const parent = expr.parent;
    if (!parent || this.returned(expr, shape, depth)) return;
    if (shape === 'one') {
      this.row(expr, depth);
      return;
    }
    if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === expr) {
      const id = parent.id;
      if (id.type === AST_NODE_TYPES.Identifier) {
        this.variable(id, shape, depth);
        return;
      }
      if (typeof shape === 'object' && 'property' in shape && id.type === AST_NODE_TYPES.ObjectPattern) {
        for (const prop of id.properties) {
          if (prop.type === AST_NODE_TYPES.Property && !prop.computed && prop.key.type === AST_NODE_TYPES.Identifier && prop.key.name === shape.property && prop.value.type === AST_NODE_TYPES.Identifier) {
            this.variable(prop.value, 'many', depth);
          }
        }
      }
      if (shape === 'many' && id.type === AST_NODE_TYPES.ArrayPattern) {
        // `const [first] = await repo.find()`.
        for (const element of id.elements) if (element?.type === AST_NODE_TYPES.Identifier) this.variable(element, 'one', depth);
      }
      if (typeof shape === 'object' && 'tupleIndex' in shape && id.type === AST_NODE_TYPES.ArrayPattern) {
        const element = id.elements[shape.tupleIndex];
        if (element?.type === AST_NODE_TYPES.Identifier) this.variable(element, 'many', depth);
      }
      return;
    }
    if (shape !== 'many') {
      // `(await Model.findAndCountAll()).rows`, `(await repo.findAndCount())[0]`.
      if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === expr) {
        const key = propertyName(parent) ?? (parent.property.type === AST_NODE_TYPES.Literal ? parent.property.value : undefined);
        if ((typeof shape === 'object' && 'property' in shape && key === shape.property) || (typeof shape === 'object' && 'tupleIndex' in shape && key === shape.tupleIndex)) {
          this.value(parent, 'many', depth);
        }
      }
      return;
    }
    this.rows(expr, depth);
  }

  /** A variable bound once to a value of the shape. */
  private variable(id: TSESTree.Identifier, shape: LoadingMethod['result'], depth: number): void {
    const variable = this.ctx.variableOf(id);
    if (!variable || variable.defs.length !== 1) return;
    if (variable.references.some((ref) => ref.isWrite() && !ref.init)) return;
    for (const ref of variable.references) {
      if (ref.init) continue;
      if (shape === 'one') this.row(ref.identifier, depth);
      else if (shape === 'many') this.rows(ref.identifier, depth);
      else this.value(ref.identifier, shape, depth);
    }
  }

  /**
   * A value returned by a function of this module (`return books`, `async () => repo.find()`):
   * followed from the calls of the function here. True when it is returned.
   */
  private returned(expr: Node, shape: LoadingMethod['result'], depth: number): boolean {
    const parent = expr.parent;
    let fn: Node | undefined;
    if (parent?.type === AST_NODE_TYPES.ReturnStatement) {
      fn = parent.parent;
      while (fn && !isFunction(fn)) fn = fn.parent;
    } else if (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === expr) {
      fn = parent;
    }
    if (!fn || !isFunction(fn)) return false;
    if (depth >= maxDepth) return true;
    const name = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn.id : fn.parent.type === AST_NODE_TYPES.VariableDeclarator ? fn.parent.id : undefined;
    const variable = name?.type === AST_NODE_TYPES.Identifier ? this.ctx.variableOf(name) : undefined;
    if (!variable || variable.defs.length !== 1) return true;
    for (const ref of variable.references) {
      const call = ref.identifier.parent;
      if (call.type === AST_NODE_TYPES.CallExpression && call.callee === ref.identifier) this.value(call, shape, depth + 1);
    }
    return true;
  }

  /** An expression holding a list of rows. */
  private rows(expr: Node, depth: number): void {
    const parent = expr.parent;
    if (!parent || this.returned(expr, 'many', depth)) return;
    if (parent.type === AST_NODE_TYPES.ForOfStatement && parent.right === expr) {
      const left = parent.left;
      const declared = left.type === AST_NODE_TYPES.VariableDeclaration ? left.declarations[0].id : undefined;
      if (declared?.type === AST_NODE_TYPES.Identifier) this.variable(declared, 'one', depth);
      else if (declared?.type === AST_NODE_TYPES.ObjectPattern) this.pattern(declared);
      return;
    }
    if (parent.type === AST_NODE_TYPES.CallExpression) {
      this.argument(parent, expr, depth, 'many');
      return;
    }
    if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== expr) return;
    if (parent.computed && parent.property.type === AST_NODE_TYPES.Literal && typeof parent.property.value === 'number') {
      this.row(parent, depth);
      return;
    }
    const method = propertyName(parent);
    const call = parent.parent;
    if (method === undefined || !Object.hasOwn(rowCallbacks, method) || call.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent) return;
    const callback = call.arguments[0];
    if (callback && isFunction(callback)) {
      const param = callback.params[0];
      if (param?.type === AST_NODE_TYPES.Identifier) this.variable(param, 'one', depth);
      else if (param?.type === AST_NODE_TYPES.ObjectPattern) this.pattern(param);
    }
    if (rowCallbacks[method]) this.value(call, 'many', depth);
    else if (method === 'find') this.value(call, 'one', depth);
  }

  /** An expression holding one row. */
  private row(expr: Node, depth: number): void {
    const parent = expr.parent;
    if (!parent || this.returned(expr, 'one', depth)) return;
    if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === expr) {
      if (parent.id.type === AST_NODE_TYPES.Identifier) this.variable(parent.id, 'one', depth);
      else if (parent.id.type === AST_NODE_TYPES.ObjectPattern) this.pattern(parent.id);
      return;
    }
    if (parent.type === AST_NODE_TYPES.CallExpression) {
      this.argument(parent, expr, depth, 'one');
      return;
    }
    if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== expr) return;
    const name = propertyName(parent);
    const relation = name !== undefined ? this.query.entity.relations.get(name) : undefined;
    const upper = parent.parent;
    if (name !== undefined && this.query.entity.catalog.unloaded.loaders?.includes(name) && upper.type === AST_NODE_TYPES.CallExpression && upper.callee === parent) {
      this.loadedLater = true;
      return;
    }
    if (!relation) return;
    if (upper.type === AST_NODE_TYPES.AssignmentExpression && upper.left === parent) {
      this.written.add(relation.name);
      return;
    }
    if (upper.type === AST_NODE_TYPES.UnaryExpression && upper.operator === 'delete') return;
    if (!this.reads.some((read) => read.node === parent) && this.reportable(parent, relation) && !isLoaded(this.query, relation)) {
      this.reads.push({ node: parent, relation, query: this.query });
    }
  }

  /** `const { author } = book`. */
  private pattern(pattern: TSESTree.ObjectPattern): void {
    if (this.query.entity.catalog.unloaded.behaviour !== 'undefined') return;
    for (const prop of pattern.properties) {
      if (prop.type !== AST_NODE_TYPES.Property || prop.computed || prop.key.type !== AST_NODE_TYPES.Identifier) continue;
      const relation = this.query.entity.relations.get(prop.key.name);
      if (relation && !isLoaded(this.query, relation)) this.reads.push({ node: prop, relation, query: this.query });
    }
  }

  /** Does this read of a relation fail? Missing relations always; uninitialised collections on an item read. */
  private reportable(member: TSESTree.MemberExpression, relation: DeclaredRelation): boolean {
    const unloaded = this.query.entity.catalog.unloaded;
    if (unloaded.behaviour === 'undefined') return true;
    if (relation.cardinality !== 'many') return false;
    const upper = member.parent;
    if (upper.type === AST_NODE_TYPES.ForOfStatement && upper.right === member) return true;
    if (upper.type === AST_NODE_TYPES.SpreadElement) return true;
    if (upper.type !== AST_NODE_TYPES.MemberExpression || upper.object !== member) return false;
    const read = propertyName(upper);
    if (read !== undefined && unloaded.loaders?.includes(read)) this.loadedLater = true;
    return read !== undefined && (unloaded.itemReads ?? []).includes(read);
  }

  /** Rows passed to a call: a loader, a function of this module (followed), anything else (left). */
  private argument(call: TSESTree.CallExpression, arg: Node, depth: number, shape: 'one' | 'many'): void {
    const index = call.arguments.indexOf(arg as TSESTree.CallExpressionArgument);
    if (index < 0) return;
    const callee = unwrap(call.callee);
    const calleeName = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
    if ((calleeName !== undefined && this.query.entity.catalog.unloaded.loaders?.includes(calleeName)) || (callee.type === AST_NODE_TYPES.MemberExpression && this.ctx.resolve(callee.object))) {
      this.loadedLater = true;
      return;
    }
    if (depth >= maxDepth) return;
    const target = this.ctx.localFunction(callee);
    if (!target || target.resolver !== this.ctx) return;
    const param = target.fn.params[index];
    if (param?.type === AST_NODE_TYPES.Identifier && this.ctx.variableOf(param)?.defs[0]?.type === DefinitionType.Parameter) {
      this.variable(param, shape, depth + 1);
    }
  }
}

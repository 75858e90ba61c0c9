/**
 * Where a query's rows go in its module, and which relation reads among them the query did not
 * load: followed through variables, destructuring, array callbacks, `for…of` and calls of the
 * module's own functions. And, by syntax alone, whether a call's rows can be read at all.
 */
import { DefinitionType } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import type { LoadingMethod } from '../catalog/index.js';
import { isFunction, propertyName, unwrap } from '../syntax.js';
import type { Node } from '../syntax.js';
import type { DeclaredRelation } from './declarations.js';
import type { LoadedContext, RelationQuery } from './loaded.js';

/** A read of a relation the query did not load. */
export interface UnloadedRelationRead {
  /** The member expression (`book.author`) or destructured property reading it. */
  readonly node: Node;
  readonly relation: DeclaredRelation;
  readonly query: RelationQuery;
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

/**
 * Which expressions read the item of an iteration: the item variables (loop variables, a
 * callback's item parameter; by indexing in an index loop), and variables declared in the
 * iteration's body from them (`const id = row.id`, `const next = queue.shift()`). An iteration
 * over batches or fixed cases (`for (const chunk of chunks)`, `for (const t of ['a', 'b'])`) has
 * no item here. Scopes only: nothing is resolved.
 */
import { DefinitionType } from '@typescript-eslint/scope-manager';
import type { ScopeVariable } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import { iterations } from '../catalog/loops.js';
import type { OriginContext } from '../origin/context.js';
import { bindingIdentifiers, containsNode, propertyName, unwrap, walk } from '../syntax.js';
import type { FunctionNode, Node } from '../syntax.js';
import type { Iteration } from './iterations.js';

/** Per iteration, kept for one linted file: its item variables, and names that may read the item. */
export interface ItemMemo {
  readonly iterations: Map<Iteration, { readonly variables: ReadonlySet<ScopeVariable>; readonly names: ReadonlySet<string> }>;
  /** The variable each identifier looked at reads (chains nested in chains share their identifiers). */
  readonly variables: Map<TSESTree.Identifier, ScopeVariable | null>;
}

/** The questions of this module, bound to one file's memo (how `per-item.ts` reaches them). */
export interface ItemQuestions {
  /** The innermost iteration whose item one of the nodes reads. */
  dependingIteration(ctx: OriginContext, nodes: readonly Node[], inside: readonly Iteration[]): Iteration | undefined;
  /** The variables an iteration's item is bound to (none over batches). */
  itemVariables(ctx: OriginContext, iteration: Iteration): ReadonlySet<ScopeVariable>;
  /** A function's parameter seen as an item: what the function does with it, it does per item. */
  parameterAsItem(fn: FunctionNode, index: number): Iteration | undefined;
}

export function itemQuestions(): ItemQuestions {
  const memo: ItemMemo = { iterations: new Map(), variables: new Map() };
  return {
    dependingIteration: (ctx, nodes, inside) => dependingIteration(ctx, nodes, inside, memo),
    itemVariables: (ctx, iteration) => itemVariables(ctx, iteration, memo),
    parameterAsItem,
  };
}

function parameterAsItem(fn: FunctionNode, index: number): Iteration | undefined {
  const param = fn.params[index];
  if (!param || param.type === AST_NODE_TYPES.RestElement) return undefined;
  return { node: fn, body: fn.body, collection: undefined, items: bindingIdentifiers(param), kind: 'each', callback: false };
}

/** The innermost iteration whose item one of the nodes reads (one walk of the nodes for all iterations). */
export function dependingIteration(ctx: OriginContext, nodes: readonly Node[], inside: readonly Iteration[], memo: ItemMemo): Iteration | undefined {
  const first = nodes[0];
  if (!first) return undefined;
  const ids = nodes.flatMap((node) => identifiersRead(node));
  if (ids.length === 0) return undefined;
  for (let i = inside.length - 1; i >= 0; i -= 1) {
    const iteration = inside[i] as Iteration;
    if (containsNode(iteration.body, first) && ids.some((id) => readsItem(ctx, id, iteration, memo, 0, new Set()))) return iteration;
  }
  return undefined;
}

export function itemVariables(ctx: OriginContext, iteration: Iteration, memo: ItemMemo): ReadonlySet<ScopeVariable> {
  return itemsOf(ctx, iteration, memo).variables;
}

/**
 * The item variables of an iteration, and the names an expression must use to read the item: the
 * items' and those of the variables declared in the body (then no scope lookup for other names).
 */
function itemsOf(ctx: OriginContext, iteration: Iteration, memo: ItemMemo): { readonly variables: ReadonlySet<ScopeVariable>; readonly names: ReadonlySet<string> } {
  let known = memo.iterations.get(iteration);
  if (!known) {
    if (overBatches(ctx, iteration)) {
      known = { variables: new Set(), names: new Set() };
    } else {
      const names = new Set(iteration.items.map((id) => id.name));
      // The scopes in the body hold every variable declared there: a walk of the scope tree, not of the body.
      const scopes = [ctx.scopeOf(iteration.body)];
      for (let scope = scopes.pop(); scope; scope = scopes.pop()) {
        for (const variable of scope.variables) names.add(variable.name);
        scopes.push(...scope.childScopes);
      }
      known = { variables: new Set(iteration.items.map((id) => ctx.variableOf(id)).filter((v): v is ScopeVariable => v !== undefined)), names };
    }
    memo.iterations.set(iteration, known);
  }
  return known;
}

/**
 * Does an identifier read the item: an item variable (by indexing, for index loops), or a variable
 * declared in the iteration's body from one (`const id = row.id`, `const row = queue.shift()`)?
 */
function readsItem(ctx: OriginContext, id: TSESTree.Identifier, iteration: Iteration, memo: ItemMemo, depth: number, seen: Set<ScopeVariable>): boolean {
  const { variables: items, names } = itemsOf(ctx, iteration, memo);
  if ((items.size === 0 && iteration.kind !== 'queue') || !names.has(id.name)) return false;
  let variable = memo.variables.get(id);
  if (variable === undefined) {
    variable = ctx.variableOf(id) ?? null;
    memo.variables.set(id, variable);
  }
  if (!variable || seen.has(variable)) return false;
  if (items.has(variable)) {
    const parent = id.parent;
    return iteration.kind !== 'index' || (parent.type === AST_NODE_TYPES.MemberExpression && parent.computed && parent.property === id);
  }
  const def = variable.defs[0];
  if (def?.type !== DefinitionType.Variable || !def.node.init || !containsNode(iteration.body, def.node) || depth > 4) return false;
  seen.add(variable);
  const init = unwrap(def.node.init);
  return (iteration.kind === 'queue' && isQueueTake(init)) || identifiersRead(init).some((inner) => readsItem(ctx, inner, iteration, memo, depth + 1, seen));
}

/**
 * The identifiers an expression reads as values: not property names, not types, not inside a
 * function with a body of statements (judged by its own calls); a builder callback
 * (`(qb) => qb.where('id', row.id)`) is part of the expression.
 */
function identifiersRead(root: Node): TSESTree.Identifier[] {
  const found: TSESTree.Identifier[] = [];
  walk(root, (node) => {
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        found.push(node);
        return false;
      case AST_NODE_TYPES.MemberExpression:
        if (!node.computed) {
          found.push(...identifiersRead(node.object));
          return false;
        }
        return true;
      case AST_NODE_TYPES.Property:
        if (!node.computed && !node.shorthand) {
          found.push(...identifiersRead(node.value));
          return false;
        }
        return true;
      case AST_NODE_TYPES.ArrowFunctionExpression:
        return node === root || node.body.type !== AST_NODE_TYPES.BlockStatement;
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.FunctionDeclaration:
        return node === root;
      default:
        return !node.type.startsWith('TS') || node.type === AST_NODE_TYPES.TSAsExpression || node.type === AST_NODE_TYPES.TSNonNullExpression || node.type === AST_NODE_TYPES.TSSatisfiesExpression;
    }
  });
  return found;
}

/**
 * Is the iteration over batches or fixed cases rather than rows: a small literal array (directly or
 * through a `const`), a collection or item named as a batch (`chunks`, `batch`, `page`), or a
 * collection made by a chunking call (`chunk(ids, 100)`)? Asked only when a query in it depends on
 * its item.
 */
function overBatches(ctx: OriginContext, iteration: Iteration): boolean {
  const collection = iteration.collection;
  if (iteration.items.some((item) => iterations.batchNames.test(item.name))) return true;
  if (!collection) return false;
  let target = unwrap(collection);
  if (target.type === AST_NODE_TYPES.Identifier) {
    if (iterations.batchNames.test(target.name)) return true;
    const def = ctx.variableOf(target)?.defs[0];
    const init = def?.type === DefinitionType.Variable && def.parent.kind === 'const' ? def.node.init : null;
    if (init) target = unwrap(init);
  }
  if (target.type === AST_NODE_TYPES.ArrayExpression) {
    return target.elements.length <= iterations.smallLiteral && target.elements.every((e) => e !== null && e.type !== AST_NODE_TYPES.SpreadElement);
  }
  if (target.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(target.callee);
    const name = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : undefined;
    return name !== undefined && /chunk|batch/i.test(name);
  }
  return false;
}

/** `queue.shift()`, `stack.pop()`. */
function isQueueTake(node: Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(node.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
  return method !== undefined && iterations.queueTakes.includes(method);
}

/**
 * Lazy loaders called on an item: each call is a query (Sequelize association accessors
 * `book.getAuthors()`, MikroORM `book.authors.init()` / `book.author.load()`, Objection
 * `person.$relatedQuery('pets')`, TypeORM `await book.author` on a lazy relation). Which calls load
 * comes from the catalog (`perItem.lazyLoaders`); which relations an item's entity declares from
 * the query its collection came from (`relations/`).
 */
import { DefinitionType } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import { libraries } from '../catalog/index.js';
import type { LibraryId } from '../catalog/index.js';
import type { OriginContext } from '../origin/context.js';
import type { EntityRelations } from '../relations/declarations.js';
import type { RelationQuery } from '../relations/loaded.js';
import { propertyName, unwrap } from '../syntax.js';
import type { Node } from '../syntax.js';
import type { ItemQuestions } from './items.js';
import type { Iteration } from './iterations.js';
import type { PerItemQuery } from './per-item.js';

/** What the loader question asks of the resolver. */
export interface LoaderContext extends OriginContext {
  relationQuery(call: TSESTree.CallExpression): RelationQuery | undefined;
}

export interface LoaderNames {
  readonly methods: ReadonlySet<string>;
  readonly prefixes: readonly string[];
  /** Awaiting a relation can load it (TypeORM lazy relations). */
  readonly awaits: boolean;
}

const loadersByLibraries = new WeakMap<ReadonlySet<LibraryId>, LoaderNames>();

/** Method names that may be lazy loaders in the active libraries (a gate before any resolution). */
export function loaderNames(active: ReadonlySet<LibraryId>): LoaderNames {
  let names = loadersByLibraries.get(active);
  if (!names) {
    const methods = new Set<string>();
    const prefixes: string[] = [];
    let awaits = false;
    for (const id of active) {
      const loaders = libraries[id].perItem?.lazyLoaders;
      for (const m of [...(loaders?.methods ?? []), ...(loaders?.relationMethods ?? [])]) methods.add(m);
      prefixes.push(...(loaders?.accessorPrefixes ?? []));
      awaits ||= loaders?.awaitLazyRelation === true;
    }
    names = { methods, prefixes, awaits };
    loadersByLibraries.set(active, names);
  }
  return names;
}

/** `await book.author` where `author` is a lazy relation of the item's entity (TypeORM). */
export function lazyRelationAwait(ctx: LoaderContext, member: TSESTree.MemberExpression, inside: readonly Iteration[], questions: ItemQuestions): PerItemQuery | undefined {
  const name = propertyName(member);
  const found = name === undefined ? undefined : itemEntity(ctx, member.object, inside, questions);
  const relation = found?.entity.relations.get(name ?? '');
  if (!found || !relation?.lazy || !libraries[found.entity.library].perItem?.lazyLoaders?.awaitLazyRelation) return undefined;
  // Loaded by the query: awaiting it resolves the loaded value, no query runs.
  const loaded = found.query.loaded;
  if ('all' in loaded || loaded.names.has(relation.name)) return undefined;
  const query = { library: found.entity.library, iteration: found.iteration, query: ctx.textOf(member) ?? name ?? '' };
  return found.fromQuery ? { ...query, load: { query: found.query, relation } } : query;
}

/** A lazy loader called on an item: an association accessor, a relation's loader, a row's `$relatedQuery`. */
export function lazyLoad(ctx: LoaderContext, call: TSESTree.CallExpression, inside: readonly Iteration[], questions: ItemQuestions): PerItemQuery | undefined {
  const callee = unwrap(call.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || method === undefined) return undefined;
  const names = loaderNames(ctx.env.libraries);
  if (!names.methods.has(method) && !names.prefixes.some((prefix) => method.startsWith(prefix))) return undefined;
  const receiver = unwrap(callee.object);
  const text = `${(ctx.textOf(callee) ?? method).replace(/\s+/g, '')}()`;
  for (const id of ctx.env.libraries) {
    const loaders = libraries[id].perItem?.lazyLoaders;
    if (!loaders) continue;
    if (loaders.methods?.includes(method)) {
      const iteration = questions.dependingIteration(ctx, [receiver], inside);
      if (iteration) return { library: id, iteration, query: text };
    }
    if (loaders.relationMethods?.includes(method) && receiver.type === AST_NODE_TYPES.MemberExpression) {
      const relation = propertyName(receiver);
      const found = itemEntity(ctx, receiver.object, inside, questions);
      if (found?.entity.library === id && relation !== undefined && found.entity.relations.has(relation)) return { library: id, iteration: found.iteration, query: text };
    }
    const prefix = loaders.accessorPrefixes?.find((p) => method.length > p.length && method.startsWith(p) && /[A-Z]/.test(method.charAt(p.length)));
    if (prefix !== undefined) {
      const found = itemEntity(ctx, receiver, inside, questions);
      const association = method.charAt(prefix.length).toLowerCase() + method.slice(prefix.length + 1);
      const relations = found?.entity.relations;
      if (found?.entity.library === id && relations && (relations.has(association) || relations.has(`${association}s`) || relations.has(association.replace(/s$/, '')))) {
        return { library: id, iteration: found.iteration, query: text };
      }
    }
  }
  return undefined;
}

/**
 * The entity of an item, when the expression is an item variable (or the item itself) and its
 * collection is the result of a known entity query (`const books = await Book.findAll(…)`), with
 * that query; `fromQuery` when the collection is surely its result (the awaited call itself, or a
 * `const` bound to it).
 */
function itemEntity(
  ctx: LoaderContext,
  expression: Node,
  inside: readonly Iteration[],
  questions: ItemQuestions,
): { entity: EntityRelations; iteration: Iteration; query: RelationQuery; fromQuery: boolean } | undefined {
  const target = unwrap(expression);
  if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ctx.variableOf(target);
  if (!variable) return undefined;
  for (let i = inside.length - 1; i >= 0; i -= 1) {
    const iteration = inside[i] as Iteration;
    if (iteration.kind !== 'each' || !questions.itemVariables(ctx, iteration).has(variable) || !iteration.collection) continue;
    let source = unwrap(iteration.collection);
    let fromQuery = true;
    if (source.type === AST_NODE_TYPES.Identifier) {
      const variable = ctx.variableOf(source);
      const def = variable?.defs[0];
      if (def?.type === DefinitionType.Variable && def.node.init && def.node.id.type === AST_NODE_TYPES.Identifier) {
        fromQuery = variable?.defs.length === 1 && def.parent.kind === 'const';
        source = unwrap(def.node.init);
      } else {
        fromQuery = false;
      }
    }
    if (source.type === AST_NODE_TYPES.AwaitExpression) source = unwrap(source.argument);
    const query = source.type === AST_NODE_TYPES.CallExpression ? ctx.relationQuery(source) : undefined;
    return query ? { entity: query.entity, iteration, query, fromQuery } : undefined;
  }
  return undefined;
}

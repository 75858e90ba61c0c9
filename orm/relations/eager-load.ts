/**
 * How a query can load one more relation: the edit that names it in the query's eager-load option
 * (`relations`, `include`, `populate`) in the library's form, when the query with it is provably
 * the same query plus that relation. What the query loads is `loaded.ts`'s question.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import type { RelationAddition } from '../catalog/index.js';
import { staticString, unwrap } from '../syntax.js';
import type { Node } from '../syntax.js';
import type { DeclaredRelation } from './declarations.js';
import type { RelationQuery } from './loaded.js';

/** Where the relation goes, and the text that names it there. */
export type EagerLoadEdit =
  /** One more element of the option's array, property of its object, or option of the options object. */
  | { readonly kind: 'entry'; readonly list: TSESTree.ArrayExpression | TSESTree.ObjectExpression; readonly text: string }
  /** The option's single value, which becomes `[value, text]`. */
  | { readonly kind: 'wrap'; readonly value: Node; readonly text: string }
  /** The options argument, after the arguments the call has. */
  | { readonly kind: 'argument'; readonly call: TSESTree.CallExpression; readonly text: string };

/**
 * The edit that loads `relation` with the query, or undefined when none is provably right: the
 * library has no such edit, the query is a builder chain or a method without options
 * (`findOneBy(where)`), an argument before the options is missing or spread, the options are not
 * an object literal written in place, or hold an option the catalog says changes what adding a
 * relation means (a partial select, a lock), or the option's value is not a literal the edit can
 * extend (a variable, a spread, a hole, a call); or the method counts rows too and a joined list
 * relation would multiply the count (Sequelize `findAndCountAll` without `distinct: true`).
 */
export function eagerLoadEdit(query: RelationQuery, declared: DeclaredRelation): EagerLoadEdit | undefined {
  const relation = declared.name;
  const loading = query.entity.catalog.loading;
  const addition = loading.addition;
  const index = query.method.options;
  // A builder chain (its options index is -1 too) is left: its joins need aliases of their own.
  if (!addition || index < 0) return undefined;
  const args = query.call.arguments;
  if (args.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  const argument = args[index];
  if (!argument) {
    if (args.length !== index || !countStaysRight(query, declared, new Map())) return undefined;
    return { kind: 'argument', call: query.call, text: `{ ${loading.option}: [${entry(addition.arrayEntry, relation, quoteOf(...args))}] }` };
  }
  const options = unwrap(argument);
  if (options.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const properties = plainProperties(options);
  if (!properties || addition.notWith.some((name) => properties.has(name))) return undefined;
  if (!countStaysRight(query, declared, properties)) return undefined;
  const option = properties.get(loading.option);
  if (option === undefined) return { kind: 'entry', list: options, text: `${loading.option}: [${entry(addition.arrayEntry, relation, quoteOf(...args))}]` };
  if (option === null) return undefined;
  return valueEdit(addition, option.value, relation);
}

/** A method that counts rows too still counts each row once with the relation joined. */
function countStaysRight(query: RelationQuery, relation: DeclaredRelation, properties: ReadonlyMap<string, TSESTree.Property | null>): boolean {
  const unless = query.method.countsJoinedRowsUnless;
  if (unless === undefined || relation.cardinality === 'one') return true;
  const value = properties.get(unless)?.value;
  return value?.type === AST_NODE_TYPES.Literal && value.value === true;
}

/** The edit inside the option's value written in place: an array, an object of names, a single entry. */
function valueEdit(addition: RelationAddition, value: TSESTree.Property['value'], relation: string): EagerLoadEdit | undefined {
  if (value.type === AST_NODE_TYPES.ArrayExpression) {
    if (value.elements.some((element) => element === null || element.type === AST_NODE_TYPES.SpreadElement)) return undefined;
    return { kind: 'entry', list: value, text: entry(addition.arrayEntry, relation, quoteOf(value)) };
  }
  if (value.type === AST_NODE_TYPES.ObjectExpression && addition.objectEntry !== undefined) {
    const names = plainProperties(value);
    // `{ author: false }` already names it: a second `author` key would not compile.
    if (!names || names.has(relation)) return undefined;
    return { kind: 'entry', list: value, text: entry(addition.objectEntry, relation, quoteOf(value)) };
  }
  const single = value.type === AST_NODE_TYPES.ObjectExpression || (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string');
  return addition.wrapsSingle && single ? { kind: 'wrap', value, text: entry(addition.arrayEntry, relation, quoteOf(value)) } : undefined;
}

/**
 * An object literal's properties by key, when every one is a plain `key: value` (a key written
 * twice maps to null); undefined when one is spread, computed, a method or an accessor.
 */
function plainProperties(object: TSESTree.ObjectExpression): Map<string, TSESTree.Property | null> | undefined {
  const byKey = new Map<string, TSESTree.Property | null>();
  for (const prop of object.properties) {
    if (prop.type !== AST_NODE_TYPES.Property || prop.computed || prop.kind !== 'init' || prop.method) return undefined;
    const key = prop.key.type === AST_NODE_TYPES.Identifier ? prop.key.name : staticString(prop.key);
    if (key === undefined) return undefined;
    byKey.set(key, byKey.has(key) ? null : prop);
  }
  return byKey;
}

/** The catalog's entry with the relation's name as a string literal and as a property key. */
function entry(template: string, relation: string, quote: string): string {
  const string = quote + relation.replaceAll('\\', '\\\\').replaceAll(quote, `\\${quote}`) + quote;
  const key = /^[A-Za-z_$][\w$]*$/.test(relation) ? relation : string;
  return template.replaceAll('{string}', string).replaceAll('{key}', key);
}

/** The quote the first string literal inside the nodes is written with; `'` when they have none. */
function quoteOf(...nodes: Node[]): string {
  const found = nodes.map(firstString).find((string) => string !== undefined);
  return found?.raw.startsWith('"') === true ? '"' : "'";
}

function firstString(node: Node): TSESTree.StringLiteral | undefined {
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string' ? node : undefined;
  const children =
    node.type === AST_NODE_TYPES.ArrayExpression
      ? node.elements
      : node.type === AST_NODE_TYPES.ObjectExpression
        ? node.properties.map((prop) => (prop.type === AST_NODE_TYPES.Property ? prop.value : prop))
        : node.type === AST_NODE_TYPES.Property
          ? [node.value]
          : [];
  for (const child of children) {
    const found = child ? firstString(child) : undefined;
    if (found) return found;
  }
  return undefined;
}

/**
 * What runs once per item of a collection, for the N+1 question (`orm/loops/`): array methods whose
 * callback gets the items, iteration functions of packages (lodash, p-map, Bluebird, async), and
 * the shapes that iterate but are no N+1 (small literal arrays, chunks of ids, queue takes).
 * A library's own per-item facts are its catalog's `perItem` (`loop-types.ts`).
 */

/** A function of a package that calls a callback per item of a collection argument. */
export interface IterationFunction {
  /** Index of the collection argument. */
  readonly collection: number;
  /** Index of the callback argument. */
  readonly callback: number;
  /** Index of the item among the callback's parameters. */
  readonly item: number;
}

export interface IterationCatalog {
  /** Array (and iterable) methods → index of the item among the callback's parameters (callback first). */
  readonly arrayMethods: Readonly<Record<string, number>>;
  /**
   * Package → export (or a property of the default / namespace import: `_.map`, `Bluebird.map`,
   * `default` for the module itself) → how it iterates.
   */
  readonly packages: Readonly<Record<string, Readonly<Record<string, IterationFunction>>>>;
  /** A literal array of at most this many elements is a fixed set of cases, not data. */
  readonly smallLiteral: number;
  /**
   * Names of an item or of its collection that say the item is itself a batch of ids (`chunk`,
   * `batch`, `page`): one query per batch is the batched form.
   */
  readonly batchNames: RegExp;
  /** Methods that take the next item off a queue in a `while` loop (`queue.shift()`). */
  readonly queueTakes: readonly string[];
  /**
   * Query method names that `Map`s, `Set`s and arrays have too (better-sqlite3's `statement.get`,
   * `all`): in a loop, such a call is looked into only on a statement made by a query method
   * (`db.prepare(sql).get(id)`, `const stmt = db.prepare(sql)`), not on any object named so.
   */
  readonly collectionMethods: readonly string[];
  /** Methods that store a value under a key (`cache.set(id, row)`): a query stored so runs once per key. */
  readonly cacheStores: readonly string[];
  /** SQL that writes, at the start of a raw query's text. */
  readonly writeSql: RegExp;
  /**
   * GraphQL field resolvers, which run once per parent object of a list: module → the method
   * decorators that make one (`@ResolveField()`) and the parameter decorators of the parent
   * (`@Parent() book`).
   */
  readonly fieldResolvers: Readonly<Record<string, { readonly resolvers: readonly string[]; readonly parents: readonly string[] }>>;
  /**
   * The root types of a resolver map (`{ Query: { … }, Book: { authors(book) { … } } }`): their
   * fields run once per request; every other type's fields run once per parent object.
   */
  readonly rootTypes: readonly string[];
}

const collectionFirst: IterationFunction = { collection: 0, callback: 1, item: 0 };
const lodash = {
  map: collectionFirst,
  forEach: collectionFirst,
  each: collectionFirst,
  flatMap: collectionFirst,
  filter: collectionFirst,
  some: collectionFirst,
  every: collectionFirst,
  find: collectionFirst,
  reduce: { collection: 0, callback: 1, item: 1 },
};
const bluebird = {
  map: collectionFirst,
  mapSeries: collectionFirst,
  each: collectionFirst,
  filter: collectionFirst,
  reduce: { collection: 0, callback: 1, item: 1 },
};
const asyncLib = {
  map: collectionFirst,
  mapSeries: collectionFirst,
  each: collectionFirst,
  eachSeries: collectionFirst,
  forEach: collectionFirst,
  forEachSeries: collectionFirst,
  mapLimit: { collection: 0, callback: 2, item: 0 },
  eachLimit: { collection: 0, callback: 2, item: 0 },
};

export const iterations: IterationCatalog = {
  arrayMethods: {
    map: 0,
    forEach: 0,
    flatMap: 0,
    filter: 0,
    some: 0,
    every: 0,
    find: 0,
    findIndex: 0,
    findLast: 0,
    reduce: 1,
  },
  packages: {
    lodash,
    'lodash-es': lodash,
    'p-map': { default: collectionFirst },
    'p-map-series': { default: collectionFirst },
    'p-each-series': { default: collectionFirst },
    'p-filter': { default: collectionFirst },
    bluebird,
    async: asyncLib,
  },
  smallLiteral: 8,
  batchNames: /^(?:chunk|batch|page|slice)(?:e?s)?$|(?:Chunk|Batch|Page|Slice)(?:e?s)?$/,
  queueTakes: ['shift', 'pop'],
  cacheStores: ['set'],
  collectionMethods: ['get', 'has', 'set', 'add', 'delete', 'values', 'keys', 'entries', 'forEach', 'map', 'at', 'includes'],
  writeSql: /^\s*(?:\/\*[\s\S]*?\*\/\s*)?(?:insert|update|delete|merge|upsert|replace|truncate|create|drop|alter|call|lock|set|grant|vacuum|refresh|begin|commit|rollback|savepoint|release)\b/i,
  fieldResolvers: {
    '@nestjs/graphql': { resolvers: ['ResolveField'], parents: ['Parent'] },
    'type-graphql': { resolvers: ['FieldResolver'], parents: ['Root'] },
  },
  rootTypes: ['Query', 'Mutation', 'Subscription'],
};

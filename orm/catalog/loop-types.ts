/**
 * The shape of a library's per-item knowledge (`LibraryCatalog.perItem`), read by the N+1
 * question (`orm/loops/`): how the library loads what a loop fetched one item at a time, which of
 * its query methods write, which it batches by itself, and which calls are hidden loaders. The
 * iterations themselves (loops, array callbacks, iteration packages) are in `loops.ts`.
 */

/** Calls on a row that load its relations (one query per call). */
export interface LazyLoaders {
  /**
   * Prefixes of association accessors on an instance (Sequelize `getAuthors()`, `countAuthors()`,
   * `hasAuthor()`): a loader only when the instance's model declares that association.
   */
  readonly accessorPrefixes?: readonly string[];
  /** Methods distinctive enough to be loaders on any row of the library (Objection `$relatedQuery`). */
  readonly methods?: readonly string[];
  /**
   * Methods of a relation property that load it (MikroORM `book.authors.init()`,
   * `book.author.load()`): a loader only when the property is a declared relation of the row.
   */
  readonly relationMethods?: readonly string[];
  /** Awaiting a relation property declared lazy queries it (TypeORM `await book.author`). */
  readonly awaitLazyRelation?: boolean;
}

export interface PerItemSpec {
  /** The eager form the message names (Markdown code spans). */
  readonly eagerForm: string;
  /**
   * Methods that write: a query whose chain calls one of them (`knex('t').where(…).update(…)`) is
   * not reported unless the rule's `checkWrites` option is on.
   */
  readonly writes: readonly string[];
  /** The SQL text of the query's first argument decides whether it writes (raw drivers). */
  readonly sqlText?: boolean;
  /**
   * Methods the client batches when they are issued in the same tick (Prisma `findUnique`): not a
   * query per item from an array callback, nor when collected for a later `Promise.all`.
   */
  readonly batchedInTick?: readonly string[];
  /**
   * A query runs only when it is awaited, returned or executed (builders, Prisma's and postgres.js's
   * lazy promises): one handed to a library function (`exists(db.select()…)`) is part of another.
   */
  readonly runsWhenAwaited?: boolean;
  /**
   * Functions of the library that take a query as part of another (Drizzle `exists(sub)`,
   * `inArray(col, sub)`), also when a project module re-exports them: a query handed to one runs
   * inside the other.
   */
  readonly embeddingFunctions?: readonly string[];
  readonly lazyLoaders?: LazyLoaders;
}

/**
 * The shape of the library catalog. Each `orm/catalog/<library>.ts` file is pure data of this
 * shape; rules and codemods ask questions of it through the resolver (`orm/resolver.ts`), never by naming a
 * library's methods themselves.
 *
 * A library is described as a small graph of object *kinds*: a kind is what an expression is
 * (a constructor, a client, a model, a transaction handle ...), and its members say which other
 * kind a property, a method call, `new`, a call of the object itself or a subclass leads to.
 * Where an object comes from (an import of one of the library's packages, a constructor, a type
 * annotation naming one of its types) is the only way the resolver identifies it.
 */
import type { PerItemSpec } from './loop-types.js';
import type { RelationCatalog } from './relation-types.js';

export type LibraryId =
  | 'prisma'
  | 'typeorm'
  | 'sequelize'
  | 'knex'
  | 'drizzle'
  | 'kysely'
  | 'mikro-orm'
  | 'objection'
  | 'bookshelf'
  | 'pg'
  | 'mysql2'
  | 'postgres'
  | 'slonik'
  | 'better-sqlite3'
  | 'node-sqlite'
  | 'pg-native'
  | 'sync-mysql';

/**
 * What an object of a kind is, as far as the rules care.
 * - `module`: a namespace or default import holding constructors and factories (`import pg from 'pg'`)
 * - `constructor`: a class or factory function whose result is a client (`PrismaClient`, `knex`)
 * - `client`: something that owns or borrows connections and runs queries (pool, data source, ...)
 * - `model`: a query surface bound to a client (Prisma delegate, TypeORM repository, Sequelize model)
 * - `model-base`: a base class whose subclasses are models (`Model`, `BaseEntity`)
 * - `instance`: a row object with query methods (a Sequelize model instance)
 * - `transaction`: a transaction handle
 * - `query`: a built query or query builder
 * - `other`: known to the library, not a query surface (a Sequelize `Transaction` object seen as a
 *   value, a driver `Connection` factory result that is not yet a client ...)
 */
export type KindRole =
  | 'module'
  | 'constructor'
  | 'client'
  | 'model'
  | 'model-base'
  | 'instance'
  | 'transaction'
  | 'query'
  | 'other';

/** A transaction opened by a call that takes the transaction body as a callback. */
export interface CallbackTransaction {
  /**
   * Method on an object of the owning kind that opens the transaction; absent when calling the
   * object itself opens it (Objection `transaction(knex, async (trx) => ...)`).
   */
  readonly method?: string;
  /**
   * A method called on the result that takes the callback instead
   * (Kysely `db.transaction().execute(cb)`).
   */
  readonly then?: string;
  /** Index of the handle among the callback's parameters; -1 when there is no handle. */
  readonly handleParam: number;
  /** Kind of the handle. */
  readonly handleKind: string;
  /** Property of the handle that offers the query API, if not the handle itself. */
  readonly handleAccess?: string;
  /**
   * The library binds queries inside the callback to the transaction by itself (MikroORM
   * `em.transactional` forks the EntityManager through AsyncLocalStorage): the outer object is
   * not an escape there.
   */
  readonly propagates?: boolean;
  /**
   * The body runs synchronously and cannot span ticks (better-sqlite3 `db.transaction(fn)`):
   * every `await` in it is a bug, whatever it awaits.
   */
  readonly synchronous?: boolean;
}

/** A transaction opened by one call and ended by another, in straight-line code. */
export interface RegionTransaction {
  /** Method that begins the transaction. */
  readonly begin: string;
  /**
   * When set, the begin method is a plain query method and begins a transaction only when its
   * first argument is an SQL string matching this pattern (pg `client.query('BEGIN')`).
   */
  readonly beginSql?: RegExp;
  /** A method called on the begin call's result that performs it (Kysely `.execute()`). */
  readonly beginThen?: string;
  /**
   * Where the handle is: the object the begin method was called on (`self`: pg client, mysql2
   * connection, TypeORM query runner) or the awaited result of the begin call (`result`:
   * `const t = await sequelize.transaction()`).
   */
  readonly handle: 'self' | 'result';
  readonly handleKind: string;
  /** Property of the handle that offers the query API (TypeORM `queryRunner.manager`). */
  readonly handleAccess?: string;
  /** Methods on the handle that end the transaction. */
  readonly end: readonly string[];
  /** As `beginSql`, for the end methods (pg `client.query('COMMIT')`). */
  readonly endSql?: RegExp;
  /**
   * With `beginSql`: the property of a query config object that holds the SQL
   * (pg `client.query({ text: 'BEGIN' })`, mysql2 `conn.query({ sql: 'BEGIN' })`).
   */
  readonly sqlProperty?: string;
  /** See {@link CallbackTransaction.propagates}. */
  readonly propagates?: boolean;
  /**
   * Begun on a pool, each later query on the same object may run on another connection
   * (pg `pool.query('BEGIN')`); `checkout` names the method that takes one connection instead.
   */
  readonly spansPool?: { readonly checkout: string };
}

/**
 * How a query on an object of this kind is bound to a transaction by passing the transaction
 * along, rather than by calling it on the handle.
 */
export type TransactionBinding =
  /** An options object with a property holding the transaction (Sequelize `{ transaction: t }`). */
  | {
      readonly style: 'options-property';
      readonly property: string;
      /** Query method → index of the options argument. */
      readonly methods: Readonly<Record<string, number>>;
    }
  /** The transaction is an argument of the method (Objection `Model.query(trx)`). */
  | {
      readonly style: 'argument';
      readonly methods: Readonly<Record<string, number>>;
    }
  /**
   * The object cannot carry a transaction at all (TypeORM active-record statics); the query must
   * go through the handle instead, e.g. `manager.getRepository(Entity)`.
   */
  | {
      readonly style: 'through-handle';
      readonly methods: readonly string[];
    };

/**
 * The database server a pool talks to: its connection budget (`max_connections`) is the one the
 * pool counts against (defaults in `catalog/servers.ts`). `sqlite` has no server and no budget.
 */
export type ServerFamily = 'postgresql' | 'mysql' | 'sqlite';

/** One pool setting (its size, or its bound on waiting for a connection) and where it is written. */
export interface PoolOption {
  /**
   * Property paths that set it inside the options object; any of them counts
   * (TypeORM `poolSize` or `extra.max`). The first is the one a suggestion writes. For a pool
   * configured by a URL (see {@link PoolSpec.url}) these are URL parameter names.
   */
  readonly paths: readonly (readonly string[])[];
  /**
   * What the library does when it is not set, for messages and docs: a size (`10`), or what a
   * request does when every connection is busy (`waits for ever`, `waits up to 60 s`).
   */
  readonly default: string;
  /** The library source line the default comes from (`pg-pool/index.js:89`). */
  readonly source: string;
  /**
   * The value a suggestion writes: a fixed text (`10_000` ms), or a multiple of the pool's size
   * (mysql2 `queueLimit`, a number of waiting requests). Absent for a size: sizes come from the
   * connection budget.
   */
  readonly suggested?: { readonly text: string } | { readonly timesSize: number };
}

/** How a constructor or factory configures the pool it makes (`new pg.Pool({ max })`). */
export interface PoolSpec {
  /** Index of the options argument, or `last` when overloads move it (Sequelize: 1st, 2nd, 3rd or 4th). */
  readonly argument: number | 'last';
  /** The property of that argument that holds the pool's options (Drizzle `{ connection: {...} }`). */
  readonly within?: string;
  /**
   * With no options argument the library's defaults apply (`new Pool()`); when false, the options
   * come from somewhere the rule cannot see (MikroORM `init()` reads its config file).
   */
  readonly absentMeansDefaults: boolean;
  /** The server it talks to, fixed or read from an option (`client: 'pg'`, `dialect: 'mysql'`). */
  readonly server:
    | ServerFamily
    /** The scheme of the URL (see {@link url}): `postgresql://`, `mysql://`. */
    | 'url-scheme'
    | { readonly property: string; readonly values: Readonly<Record<string, ServerFamily>>; readonly otherwise?: ServerFamily };
  /** Its maximum number of connections; `suggestedAtMost` caps a suggested size (the default). */
  readonly size: PoolOption & { readonly suggestedAtMost: number };
  /** Its bound on waiting for a free connection; absent when the library has none (postgres.js). */
  readonly acquire?: PoolOption;
  /**
   * The pool is configured by a connection URL at one of these paths, with `size` and `acquire`
   * as its query parameters (Prisma <= 6 `datasourceUrl`, `datasources.db.url`; `*` matches any
   * key). Only a URL written in code is checked; a URL read from the environment cannot be seen into.
   */
  readonly url?: readonly (readonly string[])[];
  /** The options argument holds a client instead when it is not an object literal (`new PrismaPg(pool)`). */
  readonly clientArgument?: boolean;
  /** With this option set, what it holds makes the pool instead (`new PrismaClient({ adapter })`). */
  readonly delegatedTo?: string;
}

/**
 * What making an object of a kind does to connections, and what ends it: for telling a pool made
 * per call from one made once.
 */
export interface ClientLifetime {
  /**
   * Making one opens a pool, or (with {@link connect}) a single connection, or wraps the pool it
   * is given (Kysely, Drizzle over a client: closing it closes that pool).
   */
  readonly opens: 'pool' | 'connection' | 'wrapped';
  /** It opens a pool only when its first argument has this property (Drizzle `{ connection }`), else it wraps one. */
  readonly poolWith?: string;
  /** A single connection is opened only by this method (pg `client.connect()`). */
  readonly connect?: string;
  /**
   * Methods on the result that it is used through right away, whose result is the same client
   * (`new DataSource(o).initialize()`).
   */
  readonly initialize?: readonly string[];
  /** Method paths on the client that close it (`end`, `$disconnect`, `$client.end`). */
  readonly close: readonly string[];
}

export interface KindSpec {
  readonly role: KindRole;
  /** Human name used in messages, e.g. `PrismaClient`, `Repository`. */
  readonly label: string;
  /** Calling one of these methods runs (or, awaited, will run) a query. */
  readonly queryMethods?: readonly string[];
  /** Method name → kind of its (awaited) result. */
  readonly methods?: Readonly<Record<string, string>>;
  /** Property name → kind of its value. */
  readonly properties?: Readonly<Record<string, string>>;
  /** Any other property is of this kind (Prisma model delegates `prisma.user`). */
  readonly anyProperty?: {
    readonly kind: string;
    /** Property names starting with this are not part of it (`$transaction`, `_engine`). */
    readonly exceptPrefixes?: readonly string[];
    readonly except?: readonly string[];
  };
  /** `new X()` gives this kind. */
  readonly newInstance?: string;
  /** Calling the object itself gives this kind (`knex('users')`, `postgres(url)`). */
  readonly callResult?: string;
  /** A tagged template of the object runs a query (postgres.js ``sql`select 1` ``). */
  readonly taggedTemplateQuery?: boolean;
  /** A class extending an object of this kind is of this kind (`class User extends Model`). */
  readonly subclass?: string;
  /**
   * A constructor or factory that makes its result on the connections of a client given to it
   * (`drizzle(pool)`, `drizzle({ client: pool })`, `Bookshelf(knex)`, `new PrismaPg(pool)`,
   * `new PostgresDialect({ pool })`): that argument, or its property of this name. The result
   * takes the client's origin, so another client on the same pool is known as the same source.
   */
  readonly connectionFrom?: { readonly argument: number; readonly property?: string };
  /**
   * Methods whose callback receives the underlying query builder, with the builder methods that
   * bind it to a transaction there (Bookshelf `Model.query((qb) => qb.transacting(t))`).
   */
  readonly builderCallbacks?: Readonly<Record<string, readonly string[]>>;
  /** Methods on built queries that bind them to a transaction (`.transacting(trx)`). */
  readonly bindMethods?: readonly string[];
  /**
   * Methods that make a query run on a connection given as one of their arguments (TypeORM
   * `repository.createQueryBuilder('u', queryRunner)`): with the transaction's handle there, the
   * query is in the transaction.
   */
  readonly runsOnArgument?: readonly string[];
  readonly transactions?: readonly CallbackTransaction[];
  readonly regions?: readonly RegionTransaction[];
  readonly binding?: TransactionBinding;
  /**
   * The handle offers the same query API as this kind, so a query on it can be moved onto the
   * handle by replacing the receiver (`prisma.user` → `tx.user`, `knex('t')` → `trx('t')`).
   */
  readonly handleHasSameApi?: boolean;
  /**
   * The transaction handle is an instance of this kind's type (`Knex.Transaction` extends `Knex`,
   * Kysely's `Transaction` extends `Kysely`): a parameter declared with it accepts the handle.
   */
  readonly acceptsHandle?: boolean;
  /**
   * Suggested receivers on the handle for an object of this kind, with `{handle}` and `{entity}`
   * placeholders (TypeORM repositories: `{handle}.getRepository({entity})`).
   */
  readonly handleForms?: readonly string[];
  /**
   * Methods that hand a connection to a callback (slonik `pool.connect(async (connection) => ...)`):
   * method → the callback parameter's index and kind.
   */
  readonly callbackParameters?: Readonly<Record<string, { readonly index: number; readonly kind: string }>>;
  /**
   * Methods of a built query that run it on the client passed as an argument (Kysely
   * ``sql`...`.execute(db)``): method → argument index.
   */
  readonly executesOn?: Readonly<Record<string, number>>;
  /** A list of rows whose elements are of this kind (`for (const row of await User.findAll())`). */
  readonly elements?: string;
  /** What a tagged template of this object builds, when it builds a query instead of running one. */
  readonly taggedTemplateResult?: string;
  /** A static method that makes the library propagate transactions (Sequelize `useCLS`). */
  readonly propagationSwitch?: string;
  /**
   * Call arguments that name the entity of a model (TypeORM `getRepository(User)`): method → index.
   */
  readonly entityArgument?: Readonly<Record<string, number>>;
  /**
   * Methods that run synchronously until the database has answered (better-sqlite3's
   * `stmt.all()`, pg-native's `querySync`): the event loop serves nothing else meanwhile.
   */
  readonly blockingMethods?: readonly string[];
  /** Calling the object itself blocks the same way (a better-sqlite3 transaction function). */
  readonly blockingCall?: boolean;
  /** Calling (or `new`) this constructor makes a connection pool configured as described. */
  readonly pool?: PoolSpec;
  /** Static methods that make a pool (MikroORM `MikroORM.init(options)`): method → how. */
  readonly poolMethods?: Readonly<Record<string, PoolSpec>>;
  /** Calling (or `new`) this constructor opens connections that live until closed. */
  readonly lifetime?: ClientLifetime;
  /** As {@link lifetime}, for static methods (MikroORM `init`). */
  readonly lifetimeMethods?: Readonly<Record<string, ClientLifetime>>;
}

export interface LibraryCatalog {
  readonly id: LibraryId;
  /** Name shown in messages and docs. */
  readonly name: string;
  /** Dependencies in package.json that make the library active. */
  readonly dependencies: readonly string[];
  /**
   * Module specifier → export name (`default`, `*` for the namespace / `require` result, or a
   * named export) → kind of the exported value.
   */
  readonly modules: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * Module specifier → type name (dotted for qualified names, e.g. `Knex.Transaction`) → kind of
   * a value annotated with that type. Constructors need no entry: their type is their instance.
   */
  readonly types?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * Module specifiers matched by pattern, for generated or per-driver entry points
   * (Prisma's generated client, `drizzle-orm/<driver>`): exports and types as above.
   */
  readonly modulePatterns?: readonly {
    readonly pattern: RegExp;
    readonly exports: Readonly<Record<string, string>>;
    readonly types?: Readonly<Record<string, string>>;
  }[];
  /**
   * Libraries whose transactions this library's objects join by the same binding (Objection
   * models run on Knex transactions).
   */
  readonly sharesTransactionsWith?: readonly LibraryId[];
  /**
   * Dependency-injection decorators: module → decorator name → kind of the decorated parameter or
   * field (NestJS `@InjectRepository(User)`). The first argument, when present, names the entity.
   */
  readonly injectDecorators?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly kinds: Readonly<Record<string, KindSpec>>;
  // ---- relations (relation-types.ts): how entities declare relations and queries load them
  readonly relations?: RelationCatalog;
  // ---- per item (loop-types.ts): the eager form of a query run per item, writes, batching, lazy loaders
  readonly perItem?: PerItemSpec;
}

/** A non-database source of slow I/O: awaiting it inside a transaction keeps the connection idle. */
export type IoCategory =
  | 'HTTP request'
  | 'timer'
  | 'mail'
  | 'message queue'
  | 'object storage'
  | 'cache'
  | 'child process'
  | 'LLM/SDK call'
  | 'external service';

export interface IoCatalog {
  /** Exact module specifiers, or prefixes ending in `/` (`@aws-sdk/`), → category. */
  readonly modules: Readonly<Record<string, IoCategory>>;
  /** Named exports of otherwise unrelated modules (`node:timers/promises` `setTimeout`). */
  readonly exports: Readonly<Record<string, Readonly<Record<string, IoCategory>>>>;
  /** Global functions (not shadowed) that do I/O. */
  readonly globals: Readonly<Record<string, IoCategory>>;
  /** Global timer functions: `new Promise(r => setTimeout(r, ms))` is a sleep. */
  readonly timerGlobals: readonly string[];
  /**
   * Functions that return their first argument's I/O in another form
   * (`util.promisify(child_process.exec)`, RxJS `firstValueFrom(observable)`): module → export names.
   */
  readonly wrappers: Readonly<Record<string, readonly string[]>>;
}

export type * from './serving-types.js';
export type * from './relation-types.js';
export type * from './loop-types.js';

import { pgPoolOptions } from './pg.js';
import type { ClientLifetime, KindSpec, LibraryCatalog, PoolSpec } from './types.js';

/** `drizzle({ connection })` makes the driver's pool from those options; `drizzle(client)` runs on the one given. */
const drizzleLifetime: ClientLifetime = { opens: 'wrapped', poolWith: 'connection', close: ['$client.end'] };

function factory(pool?: PoolSpec): KindSpec {
  return {
    role: 'constructor',
    label: 'drizzle',
    callResult: 'db',
    connectionFrom: { argument: 0, property: 'client' },
    lifetime: drizzleLifetime,
    ...(pool ? { pool } : {}),
  };
}

/** The node-postgres driver hands `connection` to pg's `Pool`: pg-pool's options and defaults. */
const nodePostgresPool: PoolSpec = { argument: 0, within: 'connection', absentMeansDefaults: false, ...pgPoolOptions };

const queries = [
  'select',
  'selectDistinct',
  'selectDistinctOn',
  'insert',
  'update',
  'delete',
  'execute',
  'run',
  'all',
  'get',
  'values',
  'with',
  '$with',
  '$count',
  'batch',
  'refreshMaterializedView',
] as const;

export const drizzle: LibraryCatalog = {
  id: 'drizzle',
  name: 'Drizzle',
  dependencies: ['drizzle-orm'],
  modules: {},
  modulePatterns: [
    // Synchronous SQLite drivers: the transaction callback runs inside BEGIN ... COMMIT on the one
    // connection and cannot span an await (an async callback commits at its first await).
    {
      pattern: /^drizzle-orm\/(?:better-sqlite3|bun-sqlite|expo-sqlite|op-sqlite|durable-sqlite)$/,
      exports: { drizzle: 'syncDrizzleFactory', '*': 'syncDrizzleModule' },
      types: { BetterSQLite3Database: 'syncDb', BunSQLiteDatabase: 'syncDb' },
    },
    // Drivers whose `drizzle({ connection })` makes a pool this plugin knows the options of.
    { pattern: /^drizzle-orm\/node-postgres$/, exports: { drizzle: 'nodePostgresFactory', '*': 'nodePostgresModule' } },
    // One entry point per driver: drizzle-orm/node-postgres, /postgres-js, /mysql2, /libsql ...
    {
      pattern: /^drizzle-orm\/[a-z0-9-]+(?:\/[a-z0-9-]+)?$/,
      // `'*'`: the CommonJS `require('drizzle-orm/node-postgres')` result and the namespace.
      exports: { drizzle: 'drizzleFactory', '*': 'drizzleModule' },
      types: {
        NodePgDatabase: 'db',
        PostgresJsDatabase: 'db',
        MySql2Database: 'db',
        BetterSQLite3Database: 'db',
        LibSQLDatabase: 'db',
        NeonDatabase: 'db',
        NeonHttpDatabase: 'db',
        VercelPgDatabase: 'db',
        PgliteDatabase: 'db',
        DrizzleD1Database: 'db',
        PlanetScaleDatabase: 'db',
        PgDatabase: 'db',
        MySqlDatabase: 'db',
        BaseSQLiteDatabase: 'db',
        PgTransaction: 'tx',
        MySqlTransaction: 'tx',
        SQLiteTransaction: 'tx',
        NodePgTransaction: 'tx',
      },
    },
  ],
  perItem: {
    runsWhenAwaited: true,
    embeddingFunctions: ['exists', 'notExists', 'inArray', 'notInArray', 'eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'sql', 'union', 'unionAll', 'intersect', 'except'],
    eagerForm: 'the relational `with` on the parent query, or `inArray(column, ids)`',
    writes: ['insert', 'update', 'delete', 'refreshMaterializedView'],
    sqlText: true,
  },
  kinds: {
    drizzleModule: { role: 'module', label: 'drizzle-orm', properties: { drizzle: 'drizzleFactory' } },
    // `drizzle(pool)`, `drizzle({ client: pool })`: the database runs on that pool.
    drizzleFactory: factory(),
    nodePostgresModule: { role: 'module', label: 'drizzle-orm', properties: { drizzle: 'nodePostgresFactory' } },
    nodePostgresFactory: factory(nodePostgresPool),
    syncDrizzleModule: { role: 'module', label: 'drizzle-orm', properties: { drizzle: 'syncDrizzleFactory' } },
    syncDrizzleFactory: { role: 'constructor', label: 'drizzle', callResult: 'syncDb', connectionFrom: { argument: 0, property: 'client' } },
    syncDb: {
      role: 'client',
      label: 'database',
      queryMethods: queries,
      properties: { query: 'relational' },
      transactions: [{ method: 'transaction', handleParam: 0, handleKind: 'tx', synchronous: true }],
    },
    db: {
      role: 'client',
      label: 'database',
      queryMethods: queries,
      properties: { query: 'relational' },
      transactions: [{ method: 'transaction', handleParam: 0, handleKind: 'tx' }],
      handleHasSameApi: true,
    },
    // `tx.query.users.findMany()` is the same API on the handle.
    relational: { role: 'model', label: 'db.query', anyProperty: { kind: 'relationalTable' }, handleHasSameApi: true },
    relationalTable: {
      role: 'model',
      label: 'relational query',
      queryMethods: ['findMany', 'findFirst'],
      handleHasSameApi: true,
    },
    tx: {
      role: 'transaction',
      label: 'transaction',
      queryMethods: queries,
      properties: { query: 'relational' },
      // A nested `tx.transaction` is a savepoint on the same connection.
      transactions: [{ method: 'transaction', handleParam: 0, handleKind: 'tx' }],
    },
  },
};

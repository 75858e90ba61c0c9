import { beginSql, endSql } from './sql.js';
import type { LibraryCatalog, PoolSpec } from './types.js';

/**
 * pg-pool's options (`new Pool(config)`; also what `@prisma/adapter-pg` and Drizzle's node-postgres
 * driver hand to it). Defaults: pg-pool/index.js:89 `max || poolSize || 10`; index.js:206 no
 * `connectionTimeoutMillis` → `connect()` waits for a free client for ever.
 */
export const pgPoolOptions: Pick<PoolSpec, 'server' | 'size' | 'acquire'> = {
  server: 'postgresql',
  size: { paths: [['max']], default: '10', source: 'pg-pool/index.js:89', suggestedAtMost: 10 },
  acquire: {
    paths: [['connectionTimeoutMillis']],
    default: 'waits for ever',
    source: 'pg-pool/index.js:206',
    suggested: { text: '10_000' },
  },
};

const pgModule = { default: 'pgModule', '*': 'pgModule', Pool: 'PoolClass', Client: 'ClientClass' } as const;

export const pg: LibraryCatalog = {
  id: 'pg',
  name: 'pg',
  dependencies: ['pg', 'pg-pool'],
  modules: {
    pg: pgModule,
    'pg-pool': { default: 'PoolClass', '*': 'PoolClass' },
  },
  types: {
    pg: { PoolClient: 'poolClient', ClientBase: 'client' },
  },
  perItem: { eagerForm: '`… = ANY($1)` with the ids, or a join', writes: [], sqlText: true },
  kinds: {
    pgModule: {
      role: 'module',
      label: 'pg',
      properties: { Pool: 'PoolClass', Client: 'ClientClass', native: 'pgModule', default: 'pgModule' },
    },
    PoolClass: {
      role: 'constructor',
      label: 'Pool',
      newInstance: 'pool',
      subclass: 'PoolClass',
      pool: { argument: 0, absentMeansDefaults: true, ...pgPoolOptions },
      lifetime: { opens: 'pool', close: ['end'] },
    },
    ClientClass: {
      role: 'constructor',
      label: 'Client',
      newInstance: 'client',
      subclass: 'ClientClass',
      // One connection, opened by `connect()`: per call it is fine when the same call ends it.
      lifetime: { opens: 'connection', connect: 'connect', close: ['end'] },
    },
    pool: {
      role: 'client',
      label: 'Pool',
      queryMethods: ['query'],
      methods: { connect: 'poolClient' },
      // Callback style: `pool.connect((err, client, release) => ...)`.
      callbackParameters: { connect: { index: 1, kind: 'poolClient' } },
      handleHasSameApi: true,
      // node-postgres: every `pool.query` checks out whichever client is free, so a BEGIN sent
      // through the pool does not cover the queries after it.
      regions: [
        {
          begin: 'query',
          beginSql,
          handle: 'self',
          handleKind: 'pool',
          end: ['query'],
          endSql,
          sqlProperty: 'text',
          spansPool: { checkout: 'connect' },
        },
      ],
    },
    client: {
      role: 'client',
      label: 'Client',
      queryMethods: ['query'],
      regions: [{ begin: 'query', beginSql, handle: 'self', handleKind: 'client', end: ['query'], endSql, sqlProperty: 'text' }],
      handleHasSameApi: true,
    },
    poolClient: {
      role: 'client',
      label: 'PoolClient',
      queryMethods: ['query'],
      regions: [{ begin: 'query', beginSql, handle: 'self', handleKind: 'poolClient', end: ['query'], endSql, sqlProperty: 'text' }],
      handleHasSameApi: true,
    },
  },
};

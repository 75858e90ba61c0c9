import { beginSql, endSql } from './sql.js';
import type { LibraryCatalog } from './types.js';

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
  kinds: {
    pgModule: {
      role: 'module',
      label: 'pg',
      properties: { Pool: 'PoolClass', Client: 'ClientClass', native: 'pgModule', default: 'pgModule' },
    },
    PoolClass: { role: 'constructor', label: 'Pool', newInstance: 'pool', subclass: 'PoolClass' },
    ClientClass: { role: 'constructor', label: 'Client', newInstance: 'client', subclass: 'ClientClass' },
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

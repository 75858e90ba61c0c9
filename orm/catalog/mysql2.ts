import { beginSql, endSql } from './sql.js';
import type { LibraryCatalog } from './types.js';

const mysqlModule = {
  default: 'mysqlModule',
  '*': 'mysqlModule',
  createPool: 'createPoolFn',
  createPoolCluster: 'createPoolFn',
  createConnection: 'createConnectionFn',
} as const;

const connectionTypes = { Pool: 'pool', PoolConnection: 'connection', Connection: 'connection' } as const;

export const mysql2: LibraryCatalog = {
  id: 'mysql2',
  name: 'mysql2',
  dependencies: ['mysql2', 'mysql'],
  modules: {
    mysql2: mysqlModule,
    'mysql2/promise': mysqlModule,
    mysql: mysqlModule,
  },
  types: {
    mysql2: connectionTypes,
    'mysql2/promise': connectionTypes,
    mysql: connectionTypes,
  },
  kinds: {
    mysqlModule: {
      role: 'module',
      label: 'mysql2',
      methods: { createPool: 'pool', createPoolCluster: 'pool', createConnection: 'connection' },
      // `const { createPool } = require('mysql2/promise')` reads the factories as properties.
      properties: {
        default: 'mysqlModule',
        createPool: 'createPoolFn',
        createPoolCluster: 'createPoolFn',
        createConnection: 'createConnectionFn',
      },
    },
    createPoolFn: { role: 'constructor', label: 'createPool', callResult: 'pool' },
    createConnectionFn: { role: 'constructor', label: 'createConnection', callResult: 'connection' },
    pool: {
      role: 'client',
      label: 'Pool',
      queryMethods: ['query', 'execute'],
      methods: { getConnection: 'connection', promise: 'pool' },
      handleHasSameApi: true,
      regions: [
        {
          begin: 'query',
          beginSql,
          handle: 'self',
          handleKind: 'pool',
          end: ['query'],
          endSql,
          sqlProperty: 'sql',
          spansPool: { checkout: 'getConnection' },
        },
      ],
    },
    connection: {
      role: 'client',
      label: 'Connection',
      queryMethods: ['query', 'execute'],
      methods: { promise: 'connection' },
      regions: [
        { begin: 'beginTransaction', handle: 'self', handleKind: 'connection', end: ['commit', 'rollback'] },
        { begin: 'query', beginSql, handle: 'self', handleKind: 'connection', end: ['query'], endSql, sqlProperty: 'sql' },
      ],
      handleHasSameApi: true,
    },
  },
};

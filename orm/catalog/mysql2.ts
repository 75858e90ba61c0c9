import { beginSql, endSql } from './sql.js';
import type { LibraryCatalog } from './types.js';

const mysqlModule = {
  default: 'mysqlModule',
  '*': 'mysqlModule',
  createPool: 'createPoolFn',
  createPoolCluster: 'createPoolClusterFn',
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
  perItem: { eagerForm: '`… IN (?)` with the ids, or a join', writes: [], sqlText: true },
  kinds: {
    mysqlModule: {
      role: 'module',
      label: 'mysql2',
      methods: { createPool: 'pool', createPoolCluster: 'pool', createConnection: 'connection' },
      // `const { createPool } = require('mysql2/promise')` reads the factories as properties.
      properties: {
        default: 'mysqlModule',
        createPool: 'createPoolFn',
        createPoolCluster: 'createPoolClusterFn',
        createConnection: 'createConnectionFn',
      },
    },
    createPoolFn: {
      role: 'constructor',
      label: 'createPool',
      callResult: 'pool',
      // A URL string may carry its options as parameters: only an options object is checked.
      pool: {
        argument: 0,
        absentMeansDefaults: false,
        server: 'mysql',
        // mysql2/lib/pool_config.js:15-17 (`connectionLimit` 10), :24-26 (`queueLimit` 0: unbounded).
        // mysql2 has no acquire timeout: a bounded queue makes a saturated pool fail fast instead.
        size: { paths: [['connectionLimit']], default: '10', source: 'mysql2/lib/pool_config.js:15', suggestedAtMost: 10 },
        acquire: {
          paths: [['queueLimit']],
          default: 'queues without limit (`queueLimit` 0; mysql2 has no acquire timeout)',
          source: 'mysql2/lib/pool_config.js:24',
          suggested: { timesSize: 50 },
        },
      },
      lifetime: { opens: 'pool', close: ['end'] },
    },
    // A cluster's pools are configured per node (`cluster.add(config)`), not here.
    createPoolClusterFn: { role: 'constructor', label: 'createPoolCluster', callResult: 'pool' },
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

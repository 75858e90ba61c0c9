import { serverOfDriver } from './servers.js';
import type { LibraryCatalog } from './types.js';

const builderStarts = [
  'raw',
  'select',
  'insert',
  'update',
  'delete',
  'del',
  'from',
  'table',
  'into',
  'with',
  'withRecursive',
  'first',
  'count',
  'pluck',
  'truncate',
  'queryBuilder',
  'batchInsert',
] as const;

export const knex: LibraryCatalog = {
  id: 'knex',
  name: 'Knex',
  dependencies: ['knex'],
  // An Objection or Bookshelf transaction is a Knex transaction: the outer Knex instance escapes it the same way.
  sharesTransactionsWith: ['objection', 'bookshelf'],
  modules: {
    knex: { default: 'knexFactory', '*': 'knexFactory', knex: 'knexFactory', Knex: 'knexFactory' },
  },
  types: {
    knex: {
      Knex: 'knex',
      'Knex.Transaction': 'trx',
      'Knex.QueryBuilder': 'query',
      Transaction: 'trx',
    },
  },
  perItem: {
    runsWhenAwaited: true,
    eagerForm: '`whereIn(column, ids)` or a join',
    writes: ['insert', 'update', 'del', 'delete', 'increment', 'decrement', 'upsert', 'merge', 'truncate', 'batchInsert'],
    sqlText: true,
  },
  kinds: {
    knexFactory: {
      role: 'constructor',
      label: 'knex',
      callResult: 'knex',
      properties: { knex: 'knexFactory', default: 'knexFactory' },
      // knex/lib/client.js:230 pool `{ min: 2, max: 10 }`; :253 acquire timeout 60 s unless
      // `acquireConnectionTimeout` or tarn's `pool.acquireTimeoutMillis` is set.
      pool: {
        argument: 0,
        absentMeansDefaults: false,
        server: { property: 'client', values: serverOfDriver },
        size: { paths: [['pool', 'max']], default: '10', source: 'knex/lib/client.js:230', suggestedAtMost: 10 },
        acquire: {
          paths: [['acquireConnectionTimeout'], ['pool', 'acquireTimeoutMillis']],
          default: 'waits up to 60 s',
          source: 'knex/lib/client.js:253',
          suggested: { text: '10_000' },
        },
      },
      lifetime: { opens: 'pool', close: ['destroy'] },
    },
    knex: {
      role: 'client',
      label: 'instance',
      callResult: 'query',
      queryMethods: builderStarts,
      properties: { schema: 'query' },
      transactions: [{ method: 'transaction', handleParam: 0, handleKind: 'trx' }],
      regions: [{ begin: 'transaction', handle: 'result', handleKind: 'trx', end: ['commit', 'rollback'] }],
      // `knex('t').transacting(trx)` runs inside the transaction.
      bindMethods: ['transacting'],
      handleHasSameApi: true,
      // `Knex.Transaction` extends `Knex`.
      acceptsHandle: true,
    },
    trx: {
      role: 'transaction',
      label: 'Knex.Transaction',
      callResult: 'query',
      queryMethods: builderStarts,
      transactions: [{ method: 'transaction', handleParam: 0, handleKind: 'trx' }],
    },
    query: { role: 'query', label: 'QueryBuilder' },
  },
};

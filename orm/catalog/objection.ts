import type { LibraryCatalog } from './types.js';

export const objection: LibraryCatalog = {
  id: 'objection',
  name: 'Objection',
  dependencies: ['objection'],
  modules: {
    // `require('objection')`, `import objection from 'objection'`, `import * as objection`.
    objection: { default: 'objectionModule', '*': 'objectionModule', Model: 'ModelBase', transaction: 'transactionFn' },
  },
  types: { objection: { Transaction: 'trx' } },
  // A model's queries run on its Knex instance: a Knex transaction binds them the same way.
  sharesTransactionsWith: ['knex'],
  perItem: {
    runsWhenAwaited: true,
    eagerForm: '`withGraphFetched` on the parent query, or `whereIn(column, ids)`',
    writes: ['insert', 'insertAndFetch', 'insertGraph', 'insertGraphAndFetch', 'upsertGraph', 'upsertGraphAndFetch', 'patch', 'patchAndFetch', 'patchAndFetchById', 'update', 'updateAndFetch', 'updateAndFetchById', 'delete', 'deleteById', 'relate', 'unrelate', 'increment', 'decrement'],
    lazyLoaders: { methods: ['$relatedQuery', '$fetchGraph', '$loadRelated'] },
  },
  kinds: {
    objectionModule: {
      role: 'module',
      label: 'objection',
      properties: { Model: 'ModelBase', transaction: 'transactionFn', default: 'objectionModule' },
      // `objection.transaction(Person.knex(), async (trx) => ...)`
      transactions: [{ method: 'transaction', handleParam: 0, handleKind: 'trx' }],
    },
    ModelBase: { role: 'model-base', label: 'Model', subclass: 'model' },
    model: {
      role: 'model',
      label: 'Model',
      // `class Person extends BaseModel` where `class BaseModel extends Model`.
      subclass: 'model',
      queryMethods: ['query', 'relatedQuery'],
      binding: { style: 'argument', methods: { query: 0, relatedQuery: 1 } },
      bindMethods: ['transacting'],
      transactions: [{ method: 'transaction', handleParam: 0, handleKind: 'trx' }],
      regions: [
        { begin: 'startTransaction', handle: 'result', handleKind: 'trx', end: ['commit', 'rollback'] },
      ],
    },
    // `transaction(Person.knex(), async (trx) => ...)` and `transaction(Person, Animal, async (P, A) => ...)`.
    transactionFn: {
      role: 'other',
      label: 'transaction',
      transactions: [{ handleParam: 0, handleKind: 'trx' }],
    },
    // A Knex transaction: callable like the knex instance.
    trx: { role: 'transaction', label: 'Transaction', callResult: 'query' },
    query: { role: 'query', label: 'QueryBuilder' },
  },
};

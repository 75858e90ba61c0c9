import type { LibraryCatalog } from './types.js';

const queries = [
  'selectFrom',
  'insertInto',
  'updateTable',
  'deleteFrom',
  'replaceInto',
  'mergeInto',
  'with',
  'withRecursive',
  'selectNoFrom',
  'executeQuery',
] as const;

export const kysely: LibraryCatalog = {
  id: 'kysely',
  name: 'Kysely',
  dependencies: ['kysely'],
  modules: {
    kysely: { Kysely: 'KyselyClass', Transaction: 'TransactionClass' },
  },
  types: { kysely: { ControlledTransaction: 'trx' } },
  kinds: {
    KyselyClass: { role: 'constructor', label: 'Kysely', newInstance: 'db', subclass: 'KyselyClass' },
    TransactionClass: { role: 'constructor', label: 'Transaction', newInstance: 'trx' },
    db: {
      role: 'client',
      label: 'Kysely',
      queryMethods: queries,
      properties: { schema: 'query' },
      transactions: [{ method: 'transaction', then: 'execute', handleParam: 0, handleKind: 'trx' }],
      regions: [
        {
          begin: 'startTransaction',
          beginThen: 'execute',
          handle: 'result',
          handleKind: 'trx',
          end: ['commit', 'rollback'],
        },
      ],
      handleHasSameApi: true,
    },
    trx: { role: 'transaction', label: 'Transaction', queryMethods: queries },
    query: { role: 'query', label: 'query builder' },
  },
};

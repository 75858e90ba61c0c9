import type { LibraryCatalog } from './types.js';

export const postgres: LibraryCatalog = {
  id: 'postgres',
  name: 'postgres.js',
  dependencies: ['postgres'],
  modules: {
    postgres: { default: 'postgresFactory', '*': 'postgresFactory' },
  },
  types: {
    postgres: { Sql: 'sql', 'postgres.Sql': 'sql', TransactionSql: 'tx', 'postgres.TransactionSql': 'tx' },
  },
  kinds: {
    postgresFactory: { role: 'constructor', label: 'postgres', callResult: 'sql' },
    sql: {
      role: 'client',
      label: 'sql',
      // sql`...` runs a query; sql(value) only builds a fragment.
      taggedTemplateQuery: true,
      queryMethods: ['unsafe', 'file'],
      methods: { reserve: 'sql' },
      transactions: [{ method: 'begin', handleParam: 0, handleKind: 'tx' }],
      handleHasSameApi: true,
    },
    tx: {
      role: 'transaction',
      label: 'TransactionSql',
      taggedTemplateQuery: true,
      queryMethods: ['unsafe', 'file'],
      transactions: [{ method: 'savepoint', handleParam: 0, handleKind: 'tx' }],
    },
  },
};

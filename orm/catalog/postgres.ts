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
  perItem: { eagerForm: '`… = ANY(${ids})` or `in ${sql(ids)}`, or a join', writes: [], sqlText: true, runsWhenAwaited: true },
  kinds: {
    postgresFactory: {
      role: 'constructor',
      label: 'postgres',
      callResult: 'sql',
      // `postgres(url, options)` or `postgres(options)`. postgres/src/index.js:449 `max` 10. It has
      // no bound on waiting for a connection: a query waits until one is free, so only `max` is required.
      pool: {
        argument: 'last',
        absentMeansDefaults: false,
        server: 'postgresql',
        size: { paths: [['max']], default: '10', source: 'postgres/src/index.js:449', suggestedAtMost: 10 },
      },
      lifetime: { opens: 'pool', close: ['end'] },
    },
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

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
    // `'*'`: the CommonJS `require('kysely')` result and the `import * as` namespace.
    kysely: { '*': 'kyselyModule' },
  },
  types: { kysely: { ControlledTransaction: 'trx' } },
  perItem: {
    runsWhenAwaited: true,
    eagerForm: "`where(column, 'in', ids)` or a join",
    writes: ['insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto'],
    sqlText: true,
  },
  kinds: {
    // sql`...` builds a raw query; `.execute(db)` runs it on whichever client it is given.
    sqlTag: { role: 'other', label: 'sql', taggedTemplateResult: 'rawQuery', methods: { raw: 'rawQuery' } },
    rawQuery: { role: 'query', label: 'RawBuilder', executesOn: { execute: 0 } },
    kyselyModule: {
      role: 'module',
      label: 'kysely',
      properties: {
        Kysely: 'KyselyClass',
        Transaction: 'TransactionClass',
        sql: 'sqlTag',
        PostgresDialect: 'DialectClass',
        MysqlDialect: 'DialectClass',
      },
    },
    // `new Kysely({ dialect: new PostgresDialect({ pool }) })` runs on that pool.
    KyselyClass: {
      role: 'constructor',
      label: 'Kysely',
      newInstance: 'db',
      subclass: 'KyselyClass',
      connectionFrom: { argument: 0, property: 'dialect' },
      // Runs on the dialect's pool; `destroy()` ends it.
      lifetime: { opens: 'wrapped', close: ['destroy'] },
    },
    DialectClass: {
      role: 'constructor',
      label: 'dialect',
      newInstance: 'dialect',
      connectionFrom: { argument: 0, property: 'pool' },
      lifetime: { opens: 'wrapped', close: [] },
    },
    dialect: { role: 'other', label: 'dialect' },
    TransactionClass: { role: 'constructor', label: 'Transaction', newInstance: 'trx' },
    db: {
      role: 'client',
      label: 'instance',
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
      // `Transaction<DB>` extends `Kysely<DB>`.
      acceptsHandle: true,
    },
    trx: { role: 'transaction', label: 'Transaction', queryMethods: queries },
    query: { role: 'query', label: 'query builder' },
  },
};

import type { LibraryCatalog } from './types.js';

export const betterSqlite3: LibraryCatalog = {
  id: 'better-sqlite3',
  name: 'better-sqlite3',
  dependencies: ['better-sqlite3'],
  modules: {
    'better-sqlite3': { default: 'DatabaseClass', '*': 'DatabaseClass' },
  },
  types: {
    'better-sqlite3': {
      Database: 'db',
      'Database.Database': 'db',
      Statement: 'statement',
      'Database.Statement': 'statement',
      Transaction: 'transactionFunction',
      'Database.Transaction': 'transactionFunction',
    },
  },
  perItem: { eagerForm: '`… IN (…)` with the ids, or a join', writes: ['run', 'exec', 'pragma', 'backup'], sqlText: true },
  kinds: {
    // `new Database(file)` and `Database(file)` both open the database.
    DatabaseClass: {
      role: 'constructor',
      label: 'Database',
      newInstance: 'db',
      callResult: 'db',
      subclass: 'DatabaseClass',
    },
    db: {
      role: 'client',
      label: 'Database',
      queryMethods: ['prepare', 'exec', 'pragma', 'backup'],
      methods: { prepare: 'statement', transaction: 'transactionFunction' },
      // Every call runs on the main thread until SQLite is done: `prepare` compiles the SQL,
      // `exec` and `pragma` run it, `serialize` copies the whole database. `backup()` is the
      // exception: it copies in steps between turns of the event loop and returns a promise.
      blockingMethods: ['prepare', 'exec', 'pragma', 'serialize', 'loadExtension'],
      // `db.transaction(fn)` wraps fn in BEGIN/COMMIT on the one connection and runs it
      // synchronously: it cannot span an `await`, and there is no separate handle.
      transactions: [{ method: 'transaction', handleParam: -1, handleKind: 'db', synchronous: true }],
    },
    statement: {
      role: 'query',
      label: 'Statement',
      queryMethods: ['run', 'get', 'all', 'iterate'],
      // `pluck()`, `raw()`, `expand()`, `bind()` and `safeIntegers()` only set how the statement
      // runs and return it; running it blocks.
      methods: { pluck: 'statement', raw: 'statement', expand: 'statement', bind: 'statement', safeIntegers: 'statement' },
      blockingMethods: ['run', 'get', 'all', 'iterate'],
    },
    // What `db.transaction(fn)` returns: calling it (or its `deferred`/`immediate`/`exclusive`
    // forms) runs fn and the statements in it synchronously.
    transactionFunction: {
      role: 'other',
      label: 'Transaction',
      properties: { deferred: 'transactionFunction', immediate: 'transactionFunction', exclusive: 'transactionFunction' },
      blockingCall: true,
    },
  },
};

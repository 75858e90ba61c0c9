import type { LibraryCatalog } from './types.js';

export const betterSqlite3: LibraryCatalog = {
  id: 'better-sqlite3',
  name: 'better-sqlite3',
  dependencies: ['better-sqlite3'],
  modules: {
    'better-sqlite3': { default: 'DatabaseClass', '*': 'DatabaseClass' },
  },
  types: { 'better-sqlite3': { Database: 'db', 'Database.Database': 'db' } },
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
      methods: { prepare: 'statement' },
      // `db.transaction(fn)` wraps fn in BEGIN/COMMIT on the one connection and runs it
      // synchronously: it cannot span an `await`, and there is no separate handle.
      transactions: [{ method: 'transaction', handleParam: -1, handleKind: 'db', synchronous: true }],
    },
    statement: { role: 'query', label: 'Statement', queryMethods: ['run', 'get', 'all', 'iterate'] },
  },
};

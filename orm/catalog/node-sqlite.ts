import type { LibraryCatalog } from './types.js';

const sqliteModule = { DatabaseSync: 'DatabaseSyncClass' } as const;

export const nodeSqlite: LibraryCatalog = {
  id: 'node-sqlite',
  name: 'node:sqlite',
  // A Node.js built-in: no dependency activates it; importing it is enough.
  dependencies: [],
  modules: {
    'node:sqlite': sqliteModule,
  },
  types: { 'node:sqlite': { DatabaseSync: 'db', StatementSync: 'statement' } },
  perItem: { eagerForm: '`… IN (…)` with the ids, or a join', writes: ['run', 'exec'], sqlText: true },
  kinds: {
    DatabaseSyncClass: { role: 'constructor', label: 'DatabaseSync', newInstance: 'db' },
    db: {
      role: 'client',
      label: 'DatabaseSync',
      queryMethods: ['prepare', 'exec'],
      methods: { prepare: 'statement' },
      // The whole API is synchronous (hence the name): each call runs on the calling thread.
      blockingMethods: ['prepare', 'exec'],
    },
    statement: {
      role: 'query',
      label: 'StatementSync',
      queryMethods: ['run', 'get', 'all', 'iterate'],
      blockingMethods: ['run', 'get', 'all', 'iterate'],
    },
  },
};

import type { LibraryCatalog } from './types.js';

/**
 * sync-mysql: `new MySql(options).query(sql)` runs the query synchronously (through a child
 * process it waits for), holding the calling thread for the whole round trip.
 */
export const syncMysql: LibraryCatalog = {
  id: 'sync-mysql',
  name: 'sync-mysql',
  dependencies: ['sync-mysql'],
  modules: {
    'sync-mysql': { default: 'MySqlClass', '*': 'MySqlClass' },
  },
  perItem: { eagerForm: '`… IN (?)` with the ids, or a join', writes: [], sqlText: true },
  kinds: {
    MySqlClass: { role: 'constructor', label: 'MySql', newInstance: 'connection' },
    connection: {
      role: 'client',
      label: 'MySql',
      queryMethods: ['query', 'call', 'getRecord'],
      // Each is a synchronous round trip through sync-rpc, ending connections (`finishAll`) too.
      blockingMethods: ['query', 'call', 'getRecord', 'finishAll'],
    },
  },
};

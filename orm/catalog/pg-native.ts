import type { LibraryCatalog } from './types.js';

/**
 * pg-native: libpq bindings with an asynchronous API (`query`, `connect`) and a synchronous one
 * (`querySync`, `connectSync` …) that waits for the server on the calling thread.
 * `import Client from 'pg-native'`; `new Client()` and `Client()` both make a client.
 */
export const pgNative: LibraryCatalog = {
  id: 'pg-native',
  name: 'pg-native',
  dependencies: ['pg-native'],
  modules: {
    'pg-native': { default: 'ClientClass', '*': 'ClientClass' },
  },
  perItem: { eagerForm: '`… = ANY($1)` with the ids, or a join', writes: [], sqlText: true },
  kinds: {
    ClientClass: { role: 'constructor', label: 'Client', newInstance: 'client', callResult: 'client', subclass: 'ClientClass' },
    client: {
      role: 'client',
      label: 'Client',
      queryMethods: ['query', 'querySync', 'execute', 'executeSync', 'prepare', 'prepareSync'],
      blockingMethods: ['connectSync', 'querySync', 'prepareSync', 'executeSync'],
    },
  },
};

import type { LibraryCatalog } from './types.js';

const queries = [
  'query',
  'one',
  'oneFirst',
  'maybeOne',
  'maybeOneFirst',
  'many',
  'manyFirst',
  'any',
  'anyFirst',
  'exists',
  'stream',
  'copyFromBinary',
] as const;

export const slonik: LibraryCatalog = {
  id: 'slonik',
  name: 'slonik',
  dependencies: ['slonik'],
  modules: {
    // `'*'`: the CommonJS `require('slonik')` result and the `import * as` namespace.
    slonik: { createPool: 'createPoolFn', '*': 'slonikModule' },
  },
  types: {
    slonik: {
      DatabasePool: 'pool',
      DatabaseConnection: 'connection',
      DatabasePoolConnection: 'connection',
      CommonQueryMethods: 'connection',
      DatabaseTransactionConnection: 'tx',
    },
  },
  perItem: { eagerForm: '`… = ANY(${sql.array(ids, …)})` or a join', writes: [], sqlText: true },
  kinds: {
    slonikModule: { role: 'module', label: 'slonik', properties: { createPool: 'createPoolFn' } },
    createPoolFn: { role: 'constructor', label: 'createPool', callResult: 'pool' },
    pool: {
      role: 'client',
      label: 'DatabasePool',
      queryMethods: queries,
      callbackParameters: { connect: { index: 0, kind: 'connection' } },
      transactions: [{ method: 'transaction', handleParam: 0, handleKind: 'tx' }],
      handleHasSameApi: true,
    },
    connection: {
      role: 'client',
      label: 'DatabaseConnection',
      queryMethods: queries,
      transactions: [{ method: 'transaction', handleParam: 0, handleKind: 'tx' }],
      handleHasSameApi: true,
    },
    tx: {
      role: 'transaction',
      label: 'DatabaseTransactionConnection',
      queryMethods: queries,
      transactions: [{ method: 'transaction', handleParam: 0, handleKind: 'tx' }],
    },
  },
};

import type { LibraryCatalog } from './types.js';

const emQueries = [
  'find',
  'findOne',
  'findOneOrFail',
  'findAndCount',
  'findAll',
  'findByCursor',
  'count',
  'persistAndFlush',
  'removeAndFlush',
  'flush',
  'nativeInsert',
  'nativeUpdate',
  'nativeDelete',
  'insert',
  'insertMany',
  'upsert',
  'upsertMany',
  'populate',
  'refresh',
  'execute',
  'lock',
] as const;

const ormExports = {
  // `import * as core from '@mikro-orm/core'`, `const { MikroORM } = require('@mikro-orm/core')`.
  '*': 'ormModule',
  MikroORM: 'MikroORMClass',
  EntityManager: 'EntityManagerClass',
  SqlEntityManager: 'EntityManagerClass',
  EntityRepository: 'RepositoryClass',
  SqlEntityRepository: 'RepositoryClass',
} as const;

export const mikroOrm: LibraryCatalog = {
  id: 'mikro-orm',
  name: 'MikroORM',
  dependencies: ['@mikro-orm/core'],
  modules: {
    '@mikro-orm/core': ormExports,
  },
  modulePatterns: [{ pattern: /^@mikro-orm\/[a-z0-9-]+$/, exports: ormExports }],
  injectDecorators: { '@mikro-orm/nestjs': { InjectRepository: 'repository', InjectEntityManager: 'em' } },
  kinds: {
    ormModule: {
      role: 'module',
      label: '@mikro-orm',
      properties: {
        MikroORM: 'MikroORMClass',
        EntityManager: 'EntityManagerClass',
        SqlEntityManager: 'EntityManagerClass',
        EntityRepository: 'RepositoryClass',
        SqlEntityRepository: 'RepositoryClass',
      },
    },
    MikroORMClass: {
      role: 'constructor',
      label: 'MikroORM',
      newInstance: 'orm',
      methods: { init: 'orm', initSync: 'orm' },
    },
    orm: { role: 'other', label: 'MikroORM', properties: { em: 'em' } },
    EntityManagerClass: { role: 'constructor', label: 'EntityManager', newInstance: 'em' },
    RepositoryClass: {
      role: 'constructor',
      label: 'EntityRepository',
      newInstance: 'repository',
      subclass: 'RepositoryClass',
    },
    em: {
      role: 'client',
      label: 'EntityManager',
      queryMethods: emQueries,
      methods: { fork: 'em', getRepository: 'repository', createQueryBuilder: 'query', qb: 'query' },
      // `em.transactional` forks the EntityManager and propagates the fork through
      // AsyncLocalStorage: the global `em` and injected repositories join the transaction.
      transactions: [{ method: 'transactional', handleParam: 0, handleKind: 'em', propagates: true }],
      regions: [
        { begin: 'begin', handle: 'self', handleKind: 'em', end: ['commit', 'rollback'], propagates: true },
      ],
    },
    repository: {
      role: 'model',
      label: 'EntityRepository',
      queryMethods: emQueries,
      methods: { createQueryBuilder: 'query', qb: 'query', getEntityManager: 'em' },
    },
    query: { role: 'query', label: 'QueryBuilder' },
  },
};

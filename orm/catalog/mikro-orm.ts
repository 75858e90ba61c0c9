import { serverOfDriver } from './servers.js';
import type { LibraryCatalog, LoadingMethod, PoolSpec, RelationCatalog } from './types.js';

/**
 * `MikroORM.init(options)`: the SQL drivers hand `pool` to knex (@mikro-orm/knex/AbstractSqlConnection.js:175),
 * so knex's defaults apply: knex/lib/client.js:230 `max` 10, :253 acquire timeout 60 s. Without
 * options it reads the project's config file, which the rule does not see.
 */
const initPool: PoolSpec = {
  argument: 0,
  absentMeansDefaults: false,
  server: { property: 'type', values: serverOfDriver },
  size: { paths: [['pool', 'max']], default: '10 (knex)', source: 'knex/lib/client.js:230', suggestedAtMost: 10 },
  acquire: {
    paths: [['pool', 'acquireTimeoutMillis']],
    default: 'waits up to 60 s (knex)',
    source: 'knex/lib/client.js:253',
    suggested: { text: '10_000' },
  },
};

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

const emLoading: Readonly<Record<string, LoadingMethod>> = {
  find: { entityArgument: 0, options: 2, result: 'many' },
  findOne: { entityArgument: 0, options: 2, result: 'one' },
  findOneOrFail: { entityArgument: 0, options: 2, result: 'one' },
  findAll: { entityArgument: 0, options: 1, result: 'many' },
  findAndCount: { entityArgument: 0, options: 2, result: { tupleIndex: 0 } },
};

/**
 * Relations: decorators and `EntitySchema` properties with `kind`; `find*` loads those named in
 * `populate` (`['authors']`, `'authors.books'`, `['*']`, `true`) and the `eager` ones. A `1:m`/`m:n`
 * relation not populated is a `Collection` whose items throw on read ("Collection<…> of entity …
 * not initialized", core/entity/ArrayCollection.js); a `m:1`/`1:1` one is an uninitialised
 * reference (its primary key only). No implicit lazy loader exists: `Reference.load()` and
 * `Collection.init()` are explicit.
 */
const relations: RelationCatalog = {
  decorators: { names: { OneToMany: 'many', ManyToMany: 'many', ManyToOne: 'one', OneToOne: 'one' }, eagerOption: 'eager' },
  schemas: [
    {
      constructor: 'EntitySchema',
      property: 'properties',
      marker: { key: 'kind', values: { '1:m': 'many', 'm:n': 'many', 'm:1': 'one', '1:1': 'one' } },
    },
  ],
  loading: {
    kinds: { em: emLoading },
    option: 'populate',
    style: 'mikro-populate',
    eagerForm: "populate: ['{relation}']",
    // `fields`/`exclude` choose the columns (a relation's too), `groupBy` shapes the rows, a lock
    // with an outer join fails on PostgreSQL.
    addition: { arrayEntry: '{string}', wrapsSingle: true, notWith: ['fields', 'exclude', 'groupBy', 'lockMode'] },
  },
  unloaded: {
    behaviour: 'throws',
    itemReads: ['getItems', 'toArray', 'getIdentifiers', 'length', '$', 'map', 'filter', 'find', 'forEach', 'reduce', 'some', 'every'],
    loaders: ['populate', 'init', 'load', 'loadItems', 'refresh'],
  },
};

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
  perItem: {
    eagerForm: '`populate` on the parent query, or one `em.populate(items, …)` before the loop',
    writes: ['persistAndFlush', 'removeAndFlush', 'flush', 'nativeInsert', 'nativeUpdate', 'nativeDelete', 'insert', 'insertMany', 'upsert', 'upsertMany', 'persist', 'remove', 'lock'],
    lazyLoaders: { relationMethods: ['init', 'load', 'loadItems', 'loadCount', 'loadOrFail'] },
  },
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
      poolMethods: { init: initPool, initSync: initPool },
      lifetimeMethods: { init: { opens: 'pool', close: ['close'] }, initSync: { opens: 'pool', close: ['close'] } },
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
  relations,
};

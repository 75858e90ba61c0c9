import { serverOfDriver } from './servers.js';
import type { LibraryCatalog, LoadingMethod, RelationCatalog } from './types.js';

const finders = [
  'find',
  'findBy',
  'findOne',
  'findOneBy',
  'findOneOrFail',
  'findOneByOrFail',
  'findAndCount',
  'findAndCountBy',
  'count',
  'countBy',
  'exists',
  'existsBy',
  'sum',
  'average',
  'minimum',
  'maximum',
] as const;

const writers = [
  'save',
  'insert',
  'update',
  'upsert',
  'delete',
  'remove',
  'softDelete',
  'softRemove',
  'restore',
  'recover',
  'increment',
  'decrement',
  'clear',
  'preload',
  'query',
] as const;

const entityQueries = [...finders, ...writers];

/** Repository and active-record finders: options first; `findBy` takes only `where`. */
const rowFinders: Readonly<Record<string, LoadingMethod>> = {
  find: { options: 0, result: 'many' },
  findOne: { options: 0, result: 'one' },
  findOneOrFail: { options: 0, result: 'one' },
  findAndCount: { options: 0, result: { tupleIndex: 0 } },
  findBy: { options: -1, result: 'many' },
  findOneBy: { options: -1, result: 'one' },
  findOneByOrFail: { options: -1, result: 'one' },
};

/**
 * Relations: decorators and `EntitySchema` `relations`; `find*` loads those named in `relations`
 * (`['author', 'author.profile']`, `{ author: { profile: true } }`) and the `eager` ones; an
 * unloaded relation is simply absent (`undefined`). `lazy: true` or a `Promise<T>` property makes
 * a loader that queries on every read (typeorm/metadata/RelationMetadata.js `isLazy`).
 */
const relations: RelationCatalog = {
  decorators: {
    names: { OneToMany: 'many', ManyToMany: 'many', ManyToOne: 'one', OneToOne: 'one' },
    eagerOption: 'eager',
    lazyOption: 'lazy',
    promiseTypeIsLazy: true,
  },
  schemas: [
    {
      constructor: 'EntitySchema',
      property: 'relations',
      typeKey: 'type',
      typeValues: { 'one-to-many': 'many', 'many-to-many': 'many', 'many-to-one': 'one', 'one-to-one': 'one' },
    },
  ],
  loading: {
    kinds: {
      repository: rowFinders,
      activeRecord: rowFinders,
      manager: {
        find: { entityArgument: 0, options: 1, result: 'many' },
        findOne: { entityArgument: 0, options: 1, result: 'one' },
        findOneOrFail: { entityArgument: 0, options: 1, result: 'one' },
        findAndCount: { entityArgument: 0, options: 1, result: { tupleIndex: 0 } },
        findBy: { entityArgument: 0, options: -1, result: 'many' },
        findOneBy: { entityArgument: 0, options: -1, result: 'one' },
        findOneByOrFail: { entityArgument: 0, options: -1, result: 'one' },
      },
    },
    repositoryKinds: ['repository'],
    option: 'relations',
    style: 'typeorm-relations',
    // Relation ids instead of rows; a join strategy chosen elsewhere.
    unknownWith: ['loadRelationIds', 'join'],
    eagerForm: "relations: ['{relation}']",
    builders: {
      starts: {
        repository: { method: 'createQueryBuilder', aliasArgument: 0 },
        activeRecord: { method: 'createQueryBuilder', aliasArgument: 0 },
        manager: { method: 'createQueryBuilder', entityArgument: 0, aliasArgument: 1 },
        dataSource: { method: 'createQueryBuilder', entityArgument: 0, aliasArgument: 1 },
      },
      results: { getMany: 'many', getOne: 'one', getOneOrFail: 'one', getManyAndCount: { tupleIndex: 0 } },
      loads: ['leftJoinAndSelect', 'innerJoinAndSelect'],
      // `select`/`addSelect` can hydrate a plain join, `setFindOptions` can name relations,
      // `*JoinAndMap*` fill other properties: any method not listed here makes the load unknown.
      keeps: [
        'where', 'andWhere', 'orWhere', 'whereInIds', 'andWhereInIds', 'orWhereInIds', 'whereExists', 'andWhereExists', 'orWhereExists',
        'orderBy', 'addOrderBy', 'skip', 'take', 'limit', 'offset', 'groupBy', 'addGroupBy', 'having', 'andHaving', 'orHaving',
        'setParameter', 'setParameters', 'cache', 'withDeleted', 'useIndex', 'setLock', 'setOnLocked', 'leftJoin', 'innerJoin',
        'distinct', 'comment', 'maxExecutionTime', 'useTransaction', 'printSql',
      ],
      eagerForm: "leftJoinAndSelect('{alias}.{relation}', '{relation}')",
    },
    // `select` names the columns (a relation's too), `lock` with an outer join fails on PostgreSQL
    // ("FOR UPDATE cannot be applied to the nullable side of an outer join").
    addition: { arrayEntry: '{string}', objectEntry: '{key}: true', wrapsSingle: false, notWith: ['select', 'lock'] },
  },
  unloaded: { behaviour: 'undefined', loaders: ['reload'] },
};

export const typeorm: LibraryCatalog = {
  id: 'typeorm',
  name: 'TypeORM',
  dependencies: ['typeorm', '@nestjs/typeorm'],
  modules: {
    // Named imports resolve through the namespace's properties below.
    typeorm: { '*': 'typeormModule', default: 'typeormModule' },
    // typeorm-transactional binds repositories to the transaction through CLS inside its own
    // scopes: the outer repositories are the right ones there.
    'typeorm-transactional': { runInTransaction: 'runInTransactionFn' },
    'typeorm-transactional-cls-hooked': { runInTransaction: 'runInTransactionFn' },
  },
  types: {
    typeorm: { QueryRunner: 'queryRunner', SelectQueryBuilder: 'queryBuilder' },
  },
  injectDecorators: {
    '@nestjs/typeorm': {
      InjectRepository: 'repository',
      InjectDataSource: 'dataSource',
      InjectConnection: 'dataSource',
      InjectEntityManager: 'manager',
    },
  },
  perItem: {
    eagerForm: '`relations`/`leftJoinAndSelect` on the parent query, or one `find` with `where: { id: In(ids) }`',
    writes: ['save', 'insert', 'update', 'upsert', 'delete', 'remove', 'softDelete', 'softRemove', 'restore', 'recover', 'increment', 'decrement', 'clear', 'execute'],
    lazyLoaders: { awaitLazyRelation: true },
  },
  kinds: {
    typeormModule: {
      role: 'module',
      label: 'typeorm',
      properties: {
        DataSource: 'DataSourceClass',
        Connection: 'DataSourceClass',
        EntityManager: 'EntityManagerClass',
        Repository: 'RepositoryClass',
        TreeRepository: 'RepositoryClass',
        MongoRepository: 'RepositoryClass',
        BaseEntity: 'BaseEntity',
        // 0.2 global helpers, still common in older code.
        getRepository: 'globalRepositoryFn',
        getManager: 'globalManagerFn',
        getConnection: 'globalDataSourceFn',
        createConnection: 'globalDataSourceFn',
      },
    },
    runInTransactionFn: {
      role: 'other',
      label: 'runInTransaction',
      transactions: [{ handleParam: -1, handleKind: 'manager', propagates: true }],
    },
    DataSourceClass: {
      role: 'constructor',
      label: 'DataSource',
      newInstance: 'dataSource',
      subclass: 'DataSourceClass',
      // typeorm/driver/postgres/PostgresDriver.js:1378-1381: pg-pool gets `max: poolSize`,
      // `connectionTimeoutMillis: connectTimeoutMS`, then `extra` over them; unset, pg-pool's
      // defaults apply (10, wait for ever). MySQL: `extra.connectionLimit`, `acquireTimeout`.
      pool: {
        argument: 0,
        absentMeansDefaults: false,
        server: { property: 'type', values: serverOfDriver },
        size: {
          paths: [['poolSize'], ['extra', 'max'], ['extra', 'connectionLimit']],
          default: "10 (the driver's)",
          source: 'typeorm/driver/postgres/PostgresDriver.js:1380',
          suggestedAtMost: 10,
        },
        acquire: {
          paths: [['connectTimeoutMS'], ['extra', 'connectionTimeoutMillis'], ['acquireTimeout'], ['extra', 'queueLimit']],
          default: 'waits for ever',
          source: 'typeorm/driver/postgres/PostgresDriver.js:1378',
          suggested: { text: '10_000' },
        },
      },
      lifetime: { opens: 'pool', initialize: ['initialize', 'connect'], close: ['destroy', 'close'] },
    },
    EntityManagerClass: { role: 'constructor', label: 'EntityManager', newInstance: 'manager' },
    RepositoryClass: {
      role: 'constructor',
      label: 'Repository',
      newInstance: 'repository',
      subclass: 'RepositoryClass',
    },
    globalRepositoryFn: { role: 'other', label: 'getRepository', callResult: 'repository' },
    globalManagerFn: { role: 'other', label: 'getManager', callResult: 'manager' },
    globalDataSourceFn: { role: 'other', label: 'getConnection', callResult: 'dataSource' },
    dataSource: {
      role: 'client',
      label: 'DataSource',
      queryMethods: ['query'],
      methods: {
        initialize: 'dataSource',
        getRepository: 'repository',
        getTreeRepository: 'repository',
        getMongoRepository: 'repository',
        createQueryRunner: 'queryRunner',
        createQueryBuilder: 'queryBuilder',
      },
      properties: { manager: 'manager' },
      entityArgument: { getRepository: 0, getTreeRepository: 0, getMongoRepository: 0 },
      // `createQueryBuilder(User, 'u', queryRunner)`, `createQueryBuilder(queryRunner)`.
      runsOnArgument: ['createQueryBuilder'],
      transactions: [{ method: 'transaction', handleParam: 0, handleKind: 'manager' }],
      // EntityManager has query, getRepository and createQueryBuilder too.
      handleHasSameApi: true,
    },
    manager: {
      role: 'client',
      label: 'EntityManager',
      queryMethods: entityQueries,
      methods: {
        getRepository: 'repository',
        getTreeRepository: 'repository',
        withRepository: 'repository',
        getCustomRepository: 'repository',
        createQueryBuilder: 'queryBuilder',
      },
      properties: { connection: 'dataSource', queryRunner: 'queryRunner' },
      entityArgument: { getRepository: 0, getTreeRepository: 0 },
      runsOnArgument: ['createQueryBuilder'],
      transactions: [{ method: 'transaction', handleParam: 0, handleKind: 'manager' }],
      handleHasSameApi: true,
    },
    repository: {
      role: 'model',
      label: 'Repository',
      queryMethods: entityQueries,
      methods: { createQueryBuilder: 'queryBuilder' },
      properties: { manager: 'manager' },
      // `createQueryBuilder('u', queryRunner)`
      runsOnArgument: ['createQueryBuilder'],
      handleForms: ['{handle}.getRepository({entity})', '{handle}.withRepository({receiver})'],
    },
    queryRunner: {
      role: 'client',
      label: 'QueryRunner',
      queryMethods: ['query'],
      methods: { connect: 'queryRunner' },
      properties: { manager: 'manager' },
      regions: [
        {
          begin: 'startTransaction',
          handle: 'self',
          handleKind: 'queryRunner',
          handleAccess: 'manager',
          end: ['commitTransaction', 'rollbackTransaction'],
        },
      ],
    },
    queryBuilder: { role: 'query', label: 'SelectQueryBuilder' },
    BaseEntity: { role: 'model-base', label: 'BaseEntity', subclass: 'activeRecord' },
    activeRecord: {
      role: 'model',
      label: 'BaseEntity model',
      queryMethods: entityQueries,
      methods: {
        createQueryBuilder: 'queryBuilder',
        getRepository: 'repository',
        // Rows made or found through the class are instances with `save()`, `remove()`, `reload()`.
        create: 'activeRecordInstance',
        findOne: 'activeRecordInstance',
        findOneBy: 'activeRecordInstance',
        findOneOrFail: 'activeRecordInstance',
        findOneByOrFail: 'activeRecordInstance',
        preload: 'activeRecordInstance',
        find: 'activeRecordInstances',
        findBy: 'activeRecordInstances',
      },
      newInstance: 'activeRecordInstance',
      subclass: 'activeRecord',
      // Active-record statics always run on the data source's default manager.
      binding: { style: 'through-handle', methods: [...entityQueries, 'createQueryBuilder'] },
      handleForms: ['{handle}.getRepository({entity})'],
    },
    activeRecordInstances: { role: 'other', label: 'BaseEntity rows', elements: 'activeRecordInstance' },
    activeRecordInstance: {
      role: 'instance',
      label: 'BaseEntity instance',
      queryMethods: ['save', 'remove', 'softRemove', 'recover', 'reload'],
      // `user.save()` runs on the default manager too; `manager.save(user)` is the handle form.
      binding: { style: 'through-handle', methods: ['save', 'remove', 'softRemove', 'recover', 'reload'] },
    },
  },
  relations,
};

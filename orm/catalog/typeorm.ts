import type { LibraryCatalog } from './types.js';

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

export const typeorm: LibraryCatalog = {
  id: 'typeorm',
  name: 'TypeORM',
  dependencies: ['typeorm', '@nestjs/typeorm'],
  modules: {
    typeorm: {
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
  propagationPackages: ['typeorm-transactional', 'typeorm-transactional-cls-hooked'],
  kinds: {
    DataSourceClass: {
      role: 'constructor',
      label: 'DataSource',
      newInstance: 'dataSource',
      subclass: 'DataSourceClass',
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
      transactions: [{ method: 'transaction', handleParam: 0, handleKind: 'manager' }],
      handleHasSameApi: true,
    },
    repository: {
      role: 'model',
      label: 'Repository',
      queryMethods: entityQueries,
      methods: { createQueryBuilder: 'queryBuilder' },
      properties: { manager: 'manager' },
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
      methods: { createQueryBuilder: 'queryBuilder', getRepository: 'repository' },
      // Active-record statics always run on the data source's default manager.
      binding: { style: 'through-handle', methods: entityQueries },
      handleForms: ['{handle}.getRepository({entity})'],
    },
  },
};

import { serverOfDriver } from './servers.js';
import type { LibraryCatalog, RelationCatalog } from './types.js';

/** Model statics → index of the options argument that carries `{ transaction }`. */
const modelOptionIndex = {
  findAll: 0,
  findOne: 0,
  findByPk: 1,
  findOrCreate: 0,
  findOrBuild: 0,
  findCreateFind: 0,
  findAndCountAll: 0,
  count: 0,
  max: 1,
  min: 1,
  sum: 1,
  aggregate: 2,
  create: 1,
  bulkCreate: 1,
  update: 1,
  destroy: 0,
  restore: 0,
  upsert: 1,
  increment: 1,
  decrement: 1,
  truncate: 0,
} as const;

/** Instance methods → index of the options argument. */
const instanceOptionIndex = {
  save: 0,
  update: 1,
  destroy: 0,
  restore: 0,
  reload: 0,
  increment: 1,
  decrement: 1,
} as const;

const sequelizeExports = {
  default: 'SequelizeClass',
  '*': 'SequelizeClass',
  Sequelize: 'SequelizeClass',
  Model: 'ModelBase',
} as const;

/**
 * Associations: `Book.hasMany(Author, { as: 'authors' })` (and sequelize-typescript's decorators);
 * `findAll/findOne/findByPk/findAndCountAll` load those named in `include` (`[{ model, as }]`, a
 * model, an alias, `{ all: true }`); an association not included is absent from the instance.
 * A `defaultScope` may include associations for every query: then nothing is known.
 */
const relations: RelationCatalog = {
  decorators: { names: { HasMany: 'many', BelongsToMany: 'many', HasOne: 'one', BelongsTo: 'one' } },
  associations: {
    methods: { hasMany: 'many', belongsToMany: 'many', hasOne: 'one', belongsTo: 'one' },
    aliasOption: 'as',
    defaultLoads: ['defaultScope', 'DefaultScope', 'addScope'],
  },
  loading: {
    kinds: {
      model: {
        findAll: { options: 0, result: 'many' },
        findOne: { options: 0, result: 'one' },
        findByPk: { options: 1, result: 'one' },
        // `count` counts joined rows: an included hasMany/belongsToMany inflates it without `distinct`.
        findAndCountAll: { options: 0, result: { property: 'rows' }, countsJoinedRowsUnless: 'distinct' },
      },
    },
    option: 'include',
    style: 'sequelize-include',
    // Plain rows: associations come back as flat `'author.name'` keys, if at all.
    unknownWith: ['raw'],
    eagerForm: "include: [{ model: …, as: '{relation}' }]",
    // `{ association: 'authors' }` names the association by its alias, whatever model it targets
    // (sequelize 6 `Model._conformInclude` looks the string up in `Model.associations`). `attributes` and `group`
    // shape the rows a join would change, `lock` with an outer join fails on PostgreSQL.
    addition: { arrayEntry: '{ association: {string} }', wrapsSingle: true, notWith: ['attributes', 'group', 'lock'] },
  },
  unloaded: { behaviour: 'undefined', loaders: ['reload'] },
};

export const sequelize: LibraryCatalog = {
  id: 'sequelize',
  name: 'Sequelize',
  dependencies: ['sequelize', 'sequelize-typescript'],
  modules: {
    sequelize: sequelizeExports,
    'sequelize-typescript': sequelizeExports,
  },
  types: {
    sequelize: { Transaction: 'transaction' },
    'sequelize-typescript': { Transaction: 'transaction' },
  },
  injectDecorators: { '@nestjs/sequelize': { InjectModel: 'model', InjectConnection: 'sequelize' } },
  perItem: {
    eagerForm: '`include` on the parent query, or one `findAll` with `where: { id: ids }`',
    writes: ['create', 'bulkCreate', 'update', 'destroy', 'upsert', 'increment', 'decrement', 'save', 'restore', 'truncate', 'findOrCreate', 'findCreateFind', 'set', 'add', 'remove'],
    sqlText: true,
    lazyLoaders: { accessorPrefixes: ['get', 'count', 'has'] },
  },
  kinds: {
    SequelizeClass: {
      role: 'constructor',
      label: 'Sequelize',
      newInstance: 'sequelize',
      subclass: 'SequelizeClass',
      properties: { Sequelize: 'SequelizeClass', Model: 'ModelBase', default: 'SequelizeClass' },
      // `Sequelize.useCLS(namespace)` makes every query join the active transaction.
      propagationSwitch: 'useCLS',
      // `new Sequelize(options)`, `(uri, options)`, `(database, user, password, options)`: the
      // options are the last argument. sequelize/lib/dialects/abstract/connection-manager.js:21
      // pool `max` 5, :24 `acquire` 60 s.
      pool: {
        argument: 'last',
        absentMeansDefaults: true,
        server: { property: 'dialect', values: serverOfDriver },
        size: {
          paths: [['pool', 'max']],
          default: '5',
          source: 'sequelize/lib/dialects/abstract/connection-manager.js:21',
          suggestedAtMost: 5,
        },
        acquire: {
          paths: [['pool', 'acquire']],
          default: 'waits up to 60 s',
          source: 'sequelize/lib/dialects/abstract/connection-manager.js:24',
          suggested: { text: '10_000' },
        },
      },
      lifetime: { opens: 'pool', close: ['close'] },
    },
    sequelize: {
      role: 'client',
      label: 'Sequelize',
      queryMethods: ['query'],
      methods: { define: 'model', model: 'model' },
      properties: { models: 'models' },
      transactions: [{ method: 'transaction', handleParam: 0, handleKind: 'transaction' }],
      regions: [
        { begin: 'transaction', handle: 'result', handleKind: 'transaction', end: ['commit', 'rollback'] },
      ],
      binding: { style: 'options-property', property: 'transaction', methods: { query: 1 } },
    },
    models: { role: 'other', label: 'sequelize.models', anyProperty: { kind: 'model' } },
    ModelBase: { role: 'model-base', label: 'Model', subclass: 'model' },
    model: {
      role: 'model',
      label: 'Model',
      queryMethods: Object.keys(modelOptionIndex),
      methods: {
        findByPk: 'instance',
        findOne: 'instance',
        create: 'instance',
        build: 'instance',
        findAll: 'instances',
        bulkCreate: 'instances',
      },
      newInstance: 'instance',
      // `class Doc extends BaseModel` where `BaseModel extends Model`.
      subclass: 'model',
      binding: { style: 'options-property', property: 'transaction', methods: modelOptionIndex },
    },
    instance: {
      role: 'instance',
      label: 'model instance',
      queryMethods: Object.keys(instanceOptionIndex),
      binding: { style: 'options-property', property: 'transaction', methods: instanceOptionIndex },
    },
    instances: { role: 'other', label: 'model instances', elements: 'instance' },
    transaction: { role: 'transaction', label: 'Transaction' },
  },
  relations,
};

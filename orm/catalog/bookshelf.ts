import { knex } from './knex.js';
import type { LibraryCatalog, TransactionBinding } from './types.js';

/**
 * Query methods of models, collections and relations → index of the options argument that
 * carries `{ transacting: t }` (Bookshelf 1.x `Model#fetch([options])`, `Model#save([attrs],
 * [options])`, `Collection#create(model, [options])`, `Collection#attach(ids, [options])` ...).
 *
 * `count([column], [options])` takes its options first when no column is given: it moves a
 * non-string first argument into the options (`User.count({ transacting: t })`). Index 0 then
 * checks the object form, and a column name first (`count('id', ...)`) is not an options object,
 * so it is left alone rather than misread.
 */
const optionIndex = {
  fetch: 0,
  fetchAll: 0,
  fetchPage: 0,
  fetchOne: 0,
  refresh: 0,
  destroy: 0,
  count: 0,
  save: 1,
  load: 1,
  create: 1,
  attach: 1,
  detach: 1,
  updatePivot: 1,
} as const;

type QueryMethod = keyof typeof optionIndex;

/** The `transacting` option of these methods, at its index. */
function binding(methods: readonly QueryMethod[]): TransactionBinding {
  return {
    style: 'options-property',
    property: 'transacting',
    methods: Object.fromEntries(methods.map((method) => [method, optionIndex[method]])),
  };
}

/** Model class statics (`User.fetchAll()`, `User.count()`): each forges an instance and runs it. */
const modelStatics: readonly QueryMethod[] = ['fetchAll', 'fetchPage', 'count'];
const instanceQueries: readonly QueryMethod[] = ['fetch', 'fetchAll', 'fetchPage', 'count', 'refresh', 'save', 'destroy', 'load'];
const collectionQueries: readonly QueryMethod[] = ['fetch', 'fetchOne', 'fetchPage', 'count', 'create', 'load', 'attach', 'detach', 'updatePivot'];
/** `model.related('books')`: a model or a collection, depending on the relation. */
const relationQueries: readonly QueryMethod[] = [...new Set([...instanceQueries, ...collectionQueries])];

/** `bookshelf.knex` is the Knex instance the Bookshelf instance was made with: Knex's query starts. */
const knexQueries = knex.kinds.knex?.queryMethods ?? [];

export const bookshelf: LibraryCatalog = {
  id: 'bookshelf',
  name: 'Bookshelf',
  dependencies: ['bookshelf'],
  // A Bookshelf query joins a Knex transaction by the same `transacting` option.
  sharesTransactionsWith: ['knex'],
  modules: {
    // `require('bookshelf')(knex)`, `import Bookshelf from 'bookshelf'; Bookshelf(knex)`.
    bookshelf: { default: 'bookshelfFactory', '*': 'bookshelfFactory' },
  },
  // `@types/bookshelf` names the instance types in the namespace merged with the default export:
  // `post: Bookshelf.Model<Post>`, `users: Bookshelf.Collection<User>`.
  types: { bookshelf: { Model: 'instance', Collection: 'collection' } },
  perItem: {
    eagerForm: '`withRelated` on the parent fetch, or `whereIn(column, ids)`',
    writes: ['save', 'destroy', 'insert', 'update', 'del', 'delete', 'attach', 'detach', 'updatePivot'],
  },
  kinds: {
    // `Bookshelf(knex)` runs on that Knex instance's pool.
    bookshelfFactory: { role: 'constructor', label: 'bookshelf', callResult: 'bookshelf', connectionFrom: { argument: 0 } },
    bookshelf: {
      role: 'client',
      label: 'instance',
      properties: { Model: 'ModelBase', Collection: 'CollectionBase', knex: 'knex' },
      // The registry: `bookshelf.model('User', { tableName: 'users' })` defines or looks up a model.
      methods: { model: 'model', collection: 'collectionClass' },
      // An alias of `knex.transaction`: the handle is a Knex transaction.
      transactions: [{ method: 'transaction', handleParam: 0, handleKind: 'trx' }],
      regions: [{ begin: 'transaction', handle: 'result', handleKind: 'trx', end: ['commit', 'rollback'] }],
      // The instance runs no query itself; what it makes (models, collections) carries the
      // transaction as the `transacting` option.
      binding: binding([]),
    },
    knex: {
      role: 'client',
      label: 'Knex instance',
      callResult: 'query',
      queryMethods: knexQueries,
      transactions: [{ method: 'transaction', handleParam: 0, handleKind: 'trx' }],
      regions: [{ begin: 'transaction', handle: 'result', handleKind: 'trx', end: ['commit', 'rollback'] }],
      // `bookshelf.knex('t').transacting(t)` runs inside the transaction.
      bindMethods: ['transacting'],
      // `bookshelf.knex('t')` → `t('t')`.
      handleForms: ['{handle}'],
    },
    // `bookshelf.Model`: `.extend({ tableName })` and `class User extends bookshelf.Model` make models.
    ModelBase: {
      role: 'model-base',
      label: 'Model',
      subclass: 'model',
      newInstance: 'instance',
      methods: { extend: 'model', forge: 'instance' },
    },
    model: {
      role: 'model',
      label: 'Model',
      // `User.extend({...})` and `class Admin extends User` are models too.
      subclass: 'model',
      newInstance: 'instance',
      queryMethods: modelStatics,
      methods: {
        extend: 'model',
        forge: 'instance',
        where: 'instance',
        query: 'instance',
        collection: 'collection',
        fetchAll: 'collection',
        fetchPage: 'collection',
      },
      binding: binding(modelStatics),
      builderCallbacks: { query: ['transacting'] },
    },
    instance: {
      role: 'instance',
      label: 'model',
      queryMethods: instanceQueries,
      methods: {
        where: 'instance',
        query: 'instance',
        orderBy: 'instance',
        fetch: 'instance',
        refresh: 'instance',
        save: 'instance',
        load: 'instance',
        fetchAll: 'collection',
        fetchPage: 'collection',
        related: 'relation',
      },
      binding: binding(instanceQueries),
      builderCallbacks: { query: ['transacting'] },
    },
    // `bookshelf.Collection`: `.extend({ model: User })` makes a collection class.
    CollectionBase: {
      role: 'model-base',
      label: 'Collection',
      subclass: 'collectionClass',
      newInstance: 'collection',
      methods: { extend: 'collectionClass', forge: 'collection' },
    },
    collectionClass: {
      role: 'model',
      label: 'Collection',
      subclass: 'collectionClass',
      newInstance: 'collection',
      methods: { extend: 'collectionClass', forge: 'collection', where: 'collection', query: 'collection' },
      // Its statics only make collections; those carry the transaction.
      binding: binding([]),
    },
    collection: {
      role: 'instance',
      label: 'collection',
      queryMethods: collectionQueries,
      methods: {
        where: 'collection',
        query: 'collection',
        orderBy: 'collection',
        fetch: 'collection',
        load: 'collection',
        fetchOne: 'instance',
        create: 'instance',
        first: 'instance',
        last: 'instance',
        get: 'instance',
        findWhere: 'instance',
      },
      properties: { models: 'instances' },
      // A collection is a list of models too: `users.at(0)`, `users.find(...)`, `users.forEach((u) => ...)`.
      elements: 'instance',
      binding: binding(collectionQueries),
      builderCallbacks: { query: ['transacting'] },
    },
    relation: {
      role: 'instance',
      label: 'relation',
      queryMethods: relationQueries,
      methods: { where: 'relation', query: 'relation', orderBy: 'relation' },
      binding: binding(relationQueries),
    },
    instances: { role: 'other', label: 'models', elements: 'instance' },
    // A Knex transaction: callable like the knex instance, and nests as a savepoint.
    trx: {
      role: 'transaction',
      label: 'Knex.Transaction',
      callResult: 'query',
      queryMethods: knexQueries,
      transactions: [{ method: 'transaction', handleParam: 0, handleKind: 'trx' }],
    },
    query: { role: 'query', label: 'QueryBuilder' },
  },
};

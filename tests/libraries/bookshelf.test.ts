/**
 * Bookshelf: `bookshelf.transaction(async (t) => ...)` (an alias of Knex's) and
 * `const t = await bookshelf.transaction()` regions. Models, instances, collections and relations
 * carry the transaction as the `transacting` option (`fetch({ transacting: t })`,
 * `save(attrs, { transacting: t })`); `bookshelf.knex` is the outer Knex instance.
 */
import noOuterClient from '../../rules/no-outer-client-in-transaction.js';
import noUnrelatedAwait from '../../rules/no-unrelated-await-in-transaction.js';
import requireTransactionOption from '../../rules/require-transaction-option.js';
import { untypedTester } from '../rule-tester.js';

const ruleTester = untypedTester();

const esm = `import Bookshelf from 'bookshelf';
import Knex from 'knex';
const bookshelf = Bookshelf(Knex({ client: 'pg' }));
const User = bookshelf.model('User', { tableName: 'users' });`;

ruleTester.run('require-transaction-option (bookshelf)', requireTransactionOption, {
  valid: [
    {
      name: 'every query carries `transacting`',
      code: `${esm}
const Post = bookshelf.Model.extend({ tableName: 'posts' });
export async function save(id: number) {
  await bookshelf.transaction(async (t) => {
    const user = await User.forge({ id }).fetch({ transacting: t });
    await User.where({ id }).fetch({ transacting: t, require: false });
    await User.fetchAll({ transacting: t });
    await User.where('active', true).fetchPage({ pageSize: 10, page: 1, transacting: t });
    await User.count({ transacting: t });
    await user.save({ seen: true }, { transacting: t, patch: true });
    await new Post({ userId: id }).save(null, { transacting: t });
    await user.related('posts').fetch({ transacting: t });
    await user.load(['posts'], { transacting: t });
    await user.destroy({ transacting: t });
  });
}`,
    },
    {
      name: 'the handle named `transacting` (shorthand), options in a variable or a spread, a column for count()',
      code: `${esm}
export async function save(id: number, extra: object) {
  await bookshelf.transaction(async (transacting) => {
    await User.where({ id }).fetch({ transacting });
    const options = { transacting, require: false };
    await User.forge({ id }).fetch(options);
    await User.forge({ id }).save({ seen: true }, { ...extra, patch: true });
    await User.where({ id }).count('id');
  });
}`,
    },
    {
      name: 'queries before and after the transaction, and after commit()',
      code: `${esm}
export async function save(id: number) {
  const user = await User.forge({ id }).fetch();
  await bookshelf.transaction(async (t) => {
    await user.save({ seen: true }, { transacting: t });
  });
  const t = await bookshelf.transaction();
  await User.forge({ id }).destroy({ transacting: t });
  await t.commit();
  await User.fetchAll();
  return user.save();
}`,
    },
    {
      name: 'a `Model.collection()` fetched with `transacting`, its rows destroyed with `transacting`',
      code: `${esm}
export async function purge(id: number) {
  await bookshelf.transaction(async (t) => {
    const users = User.collection();
    await users.fetch({ transacting: t });
    await users.first().destroy({ transacting: t });
    await users.get(id).destroy({ transacting: t });
    users.forEach((u) => u.destroy({ transacting: t }));
  });
}`,
    },
    {
      name: 'CommonJS: require("bookshelf")(knex), every query bound',
      code: `const knex = require('knex')({ client: 'pg' });
const bookshelf = require('bookshelf')(knex);
const User = bookshelf.Model.extend({ tableName: 'users' });
module.exports = async function save(id) {
  await bookshelf.transaction(async (t) => {
    const user = await User.where({ id }).fetch({ transacting: t });
    await user.save({ seen: true }, { transacting: t });
  });
};`,
      filename: 'save.cjs',
    },
    {
      name: 'lookalikes: a Backbone model, a Map and an HTTP resource class with fetch/save/destroy inside the transaction',
      code: `import Backbone from 'backbone';
${esm.split('\n').slice(0, 3).join('\n')}
const Todo = Backbone.Model.extend({ urlRoot: '/todos' });
const drafts = new Map<number, { save(): Promise<void>; destroy(): Promise<void> }>();
class RestResource {
  constructor(private readonly url: string) {}
  fetch() { return fetch(this.url); }
  save(body: object) { return fetch(this.url, { method: 'PUT', body: JSON.stringify(body) }); }
  destroy() { return fetch(this.url, { method: 'DELETE' }); }
}
export async function save(id: number) {
  await bookshelf.transaction(async (t) => {
    const todo = new Todo({ id });
    await todo.fetch();
    await todo.save({ done: true });
    await todo.destroy();
    await drafts.get(id)?.save();
    await drafts.get(id)?.destroy();
    const remote = new RestResource('https://api.example.com/todos/' + id);
    await remote.save({ done: true });
  });
}`,
    },
    {
      name: 'lookalikes: a local transaction() helper and an object named bookshelf that is not Bookshelf',
      code: `${esm}
async function transaction(fn: (t: object) => Promise<void>) {
  await fn({});
}
const store = {
  transaction: async (fn: (t: object) => Promise<void>) => fn({}),
  Model: class { async fetch() {} async save() {} },
};
export async function save(id: number) {
  await transaction(async (t) => {
    await User.forge({ id }).fetch();
  });
  await store.transaction(async (t) => {
    await User.where({ id }).destroy();
    await new store.Model().save();
  });
}`,
    },
    {
      name: 'lookalike: untyped parameters with the same methods',
      code: `export async function save(bookshelf, User, id: number) {
  await bookshelf.transaction(async (t) => {
    await User.forge({ id }).fetch();
    await bookshelf.model('User').where({ id }).save({ seen: true });
  });
}`,
    },
    {
      name: 'a model of another library inside a Bookshelf transaction',
      code: `import { Model } from 'objection';
${esm.split('\n').slice(0, 3).join('\n')}
class Person extends Model {}
export async function save() {
  await bookshelf.transaction(async (t) => {
    await Person.query().findById(1);
  });
}`,
    },
  ],
  invalid: [
    {
      name: 'a registry model: User.forge().fetch() without `transacting`',
      code: `${esm}
export async function load(id: number) {
  await bookshelf.transaction(async (t) => {
    await User.forge({ id }).fetch();
  });
}`,
      errors: [
        {
          messageId: 'missingTransactionOption',
          data: { call: 'User.forge({ id }).fetch()', library: 'Bookshelf', property: 'transacting', position: 'first' },
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 35,
          suggestions: [
            {
              messageId: 'addTransaction',
              data: { handle: 't' },
              output: `${esm}
export async function load(id: number) {
  await bookshelf.transaction(async (t) => {
    await User.forge({ id }).fetch({ transacting: t });
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'where().fetch() with other options, fetchAll() and count() on the model',
      code: `${esm}
export async function load(id: number) {
  await bookshelf.transaction(async (t) => {
    await User.where({ id }).fetch({ require: false });
    await User.fetchAll();
    await User.where('active', true).count();
  });
}`,
      errors: [
        {
          messageId: 'missingTransactionOption',
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 35,
          suggestions: [
            {
              messageId: 'addTransaction',
              data: { handle: 't' },
              output: `${esm}
export async function load(id: number) {
  await bookshelf.transaction(async (t) => {
    await User.where({ id }).fetch({ require: false, transacting: t });
    await User.fetchAll();
    await User.where('active', true).count();
  });
}`,
            },
          ],
        },
        {
          messageId: 'missingTransactionOption',
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 24,
          suggestions: [
            {
              messageId: 'addTransaction',
              data: { handle: 't' },
              output: `${esm}
export async function load(id: number) {
  await bookshelf.transaction(async (t) => {
    await User.where({ id }).fetch({ require: false });
    await User.fetchAll({ transacting: t });
    await User.where('active', true).count();
  });
}`,
            },
          ],
        },
        {
          messageId: 'missingTransactionOption',
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 43,
          suggestions: [
            {
              messageId: 'addTransaction',
              data: { handle: 't' },
              output: `${esm}
export async function load(id: number) {
  await bookshelf.transaction(async (t) => {
    await User.where({ id }).fetch({ require: false });
    await User.fetchAll();
    await User.where('active', true).count({ transacting: t });
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'an instance: save(attrs) and destroy() without options, save() without arguments',
      code: `${esm}
const Post = bookshelf.Model.extend({ tableName: 'posts' });
export async function publish(id: number) {
  await bookshelf.transaction(async (t) => {
    const post = new Post({ id });
    await post.save({ published: true });
    await post.destroy();
    await post.save();
  });
}`,
      errors: [
        {
          messageId: 'missingTransactionOption',
          data: { call: 'post.save()', library: 'Bookshelf', property: 'transacting', position: 'second' },
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'addTransaction',
              data: { handle: 't' },
              output: `${esm}
const Post = bookshelf.Model.extend({ tableName: 'posts' });
export async function publish(id: number) {
  await bookshelf.transaction(async (t) => {
    const post = new Post({ id });
    await post.save({ published: true }, { transacting: t });
    await post.destroy();
    await post.save();
  });
}`,
            },
          ],
        },
        {
          messageId: 'missingTransactionOption',
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 23,
          suggestions: [
            {
              messageId: 'addTransaction',
              data: { handle: 't' },
              output: `${esm}
const Post = bookshelf.Model.extend({ tableName: 'posts' });
export async function publish(id: number) {
  await bookshelf.transaction(async (t) => {
    const post = new Post({ id });
    await post.save({ published: true });
    await post.destroy({ transacting: t });
    await post.save();
  });
}`,
            },
          ],
        },
        // `save()` takes the options second: no suggestion can add them without an attrs argument.
        { messageId: 'missingTransactionOption', line: 11, column: 11, endLine: 11, endColumn: 20, suggestions: [] },
      ],
    },
    {
      name: 'save({ transacting: t }): the options given as the attributes',
      code: `${esm}
export async function rename(id: number) {
  await bookshelf.transaction(async (t) => {
    await User.forge({ id }).save({ transacting: t });
  });
}`,
      errors: [
        {
          messageId: 'transactionOptionInWrongArgument',
          data: { call: 'User.forge({ id }).save()', library: 'Bookshelf', property: 'transacting', position: 'second' },
          line: 7,
          column: 35,
          endLine: 7,
          endColumn: 53,
          suggestions: [],
        },
      ],
    },
    {
      name: 'CommonJS: a fetched instance, a relation and the models of a collection',
      code: `const knex = require('knex')({ client: 'pg' });
const bookshelf = require('bookshelf')(knex);
const User = bookshelf.Model.extend({ tableName: 'users' });
module.exports = async function archive(id) {
  await bookshelf.transaction(async (t) => {
    const user = await User.where({ id }).fetch({ transacting: t });
    await user.related('posts').fetch();
    const users = await User.fetchAll({ transacting: t });
    for (const other of users.models) await other.destroy();
  });
};`,
      filename: 'archive.cjs',
      errors: [
        {
          messageId: 'missingTransactionOption',
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 38,
          suggestions: [
            {
              messageId: 'addTransaction',
              data: { handle: 't' },
              output: `const knex = require('knex')({ client: 'pg' });
const bookshelf = require('bookshelf')(knex);
const User = bookshelf.Model.extend({ tableName: 'users' });
module.exports = async function archive(id) {
  await bookshelf.transaction(async (t) => {
    const user = await User.where({ id }).fetch({ transacting: t });
    await user.related('posts').fetch({ transacting: t });
    const users = await User.fetchAll({ transacting: t });
    for (const other of users.models) await other.destroy();
  });
};`,
            },
          ],
        },
        {
          messageId: 'missingTransactionOption',
          line: 9,
          column: 45,
          endLine: 9,
          endColumn: 58,
          suggestions: [
            {
              messageId: 'addTransaction',
              data: { handle: 't' },
              output: `const knex = require('knex')({ client: 'pg' });
const bookshelf = require('bookshelf')(knex);
const User = bookshelf.Model.extend({ tableName: 'users' });
module.exports = async function archive(id) {
  await bookshelf.transaction(async (t) => {
    const user = await User.where({ id }).fetch({ transacting: t });
    await user.related('posts').fetch();
    const users = await User.fetchAll({ transacting: t });
    for (const other of users.models) await other.destroy({ transacting: t });
  });
};`,
            },
          ],
        },
      ],
    },
    {
      name: 'a class extending bookshelf.Model (destructured, through an alias), `this` in a static method',
      code: `import * as Bookshelf from 'bookshelf';
import Knex from 'knex';
const bookshelf = Bookshelf(Knex({ client: 'pg' }));
const { Model } = bookshelf;
const db = bookshelf;
export class User extends Model {
  get tableName() {
    return 'users';
  }
  static async rename(id: number, name: string) {
    return db.transaction(async (trx) => {
      await this.where({ id }).save({ name }, { patch: true });
    });
  }
}`,
      errors: [
        {
          messageId: 'missingTransactionOption',
          line: 12,
          column: 13,
          endLine: 12,
          endColumn: 36,
          suggestions: [
            {
              messageId: 'addTransaction',
              data: { handle: 'trx' },
              output: `import * as Bookshelf from 'bookshelf';
import Knex from 'knex';
const bookshelf = Bookshelf(Knex({ client: 'pg' }));
const { Model } = bookshelf;
const db = bookshelf;
export class User extends Model {
  get tableName() {
    return 'users';
  }
  static async rename(id: number, name: string) {
    return db.transaction(async (trx) => {
      await this.where({ id }).save({ name }, { patch: true, transacting: trx });
    });
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'collections: Collection.extend(), forge(), create() and Model.collection()',
      code: `${esm}
const Users = bookshelf.Collection.extend({ model: User });
export async function invite(names: string[]) {
  await bookshelf.transaction(async (t) => {
    const users = Users.forge();
    await users.create({ name: names[0] });
    await User.collection().fetch();
  });
}`,
      errors: [
        {
          messageId: 'missingTransactionOption',
          data: { call: 'users.create()', library: 'Bookshelf', property: 'transacting', position: 'second' },
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 23,
          suggestions: [
            {
              messageId: 'addTransaction',
              data: { handle: 't' },
              output: `${esm}
const Users = bookshelf.Collection.extend({ model: User });
export async function invite(names: string[]) {
  await bookshelf.transaction(async (t) => {
    const users = Users.forge();
    await users.create({ name: names[0] }, { transacting: t });
    await User.collection().fetch();
  });
}`,
            },
          ],
        },
        {
          messageId: 'missingTransactionOption',
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 34,
          suggestions: [
            {
              messageId: 'addTransaction',
              data: { handle: 't' },
              output: `${esm}
const Users = bookshelf.Collection.extend({ model: User });
export async function invite(names: string[]) {
  await bookshelf.transaction(async (t) => {
    const users = Users.forge();
    await users.create({ name: names[0] });
    await User.collection().fetch({ transacting: t });
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'collection helpers: `at()`, `first()`, `get()` and `forEach()` of `Model.collection()` give rows',
      code: `${esm}
export async function purge(id: number) {
  await bookshelf.transaction(async (t) => {
    const users = User.collection();
    await users.fetch({ transacting: t });
    await users.at(0).destroy();
    await users.first().destroy();
    await users.get(id).destroy();
    users.forEach((u) => u.destroy());
  });
}`,
      errors: [
        {
          messageId: 'missingTransactionOption',
          data: { call: 'users.at(0).destroy()', library: 'Bookshelf', property: 'transacting', position: 'first' },
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 30,
          suggestions: [
            {
              messageId: 'addTransaction',
              data: { handle: 't' },
              output: `${esm}
export async function purge(id: number) {
  await bookshelf.transaction(async (t) => {
    const users = User.collection();
    await users.fetch({ transacting: t });
    await users.at(0).destroy({ transacting: t });
    await users.first().destroy();
    await users.get(id).destroy();
    users.forEach((u) => u.destroy());
  });
}`,
            },
          ],
        },
        {
          messageId: 'missingTransactionOption',
          data: { call: 'users.first().destroy()', library: 'Bookshelf', property: 'transacting', position: 'first' },
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 32,
          suggestions: [
            {
              messageId: 'addTransaction',
              data: { handle: 't' },
              output: `${esm}
export async function purge(id: number) {
  await bookshelf.transaction(async (t) => {
    const users = User.collection();
    await users.fetch({ transacting: t });
    await users.at(0).destroy();
    await users.first().destroy({ transacting: t });
    await users.get(id).destroy();
    users.forEach((u) => u.destroy());
  });
}`,
            },
          ],
        },
        {
          messageId: 'missingTransactionOption',
          data: { call: 'users.get(id).destroy()', library: 'Bookshelf', property: 'transacting', position: 'first' },
          line: 11,
          column: 11,
          endLine: 11,
          endColumn: 32,
          suggestions: [
            {
              messageId: 'addTransaction',
              data: { handle: 't' },
              output: `${esm}
export async function purge(id: number) {
  await bookshelf.transaction(async (t) => {
    const users = User.collection();
    await users.fetch({ transacting: t });
    await users.at(0).destroy();
    await users.first().destroy();
    await users.get(id).destroy({ transacting: t });
    users.forEach((u) => u.destroy());
  });
}`,
            },
          ],
        },
        {
          messageId: 'missingTransactionOption',
          data: { call: 'u.destroy()', library: 'Bookshelf', property: 'transacting', position: 'first' },
          line: 12,
          column: 26,
          endLine: 12,
          endColumn: 35,
          suggestions: [
            {
              messageId: 'addTransaction',
              data: { handle: 't' },
              output: `${esm}
export async function purge(id: number) {
  await bookshelf.transaction(async (t) => {
    const users = User.collection();
    await users.fetch({ transacting: t });
    await users.at(0).destroy();
    await users.first().destroy();
    await users.get(id).destroy();
    users.forEach((u) => u.destroy({ transacting: t }));
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'region: const t = await bookshelf.transaction() … t.commit()',
      code: `${esm}
export async function remove(id: number) {
  const t = await bookshelf.transaction();
  await User.where({ id }).destroy();
  await t.commit();
}`,
      errors: [
        {
          messageId: 'missingTransactionOption',
          line: 7,
          column: 9,
          endLine: 7,
          endColumn: 35,
          suggestions: [
            {
              messageId: 'addTransaction',
              data: { handle: 't' },
              output: `${esm}
export async function remove(id: number) {
  const t = await bookshelf.transaction();
  await User.where({ id }).destroy({ transacting: t });
  await t.commit();
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a Bookshelf model inside a transaction of an injected Knex instance',
      code: `import Bookshelf from 'bookshelf';
import type { Knex } from 'knex';
export async function move(knex: Knex, id: number) {
  const bookshelf = Bookshelf(knex);
  const User = bookshelf.model('User', { tableName: 'users' });
  await knex.transaction(async (trx) => {
    await trx('audit').insert({ id });
    await User.where({ id }).fetchPage({ page: 1 });
  });
}`,
      errors: [
        {
          messageId: 'missingTransactionOption',
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 39,
          suggestions: [
            {
              messageId: 'addTransaction',
              data: { handle: 'trx' },
              output: `import Bookshelf from 'bookshelf';
import type { Knex } from 'knex';
export async function move(knex: Knex, id: number) {
  const bookshelf = Bookshelf(knex);
  const User = bookshelf.model('User', { tableName: 'users' });
  await knex.transaction(async (trx) => {
    await trx('audit').insert({ id });
    await User.where({ id }).fetchPage({ page: 1, transacting: trx });
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'values typed Bookshelf.Model / Bookshelf.Collection, and a relation’s attach()',
      code: `import Bookshelf from 'bookshelf';
import Knex from 'knex';
const bookshelf = Bookshelf(Knex({ client: 'pg' }));
export async function retag(post: Bookshelf.Model<any>, tags: Bookshelf.Collection<any>) {
  await bookshelf.transaction(async (t) => {
    await post.related('tags').attach([1, 2]);
    await tags.fetchOne({ require: false });
  });
}`,
      errors: [
        {
          messageId: 'missingTransactionOption',
          data: { call: "post.related('tags').attach()", library: 'Bookshelf', property: 'transacting', position: 'second' },
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 38,
          suggestions: [
            {
              messageId: 'addTransaction',
              data: { handle: 't' },
              output: `import Bookshelf from 'bookshelf';
import Knex from 'knex';
const bookshelf = Bookshelf(Knex({ client: 'pg' }));
export async function retag(post: Bookshelf.Model<any>, tags: Bookshelf.Collection<any>) {
  await bookshelf.transaction(async (t) => {
    await post.related('tags').attach([1, 2], { transacting: t });
    await tags.fetchOne({ require: false });
  });
}`,
            },
          ],
        },
        {
          messageId: 'missingTransactionOption',
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 24,
          suggestions: [
            {
              messageId: 'addTransaction',
              data: { handle: 't' },
              output: `import Bookshelf from 'bookshelf';
import Knex from 'knex';
const bookshelf = Bookshelf(Knex({ client: 'pg' }));
export async function retag(post: Bookshelf.Model<any>, tags: Bookshelf.Collection<any>) {
  await bookshelf.transaction(async (t) => {
    await post.related('tags').attach([1, 2]);
    await tags.fetchOne({ require: false, transacting: t });
  });
}`,
            },
          ],
        },
      ],
    },
  ],
});

ruleTester.run('no-outer-client-in-transaction (bookshelf)', noOuterClient, {
  valid: [
    {
      name: 'model queries are require-transaction-option’s; registry look-ups are no query',
      code: `${esm}
export async function save(id: number) {
  await bookshelf.transaction(async (t) => {
    const Post = bookshelf.model('Post');
    await User.forge({ id }).fetch();
    await Post.where({ userId: id }).destroy({ transacting: t });
  });
}`,
    },
    {
      name: 'the handle, bookshelf.knex bound by transacting(), and a savepoint on the handle',
      code: `${esm}
export async function save(id: number) {
  await bookshelf.transaction(async (t) => {
    await t('audit').insert({ id });
    await bookshelf.knex('audit').insert({ id }).transacting(t);
    await t.transaction(async (savepoint) => {
      await savepoint('users').where({ id }).update({ seen: true });
    });
  });
  await bookshelf.knex('audit').insert({ id });
}`,
    },
  ],
  invalid: [
    {
      name: 'bookshelf.knex inside the transaction',
      code: `${esm}
export async function save(id: number) {
  await bookshelf.transaction(async (t) => {
    await bookshelf.knex('audit').insert({ id });
    await bookshelf.knex.raw('select 1');
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          data: { library: 'Bookshelf', client: 'bookshelf', label: 'instance' },
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 25,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 't' },
              output: `${esm}
export async function save(id: number) {
  await bookshelf.transaction(async (t) => {
    await t('audit').insert({ id });
    await bookshelf.knex.raw('select 1');
  });
}`,
            },
          ],
        },
        {
          messageId: 'outerClient',
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 29,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 't' },
              output: `${esm}
export async function save(id: number) {
  await bookshelf.transaction(async (t) => {
    await bookshelf.knex('audit').insert({ id });
    await t.raw('select 1');
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a nested transaction opened on the outer instance',
      code: `${esm}
export async function save() {
  await bookshelf.transaction(async (t) => {
    await bookshelf.transaction(async (inner) => {
      await User.forge({ name: 'Ada' }).save(null, { transacting: inner });
    });
  });
}`,
      errors: [
        {
          messageId: 'nestedTransaction',
          data: {
            library: 'Bookshelf',
            client: 'bookshelf',
            handleHint: ' Run it on `t` (a savepoint) or inline it into this transaction.',
          },
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 32,
        },
      ],
    },
  ],
});

ruleTester.run('no-unrelated-await-in-transaction (bookshelf)', noUnrelatedAwait, {
  valid: [
    {
      name: 'only queries inside; the HTTP request before and after',
      code: `${esm}
export async function save(id: number) {
  const profile = await fetch('https://api.example.com/profile/' + id);
  await bookshelf.transaction(async (t) => {
    const user = await User.forge({ id }).fetch({ transacting: t });
    await Promise.all([user.save({ seen: true }, { transacting: t }), t('audit').insert({ id })]);
  });
  await fetch('https://hooks.example.com/saved');
  return profile;
}`,
    },
    {
      name: 'lookalike: a transaction() that is not Bookshelf’s',
      code: `const bookshelf = { transaction: async (fn: (t: object) => Promise<void>) => fn({}) };
export async function save() {
  await bookshelf.transaction(async (t) => {
    await fetch('https://api.example.com');
  });
}`,
    },
    {
      name: 'lookalike: a local transaction() helper that opens no database transaction',
      code: `${esm}
async function transaction(fn: (t: object) => Promise<void>) {
  await fn({});
}
export async function save(id: number) {
  await transaction(async (t) => {
    await User.forge({ id }).fetch();
    await fetch('https://api.example.com/users/' + id);
  });
}`,
    },
  ],
  invalid: [
    {
      name: 'fetch inside bookshelf.transaction(), moved before it',
      code: `${esm}
export async function save(id: number) {
  await bookshelf.transaction(async (t) => {
    await User.forge({ id }).save({ seen: true }, { transacting: t });
    await fetch('https://hooks.example.com/users/' + id, { method: 'POST' });
  });
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { what: 'an HTTP request (fetch)', library: 'Bookshelf' },
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 77,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `${esm}
export async function save(id: number) {
  await fetch('https://hooks.example.com/users/' + id, { method: 'POST' });
  await bookshelf.transaction(async (t) => {
    await User.forge({ id }).save({ seen: true }, { transacting: t });
  });
}`,
            },
            {
              messageId: 'moveAfterTransaction',
              output: `${esm}
export async function save(id: number) {
  await bookshelf.transaction(async (t) => {
    await User.forge({ id }).save({ seen: true }, { transacting: t });
  });
  await fetch('https://hooks.example.com/users/' + id, { method: 'POST' });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a local helper wrapping bookshelf.transaction()',
      code: `${esm}
function inTransaction<T>(fn: (t: unknown) => Promise<T>): Promise<T> {
  return bookshelf.transaction(fn);
}
export async function save(id: number) {
  await inTransaction(async (t) => {
    await User.forge({ id }).save({ seen: true }, { transacting: t });
    await fetch('https://hooks.example.com/users/' + id);
  });
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { what: 'an HTTP request (fetch)', library: 'Bookshelf' },
          line: 11,
          column: 5,
          endLine: 11,
          endColumn: 57,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `${esm}
function inTransaction<T>(fn: (t: unknown) => Promise<T>): Promise<T> {
  return bookshelf.transaction(fn);
}
export async function save(id: number) {
  await fetch('https://hooks.example.com/users/' + id);
  await inTransaction(async (t) => {
    await User.forge({ id }).save({ seen: true }, { transacting: t });
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'CommonJS region: a sleep between bookshelf.transaction() and commit()',
      code: `const knex = require('knex')({ client: 'pg' });
const bookshelf = require('bookshelf')(knex);
const { setTimeout: sleep } = require('node:timers/promises');
async function retry(User, id) {
  const t = await bookshelf.transaction();
  await User.forge({ id }).save(null, { transacting: t });
  await sleep(1000);
  await t.commit();
}
module.exports = { retry };`,
      filename: 'retry.cjs',
      errors: [{ messageId: 'unrelatedAwait', line: 7, column: 3, endLine: 7, endColumn: 20, suggestions: [] }],
    },
  ],
});

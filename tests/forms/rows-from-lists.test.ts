/**
 * Rows taken out of query results with array methods inside a transaction are still rows:
 * `books.find()`, `findLast()`, `filter()[0]`, `at()`, indexes (`books[i]`,
 * `books[books.length - 1]`), destructuring, `map((b) => b)`, `slice()`, `for...of` and
 * `forEach()` callbacks, and the helpers of a Bookshelf collection (`users.at(0)`, `first()`,
 * `get(id)`, `forEach()`). Their instance methods without the
 * transaction run outside it (Sequelize `{ transaction: t }`, Bookshelf `{ transacting: t }`,
 * TypeORM active record on the default connection). The same methods on plain arrays, a Map, or
 * rows used after the transaction ended are not reported.
 */
import requireTransactionOption from '../../rules/require-transaction-option.js';
import { untypedTester } from '../rule-tester.js';

const ruleTester = untypedTester();

ruleTester.run('require-transaction-option: rows taken out of query results with array methods', requireTransactionOption, {
  valid: [
    {
      name: 'every row method given { transaction: t }',
      code: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f(id: number) {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    await books.find((b) => b.get('id') === id)?.decrement('stock', { transaction: t });
    await books.findLast((b) => b.get('id') === id)?.increment('stock', { by: 2, transaction: t });
    await books.filter((b) => b.get('stock') === 0)[0]?.destroy({ transaction: t });
    await books.at(0)?.save({ transaction: t });
    await books.at(-1)!.reload({ transaction: t });
    const [first] = books;
    await first.update({ title: 'x' }, { transaction: t });
    const [a] = books.map((b) => b);
    await a.save({ transaction: t });
    await books.slice(1)[0].destroy({ transaction: t });
    for (const b of books.filter((x) => x.get('stock') === 0)) await b.destroy({ transaction: t });
    books.forEach((b) => b.save({ transaction: t }));
  });
}`,
    },
    {
      name: 'callback parameters typed any, with { transaction: t }',
      code: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f(id: number) {
  await sequelize.transaction(async (t: any) => {
    const books = await Book.findAll({ transaction: t });
    const book = books.find((b: any) => b.id === id);
    await book.decrement('stock', { by: 1, transaction: t });
  });
}`,
    },
    {
      name: 'the same array methods on a plain array of objects with save() and destroy()',
      code: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
interface Draft { id: number; save(): Promise<void>; destroy(): Promise<void> }
export async function f(drafts: Draft[], id: number) {
  const local = [{ id: 1, async save() {}, async destroy() {} }];
  await sequelize.transaction(async (t) => {
    await Book.count({ transaction: t });
    await drafts.find((d) => d.id === id)?.save();
    await drafts.filter((d) => d.id > 1)[0]?.destroy();
    await drafts.at(-1)?.save();
    const [first] = drafts;
    await first?.destroy();
    for (const d of drafts.filter((x) => x.id)) await d.save();
    drafts.forEach((d) => d.save());
    await local.find((d) => d.id === id)?.save();
    const [a] = local.map((d) => d);
    await a?.destroy();
  });
}`,
    },
    {
      name: 'a Map’s get() result',
      code: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f(id: number) {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    const drafts = new Map<number, { save(): Promise<void> }>();
    await drafts.get(id)?.save();
    const cache = new Map();
    await cache.get(id).destroy();
    await books.at(0)?.save({ transaction: t });
  });
}`,
    },
    {
      name: 'rows used after the managed transaction returned them',
      code: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f(id: number) {
  const books = await sequelize.transaction(async (t) => {
    return Book.findAll({ transaction: t });
  });
  await books.find((b) => b.get('id') === id)?.save();
  const [first] = books;
  await first?.reload();
  books.forEach((b) => b.destroy());
}`,
    },
    {
      name: 'rows assigned inside the transaction, used after it',
      code: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f() {
  let books: Book[] = [];
  await sequelize.transaction(async (t) => {
    books = await Book.findAll({ transaction: t });
  });
  await books.at(0)?.save();
}`,
    },
    {
      name: 'rows used after commit() of an unmanaged transaction',
      code: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f(id: number) {
  const t = await sequelize.transaction();
  const books = await Book.findAll({ transaction: t });
  await t.commit();
  await books.at(0)?.save();
  await books.find((b) => b.get('id') === id)?.destroy();
  const [first] = books;
  await first?.reload();
}`,
    },
    {
      name: 'books.map((b) => b.title) destructured is not a row',
      code: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f() {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    const [title] = books.map((b) => b.title);
    await title.save();
    const [n] = books.map((b) => b.get('stock'));
    n.update();
    const ids = books.map((b) => ({ id: b.id, save: () => Promise.resolve() }));
    await ids[0].save();
  });
}`,
    },
    {
      name: 'a local Book class with findAll(), save() and destroy()',
      code: `import { Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book {
  static async findAll(_o: unknown) {
    return [new Book()];
  }
  async save() {}
  async destroy() {}
}
export async function f() {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    await books.find(Boolean)?.save();
    await books.at(0)?.destroy();
    const [first] = books;
    await first?.save();
  });
}`,
    },
    {
      name: 'CommonJS: rows carrying the transaction',
      code: `const { Model, Sequelize } = require('sequelize');
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
async function f(id) {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    await books.find((b) => b.id === id).reload({ transaction: t });
    const [first] = books;
    await first.destroy({ transaction: t });
  });
}
module.exports = { f };`,
    },
    {
      name: 'TypeORM: active-record rows from a list outside any transaction',
      code: `import { BaseEntity, DataSource, Entity } from 'typeorm';
@Entity()
class User extends BaseEntity {
  id!: number;
}
const dataSource = new DataSource({ type: 'postgres' });
export async function f(id: number) {
  const all = await User.find();
  await all.find((u) => u.id === id)?.save();
  const [first] = all;
  await first?.remove();
  await dataSource.transaction(async (manager) => {
    await manager.save(all);
  });
}`,
    },
    {
      name: 'TypeORM: rows of a list written through the transaction’s manager',
      code: `import { BaseEntity, DataSource, Entity } from 'typeorm';
@Entity()
class User extends BaseEntity {
  id!: number;
}
const dataSource = new DataSource({ type: 'postgres' });
export async function f(id: number) {
  await dataSource.transaction(async (manager) => {
    const all = await manager.getRepository(User).find();
    const user = all.find((u) => u.id === id);
    if (user) await manager.remove(user);
    await manager.save(all.slice(1));
  });
}`,
    },
    {
      name: 'Bookshelf: rows of collection.models given { transacting: t }',
      code: `import Bookshelf from 'bookshelf';
import Knex from 'knex';
const bookshelf = Bookshelf(Knex({ client: 'pg' }));
const User = bookshelf.model('User', { tableName: 'users' });
export async function f(id: number) {
  await bookshelf.transaction(async (t) => {
    const users = await User.fetchAll({ transacting: t });
    await users.models.find((u) => u.id === id)?.destroy({ transacting: t });
    await users.models.at(0)?.save(null, { transacting: t });
    const [first] = users.models;
    await first?.refresh({ transacting: t });
  });
}`,
    },
    {
      name: 'rows taken by index (`books[i]`, `books[books.length - 1]`) given { transaction: t }',
      code: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f() {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    for (let i = 0; i < books.length; i++) {
      await books[i].save({ transaction: t });
    }
    await books[books.length - 1].save({ transaction: t });
  });
}`,
    },
    {
      name: 'a plain array indexed by a loop counter and by `length - 1`',
      code: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
interface Draft { id: number; save(): Promise<void> }
export async function f(drafts: Draft[]) {
  await sequelize.transaction(async (t) => {
    await Book.count({ transaction: t });
    for (let i = 0; i < drafts.length; i++) await drafts[i].save();
    await drafts[drafts.length - 1].save();
  });
}`,
    },
    {
      name: 'Bookshelf: collection helpers `at()`, `first()`, `get()`, `forEach()` given { transacting: t }',
      code: `import Bookshelf from 'bookshelf';
import Knex from 'knex';
const bookshelf = Bookshelf(Knex({ client: 'pg' }));
const User = bookshelf.model('User', { tableName: 'users' });
export async function f(id: number) {
  await bookshelf.transaction(async (t) => {
    const users = await User.fetchAll({ transacting: t });
    await users.at(0).destroy({ transacting: t });
    await users.first().destroy({ transacting: t });
    await users.get(id).destroy({ transacting: t });
    users.forEach((u) => u.destroy({ transacting: t }));
  });
}`,
    },
    {
      name: 'lookalike: `first()` and `get()` of a Backbone collection',
      code: `import Bookshelf from 'bookshelf';
import Knex from 'knex';
import Backbone from 'backbone';
const bookshelf = Bookshelf(Knex({ client: 'pg' }));
const User = bookshelf.model('User', { tableName: 'users' });
const Todos = Backbone.Collection.extend({ url: '/todos' });
export async function f(id: number) {
  await bookshelf.transaction(async (t) => {
    await User.count({ transacting: t });
    const todos = new Todos();
    await todos.first().destroy();
    await todos.get(id).destroy();
  });
}`,
    },
  ],
  invalid: [
    {
      name: 'books.find() then decrement()',
      code: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f(id: number) {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    await books.find((b) => b.get('id') === id)?.decrement('stock');
  });
}`,
      errors: [
        {
          messageId: 'missingTransactionOption', line: 7, column: 11, endLine: 7, endColumn: 59,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f(id: number) {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    await books.find((b) => b.get('id') === id)?.decrement('stock', { transaction: t });
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'books.findLast() then increment() with options',
      code: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f(id: number) {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    await books.findLast((b) => b.get('id') === id)?.increment('stock', { by: 2 });
  });
}`,
      errors: [
        {
          messageId: 'missingTransactionOption', line: 7, column: 11, endLine: 7, endColumn: 63,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f(id: number) {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    await books.findLast((b) => b.get('id') === id)?.increment('stock', { by: 2, transaction: t });
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'books.filter()[0] then destroy()',
      code: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f() {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    await books.filter((b) => b.get('stock') === 0)[0]?.destroy();
  });
}`,
      errors: [
        {
          messageId: 'missingTransactionOption', line: 7, column: 11, endLine: 7, endColumn: 64,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f() {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    await books.filter((b) => b.get('stock') === 0)[0]?.destroy({ transaction: t });
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'books.at(0) then save()',
      code: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f() {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    await books.at(0)?.save();
  });
}`,
      errors: [
        {
          messageId: 'missingTransactionOption', line: 7, column: 11, endLine: 7, endColumn: 28,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f() {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    await books.at(0)?.save({ transaction: t });
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'books.at(-1)! then reload()',
      code: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f() {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    await books.at(-1)!.reload();
  });
}`,
      errors: [
        {
          messageId: 'missingTransactionOption', line: 7, column: 11, endLine: 7, endColumn: 31,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f() {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    await books.at(-1)!.reload({ transaction: t });
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'const [first] = books, and the first of books.map((b) => b)',
      code: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f() {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    const [first] = books;
    await first.save();
    const [a] = books.map((b) => b);
    await a.update({ title: 'x' });
  });
}`,
      errors: [
        {
          messageId: 'missingTransactionOption', line: 8, column: 11, endLine: 8, endColumn: 21,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f() {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    const [first] = books;
    await first.save({ transaction: t });
    const [a] = books.map((b) => b);
    await a.update({ title: 'x' });
  });
}`,
            },
          ],
        },
        {
          messageId: 'missingTransactionOption', line: 10, column: 11, endLine: 10, endColumn: 19,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f() {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    const [first] = books;
    await first.save();
    const [a] = books.map((b) => b);
    await a.update({ title: 'x' }, { transaction: t });
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'books.slice(1)[0] then destroy() with options',
      code: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f() {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    await books.slice(1)[0].destroy({ force: true });
  });
}`,
      errors: [
        {
          messageId: 'missingTransactionOption', line: 7, column: 11, endLine: 7, endColumn: 36,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f() {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    await books.slice(1)[0].destroy({ force: true, transaction: t });
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'for...of over books.filter(), and the forEach callback’s parameter',
      code: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f() {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    for (const b of books.filter((x) => x.get('stock') === 0)) {
      await b.destroy();
    }
    books.forEach((b) => b.save());
  });
}`,
      errors: [
        {
          messageId: 'missingTransactionOption', line: 8, column: 13, endLine: 8, endColumn: 22,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f() {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    for (const b of books.filter((x) => x.get('stock') === 0)) {
      await b.destroy({ transaction: t });
    }
    books.forEach((b) => b.save());
  });
}`,
            },
          ],
        },
        {
          messageId: 'missingTransactionOption', line: 10, column: 26, endLine: 10, endColumn: 32,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f() {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    for (const b of books.filter((x) => x.get('stock') === 0)) {
      await b.destroy();
    }
    books.forEach((b) => b.save({ transaction: t }));
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'Promise.all over books.map((b) => b.save())',
      code: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f() {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    await Promise.all(books.map((b) => b.save()));
  });
}`,
      errors: [
        {
          messageId: 'missingTransactionOption', line: 7, column: 40, endLine: 7, endColumn: 46,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f() {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    await Promise.all(books.map((b) => b.save({ transaction: t })));
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'books.find((b: any) => ...): a callback parameter typed any',
      code: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f(id: number) {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    const book = books.find((b: any) => b.id === id);
    await book.decrement('stock', { by: 1 });
  });
}`,
      errors: [
        {
          messageId: 'missingTransactionOption', line: 8, column: 11, endLine: 8, endColumn: 25,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f(id: number) {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    const book = books.find((b: any) => b.id === id);
    await book.decrement('stock', { by: 1, transaction: t });
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'the transaction callback’s parameter typed any',
      code: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f(id: number) {
  await sequelize.transaction(async (t: any) => {
    const books = await Book.findAll({ transaction: t });
    const book = books.find((b) => b.get('id') === id);
    await book?.increment('stock');
  });
}`,
      errors: [
        {
          messageId: 'missingTransactionOption', line: 8, column: 11, endLine: 8, endColumn: 26,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f(id: number) {
  await sequelize.transaction(async (t: any) => {
    const books = await Book.findAll({ transaction: t });
    const book = books.find((b) => b.get('id') === id);
    await book?.increment('stock', { transaction: t });
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'an unmanaged transaction: books.find() before commit()',
      code: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f(id: number) {
  const t = await sequelize.transaction();
  try {
    const books = await Book.findAll({ transaction: t, lock: t.LOCK.UPDATE });
    await books.find((b) => b.get('id') === id)?.decrement('stock');
    await t.commit();
  } catch (e) {
    await t.rollback();
    throw e;
  }
}`,
      errors: [
        {
          messageId: 'missingTransactionOption', line: 8, column: 11, endLine: 8, endColumn: 59,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f(id: number) {
  const t = await sequelize.transaction();
  try {
    const books = await Book.findAll({ transaction: t, lock: t.LOCK.UPDATE });
    await books.find((b) => b.get('id') === id)?.decrement('stock', { transaction: t });
    await t.commit();
  } catch (e) {
    await t.rollback();
    throw e;
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'CommonJS: a found row’s reload() and books.at(0).save() with options',
      code: `const { Model, Sequelize } = require('sequelize');
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
async function f(id) {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    const book = books.find((b) => b.id === id);
    await book.reload();
    await books.at(0).save({ fields: ['title'] });
  });
}
module.exports = { f };`,
      errors: [
        {
          messageId: 'missingTransactionOption', line: 8, column: 11, endLine: 8, endColumn: 22,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `const { Model, Sequelize } = require('sequelize');
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
async function f(id) {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    const book = books.find((b) => b.id === id);
    await book.reload({ transaction: t });
    await books.at(0).save({ fields: ['title'] });
  });
}
module.exports = { f };`,
            },
          ],
        },
        {
          messageId: 'missingTransactionOption', line: 9, column: 11, endLine: 9, endColumn: 27,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `const { Model, Sequelize } = require('sequelize');
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
async function f(id) {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    const book = books.find((b) => b.id === id);
    await book.reload();
    await books.at(0).save({ fields: ['title'], transaction: t });
  });
}
module.exports = { f };`,
            },
          ],
        },
      ],
    },
    {
      name: 'CommonJS: Sequelize.Model of the default require, books.findLast() then update()',
      code: `const Sequelize = require('sequelize');
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Sequelize.Model {}
async function f(id) {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    await books.findLast((b) => b.id === id).update({ stock: 0 });
  });
}
module.exports = { f };`,
      errors: [
        {
          messageId: 'missingTransactionOption', line: 7, column: 11, endLine: 7, endColumn: 52,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `const Sequelize = require('sequelize');
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Sequelize.Model {}
async function f(id) {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    await books.findLast((b) => b.id === id).update({ stock: 0 }, { transaction: t });
  });
}
module.exports = { f };`,
            },
          ],
        },
      ],
    },
    {
      name: 'sequelize-typescript, the handle named transaction',
      code: `import { Model, Sequelize, Table } from 'sequelize-typescript';
const sequelize = new Sequelize({ dialect: 'postgres' });
@Table
class Book extends Model {}
export async function f(id: number) {
  await sequelize.transaction(async (transaction) => {
    const books = await Book.findAll({ where: { id }, transaction });
    await books.find((b) => b.id === id)?.update({ stock: 0 });
  });
}`,
      errors: [
        {
          messageId: 'missingTransactionOption', line: 8, column: 11, endLine: 8, endColumn: 49,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 'transaction' },
              output: `import { Model, Sequelize, Table } from 'sequelize-typescript';
const sequelize = new Sequelize({ dialect: 'postgres' });
@Table
class Book extends Model {}
export async function f(id: number) {
  await sequelize.transaction(async (transaction) => {
    const books = await Book.findAll({ where: { id }, transaction });
    await books.find((b) => b.id === id)?.update({ stock: 0 }, { transaction: transaction });
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'sorted and reversed copies',
      code: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f() {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    await books.sort((x, y) => x.id - y.id)[0]?.reload();
    await books.toReversed()[0]?.save();
  });
}`,
      errors: [
        {
          messageId: 'missingTransactionOption', line: 7, column: 11, endLine: 7, endColumn: 55,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f() {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    await books.sort((x, y) => x.id - y.id)[0]?.reload({ transaction: t });
    await books.toReversed()[0]?.save();
  });
}`,
            },
          ],
        },
        {
          messageId: 'missingTransactionOption', line: 8, column: 11, endLine: 8, endColumn: 38,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f() {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    await books.sort((x, y) => x.id - y.id)[0]?.reload();
    await books.toReversed()[0]?.save({ transaction: t });
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'TypeORM: active-record rows taken from User.find() with find(), filter().at() and for...of',
      code: `import { BaseEntity, DataSource, Entity } from 'typeorm';
@Entity()
class User extends BaseEntity {
  id!: number;
}
const dataSource = new DataSource({ type: 'postgres' });
export async function f(id: number) {
  await dataSource.transaction(async (manager) => {
    const all = await User.find();
    await all.find((u) => u.id === id)?.save();
    await all.filter((u) => u.id > 1).at(0)?.remove();
    for (const u of all.filter((x) => x.id)) await u.reload();
  });
}`,
      errors: [
        {
          messageId: 'queryOutsideHandle', line: 9, column: 23, endLine: 9, endColumn: 32,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'manager.getRepository(User)' },
              output: `import { BaseEntity, DataSource, Entity } from 'typeorm';
@Entity()
class User extends BaseEntity {
  id!: number;
}
const dataSource = new DataSource({ type: 'postgres' });
export async function f(id: number) {
  await dataSource.transaction(async (manager) => {
    const all = await manager.getRepository(User).find();
    await all.find((u) => u.id === id)?.save();
    await all.filter((u) => u.id > 1).at(0)?.remove();
    for (const u of all.filter((x) => x.id)) await u.reload();
  });
}`,
            },
          ],
        },
        { messageId: 'queryOutsideHandle', line: 10, column: 11, endLine: 10, endColumn: 45, suggestions: [] },
        { messageId: 'queryOutsideHandle', line: 11, column: 11, endLine: 11, endColumn: 52, suggestions: [] },
        { messageId: 'queryOutsideHandle', line: 12, column: 52, endLine: 12, endColumn: 60, suggestions: [] },
      ],
    },
    {
      name: 'TypeORM CommonJS: users.find() then remove()',
      code: `const { BaseEntity, DataSource } = require('typeorm');
class User extends BaseEntity {}
const dataSource = new DataSource({ type: 'postgres' });
async function f(id) {
  await dataSource.transaction(async (manager) => {
    const users = await User.findBy({ active: true });
    await users.find((u) => u.id === id).remove();
  });
}`,
      errors: [
        {
          messageId: 'queryOutsideHandle', line: 6, column: 25, endLine: 6, endColumn: 36,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'manager.getRepository(User)' },
              output: `const { BaseEntity, DataSource } = require('typeorm');
class User extends BaseEntity {}
const dataSource = new DataSource({ type: 'postgres' });
async function f(id) {
  await dataSource.transaction(async (manager) => {
    const users = await manager.getRepository(User).findBy({ active: true });
    await users.find((u) => u.id === id).remove();
  });
}`,
            },
          ],
        },
        { messageId: 'queryOutsideHandle', line: 7, column: 11, endLine: 7, endColumn: 48, suggestions: [] },
      ],
    },
    {
      name: 'Bookshelf: rows of collection.models taken with find(), at(), filter()[0] and destructuring',
      code: `import Bookshelf from 'bookshelf';
import Knex from 'knex';
const bookshelf = Bookshelf(Knex({ client: 'pg' }));
const User = bookshelf.model('User', { tableName: 'users' });
export async function f(id: number) {
  await bookshelf.transaction(async (t) => {
    const users = await User.fetchAll({ transacting: t });
    await users.models.find((u) => u.id === id)?.destroy();
    await users.models.at(0)?.save();
    await users.models.filter((u) => u.id)[0]?.refresh();
    const [first] = users.models;
    await first.destroy();
  });
}`,
      errors: [
        {
          messageId: 'missingTransactionOption', line: 8, column: 11, endLine: 8, endColumn: 57,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `import Bookshelf from 'bookshelf';
import Knex from 'knex';
const bookshelf = Bookshelf(Knex({ client: 'pg' }));
const User = bookshelf.model('User', { tableName: 'users' });
export async function f(id: number) {
  await bookshelf.transaction(async (t) => {
    const users = await User.fetchAll({ transacting: t });
    await users.models.find((u) => u.id === id)?.destroy({ transacting: t });
    await users.models.at(0)?.save();
    await users.models.filter((u) => u.id)[0]?.refresh();
    const [first] = users.models;
    await first.destroy();
  });
}`,
            },
          ],
        },
        { messageId: 'missingTransactionOption', line: 9, column: 11, endLine: 9, endColumn: 35, suggestions: [] },
        {
          messageId: 'missingTransactionOption', line: 10, column: 11, endLine: 10, endColumn: 55,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `import Bookshelf from 'bookshelf';
import Knex from 'knex';
const bookshelf = Bookshelf(Knex({ client: 'pg' }));
const User = bookshelf.model('User', { tableName: 'users' });
export async function f(id: number) {
  await bookshelf.transaction(async (t) => {
    const users = await User.fetchAll({ transacting: t });
    await users.models.find((u) => u.id === id)?.destroy();
    await users.models.at(0)?.save();
    await users.models.filter((u) => u.id)[0]?.refresh({ transacting: t });
    const [first] = users.models;
    await first.destroy();
  });
}`,
            },
          ],
        },
        {
          messageId: 'missingTransactionOption', line: 12, column: 11, endLine: 12, endColumn: 24,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `import Bookshelf from 'bookshelf';
import Knex from 'knex';
const bookshelf = Bookshelf(Knex({ client: 'pg' }));
const User = bookshelf.model('User', { tableName: 'users' });
export async function f(id: number) {
  await bookshelf.transaction(async (t) => {
    const users = await User.fetchAll({ transacting: t });
    await users.models.find((u) => u.id === id)?.destroy();
    await users.models.at(0)?.save();
    await users.models.filter((u) => u.id)[0]?.refresh();
    const [first] = users.models;
    await first.destroy({ transacting: t });
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'rows taken by index: `books[i]` in a counting loop and `books[books.length - 1]`',
      code: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f() {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    for (let i = 0; i < books.length; i++) {
      await books[i].save();
    }
    await books[books.length - 1].save();
  });
}`,
      errors: [
        {
          messageId: 'missingTransactionOption',
          data: { call: 'books[i].save()', library: 'Sequelize', property: 'transaction', position: 'first' },
          line: 8,
          column: 13,
          endLine: 8,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f() {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    for (let i = 0; i < books.length; i++) {
      await books[i].save({ transaction: t });
    }
    await books[books.length - 1].save();
  });
}`,
            },
          ],
        },
        {
          messageId: 'missingTransactionOption',
          data: { call: 'books[books.length - 1].save()', library: 'Sequelize', property: 'transaction', position: 'first' },
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 39,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Book extends Model {}
export async function f() {
  await sequelize.transaction(async (t) => {
    const books = await Book.findAll({ transaction: t });
    for (let i = 0; i < books.length; i++) {
      await books[i].save();
    }
    await books[books.length - 1].save({ transaction: t });
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'Bookshelf: a fetched collection’s `at()`, `first()`, `get()` and `forEach()` give rows',
      code: `import Bookshelf from 'bookshelf';
import Knex from 'knex';
const bookshelf = Bookshelf(Knex({ client: 'pg' }));
const User = bookshelf.model('User', { tableName: 'users' });
export async function f(id: number) {
  await bookshelf.transaction(async (t) => {
    const users = await User.fetchAll({ transacting: t });
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
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 30,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `import Bookshelf from 'bookshelf';
import Knex from 'knex';
const bookshelf = Bookshelf(Knex({ client: 'pg' }));
const User = bookshelf.model('User', { tableName: 'users' });
export async function f(id: number) {
  await bookshelf.transaction(async (t) => {
    const users = await User.fetchAll({ transacting: t });
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
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 32,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `import Bookshelf from 'bookshelf';
import Knex from 'knex';
const bookshelf = Bookshelf(Knex({ client: 'pg' }));
const User = bookshelf.model('User', { tableName: 'users' });
export async function f(id: number) {
  await bookshelf.transaction(async (t) => {
    const users = await User.fetchAll({ transacting: t });
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
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 32,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `import Bookshelf from 'bookshelf';
import Knex from 'knex';
const bookshelf = Bookshelf(Knex({ client: 'pg' }));
const User = bookshelf.model('User', { tableName: 'users' });
export async function f(id: number) {
  await bookshelf.transaction(async (t) => {
    const users = await User.fetchAll({ transacting: t });
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
          line: 11,
          column: 26,
          endLine: 11,
          endColumn: 35,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `import Bookshelf from 'bookshelf';
import Knex from 'knex';
const bookshelf = Bookshelf(Knex({ client: 'pg' }));
const User = bookshelf.model('User', { tableName: 'users' });
export async function f(id: number) {
  await bookshelf.transaction(async (t) => {
    const users = await User.fetchAll({ transacting: t });
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
  ],
});

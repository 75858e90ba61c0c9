/**
 * Builders that are values, not queries: a raw fragment or a subquery built on the outer client
 * and passed into a query on the transaction handle is compiled into that query and runs with it,
 * on the transaction's connection. Only a builder that is executed by itself (awaited, `.then`,
 * returned as the callback's result, handed to `Promise.all`, run with `.execute()`) escapes the
 * transaction.
 */
import noOuterClient from '../../rules/no-outer-client-in-transaction.js';
import noUnrelatedAwait from '../../rules/no-unrelated-await-in-transaction.js';
import requireTransactionOption from '../../rules/require-transaction-option.js';
import { untypedTester } from '../rule-tester.js';

const ruleTester = untypedTester();

/** Silent for every transaction rule. */
const builderValues = [
  {
    name: 'knex: `knex.raw()` as a value in `update()`',
    code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function buy(id: number) {
  await knex.transaction(async (trx) => {
    await trx('books').where({ id }).update({ stock: knex.raw('stock - 1') });
  });
}`,
  },
  {
    name: 'knex: a subquery on the outer client in `whereIn()`, returned through the handle',
    code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function byAuthor(name: string) {
  return knex.transaction(async (trx) => {
    return trx('books').whereIn('author_id', knex('authors').select('id').where({ name }));
  });
}`,
  },
  {
    name: 'knex: `knex.raw()` with bindings in `where()`, then `.first()`',
    code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function one() {
  await knex.transaction(async (trx) => {
    const book = await trx('books').where('id', knex.raw('?', [1])).first();
    return book;
  });
}`,
  },
  {
    name: 'knex: INSERT … SELECT with the outer builder as the source',
    code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function copy() {
  await knex.transaction(async (trx) => {
    await trx('t').insert(knex('x').select('a'));
  });
}`,
  },
  {
    name: 'knex: builders inside arrays, conditionals, spreads and casts among the arguments',
    code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function run(flag: boolean) {
  await knex.transaction(async (trx) => {
    await trx('t').insert([{ a: knex.raw('now()') }, { a: flag ? knex.raw('1') : knex.raw('2') }]);
    await trx('t').whereIn('id', flag ? knex('x').select('id') : knex('y').select('id')).del();
    await trx('t').update({ ...{ b: knex.raw('b + 1') } } as object);
    await trx('t').whereIn('id', [knex.raw('1'), knex.raw('2')]);
  });
}`,
  },
  {
    name: 'knex: named import, raw and subquery in one chain',
    code: `import { knex } from 'knex';
const pg = knex({ client: 'pg' });
export async function run(name: string) {
  await pg.transaction(async (trx) => {
    await trx('books')
      .update({ stock: pg.raw('stock - 1') })
      .whereIn('author_id', pg('authors').select('id').where({ name }));
  });
}`,
  },
  {
    name: 'knex: `whereExists()`, `from()` with an aliased subquery, `union()` and `with()`',
    code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function run() {
  await knex.transaction(async (trx) => {
    await trx('books').whereExists(knex('authors').whereRaw('authors.id = books.author_id')).del();
    await trx.select('*').from(knex('books').select('id').as('b'));
    await trx('a').union([knex('b').select('id')]);
    await trx.with('w', knex('books').select('id')).select('*').from('w');
  });
}`,
  },
  {
    name: 'knex CommonJS: raw and INSERT … SELECT',
    code: `const knex = require('knex')({ client: 'pg' });
module.exports = async function buy(id) {
  await knex.transaction(async (trx) => {
    await trx('books').where({ id }).update({ stock: knex.raw('stock - 1') });
    await trx('t').insert(knex('x').select('a'));
  });
};`,
    filename: 'buy.cjs',
  },
  {
    name: 'Kysely: `sql` fragments and an outer subquery in `where(…, "in", …)`',
    code: `import { Kysely, PostgresDialect, sql } from 'kysely';
import { Pool } from 'pg';
const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool() }) });
export async function run(name: string) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('books').set({ stock: sql\`stock - 1\` }).where('id', '=', 1).execute();
    return trx
      .selectFrom('books')
      .selectAll()
      .where('author_id', 'in', db.selectFrom('authors').select('id').where('name', '=', name))
      .execute();
  });
}`,
  },
  {
    name: 'Kysely: `sql` in values and selections, an INSERT … SELECT expression and a from-subquery',
    code: `import { Kysely, PostgresDialect, sql } from 'kysely';
import { Pool } from 'pg';
const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool() }) });
export async function run() {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('log').values({ at: sql\`now()\`, n: sql<number>\`1\` }).execute();
    await trx.selectFrom('t').select(sql<string>\`lower(name)\`.as('n')).execute();
    await trx.insertInto('archive').columns(['id']).expression(db.selectFrom('books').select('id')).execute();
    await trx.selectFrom([db.selectFrom('a').select('x').as('a'), 'b']).selectAll().execute();
  });
}`,
  },
  {
    name: 'Kysely CommonJS: `sql` and an outer subquery',
    code: `const { Kysely, PostgresDialect, sql } = require('kysely');
const { Pool } = require('pg');
const db = new Kysely({ dialect: new PostgresDialect({ pool: new Pool() }) });
async function run() {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('books').set({ stock: sql\`stock - 1\` }).execute();
    await trx.deleteFrom('books').where('author_id', 'in', db.selectFrom('authors').select('id')).execute();
  });
}
module.exports = { run };`,
    filename: 'run.js',
  },
  {
    name: 'Drizzle: `sql` fragments and an outer subquery `.as("sq")` in `tx.select().from()`',
    code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { sql, eq } from 'drizzle-orm';
import { authors, books } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function run() {
  await db.transaction(async (tx) => {
    await tx.update(books).set({ stock: sql\`\${books.stock} - 1\` }).where(eq(books.id, 1));
    await tx.select({ n: sql<number>\`count(*)\` }).from(authors);
    return tx.select().from(db.select().from(authors).as('sq'));
  });
}`,
  },
  {
    name: 'Drizzle: `sql` in relational query extras',
    code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { sql } from 'drizzle-orm';
import * as schema from './schema';
const db = drizzle(process.env.DATABASE_URL!, { schema });
export async function run() {
  await db.transaction(async (tx) => {
    await tx.query.books.findMany({ extras: { lower: sql\`lower(\${schema.books.title})\`.as('lower') } });
  });
}`,
  },
  {
    name: 'Objection: `Animal.query()` as a subquery of `Person.query(trx)`',
    code: `import { Model } from 'objection';
class Person extends Model {}
class Animal extends Model {}
export async function run() {
  await Person.transaction(async (trx) => {
    return Person.query(trx).whereIn('id', Animal.query().select('ownerId'));
  });
}`,
  },
  {
    name: 'Objection: a raw value in `patch()`, a filtered subquery and a `relatedQuery()` in `whereExists()`',
    code: `import { Model } from 'objection';
class Person extends Model {}
class Animal extends Model {}
export async function run() {
  await Model.transaction(async (trx) => {
    await Person.query(trx)
      .patch({ age: Person.raw('age + 1') })
      .whereIn('id', Animal.query().select('ownerId').where('species', 'dog'));
    await Person.query(trx).whereExists(Person.relatedQuery('pets'));
  });
}`,
  },
  {
    name: 'Sequelize: `sequelize.literal/fn/col/where` inside options of queries that carry `{ transaction: t }`',
    code: `import { Sequelize, Model } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/db');
class Book extends Model {}
export async function run(id: number) {
  await sequelize.transaction(async (t) => {
    await Book.update({ stock: sequelize.literal('stock - 1') }, { where: { id }, transaction: t });
    await Book.findAll({
      attributes: [[sequelize.fn('COUNT', sequelize.col('id')), 'n']],
      where: sequelize.where(sequelize.fn('lower', sequelize.col('title')), 'x'),
      transaction: t,
    });
    await Book.increment({ stock: 1 }, { where: { id: sequelize.literal('(select 1)') }, transaction: t });
  });
}`,
  },
  {
    name: 'Sequelize CommonJS: static `Sequelize.literal()` and `Sequelize.fn()`',
    code: `const { Sequelize, Model } = require('sequelize');
const sequelize = new Sequelize('postgres://localhost/db');
class Book extends Model {}
async function run(id) {
  await sequelize.transaction(async (t) => {
    await Book.update({ stock: Sequelize.literal('stock - 1') }, { where: { id }, transaction: t });
    await Book.findOne({ order: [[Sequelize.fn('random')]], transaction: t });
  });
}
module.exports = { run };`,
    filename: 'run.cjs',
  },
  {
    name: 'TypeORM: `manager.withRepository(dataSource.getRepository(User))`',
    code: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function run(id: number) {
  await dataSource.transaction(async (manager) => {
    await manager.withRepository(dataSource.getRepository(User)).update(id, { name: 'x' });
    const users = manager.withRepository(dataSource.getRepository(User));
    await users.delete(id);
  });
}`,
  },
  {
    name: 'knex: a subquery held in a const, used only inside `whereIn()`',
    code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function run(name: string) {
  await knex.transaction(async (trx) => {
    const authors = knex('authors').select('id').where({ name });
    await trx('books').whereIn('author_id', authors).del();
  });
}`,
  },
  {
    name: 'knex: an outer subquery inside a `where((qb) => …)` builder callback',
    code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function run() {
  await knex.transaction(async (trx) => {
    await trx('books').where((qb) => qb.whereIn('id', knex('x').select('id'))).del();
  });
}`,
  },
  {
    name: 'knex: an outer subquery inside a `where(function () { this.whereIn(…) })` callback',
    code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function run() {
  await knex.transaction(async (trx) => {
    await trx('books')
      .where(function () {
        this.whereIn('id', knex('x').select('id'));
      })
      .del();
  });
}`,
  },
  {
    name: 'Kysely: a subquery held in a const, used only in `where(…, "in", …)`',
    code: `import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool() }) });
export async function run(name: string) {
  await db.transaction().execute(async (trx) => {
    const authors = db.selectFrom('authors').select('id').where('name', '=', name);
    return trx.selectFrom('books').selectAll().where('author_id', 'in', authors).execute();
  });
}`,
  },
  {
    name: 'Kysely: an outer subquery inside an expression-builder callback',
    code: `import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool() }) });
export async function run() {
  await db.transaction().execute(async (trx) => {
    return trx
      .selectFrom('books')
      .selectAll()
      .where((eb) => eb('author_id', 'in', db.selectFrom('authors').select('id')))
      .execute();
  });
}`,
  },
  {
    name: 'Drizzle: an outer subquery `.as("sq")` held in a const, used in `tx.select().from()`',
    code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { authors } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function run() {
  await db.transaction(async (tx) => {
    const sq = db.select().from(authors).as('sq');
    return tx.select().from(sq);
  });
}`,
  },
  {
    name: 'Drizzle: outer subqueries inside `inArray()` and `exists()` operators',
    code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { exists, inArray } from 'drizzle-orm';
import { authors, books } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function run() {
  await db.transaction(async (tx) => {
    await tx.select().from(books).where(inArray(books.authorId, db.select({ id: authors.id }).from(authors)));
    return tx.select().from(books).where(exists(db.select().from(authors)));
  });
}`,
  },
  {
    name: 'TypeORM: SQL text from an outer `getQuery()` in a template literal',
    code: `import { DataSource } from 'typeorm';
import { Author } from './author.entity';
import { Book } from './book.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function run() {
  await dataSource.transaction(async (manager) => {
    return manager
      .createQueryBuilder(Book, 'b')
      .where(\`b.authorId IN (\${dataSource.getRepository(Author).createQueryBuilder('a').select('a.id').getQuery()})\`)
      .getMany();
  });
}`,
  },
  {
    name: 'TypeORM: SQL text from an outer `getQuery()` concatenated with `+`',
    code: `import { DataSource } from 'typeorm';
import { Author } from './author.entity';
import { Book } from './book.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function run() {
  await dataSource.transaction(async (manager) => {
    return manager
      .createQueryBuilder(Book, 'b')
      .where('b.authorId IN (' + dataSource.getRepository(Author).createQueryBuilder('a').select('a.id').getQuery() + ')')
      .getMany();
  });
}`,
  },  {
    name: 'TypeORM: a subquery held in a const, used only as SQL text through `getQuery()`',
    code: `import { DataSource } from 'typeorm';
import { Author } from './author.entity';
import { Book } from './book.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function run() {
  await dataSource.transaction(async (manager) => {
    const sub = dataSource.getRepository(Author).createQueryBuilder('a').select('a.id');
    return manager.createQueryBuilder(Book, 'b').where(\`b.authorId IN (\${sub.getQuery()})\`).getMany();
  });
}`,
  },
];

ruleTester.run('no-outer-client-in-transaction (builders as values)', noOuterClient, {
  valid: builderValues,
  invalid: [
    {
      name: 'knex: a subquery const also awaited by itself is reported at its declaration',
      code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function run(name: string) {
  await knex.transaction(async (trx) => {
    const authors = knex('authors').select('id').where({ name });
    await trx('books').whereIn('author_id', authors).del();
    await authors;
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          data: { library: 'Knex', client: 'knex', label: 'instance' },
          line: 5,
          column: 21,
          endLine: 5,
          endColumn: 25,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function run(name: string) {
  await knex.transaction(async (trx) => {
    const authors = trx('authors').select('id').where({ name });
    await trx('books').whereIn('author_id', authors).del();
    await authors;
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'knex: the outer builder awaited by itself',
      code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function run() {
  await knex.transaction(async (trx) => {
    await trx('t').insert({ a: 1 });
    await knex('x').select();
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          data: { library: 'Knex', client: 'knex', label: 'instance' },
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function run() {
  await knex.transaction(async (trx) => {
    await trx('t').insert({ a: 1 });
    await trx('x').select();
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'knex: the outer raw awaited by itself',
      code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function run() {
  await knex.transaction(async (trx) => {
    await knex.raw('select 1');
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 5,
          column: 11,
          endLine: 5,
          endColumn: 19,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function run() {
  await knex.transaction(async (trx) => {
    await trx.raw('select 1');
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'knex: the outer builder run with `.then()`',
      code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function run() {
  await knex.transaction(async (trx) => {
    await knex('x').select().then((rows) => trx('t').insert(rows));
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 5,
          column: 11,
          endLine: 5,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function run() {
  await knex.transaction(async (trx) => {
    await trx('x').select().then((rows) => trx('t').insert(rows));
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'knex: the outer builder returned as the callback result',
      code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function run() {
  return knex.transaction(async (trx) => {
    await trx('t').insert({ a: 1 });
    return knex('x').select('a');
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 6,
          column: 12,
          endLine: 6,
          endColumn: 16,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function run() {
  return knex.transaction(async (trx) => {
    await trx('t').insert({ a: 1 });
    return trx('x').select('a');
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'knex: the outer builder as an expression-bodied callback result',
      code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export const run = () => knex.transaction((trx) => knex('x').select('a'));`,
      errors: [
        {
          messageId: 'outerClient',
          line: 3,
          column: 52,
          endLine: 3,
          endColumn: 56,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export const run = () => knex.transaction((trx) => trx('x').select('a'));`,
            },
          ],
        },
      ],
    },
    {
      name: 'knex: the outer builder handed to `Promise.all()`, which runs it',
      code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function run() {
  await knex.transaction(async (trx) => {
    await Promise.all([knex('a'), trx('b')]);
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 5,
          column: 24,
          endLine: 5,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function run() {
  await knex.transaction(async (trx) => {
    await Promise.all([trx('a'), trx('b')]);
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'knex: the outer builder handed to `Promise.resolve()`, which runs it',
      code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function run() {
  await knex.transaction(async (trx) => {
    await Promise.resolve(knex('a').select());
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 5,
          column: 27,
          endLine: 5,
          endColumn: 31,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function run() {
  await knex.transaction(async (trx) => {
    await Promise.resolve(trx('a').select());
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'knex: an awaited outer query inside the arguments runs before, on its own',
      code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function run() {
  await knex.transaction(async (trx) => {
    await trx('t').insert(await knex('x').select());
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 5,
          column: 33,
          endLine: 5,
          endColumn: 37,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function run() {
  await knex.transaction(async (trx) => {
    await trx('t').insert(await trx('x').select());
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'knex: an outer builder awaited as a branch of a conditional',
      code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function run(flag: boolean) {
  await knex.transaction(async (trx) => {
    await (flag ? knex('a').del() : trx('a').del());
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 5,
          column: 19,
          endLine: 5,
          endColumn: 23,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function run(flag: boolean) {
  await knex.transaction(async (trx) => {
    await (flag ? trx('a').del() : trx('a').del());
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'knex CommonJS: the rows of an outer query awaited and inserted through the handle',
      code: `const knex = require('knex')({ client: 'pg' });
module.exports = async function copy() {
  await knex.transaction(async (trx) => {
    const rows = await knex('x').select('a');
    await trx('t').insert(rows);
  });
};`,
      filename: 'copy.cjs',
      errors: [
        {
          messageId: 'outerClient',
          line: 4,
          column: 24,
          endLine: 4,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `const knex = require('knex')({ client: 'pg' });
module.exports = async function copy() {
  await knex.transaction(async (trx) => {
    const rows = await trx('x').select('a');
    await trx('t').insert(rows);
  });
};`,
            },
          ],
        },
      ],
    },
    {
      name: 'Kysely: an outer query run with `.execute()`',
      code: `import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool() }) });
export async function run() {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('log').values({ a: 1 }).execute();
    await db.selectFrom('authors').select('id').execute();
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          data: { library: 'Kysely', client: 'db', label: 'instance' },
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 24,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool() }) });
export async function run() {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('log').values({ a: 1 }).execute();
    await trx.selectFrom('authors').select('id').execute();
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'Kysely: ids read through the outer client, then used as plain values',
      code: `import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool() }) });
export async function run() {
  await db.transaction().execute(async (trx) => {
    const ids = await db.selectFrom('authors').select('id').execute();
    return trx.selectFrom('books').selectAll().where('author_id', 'in', ids.map((r) => r.id)).execute();
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 6,
          column: 23,
          endLine: 6,
          endColumn: 36,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool() }) });
export async function run() {
  await db.transaction().execute(async (trx) => {
    const ids = await trx.selectFrom('authors').select('id').execute();
    return trx.selectFrom('books').selectAll().where('author_id', 'in', ids.map((r) => r.id)).execute();
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'Kysely: a `sql` fragment executed on the outer client',
      code: `import { Kysely, PostgresDialect, sql } from 'kysely';
import { Pool } from 'pg';
const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool() }) });
export async function run() {
  await db.transaction().execute(async (trx) => {
    await sql\`select 1\`.execute(db);
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 6,
          column: 33,
          endLine: 6,
          endColumn: 35,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import { Kysely, PostgresDialect, sql } from 'kysely';
import { Pool } from 'pg';
const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool() }) });
export async function run() {
  await db.transaction().execute(async (trx) => {
    await sql\`select 1\`.execute(trx);
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'Drizzle: an outer select awaited, its rows inserted through the handle',
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { authors } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function run() {
  await db.transaction(async (tx) => {
    const rows = await db.select().from(authors);
    await tx.insert(authors).values(rows);
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          data: { library: 'Drizzle', client: 'db', label: 'database' },
          line: 6,
          column: 24,
          endLine: 6,
          endColumn: 33,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: `import { drizzle } from 'drizzle-orm/node-postgres';
import { authors } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
export async function run() {
  await db.transaction(async (tx) => {
    const rows = await tx.select().from(authors);
    await tx.insert(authors).values(rows);
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'Drizzle: a `sql` fragment run through the outer `db.execute()`',
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { sql } from 'drizzle-orm';
const db = drizzle(process.env.DATABASE_URL!);
export async function run() {
  await db.transaction(async (tx) => {
    await db.execute(sql\`select 1\`);
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: `import { drizzle } from 'drizzle-orm/node-postgres';
import { sql } from 'drizzle-orm';
const db = drizzle(process.env.DATABASE_URL!);
export async function run() {
  await db.transaction(async (tx) => {
    await tx.execute(sql\`select 1\`);
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'TypeORM: a query on a repository of the data source, next to `withRepository()`',
      code: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function run(id: number) {
  await dataSource.transaction(async (manager) => {
    await manager.withRepository(dataSource.getRepository(User)).update(id, { name: 'x' });
    await dataSource.getRepository(User).delete(id);
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 48,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'manager' },
              output: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function run(id: number) {
  await dataSource.transaction(async (manager) => {
    await manager.withRepository(dataSource.getRepository(User)).update(id, { name: 'x' });
    await manager.getRepository(User).delete(id);
  });
}`,
            },
          ],
        },
      ],
    },
  ],
});

ruleTester.run('no-unrelated-await-in-transaction (builders as values)', noUnrelatedAwait, {
  valid: builderValues,
  invalid: [],
});

ruleTester.run('require-transaction-option (builders as values)', requireTransactionOption, {
  valid: builderValues,
  invalid: [
    {
      name: 'Objection: the subquery model awaited by itself, without the transaction',
      code: `import { Model } from 'objection';
class Person extends Model {}
class Animal extends Model {}
export async function run() {
  await Person.transaction(async (trx) => {
    const owners = await Animal.query().select('ownerId');
    await Person.query(trx).whereIn('id', owners.map((o) => o.ownerId)).delete();
  });
}`,
      errors: [
        {
          messageId: 'missingTransactionArgument',
          line: 6,
          column: 26,
          endLine: 6,
          endColumn: 38,
          suggestions: [
            {
              messageId: 'addTransaction',
              data: { handle: 'trx' },
              output: `import { Model } from 'objection';
class Person extends Model {}
class Animal extends Model {}
export async function run() {
  await Person.transaction(async (trx) => {
    const owners = await Animal.query(trx).select('ownerId');
    await Person.query(trx).whereIn('id', owners.map((o) => o.ownerId)).delete();
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'Objection: the subquery model returned as the callback result',
      code: `import { Model } from 'objection';
class Person extends Model {}
class Animal extends Model {}
export async function run() {
  await Person.transaction(async (trx) => {
    return Animal.query().select('ownerId');
  });
}`,
      errors: [
        {
          messageId: 'missingTransactionArgument',
          line: 6,
          column: 12,
          endLine: 6,
          endColumn: 24,
          suggestions: [
            {
              messageId: 'addTransaction',
              data: { handle: 'trx' },
              output: `import { Model } from 'objection';
class Person extends Model {}
class Animal extends Model {}
export async function run() {
  await Person.transaction(async (trx) => {
    return Animal.query(trx).select('ownerId');
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'Sequelize: a `sequelize.literal()` value does not excuse the missing `{ transaction }`',
      code: `import { Sequelize, Model } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/db');
class Book extends Model {}
export async function run(id: number) {
  await sequelize.transaction(async (t) => {
    await Book.update({ stock: sequelize.literal('stock - 1') }, { where: { id } });
  });
}`,
      errors: [
        {
          messageId: 'missingTransactionOption',
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 22,
          suggestions: [
            {
              messageId: 'addTransaction',
              data: { handle: 't' },
              output: `import { Sequelize, Model } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/db');
class Book extends Model {}
export async function run(id: number) {
  await sequelize.transaction(async (t) => {
    await Book.update({ stock: sequelize.literal('stock - 1') }, { where: { id }, transaction: t });
  });
}`,
            },
          ],
        },
      ],
    },
  ],
});

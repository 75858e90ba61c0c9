/**
 * no-query-in-loop: per library a read run once per item (loops, array callbacks, iteration
 * packages, lazy loaders, project functions), and what is no N+1: lookalikes (a Map, a cache, an
 * HTTP client), in-memory loops, pagination, DataLoader, Prisma's same-tick batching, writes,
 * fixed literal arrays, batches of ids.
 */
import path from 'node:path';

import rule from './no-query-in-loop.js';
import { fixturesDir, untypedTester } from '../tests/rule-tester.js';

const prisma = "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\n";
const pg = "import pg from 'pg';\nconst pool = new pg.Pool();\n";
const knex = "import Knex from 'knex';\nconst knex = Knex({});\n";
const typeorm = "import { DataSource } from 'typeorm';\nconst dataSource = new DataSource({});\n";
const sequelizeModels = `import { Model } from 'sequelize';
class Author extends Model {}
class Book extends Model {}
Book.belongsToMany(Author, { as: 'authors', through: 'book_authors' });
`;
const mikroEntities = `import { Entity, ManyToOne, OneToMany, Collection, MikroORM } from '@mikro-orm/core';
@Entity()
class Author {
  @OneToMany(() => Book, (b) => b.author) books = new Collection<Book>(this);
}
@Entity()
class Book {
  @ManyToOne(() => Author) author: Author;
}
const orm = await MikroORM.init({});
`;
const typeormLazy = `import { DataSource, Entity, ManyToOne } from 'typeorm';
@Entity()
class Author {}
@Entity()
class Book {
  @ManyToOne(() => Author, { lazy: true }) author: Promise<Author>;
}
const dataSource = new DataSource({});
`;

const eager = {
  prisma: '`include`/`select` on the parent query, or one `findMany` with `where: { …: { in: ids } }`',
  pg: '`… = ANY($1)` with the ids, or a join',
  typeorm: '`relations`/`leftJoinAndSelect` on the parent query, or one `find` with `where: { id: In(ids) }`',
  sequelize: '`include` on the parent query, or one `findAll` with `where: { id: ids }`',
  mikro: '`populate` on the parent query, or one `em.populate(items, …)` before the loop',
  knex: '`whereIn(column, ids)` or a join',
};

/** A NestJS resolver whose `authors` field runs a Prisma `bookAuthor` query with the given method and arguments. */
const nestResolver = (method: string, args: string): string =>
  `import { Parent, ResolveField, Resolver } from '@nestjs/graphql';\n${prisma}@Resolver()\nclass BookResolver {\n  @ResolveField()\n  async authors(@Parent() book: Book) {\n    return prisma.bookAuthor.${method}({ ${args} });\n  }\n}`;

const crossFile = path.join(fixturesDir, 'loops', 'list.ts');

untypedTester().run('no-query-in-loop', rule, {
  valid: [
    { name: 'TypeORM: a lazy relation the query loaded resolves without a query', code: `${typeormLazy}const books = await dataSource.getRepository(Book).find({ relations: { author: true } });\nfor (const book of books) await book.author;` },
    { name: 'a query before the loop, rows used in memory', code: `${prisma}const books = await prisma.book.findMany({ include: { authors: true } });\nfor (const book of books) console.log(book.authors.length);` },
    { name: 'NestJS field resolver: Prisma findUnique per parent (batched by the client)', code: nestResolver('findUnique', 'where: { id: book.authorId }') },
    { name: 'NestJS field resolver: a query not reading the parent', code: nestResolver('findMany', 'where: { active: true }') },
    { name: 'a method decorated by a project decorator named ResolveField', code: `import { ResolveField, Parent } from './decorators';\n${prisma}class BookResolver {\n  @ResolveField() async authors(@Parent() book) {\n    return prisma.bookAuthor.findMany({ where: { bookId: book.id } });\n  }\n}` },
    { name: 'a NestJS query resolver (no parent)', code: `import { Resolver, Query, Args } from '@nestjs/graphql';\n${prisma}@Resolver()\nclass BookResolver {\n  @Query() async books(@Args('authorId') authorId: number) {\n    return prisma.book.findMany({ where: { authorId } });\n  }\n}` },
    { name: 'a resolver map never handed to a GraphQL server', code: `import { ApolloServer } from '@apollo/server';\n${pg}const resolvers = {\n  Book: { authors: (book) => pool.query('select * from authors where book_id = $1', [book.id]) },\n};` },
    { name: 'a root field of a resolver map', code: `import { ApolloServer } from '@apollo/server';\n${pg}const resolvers = {\n  Query: { book: (_, args) => pool.query('select * from books where id = $1', [args.id]) },\n};\nnew ApolloServer({ typeDefs, resolvers });` },
    { name: 'a Map get in a loop', code: `${prisma}const byId = new Map();\nfor (const book of books) byId.get(book.id);` },
    { name: 'a cache find in a loop', code: "const cache = { find: (id) => id };\nfor (const book of books) cache.find(book.id);" },
    { name: 'an HTTP client query in a loop', code: "import axios from 'axios';\nconst client = axios.create();\nfor (const book of books) await client.query({ id: book.id });" },
    { name: 'an array find with a callback', code: `${prisma}for (const book of books) authors.find((a) => a.id === book.authorId);` },
    { name: 'a query not depending on the item', code: `${prisma}for (const book of books) {\n  await prisma.setting.findMany({ where: { key: 'x' } });\n}` },
    { name: 'pagination by offset', code: `${prisma}for (let page = 0; page < 10; page++) {\n  await prisma.book.findMany({ skip: page * 100, take: 100 });\n}` },
    { name: 'a cursor loop', code: `${prisma}let cursor;\nwhile (true) {\n  const rows = await prisma.book.findMany({ cursor, take: 100 });\n  cursor = rows.at(-1)?.id;\n}` },
    { name: 'DataLoader', code: "import DataLoader from 'dataloader';\nconst loader = new DataLoader(async (ids) => ids);\nawait Promise.all(books.map((book) => loader.load(book.authorId)));" },
    { name: 'Prisma findUnique batched in one tick', code: `${prisma}await Promise.all(books.map((book) => prisma.author.findUnique({ where: { id: book.authorId } })));` },
    { name: 'Prisma findUnique fluent, batched', code: `${prisma}await Promise.all(books.map((book) => prisma.book.findUnique({ where: { id: book.id } }).author()));` },
    { name: 'Prisma findUnique collected in a loop', code: `${prisma}const pending = [];\nfor (const book of books) pending.push(prisma.author.findUnique({ where: { id: book.authorId } }));\nawait Promise.all(pending);` },
    { name: 'a write per item', code: `${prisma}for (const book of books) {\n  await prisma.book.update({ where: { id: book.id }, data: { views: 1 } });\n}` },
    { name: 'a raw write per item', code: `${pg}for (const row of rows) await pool.query('UPDATE books SET views = views + 1 WHERE id = $1', [row.id]);` },
    { name: 'a knex write chain', code: `${knex}for (const row of rows) await knex('books').where('id', row.id).update({ views: 1 });` },
    { name: 'a small literal array', code: `${pg}for (const table of ['books', 'authors']) await pool.query('select count(*) from ' + table);` },
    { name: 'a small literal array in a const', code: `${prisma}const kinds = ['a', 'b'];\nfor (const kind of kinds) await prisma.book.count({ where: { kind } });` },
    { name: 'chunks of ids', code: `${prisma}for (const chunk of chunks) await prisma.book.findMany({ where: { id: { in: chunk } } });` },
    { name: 'a chunking call', code: `${prisma}for (const ids of chunk(allIds, 100)) await prisma.book.findMany({ where: { id: { in: ids } } });` },
    { name: 'SQL text taken from the item', code: `${pg}for (const migration of migrations) await pool.query(migration.sql);` },
    { name: 'a helper that writes', code: `${prisma}async function touch(id) {\n  const book = await prisma.book.findUnique({ where: { id } });\n  await prisma.book.update({ where: { id }, data: { views: book.views + 1 } });\n}\nfor (const book of books) await touch(book.id);` },
    { name: 'a helper that awaits another function of the module', code: `${prisma}async function copy(item) {\n  const original = await prisma.book.findUnique({ where: { id: item.id } });\n  return create(original);\n}\nasync function create(book) {\n  return book;\n}\nfor (const item of items) await copy(item);` },
    { name: 'a query stored per key', code: `${prisma}const byId = new Map();\nfor (const id of ids) {\n  if (!byId.has(id)) byId.set(id, await prisma.book.findMany({ where: { authorId: id } }));\n}` },
    { name: 'a helper that does not query', code: `${prisma}function label(book) {\n  return book.title;\n}\nfor (const book of books) await label(book);` },
    { name: 'an imported helper, not followed by default', filename: crossFile, code: "import { authorsOf } from './authors';\nfor (const book of books) await authorsOf(book.id);" },
    { name: 'an imported helper that writes', filename: crossFile, code: "import { touchBook } from './authors';\nfor (const book of books) await touchBook(book.id);", options: [{ followImports: true }] },
    { name: 'a Sequelize getter that is no association', code: `${sequelizeModels}const books = await Book.findAll();\nfor (const book of books) book.getDataValue('title');` },
    { name: 'a reduce accumulator Map', code: `${prisma}rows.reduce((acc, row) => acc.get(row.id), new Map());` },
    { name: 'a Map parameter get in a loop', code: `${prisma}function pick(rows, byId: Map<string, number>) {\n  for (const row of rows) byId.get(row.id);\n}` },
    { name: 'a Drizzle subquery handed to exists()', code: "import { drizzle } from 'drizzle-orm/node-postgres';\nimport { eq, exists } from 'drizzle-orm';\nconst db = drizzle(process.env.URL);\nconst conditions = filters.map((f) => exists(db.select().from(keys).where(eq(keys.permission, f.value))));" },
    { name: 'a Drizzle subquery handed to a re-exported exists()', code: "import { drizzle } from 'drizzle-orm/node-postgres';\nimport { eq, exists } from '@/lib/db';\nconst db = drizzle(process.env.URL);\nconst conditions = filters.map((f) => exists(db.select().from(keys).where(eq(keys.permission, f.value))));" },
    { name: 'better-sqlite3 pragmas set in a loop', code: "import Database from 'better-sqlite3';\nconst db = new Database('app.db');\nfor (const key of Object.keys(pragmas)) db.pragma(`${key} = ${pragmas[key]}`);" },
    { name: 'a test file', filename: path.join(fixturesDir, 'loops', 'list.test.ts'), code: `${prisma}for (const book of books) await prisma.review.findMany({ where: { bookId: book.id } });` },
    { name: 'other libraries only', code: `${pg}for (const row of rows) await pool.query('select 1 where id = $1', [row.id]);`, options: [{ libraries: ['prisma'] }] },
  ],
  invalid: [
    {
      name: 'NestJS field resolver: findMany per parent',
      code: nestResolver('findMany', 'where: { bookId: book.id }'),
      errors: [{ messageId: 'queryPerParent', line: 8, column: 12, data: { query: 'prisma.bookAuthor.findMany()', field: 'authors', library: 'Prisma', eagerForm: eager.prisma } }],
    },
    {
      name: 'resolver map: a field of a type runs per parent',
      code: `import { ApolloServer } from '@apollo/server';\n${pg}const resolvers = {\n  Query: { books: () => pool.query('select * from books') },\n  Book: { authors: (book) => pool.query('select * from authors where book_id = $1', [book.id]) },\n};\nnew ApolloServer({ typeDefs, resolvers });`,
      errors: [{ messageId: 'queryPerParent', line: 6, column: 30, data: { query: 'pool.query()', field: 'Book.authors', library: 'pg', eagerForm: eager.pg } }],
    },
    {
      name: 'type-graphql field resolver: a TypeORM find per root',
      code: `import { FieldResolver, Resolver, Root } from 'type-graphql';\n${typeorm}@Resolver()\nclass BookResolver {\n  @FieldResolver()\n  reviews(@Root() book: Book) {\n    return dataSource.getRepository(Review).find({ where: { bookId: book.id } });\n  }\n}`,
      errors: [{ messageId: 'queryPerParent', line: 8, column: 12, data: { query: 'dataSource.getRepository(Review).find()', field: 'reviews', library: 'TypeORM', eagerForm: eager.typeorm } }],
    },
    {
      name: 'Prisma: findMany per item of a for…of',
      code: `${prisma}const books = await prisma.book.findMany();\nfor (const book of books) {\n  await prisma.bookAuthor.findMany({ where: { bookId: book.id } });\n}`,
      errors: [{ messageId: 'queryInLoop', line: 5, column: 9, data: { query: 'prisma.bookAuthor.findMany()', collection: 'books', library: 'Prisma', eagerForm: eager.prisma } }],
    },
    {
      name: 'Prisma: findMany in Promise.all(map), from a derived variable',
      code: `${prisma}await Promise.all(books.map(async (book) => {\n  const id = book.id;\n  return prisma.bookGenre.count({ where: { bookId: id } });\n}));`,
      errors: [{ messageId: 'queryInLoop', line: 5, column: 10, data: { query: 'prisma.bookGenre.count()', collection: 'books', library: 'Prisma', eagerForm: eager.prisma } }],
    },
    {
      name: 'Prisma: findUnique awaited one by one',
      code: `${prisma}for (const book of books) await prisma.author.findUnique({ where: { id: book.authorId } });`,
      errors: [{ messageId: 'queryInLoop', line: 3, column: 33, data: { query: 'prisma.author.findUnique()', collection: 'books', library: 'Prisma', eagerForm: eager.prisma } }],
    },
    {
      name: 'Prisma: writes with checkWrites',
      code: `${prisma}for (const book of books) {\n  await prisma.book.update({ where: { id: book.id }, data: { views: 1 } });\n}`,
      options: [{ checkWrites: true }],
      errors: [{ messageId: 'queryInLoop', line: 4, column: 9, data: { query: 'prisma.book.update()', collection: 'books', library: 'Prisma', eagerForm: eager.prisma } }],
    },
    {
      name: 'TypeORM: repository find per item, forEach',
      code: `${typeorm}const repo = dataSource.getRepository('Genre');\nbooks.forEach(async (book) => {\n  await repo.find({ where: { bookId: book.id } });\n});`,
      errors: [{ messageId: 'queryInLoop', line: 5, column: 9, data: { query: 'repo.find()', collection: 'books', library: 'TypeORM', eagerForm: eager.typeorm } }],
    },
    {
      name: 'TypeORM: a lazy relation awaited per item',
      code: `${typeormLazy}const books = await dataSource.getRepository(Book).find();\nfor (const book of books) {\n  const author = await book.author;\n}`,
      errors: [
        {
          messageId: 'queryInLoop',
          line: 11,
          column: 24,
          data: { query: 'book.author', collection: 'books', library: 'TypeORM', eagerForm: eager.typeorm },
          // Loaded by the query that fetched the books, the lazy relation resolves without a query.
          suggestions: [
            {
              messageId: 'loadRelation',
              data: { relation: 'author', method: 'find', line: '9', option: 'relations' },
              output: `${typeormLazy}const books = await dataSource.getRepository(Book).find({ relations: ['author'] });\nfor (const book of books) {\n  const author = await book.author;\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'TypeORM: a lazy relation awaited per item of the awaited query itself',
      code: `${typeormLazy}const repo = dataSource.getRepository(Book);\nfor (const book of await repo.find({ where: { id: 1 } })) await book.author;`,
      errors: [
        {
          messageId: 'queryInLoop',
          line: 10,
          column: 65,
          data: { query: 'book.author', collection: 'await repo.find({ where: { id: 1 } })', library: 'TypeORM', eagerForm: eager.typeorm },
          suggestions: [{ messageId: 'loadRelation', output: `${typeormLazy}const repo = dataSource.getRepository(Book);\nfor (const book of await repo.find({ where: { id: 1 }, relations: ['author'] })) await book.author;` }],
        },
      ],
    },
    {
      name: 'TypeORM: a lazy relation per item of rows that may come from elsewhere, or of findBy: no suggestion',
      code: `${typeormLazy}const repo = dataSource.getRepository(Book);\nlet books = await repo.find();\nif (cached) books = cached;\nfor (const book of books) await book.author;\nconst more = await repo.findBy({ id: 1 });\nfor (const book of more) await book.author;`,
      errors: [
        { messageId: 'queryInLoop', line: 12, column: 33, suggestions: [] },
        { messageId: 'queryInLoop', line: 14, column: 32, suggestions: [] },
      ],
    },
    {
      name: 'Sequelize: association accessor per item',
      code: `${sequelizeModels}const books = await Book.findAll();\nfor (const book of books) {\n  await book.getAuthors();\n  await book.countAuthors();\n}`,
      errors: [
        { messageId: 'queryInLoop', line: 7, column: 9, data: { query: 'book.getAuthors()', collection: 'books', library: 'Sequelize', eagerForm: eager.sequelize } },
        { messageId: 'queryInLoop', line: 8, column: 9, data: { query: 'book.countAuthors()', collection: 'books', library: 'Sequelize', eagerForm: eager.sequelize } },
      ],
    },
    {
      name: 'Sequelize: findAll per item',
      code: `${sequelizeModels}for (const author of authors) await Book.findAll({ where: { authorId: author.id } });`,
      errors: [{ messageId: 'queryInLoop', line: 5, column: 37, data: { query: 'Book.findAll()', collection: 'authors', library: 'Sequelize', eagerForm: eager.sequelize } }],
    },
    {
      name: 'MikroORM: em.find and collection init per item',
      code: `${mikroEntities}const authors = await orm.em.find(Author, {});\nfor (const author of authors) {\n  await orm.em.find(Book, { author });\n  await author.books.init();\n}`,
      errors: [
        { messageId: 'queryInLoop', line: 13, column: 9, data: { query: 'orm.em.find()', collection: 'authors', library: 'MikroORM', eagerForm: eager.mikro } },
        { messageId: 'queryInLoop', line: 14, column: 9, data: { query: 'author.books.init()', collection: 'authors', library: 'MikroORM', eagerForm: eager.mikro } },
      ],
    },
    {
      name: 'Objection: $relatedQuery per item',
      code: "import { Model } from 'objection';\nclass Person extends Model {}\nconst people = await Person.query();\nfor (const person of people) await person.$relatedQuery('pets');",
      errors: [{ messageId: 'queryInLoop', line: 4, column: 36, data: { query: 'person.$relatedQuery()', collection: 'people', library: 'Objection', eagerForm: '`withGraphFetched` on the parent query, or `whereIn(column, ids)`' } }],
    },
    {
      name: 'Objection: a model query per item',
      code: "import { Model } from 'objection';\nclass Pet extends Model {}\nfor (const person of people) await Pet.query().where('ownerId', person.id);",
      errors: [{ messageId: 'queryInLoop', line: 3, column: 36, data: { query: 'Pet.query()', collection: 'people', library: 'Objection', eagerForm: '`withGraphFetched` on the parent query, or `whereIn(column, ids)`' } }],
    },
    {
      name: 'Drizzle: a select per item, the item in the where of the chain',
      code: "import { drizzle } from 'drizzle-orm/node-postgres';\nconst db = drizzle(process.env.URL);\nfor (const { book } of rows) {\n  await db.select().from(authors).where(eq(authors.bookId, book.id));\n}",
      errors: [{ messageId: 'queryInLoop', line: 4, column: 9, data: { query: 'db.select()', collection: 'rows', library: 'Drizzle', eagerForm: 'the relational `with` on the parent query, or `inArray(column, ids)`' } }],
    },
    {
      name: 'Kysely: selectFrom per item',
      code: "import { Kysely } from 'kysely';\nconst db = new Kysely({});\nfor (const row of rows) await db.selectFrom('authors').where('book_id', '=', row.id).execute();",
      errors: [{ messageId: 'queryInLoop', line: 3, column: 31, data: { query: 'db.selectFrom()', collection: 'rows', library: 'Kysely', eagerForm: "`where(column, 'in', ids)` or a join" } }],
    },
    {
      name: 'Knex: a builder per item',
      code: `${knex}for (const row of rows) {\n  await knex('authors').where('book_id', row.id).select('name');\n}`,
      errors: [{ messageId: 'queryInLoop', line: 4, column: 9, data: { query: 'knex()', collection: 'rows', library: 'Knex', eagerForm: eager.knex } }],
    },
    {
      name: 'pg: a query per item, an index loop',
      code: `${pg}for (let i = 0; i < rows.length; i++) {\n  await pool.query('select * from authors where book_id = $1', [rows[i].id]);\n}`,
      errors: [{ messageId: 'queryInLoop', line: 4, column: 9, data: { query: 'pool.query()', collection: 'rows', library: 'pg', eagerForm: eager.pg } }],
    },
    {
      name: 'pg: a queue taken in a while loop',
      code: `${pg}while (queue.length > 0) {\n  const next = queue.shift();\n  await pool.query('select * from authors where book_id = $1', [next.id]);\n}`,
      errors: [{ messageId: 'queryInLoop', line: 5, column: 9, data: { query: 'pool.query()', collection: 'queue.length > 0', library: 'pg', eagerForm: eager.pg } }],
    },
    {
      name: 'pg: CommonJS, an interpolated SQL text',
      code: "const { Pool } = require('pg');\nconst pool = new Pool();\nfor (const row of rows) pool.query(`select * from authors where book_id = ${row.id}`);",
      errors: [{ messageId: 'queryInLoop', line: 3, column: 25, data: { query: 'pool.query()', collection: 'rows', library: 'pg', eagerForm: eager.pg } }],
    },
    {
      name: 'mysql2: execute per item',
      code: "import mysql from 'mysql2/promise';\nconst pool = mysql.createPool({});\nfor (const row of rows) await pool.execute('select * from authors where book_id = ?', [row.id]);",
      errors: [{ messageId: 'queryInLoop', line: 3, column: 31, data: { query: 'pool.execute()', collection: 'rows', library: 'mysql2', eagerForm: '`… IN (?)` with the ids, or a join' } }],
    },
    {
      name: 'postgres.js: a tagged template per item',
      code: "import postgres from 'postgres';\nconst sql = postgres();\nfor (const row of rows) await sql`select * from authors where book_id = ${row.id}`;",
      errors: [{ messageId: 'queryInLoop', line: 3, column: 31, data: { query: 'sql`…`', collection: 'rows', library: 'postgres.js', eagerForm: '`… = ANY(${ids})` or `in ${sql(ids)}`, or a join' } }],
    },
    {
      name: 'better-sqlite3: a prepared statement per item',
      code: "import Database from 'better-sqlite3';\nconst db = new Database('app.db');\nconst byBook = db.prepare('select * from authors where book_id = ?');\nfor (const row of rows) byBook.all(row.id);",
      errors: [{ messageId: 'queryInLoop', line: 4, column: 25, data: { query: 'byBook.all()', collection: 'rows', library: 'better-sqlite3', eagerForm: '`… IN (…)` with the ids, or a join' } }],
    },
    {
      name: 'p-map and lodash callbacks',
      code: `${prisma}import pMap from 'p-map';\nimport _ from 'lodash';\nawait pMap(books, (book) => prisma.review.findMany({ where: { bookId: book.id } }));\n_.forEach(books, (book) => prisma.review.count({ where: { bookId: book.id } }));`,
      errors: [
        { messageId: 'queryInLoop', line: 5, column: 29, data: { query: 'prisma.review.findMany()', collection: 'books', library: 'Prisma', eagerForm: eager.prisma } },
        { messageId: 'queryInLoop', line: 6, column: 28, data: { query: 'prisma.review.count()', collection: 'books', library: 'Prisma', eagerForm: eager.prisma } },
      ],
    },
    {
      name: 'a helper of the same module',
      code: `${prisma}async function reviewsOf(bookId) {\n  return prisma.review.findMany({ where: { bookId } });\n}\nfor (const book of books) await reviewsOf(book.id);`,
      errors: [{ messageId: 'queryInLoopThroughCall', line: 6, column: 33, data: { callee: 'reviewsOf', query: 'prisma.review.findMany()', collection: 'books', library: 'Prisma', eagerForm: eager.prisma } }],
    },
    {
      name: 'an imported helper, followImports',
      filename: crossFile,
      code: "import { authorsOf } from './authors';\nfor (const book of books) await authorsOf(book.id);",
      options: [{ followImports: true }],
      errors: [{ messageId: 'queryInLoopThroughCall', line: 2, column: 33, data: { callee: 'authorsOf', query: 'prisma.bookAuthor.findMany()', collection: 'books', library: 'Prisma', eagerForm: eager.prisma } }],
    },
  ],
});

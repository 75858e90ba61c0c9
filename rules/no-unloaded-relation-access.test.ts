/**
 * no-unloaded-relation-access: per library a relation read from rows whose query did not load it,
 * the loaded forms that are silent (array, object, nested paths, includes, populate, eager
 * relations), and lookalikes (a `find` on a Map or an array, a class that is not an entity,
 * `relations` on an unrelated object, options that cannot be seen into).
 */
import path from 'node:path';

import rule from './no-unloaded-relation-access.js';
import { fixturesDir, typedTester, untypedTester } from '../tests/rule-tester.js';

const typeormEntities = `import { DataSource, Entity, ManyToOne, OneToMany, BaseEntity } from 'typeorm';
@Entity()
class Author {
  @OneToMany(() => Book, (b) => b.author) books: Book[];
}
@Entity()
class Book extends BaseEntity {
  @ManyToOne(() => Author, (a) => a.books) author: Author;
  @ManyToOne(() => Author, { eager: true }) editor: Author;
}
const dataSource = new DataSource({ type: 'postgres' });
`;

const sequelizeModels = `import { Model } from 'sequelize';
class Author extends Model {}
class Book extends Model {}
Book.belongsTo(Author, { as: 'author' });
Author.hasMany(Book, { as: 'books' });
`;

const sequelizeTypescript = `import { BelongsTo, HasMany, Model, Table } from 'sequelize-typescript';
@Table
class Team extends Model {
  @HasMany(() => Player) players: Player[];
}
@Table
class Player extends Model {
  @BelongsTo(() => Team) team: Team;
}
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

const typeormData = (entity: string, method: string, line: number) => ({ relation: 'author', library: 'TypeORM', entity, method, line: String(line), eagerForm: "relations: ['author']" });

const crossFile = path.join(fixturesDir, 'relations', 'service.ts');
const crossFileJs = path.join(fixturesDir, 'relations', 'service.js');

untypedTester().run('no-unloaded-relation-access', rule, {
  valid: [
    { name: 'TypeORM: relations array', code: `${typeormEntities}const books = await dataSource.getRepository(Book).find({ relations: ['author'] });\nbooks.map((b) => b.author.name);` },
    { name: 'TypeORM: relations object', code: `${typeormEntities}const book = await dataSource.getRepository(Book).findOne({ where: { id: 1 }, relations: { author: true } });\nbook.author;` },
    { name: 'TypeORM: nested path', code: `${typeormEntities}const book = await dataSource.getRepository(Book).findOne({ relations: ['author.books'] });\nbook.author;` },
    { name: 'TypeORM: eager relation', code: `${typeormEntities}const book = await dataSource.getRepository(Book).findOne({ where: { id: 1 } });\nbook.editor;` },
    { name: 'TypeORM: relations from a variable', code: `${typeormEntities}const book = await dataSource.getRepository(Book).findOne({ relations });\nbook.author;` },
    { name: 'TypeORM: relations from a const', code: `${typeormEntities}const eager = ['author'];\nconst book = await dataSource.getRepository(Book).findOne({ relations: eager });\nbook.author;` },
    { name: 'TypeORM: options spread', code: `${typeormEntities}const book = await dataSource.getRepository(Book).findOne({ ...options });\nbook.author;` },
    { name: 'TypeORM: relation ids', code: `${typeormEntities}const book = await dataSource.getRepository(Book).findOne({ loadRelationIds: true });\nbook.author;` },
    { name: 'TypeORM: written before read', code: `${typeormEntities}const book = await dataSource.getRepository(Book).findOne({});\nbook.author = author;\nbook.author.name;` },
    { name: 'TypeORM: reloaded', code: `${typeormEntities}const book = await Book.findOne({});\nawait book.reload();\nbook.author;` },
    { name: 'TypeORM: passed to the manager', code: `${typeormEntities}const books = await dataSource.getRepository(Book).find();\nawait dataSource.manager.save(books);\nbooks[0].author;` },
    { name: 'TypeORM: reassigned variable', code: `${typeormEntities}let book = await Book.findOne({});\nbook = other;\nbook.author;` },
    { name: 'TypeORM: a non-relation property', code: `${typeormEntities}const book = await Book.findOne({});\nbook.title;` },
    { name: 'TypeORM query builder: joined and selected', code: `${typeormEntities}const books = await dataSource.getRepository(Book).createQueryBuilder('book').leftJoinAndSelect('book.author', 'author').where('book.id > :id', { id: 1 }).getMany();\nbooks.map((b) => b.author.name);` },
    { name: 'TypeORM query builder: manager with the entity argument, inner join', code: `${typeormEntities}const book = await dataSource.manager.createQueryBuilder(Book, 'b').innerJoinAndSelect('b.author', 'a').getOne();\nbook.author;` },
    { name: 'TypeORM query builder: a plain join hydrated by addSelect', code: `${typeormEntities}const book = await Book.createQueryBuilder('b').leftJoin('b.author', 'a').addSelect('a.name').getOne();\nbook.author;` },
    { name: 'TypeORM query builder: kept in a variable and changed elsewhere', code: `${typeormEntities}const qb = dataSource.getRepository(Book).createQueryBuilder('book');\naddJoins(qb);\nconst books = await qb.getMany();\nbooks[0].author;` },
    { name: 'TypeORM query builder: started from select().from()', code: `${typeormEntities}const book = await dataSource.createQueryBuilder().select('b').from(Book, 'b').getOne();\nbook.author;` },
    { name: 'TypeORM query builder: alias from a variable', code: `${typeormEntities}const book = await Book.createQueryBuilder(alias).getOne();\nbook.author;` },
    { name: 'a getMany of something else', code: `${typeormEntities}const client = { createQueryBuilder: () => ({ getOne: async () => ({}) }) };\nconst book = await client.createQueryBuilder('book').getOne();\nbook.author;` },
    { name: 'a find on a Map', code: `${typeormEntities}const map = new Map();\nconst book = map.find({ relations: [] });\nbook.author;` },
    { name: 'a find on an array', code: `${typeormEntities}const list = [];\nconst book = list.find((b) => b.id === 1);\nbook.author;` },
    { name: 'a class that is not an entity', code: "import { DataSource } from 'typeorm';\nclass Book { author; }\nconst dataSource = new DataSource({});\nconst book = await dataSource.getRepository(Book).findOne({});\nbook.author;" },
    { name: 'relations on an unrelated object', code: `${typeormEntities}const api = { find: (o) => o };\nconst book = api.find({ relations: [] });\nbook.author;` },
    { name: 'an any-typed repository', code: `${typeormEntities}async function f(repo: any) {\n  const book = await repo.findOne({});\n  book.author;\n}` },
    { name: 'entity by string name', code: `${typeormEntities}const book = await dataSource.getRepository('Book').findOne({});\nbook.author;` },
    { name: 'TypeORM 0.2 findOne(id)', code: `${typeormEntities}const book = await Book.findOne(id, { relations: ['author'] });\nbook.author;` },
    { name: 'Sequelize: include with as', code: `${sequelizeModels}const books = await Book.findAll({ include: [{ model: Author, as: 'author' }] });\nfor (const book of books) book.author;` },
    { name: 'Sequelize: include all', code: `${sequelizeModels}const book = await Book.findByPk(1, { include: { all: true } });\nbook.author;` },
    { name: 'Sequelize: include by alias', code: `${sequelizeModels}const book = await Book.findOne({ include: 'author' });\nbook.author;` },
    { name: 'Sequelize: default scope', code: `${sequelizeModels}Book.addScope('defaultScope', { include: [{ model: Author, as: 'author' }] }, { override: true });\nconst book = await Book.findOne({});\nbook.author;` },
    { name: 'Sequelize: raw rows', code: `${sequelizeModels}const book = await Book.findOne({ raw: true });\nbook.author;` },
    { name: 'sequelize-typescript: include by model', code: `${sequelizeTypescript}const teams = await Team.findAll({ include: [Player] });\nteams.map((t) => t.players);` },
    { name: 'MikroORM: populated', code: `${mikroEntities}const authors = await orm.em.find(Author, {}, { populate: ['books'] });\nauthors.map((a) => a.books.getItems());` },
    { name: 'MikroORM: populate all', code: `${mikroEntities}const author = await orm.em.findOne(Author, 1, { populate: ['*'] });\nauthor.books.getItems();` },
    { name: 'MikroORM: initialised before read', code: `${mikroEntities}const author = await orm.em.findOne(Author, 1);\nawait author.books.init();\nauthor.books.getItems();` },
    { name: 'MikroORM: em.populate', code: `${mikroEntities}const authors = await orm.em.find(Author, {});\nawait orm.em.populate(authors, ['books']);\nauthors[0].books.getItems();` },
    { name: 'MikroORM: a reference is not a collection', code: `${mikroEntities}const book = await orm.em.findOne(Book, 1);\nbook.author.id;` },
    { name: 'TypeORM: a returning function called nowhere here', code: `${typeormEntities}export async function published() {\n  return Book.find({ where: { published: true } });\n}` },
    { name: 'other libraries only', code: `${typeormEntities}const book = await Book.findOne({});\nbook.author;`, options: [{ libraries: ['prisma'] }] },
  ],
  invalid: [
    {
      name: 'TypeORM: repository find without relations, through map',
      code: `${typeormEntities}const books = await dataSource.getRepository(Book).find({ where: { id: 1 } });\nbooks.map((b) => b.author?.name);`,
      errors: [{ messageId: 'unloadedRelation', line: 13, column: 18, data: typeormData('Book', 'find', 12) }],
    },
    {
      name: 'TypeORM: active record, another relation loaded',
      code: `${typeormEntities}const book = await Book.findOne({ where: { id: 1 }, relations: { editor: true } });\nconst { author } = book;`,
      errors: [{ messageId: 'unloadedRelation', line: 13, column: 9, data: typeormData('Book', 'findOne', 12) }],
    },
    {
      name: 'TypeORM: manager with the entity argument, for…of, a helper',
      code: `${typeormEntities}function show(book) {\n  return book.author;\n}\nasync function list() {\n  const books = await dataSource.manager.find(Book, {});\n  for (const book of books) show(book);\n}`,
      errors: [{ messageId: 'unloadedRelation', line: 13, column: 10, data: typeormData('Book', 'find', 16) }],
    },
    {
      name: 'TypeORM: findAndCount, findOneBy',
      code: `${typeormEntities}const [rows] = await Book.findAndCount({ relations: [] });\nrows[0].author;\nconst one = await Book.findOneBy({ id: 1 });\none.author;`,
      errors: [
        { messageId: 'unloadedRelation', line: 13, column: 1, data: typeormData('Book', 'findAndCount', 12) },
        { messageId: 'unloadedRelation', line: 15, column: 1, data: typeormData('Book', 'findOneBy', 14) },
      ],
    },
    {
      name: 'TypeORM query builder: a relation the chain did not join',
      code: `${typeormEntities}const books = await dataSource.getRepository(Book).createQueryBuilder('book').leftJoinAndSelect('book.editor', 'editor').where('book.id > :id', { id: 1 }).orderBy('book.id').getMany();\nbooks.map((b) => b.author.name);`,
      errors: [{ messageId: 'unloadedRelation', line: 13, column: 18, data: { ...typeormData('Book', 'getMany', 12), eagerForm: "leftJoinAndSelect('book.author', 'author')" } }],
    },
    {
      name: 'TypeORM query builder: active record and the manager, one row',
      code: `${typeormEntities}const book = await Book.createQueryBuilder('b').where('b.id = :id', { id: 1 }).getOneOrFail();\nbook.author;\nconst [rows] = await dataSource.manager.createQueryBuilder(Book, 'x').leftJoin('x.author', 'a').getManyAndCount();\nrows[0].author;`,
      errors: [
        { messageId: 'unloadedRelation', line: 13, column: 1, data: { ...typeormData('Book', 'getOneOrFail', 12), eagerForm: "leftJoinAndSelect('b.author', 'author')" } },
        { messageId: 'unloadedRelation', line: 15, column: 1, data: { ...typeormData('Book', 'getManyAndCount', 14), eagerForm: "leftJoinAndSelect('x.author', 'author')" } },
      ],
    },
    {
      name: 'TypeORM: rows returned by a function of the module',
      code: `${typeormEntities}async function published() {\n  return Book.find({ where: { published: true } });\n}\nconst load = async (id) => Book.findOneBy({ id });\nconst books = await published();\nbooks.forEach((b) => b.author);\n(await load(1)).author;`,
      errors: [
        { messageId: 'unloadedRelation', line: 17, column: 22, data: typeormData('Book', 'find', 13) },
        { messageId: 'unloadedRelation', line: 18, column: 1, data: typeormData('Book', 'findOneBy', 15) },
      ],
    },
    {
      name: 'TypeORM: EntitySchema',
      code: "import { DataSource, EntitySchema } from 'typeorm';\nconst BookSchema = new EntitySchema({ name: 'Book', relations: { author: { type: 'many-to-one', target: 'Author' } } });\nconst dataSource = new DataSource({});\nconst book = await dataSource.getRepository(BookSchema).findOne({});\nbook.author;",
      errors: [{ messageId: 'unloadedRelation', line: 5, column: 1, data: typeormData('Book', 'findOne', 4) }],
    },
    {
      name: 'Sequelize: include of another association',
      code: `${sequelizeModels}const authors = await Author.findAll({ include: [{ model: Book, as: 'author' }] });\nauthors.forEach((a) => a.books.length);`,
      errors: [{ messageId: 'unloadedRelation', line: 7, column: 24, data: { relation: 'books', library: 'Sequelize', entity: 'Author', method: 'findAll', line: '6', eagerForm: "include: [{ model: …, as: 'books' }]" } }],
    },
    {
      name: 'Sequelize: findAndCountAll rows',
      code: `${sequelizeModels}const { rows } = await Book.findAndCountAll({ where: {} });\nrows.map((r) => r.author);`,
      errors: [{ messageId: 'unloadedRelation', line: 7, column: 17, data: { relation: 'author', library: 'Sequelize', entity: 'Book', method: 'findAndCountAll', line: '6', eagerForm: "include: [{ model: …, as: 'author' }]" } }],
    },
    {
      name: 'sequelize-typescript: decorated association not included',
      code: `${sequelizeTypescript}const player = await Player.findByPk(1, { include: [{ model: Team, as: 'coach' }] });\nplayer.team;`,
      errors: [{ messageId: 'unloadedRelation', line: 11, column: 1, data: { relation: 'team', library: 'Sequelize', entity: 'Player', method: 'findByPk', line: '10', eagerForm: "include: [{ model: …, as: 'team' }]" } }],
    },
    {
      name: 'MikroORM: collection items without populate',
      code: `${mikroEntities}const authors = await orm.em.find(Author, {}, { populate: [] });\nauthors.map((a) => a.books.getItems());\nfor (const b of authors[0].books) b;`,
      errors: [
        { messageId: 'uninitialisedCollection', line: 12, column: 20, data: { relation: 'books', library: 'MikroORM', entity: 'Author', method: 'find', line: '11', eagerForm: "populate: ['books']" } },
        { messageId: 'uninitialisedCollection', line: 13, column: 17, data: { relation: 'books', library: 'MikroORM', entity: 'Author', method: 'find', line: '11', eagerForm: "populate: ['books']" } },
      ],
    },
    {
      name: 'TypeORM: entity classes in another module',
      filename: crossFile,
      code: "import { DataSource } from 'typeorm';\nimport { Post } from './entities';\nconst dataSource = new DataSource({});\nconst post = await dataSource.getRepository(Post).findOne({ where: { id: 1 } });\npost.author;\npost.editor;",
      errors: [{ messageId: 'unloadedRelation', line: 5, column: 1, data: { ...typeormData('Post', 'findOne', 4) } }],
    },
    {
      name: 'TypeORM: entity re-exported by a barrel under another name',
      filename: crossFile,
      code: "import { DataSource } from 'typeorm';\nimport { Article } from './index';\nconst dataSource = new DataSource({});\nconst [post] = await dataSource.getRepository(Article).find({ relations: ['editor'] });\npost.author;",
      errors: [{ messageId: 'unloadedRelation', line: 5, column: 1, data: { ...typeormData('Post', 'find', 4) } }],
    },
    {
      name: 'Sequelize: CommonJS models in another module',
      filename: crossFileJs,
      code: "const { Article } = require('./models');\nasync function list() {\n  const articles = await Article.findAll();\n  return articles.map((a) => a.comments);\n}",
      errors: [{ messageId: 'unloadedRelation', line: 4, column: 30, data: { relation: 'comments', library: 'Sequelize', entity: 'Article', method: 'findAll', line: '3', eagerForm: "include: [{ model: …, as: 'comments' }]" } }],
    },
  ],
});

typedTester().run('no-unloaded-relation-access (typed)', rule, {
  valid: [{ name: 'TypeORM, typed: the entity from another module, relation loaded', filename: crossFile, code: "import { DataSource } from 'typeorm';\nimport { Post } from './entities';\nconst dataSource = new DataSource({});\nconst post = await dataSource.getRepository(Post).findOne({ relations: ['author'] });\npost.author;" }],
  invalid: [
    {
      name: 'TypeORM, typed: the entity from another module, relation not loaded',
      filename: crossFile,
      code: "import { DataSource } from 'typeorm';\nimport { Post } from './entities';\nconst dataSource = new DataSource({});\nconst post = await dataSource.getRepository(Post).findOne({ where: { id: 1 } });\npost.author;",
      errors: [{ messageId: 'unloadedRelation', line: 5, column: 1, data: typeormData('Post', 'findOne', 4) }],
    },
  ],
});

/**
 * no-unloaded-relation-access: per library a relation read from rows whose query did not load it,
 * the loaded forms that are silent (array, object, nested paths, includes, populate, eager
 * relations), and lookalikes (a `find` on a Map or an array, a class that is not an entity,
 * `relations` on an unrelated object, options that cannot be seen into).
 */
import path from 'node:path';

import type { InvalidTestCase } from '@typescript-eslint/rule-tester';

import rule from './no-unloaded-relation-access.js';
import type { MessageId, Options } from './no-unloaded-relation-access.js';
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

type Invalid = InvalidTestCase<MessageId, Options>;

/**
 * The case with the suggestion of each of its errors, in order: the query's text `before` → `after`
 * in the case's code (each `before` written once in it), or `null` where none must be offered.
 */
function suggesting(test: Invalid, edits: readonly (readonly [before: string, after: string] | null)[]): Invalid {
  const errors = test.errors.map((error, index) => {
    const edit = edits[index];
    if (edit === undefined) throw new Error(`${test.name ?? ''}: no edit given for error ${String(index)}`);
    if (edit && test.code.split(edit[0]).length !== 2) throw new Error(`${test.name ?? ''}: not once in the code: ${edit[0]}`);
    return { ...error, suggestions: edit ? [{ messageId: 'loadRelation' as const, output: test.code.replace(edit[0], edit[1]) }] : [] };
  });
  return { ...test, errors };
}

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
    suggesting(
      {
        name: 'TypeORM: repository find without relations, through map',
        code: `${typeormEntities}const books = await dataSource.getRepository(Book).find({ where: { id: 1 } });\nbooks.map((b) => b.author?.name);`,
        errors: [{ messageId: 'unloadedRelation', line: 13, column: 18, data: typeormData('Book', 'find', 12) }],
      },
      [['find({ where: { id: 1 } })', "find({ where: { id: 1 }, relations: ['author'] })"]],
    ),
    suggesting(
      {
        name: 'TypeORM: active record, another relation loaded',
        code: `${typeormEntities}const book = await Book.findOne({ where: { id: 1 }, relations: { editor: true } });\nconst { author } = book;`,
        errors: [{ messageId: 'unloadedRelation', line: 13, column: 9, data: typeormData('Book', 'findOne', 12) }],
      },
      [['relations: { editor: true }', 'relations: { editor: true, author: true }']],
    ),
    suggesting(
      {
        name: 'TypeORM: manager with the entity argument, for…of, a helper',
        code: `${typeormEntities}function show(book) {\n  return book.author;\n}\nasync function list() {\n  const books = await dataSource.manager.find(Book, {});\n  for (const book of books) show(book);\n}`,
        errors: [{ messageId: 'unloadedRelation', line: 13, column: 10, data: typeormData('Book', 'find', 16) }],
      },
      [['find(Book, {})', "find(Book, { relations: ['author'] })"]],
    ),
    suggesting(
      {
        name: 'TypeORM: findAndCount, findOneBy',
        code: `${typeormEntities}const [rows] = await Book.findAndCount({ relations: [] });\nrows[0].author;\nconst one = await Book.findOneBy({ id: 1 });\none.author;`,
        errors: [
          { messageId: 'unloadedRelation', line: 13, column: 1, data: typeormData('Book', 'findAndCount', 12) },
          { messageId: 'unloadedRelation', line: 15, column: 1, data: typeormData('Book', 'findOneBy', 14) },
        ],
      },
      [['relations: []', "relations: ['author']"], null],
    ),
    suggesting(
      {
        name: 'TypeORM query builder: a relation the chain did not join',
        code: `${typeormEntities}const books = await dataSource.getRepository(Book).createQueryBuilder('book').leftJoinAndSelect('book.editor', 'editor').where('book.id > :id', { id: 1 }).orderBy('book.id').getMany();\nbooks.map((b) => b.author.name);`,
        errors: [{ messageId: 'unloadedRelation', line: 13, column: 18, data: { ...typeormData('Book', 'getMany', 12), eagerForm: "leftJoinAndSelect('book.author', 'author')" } }],
      },
      [null],
    ),
    suggesting(
      {
        name: 'TypeORM query builder: active record and the manager, one row',
        code: `${typeormEntities}const book = await Book.createQueryBuilder('b').where('b.id = :id', { id: 1 }).getOneOrFail();\nbook.author;\nconst [rows] = await dataSource.manager.createQueryBuilder(Book, 'x').leftJoin('x.author', 'a').getManyAndCount();\nrows[0].author;`,
        errors: [
          { messageId: 'unloadedRelation', line: 13, column: 1, data: { ...typeormData('Book', 'getOneOrFail', 12), eagerForm: "leftJoinAndSelect('b.author', 'author')" } },
          { messageId: 'unloadedRelation', line: 15, column: 1, data: { ...typeormData('Book', 'getManyAndCount', 14), eagerForm: "leftJoinAndSelect('x.author', 'author')" } },
        ],
      },
      [null, null],
    ),
    suggesting(
      {
        name: 'TypeORM: rows returned by a function of the module',
        code: `${typeormEntities}async function published() {\n  return Book.find({ where: { published: true } });\n}\nconst load = async (id) => Book.findOneBy({ id });\nconst books = await published();\nbooks.forEach((b) => b.author);\n(await load(1)).author;`,
        errors: [
          { messageId: 'unloadedRelation', line: 17, column: 22, data: typeormData('Book', 'find', 13) },
          { messageId: 'unloadedRelation', line: 18, column: 1, data: typeormData('Book', 'findOneBy', 15) },
        ],
      },
      [['find({ where: { published: true } })', "find({ where: { published: true }, relations: ['author'] })"], null],
    ),
    suggesting(
      {
        name: 'TypeORM: EntitySchema',
        code: "import { DataSource, EntitySchema } from 'typeorm';\nconst BookSchema = new EntitySchema({ name: 'Book', relations: { author: { type: 'many-to-one', target: 'Author' } } });\nconst dataSource = new DataSource({});\nconst book = await dataSource.getRepository(BookSchema).findOne({});\nbook.author;",
        errors: [{ messageId: 'unloadedRelation', line: 5, column: 1, data: typeormData('Book', 'findOne', 4) }],
      },
      [['findOne({})', "findOne({ relations: ['author'] })"]],
    ),
    suggesting(
      {
        name: 'Sequelize: include of another association',
        code: `${sequelizeModels}const authors = await Author.findAll({ include: [{ model: Book, as: 'author' }] });\nauthors.forEach((a) => a.books.length);`,
        errors: [{ messageId: 'unloadedRelation', line: 7, column: 24, data: { relation: 'books', library: 'Sequelize', entity: 'Author', method: 'findAll', line: '6', eagerForm: "include: [{ model: …, as: 'books' }]" } }],
      },
      [["include: [{ model: Book, as: 'author' }]", "include: [{ model: Book, as: 'author' }, { association: 'books' }]"]],
    ),
    suggesting(
      {
        name: 'Sequelize: findAndCountAll rows',
        code: `${sequelizeModels}const { rows } = await Book.findAndCountAll({ where: {} });\nrows.map((r) => r.author);`,
        errors: [{ messageId: 'unloadedRelation', line: 7, column: 17, data: { relation: 'author', library: 'Sequelize', entity: 'Book', method: 'findAndCountAll', line: '6', eagerForm: "include: [{ model: …, as: 'author' }]" } }],
      },
      [['findAndCountAll({ where: {} })', "findAndCountAll({ where: {}, include: [{ association: 'author' }] })"]],
    ),
    suggesting(
      {
        name: 'sequelize-typescript: decorated association not included',
        code: `${sequelizeTypescript}const player = await Player.findByPk(1, { include: [{ model: Team, as: 'coach' }] });\nplayer.team;`,
        errors: [{ messageId: 'unloadedRelation', line: 11, column: 1, data: { relation: 'team', library: 'Sequelize', entity: 'Player', method: 'findByPk', line: '10', eagerForm: "include: [{ model: …, as: 'team' }]" } }],
      },
      [["include: [{ model: Team, as: 'coach' }]", "include: [{ model: Team, as: 'coach' }, { association: 'team' }]"]],
    ),
    suggesting(
      {
        name: 'MikroORM: collection items without populate',
        code: `${mikroEntities}const authors = await orm.em.find(Author, {}, { populate: [] });\nauthors.map((a) => a.books.getItems());\nfor (const b of authors[0].books) b;`,
        errors: [
          { messageId: 'uninitialisedCollection', line: 12, column: 20, data: { relation: 'books', library: 'MikroORM', entity: 'Author', method: 'find', line: '11', eagerForm: "populate: ['books']" } },
          { messageId: 'uninitialisedCollection', line: 13, column: 17, data: { relation: 'books', library: 'MikroORM', entity: 'Author', method: 'find', line: '11', eagerForm: "populate: ['books']" } },
        ],
      },
      [['populate: []', "populate: ['books']"], ['populate: []', "populate: ['books']"]],
    ),
    suggesting(
      {
        name: 'TypeORM: entity classes in another module',
        filename: crossFile,
        code: "import { DataSource } from 'typeorm';\nimport { Post } from './entities';\nconst dataSource = new DataSource({});\nconst post = await dataSource.getRepository(Post).findOne({ where: { id: 1 } });\npost.author;\npost.editor;",
        errors: [{ messageId: 'unloadedRelation', line: 5, column: 1, data: { ...typeormData('Post', 'findOne', 4) } }],
      },
      [['findOne({ where: { id: 1 } })', "findOne({ where: { id: 1 }, relations: ['author'] })"]],
    ),
    suggesting(
      {
        name: 'TypeORM: entity re-exported by a barrel under another name',
        filename: crossFile,
        code: "import { DataSource } from 'typeorm';\nimport { Article } from './index';\nconst dataSource = new DataSource({});\nconst [post] = await dataSource.getRepository(Article).find({ relations: ['editor'] });\npost.author;",
        errors: [{ messageId: 'unloadedRelation', line: 5, column: 1, data: { ...typeormData('Post', 'find', 4) } }],
      },
      [["relations: ['editor']", "relations: ['editor', 'author']"]],
    ),
    suggesting(
      {
        name: 'Sequelize: CommonJS models in another module',
        filename: crossFileJs,
        code: "const { Article } = require('./models');\nasync function list() {\n  const articles = await Article.findAll();\n  return articles.map((a) => a.comments);\n}",
        errors: [{ messageId: 'unloadedRelation', line: 4, column: 30, data: { relation: 'comments', library: 'Sequelize', entity: 'Article', method: 'findAll', line: '3', eagerForm: "include: [{ model: …, as: 'comments' }]" } }],
      },
      [['Article.findAll()', "Article.findAll({ include: [{ association: 'comments' }] })"]],
    ),
  ],
});

typedTester().run('no-unloaded-relation-access (typed)', rule, {
  valid: [{ name: 'TypeORM, typed: the entity from another module, relation loaded', filename: crossFile, code: "import { DataSource } from 'typeorm';\nimport { Post } from './entities';\nconst dataSource = new DataSource({});\nconst post = await dataSource.getRepository(Post).findOne({ relations: ['author'] });\npost.author;" }],
  invalid: [
    suggesting(
      {
        name: 'TypeORM, typed: the entity from another module, relation not loaded',
        filename: crossFile,
        code: "import { DataSource } from 'typeorm';\nimport { Post } from './entities';\nconst dataSource = new DataSource({});\nconst post = await dataSource.getRepository(Post).findOne({ where: { id: 1 } });\npost.author;",
        errors: [{ messageId: 'unloadedRelation', line: 5, column: 1, data: typeormData('Post', 'findOne', 4) }],
      },
      [['findOne({ where: { id: 1 } })', "findOne({ where: { id: 1 }, relations: ['author'] })"]],
    ),
  ],
});

const typeormTwoRelations = `import { DataSource, Entity, ManyToMany, ManyToOne } from 'typeorm';
@Entity()
class Genre {}
@Entity()
class Author {}
@Entity()
class Book {
  @ManyToOne(() => Author) author: Author;
  @ManyToMany(() => Genre) genres: Genre[];
}
const dataSource = new DataSource({ type: 'postgres' });
`;

const sequelizeTwoAssociations = `import { Model } from 'sequelize';
class Author extends Model {}
class Genre extends Model {}
class Book extends Model {}
Book.belongsTo(Author, { as: 'writer' });
Book.belongsToMany(Genre, { as: 'genres', through: 'BookGenres' });
`;

const unloaded = (line: number, column: number) => ({ messageId: 'unloadedRelation' as const, line, column });
const uninitialised = (line: number, column: number) => ({ messageId: 'uninitialisedCollection' as const, line, column });

untypedTester().run('no-unloaded-relation-access: loading the relation with its query', rule, {
  valid: [],
  invalid: [
    suggesting(
      { name: 'TypeORM: nested paths in the array, double quotes, a trailing comma', code: `${typeormEntities}const book = await Book.findOne({ relations: ["editor.books",] });\nbook.author;`, errors: [unloaded(13, 1)] },
      [['relations: ["editor.books",]', 'relations: ["editor.books", "author",]']],
    ),
    suggesting(
      { name: 'TypeORM: nested object form', code: `${typeormEntities}const book = await Book.findOne({ where: { id: 1 }, relations: { editor: { books: true } } });\nbook.author;`, errors: [unloaded(13, 1)] },
      [['relations: { editor: { books: true } }', 'relations: { editor: { books: true }, author: true }']],
    ),
    suggesting(
      { name: 'TypeORM: no options argument', code: `${typeormEntities}const books = await Book.find();\nbooks[0].author;`, errors: [unloaded(13, 1)] },
      [['Book.find()', "Book.find({ relations: ['author'] })"]],
    ),
    suggesting(
      { name: 'TypeORM: options cast to their type', code: `${typeormEntities}const book = await Book.findOne({ where: { id: 1 } } as FindOneOptions<Book>);\nbook.author;`, errors: [unloaded(13, 1)] },
      [['{ where: { id: 1 } } as', "{ where: { id: 1 }, relations: ['author'] } as"]],
    ),
    suggesting(
      {
        name: 'TypeORM: two relations read from one query, each suggestion adds its own',
        code: `${typeormTwoRelations}const books = await dataSource.getRepository(Book).find({ relations: [] });\nbooks.map((b) => [b.author, b.genres]);`,
        errors: [unloaded(13, 19), unloaded(13, 29)],
      },
      [
        ['relations: []', "relations: ['author']"],
        ['relations: []', "relations: ['genres']"],
      ],
    ),
    suggesting(
      { name: 'Sequelize: a single include becomes an array; an alias that is not the model name', code: `${sequelizeTwoAssociations}const book = await Book.findOne({ include: { model: Genre, as: 'genres' } });\nbook.writer;`, errors: [unloaded(8, 1)] },
      [["include: { model: Genre, as: 'genres' }", "include: [{ model: Genre, as: 'genres' }, { association: 'writer' }]"]],
    ),
    suggesting(
      { name: 'Sequelize: an include by alias becomes an array', code: `${sequelizeTwoAssociations}const book = await Book.findOne({ include: 'genres' });\nbook.writer;`, errors: [unloaded(8, 1)] },
      [["include: 'genres'", "include: ['genres', { association: 'writer' }]"]],
    ),
    suggesting(
      { name: 'Sequelize: findByPk without options', code: `${sequelizeTwoAssociations}const book = await Book.findByPk(1);\nbook.genres;`, errors: [unloaded(8, 1)] },
      [['Book.findByPk(1)', "Book.findByPk(1, { include: [{ association: 'genres' }] })"]],
    ),
    suggesting(
      {
        name: 'Sequelize: two associations read from one query',
        code: `${sequelizeTwoAssociations}const books = await Book.findAll({ where: { id: 1 } });\nbooks.map((b) => b.writer.name + b.genres.length);`,
        errors: [unloaded(8, 18), unloaded(8, 34)],
      },
      [
        ['{ where: { id: 1 } }', "{ where: { id: 1 }, include: [{ association: 'writer' }] }"],
        ['{ where: { id: 1 } }', "{ where: { id: 1 }, include: [{ association: 'genres' }] }"],
      ],
    ),
    suggesting(
      { name: 'Sequelize: findAndCountAll of a list association with distinct', code: `${sequelizeTwoAssociations}const { rows } = await Book.findAndCountAll({ distinct: true });\nrows[0].genres;`, errors: [unloaded(8, 1)] },
      [['{ distinct: true }', "{ distinct: true, include: [{ association: 'genres' }] }"]],
    ),
    suggesting(
      { name: 'MikroORM: findOne without options', code: `${mikroEntities}const author = await orm.em.findOne(Author, 1);\nauthor.books.getItems();`, errors: [uninitialised(12, 1)] },
      [['findOne(Author, 1)', "findOne(Author, 1, { populate: ['books'] })"]],
    ),
    suggesting(
      { name: 'MikroORM: findAll takes its options second', code: `${mikroEntities}const authors = await orm.em.findAll(Author);\nauthors[0].books.length;`, errors: [uninitialised(12, 1)] },
      [['findAll(Author)', "findAll(Author, { populate: ['books'] })"]],
    ),
    suggesting(
      { name: 'MikroORM: options without populate', code: `${mikroEntities}const authors = await orm.em.find(Author, { name: "a" }, { limit: 10 });\nauthors[0].books.length;`, errors: [uninitialised(12, 1)] },
      [['{ limit: 10 }', '{ limit: 10, populate: ["books"] }']],
    ),
    // Where the rule cannot prove the edit right, the finding has no suggestion.
    suggesting({ name: 'not offered: TypeORM partial select', code: `${typeormEntities}const book = await Book.findOne({ select: { id: true } });\nbook.author;`, errors: [unloaded(13, 1)] }, [null]),
    suggesting(
      { name: 'not offered: TypeORM row lock (an outer join cannot be locked)', code: `${typeormEntities}const book = await Book.findOne({ where: { id: 1 }, lock: { mode: 'pessimistic_write' } });\nbook.author;`, errors: [unloaded(13, 1)] },
      [null],
    ),
    suggesting({ name: 'not offered: TypeORM relation named false', code: `${typeormEntities}const book = await Book.findOne({ relations: { author: false } });\nbook.author;`, errors: [unloaded(13, 1)] }, [null]),
    suggesting({ name: 'not offered: TypeORM relations in a variable', code: `${typeormEntities}const eager = ['editor'];\nconst book = await Book.findOne({ relations: eager });\nbook.author;`, errors: [unloaded(14, 1)] }, [null]),
    suggesting({ name: 'not offered: TypeORM relations as const', code: `${typeormEntities}const book = await Book.findOne({ relations: ['editor'] as const });\nbook.author;`, errors: [unloaded(13, 1)] }, [null]),
    suggesting({ name: 'not offered: TypeORM options key written twice', code: `${typeormEntities}const book = await Book.findOne({ relations: [], relations: [] });\nbook.author;`, errors: [unloaded(13, 1)] }, [null]),
    suggesting({ name: 'not offered: Sequelize attributes', code: `${sequelizeTwoAssociations}const book = await Book.findOne({ attributes: ['id'] });\nbook.writer;`, errors: [unloaded(8, 1)] }, [null]),
    suggesting(
      { name: 'not offered: Sequelize findAndCountAll of a list association without distinct (the count would count joined rows)', code: `${sequelizeTwoAssociations}const { rows } = await Book.findAndCountAll({ limit: 10 });\nrows[0].genres;\nconst all = await Book.findAndCountAll();\nall.rows[0].genres;`, errors: [unloaded(8, 1), unloaded(10, 1)] },
      [null, null],
    ),
    suggesting({ name: 'not offered: MikroORM find without its where argument', code: `${mikroEntities}const authors = await orm.em.find(Author);\nauthors[0].books.length;`, errors: [uninitialised(12, 1)] }, [null]),
    suggesting({ name: 'not offered: MikroORM partial fields', code: `${mikroEntities}const authors = await orm.em.find(Author, {}, { fields: ['id'] });\nauthors[0].books.length;`, errors: [uninitialised(12, 1)] }, [null]),
  ],
});

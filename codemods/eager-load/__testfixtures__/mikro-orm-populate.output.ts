import { Collection, Entity, ManyToOne, MikroORM, OneToMany, PrimaryKey } from '@mikro-orm/core';

@Entity()
class Author {
  @PrimaryKey() id!: number;
  @OneToMany(() => Book, (book) => book.author) books = new Collection<Book>(this);
}

@Entity()
class Book {
  @PrimaryKey() id!: number;
  @ManyToOne(() => Author) author!: Author;
}

const orm = await MikroORM.init({ entities: [Author, Book] });

// `em.find(entity, where, options)`: the options argument is added after `where`.
export async function titles(): Promise<number[][]> {
  const em = orm.em.fork();
  const authors = await em.find(Author, { id: { $gt: 0 } }, { populate: ['books'] });
  return authors.map((author) => author.books.getItems().map((book) => book.id));
}

// `findAll(entity, options)`: the existing options get `populate`.
export async function counts(): Promise<number[]> {
  const authors = await orm.em.findAll(Author, { limit: 10, populate: ['books'] });
  return authors.map((author) => author.books.length);
}

// An empty `populate`: the read collection is added to it.
export async function one(id: number): Promise<number[]> {
  const author = await orm.em.findOneOrFail(Author, id, { populate: ['books'] });
  return author.books.toArray().map((book) => book.id);
}

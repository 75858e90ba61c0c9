import { DataSource, Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { FindManyOptions } from 'typeorm';

@Entity()
class Author {
  @PrimaryGeneratedColumn() id: number;
}

@Entity()
class Book {
  @PrimaryGeneratedColumn() id: number;
  @ManyToOne(() => Author) author: Author;
  @ManyToOne(() => Author, { eager: true }) editor: Author;
}

const dataSource = new DataSource({ type: 'postgres', poolSize: 10, connectTimeoutMS: 2000 });
const cache = new Map<number, Book>();
const api = { find: async (options: { relations: string[] }) => [{ author: options.relations.length }] };

// The same method names on objects that are not ORM queries.
export async function fromApi(): Promise<number[]> {
  const rows = await api.find({ relations: [] });
  return rows.map((row) => row.author);
}

export function fromArray(books: Book[]): Author | undefined {
  return books.find((book) => book.id === 1)?.author;
}

export function fromCache(): Author | undefined {
  return cache.get(1)?.author;
}

// The relation is loaded: by the query, or by `eager: true`.
export async function loaded(): Promise<Author[]> {
  const books = await dataSource.getRepository(Book).find({ relations: ['author'] });
  const [first] = await dataSource.getRepository(Book).find({ where: { id: 1 } });
  return [...books.map((book) => book.author), first.editor];
}

// Relations from a parameter: what the query loads is not known, nothing is reported.
export async function withOptions(options: FindManyOptions<Book>): Promise<Author[]> {
  const books = await dataSource.getRepository(Book).find({ ...options });
  const more = await dataSource.getRepository(Book).find({ relations: options.relations });
  return [...books, ...more].map((book) => book.author);
}

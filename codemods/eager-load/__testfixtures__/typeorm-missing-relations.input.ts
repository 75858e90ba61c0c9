import { DataSource, Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Repository } from 'typeorm';

@Entity()
class Author {
  @PrimaryGeneratedColumn() id: number;
}

@Entity()
class Book {
  @PrimaryGeneratedColumn() id: number;
  @ManyToOne(() => Author) author: Author;
}

const dataSource = new DataSource({ type: 'postgres', poolSize: 10, connectTimeoutMS: 2000 });
const books: Repository<Book> = dataSource.getRepository(Book);

// No `relations` key: one is added to the options object.
export async function published(): Promise<number[]> {
  const rows = await books.find({ where: { id: 1 }, order: { id: 'ASC' } });
  return rows.map((row) => row.author.id);
}

// No options at all: an options argument is added.
export async function all(): Promise<number[]> {
  const rows = await books.find();
  return rows.map((row) => row.author.id);
}

// `findOneBy(where)` takes no options: the rule does not rewrite it into `findOne`.
export async function one(id: number): Promise<number | undefined> {
  const row = await books.findOneBy({ id });
  return row?.author.id;
}

import { DataSource, Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

@Entity()
class Author {
  @PrimaryGeneratedColumn() id: number;
  name: string;
}

@Entity()
class Book {
  @PrimaryGeneratedColumn() id: number;
  @ManyToOne(() => Author) author: Promise<Author>;
}

const dataSource = new DataSource({ type: 'postgres', poolSize: 10, connectTimeoutMS: 2000 });

// Each `await book.author` on a lazy relation is a query: loaded with the books, it resolves the
// loaded value instead (one query, or two with paging, for the whole list).
export async function authorNames(): Promise<string[]> {
  const books = await dataSource.getRepository(Book).find({ order: { id: 'ASC' }, take: 50 });
  const names: string[] = [];
  for (const book of books) {
    const author = await book.author;
    names.push(author.name);
  }
  return names;
}

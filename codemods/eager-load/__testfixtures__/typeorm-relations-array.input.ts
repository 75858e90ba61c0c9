import { DataSource, Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

@Entity()
class Author {
  @PrimaryGeneratedColumn() id: number;
}

@Entity()
class Book {
  @PrimaryGeneratedColumn() id: number;
  @ManyToOne(() => Author) author: Author;
  @ManyToOne(() => Author) editor: Author;
}

const dataSource = new DataSource({ type: 'postgres', poolSize: 10, connectTimeoutMS: 2000 });

export async function listBooks(): Promise<{ id: number; author: number }[]> {
  const books = await dataSource.getRepository(Book).find({
    where: { id: 1 },
    relations: ['editor'],
  });
  return books.map((book) => ({ id: book.id, author: book.author.id }));
}

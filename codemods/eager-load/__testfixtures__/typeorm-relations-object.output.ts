import { DataSource, Entity, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';

@Entity()
class Author {
  @PrimaryGeneratedColumn() id: number;
  @OneToMany(() => Book, (book) => book.author) books: Book[];
}

@Entity()
class Book {
  @PrimaryGeneratedColumn() id: number;
  @ManyToOne(() => Author, (author) => author.books) author: Author;
  @ManyToOne(() => Author) editor: Author;
}

const dataSource = new DataSource({ type: 'postgres', poolSize: 10, connectTimeoutMS: 2000 });

// The manager with the entity argument: the relations object, nested, gets the read relation too.
export async function showBook(id: number): Promise<string> {
  const book = await dataSource.manager.findOne(Book, { where: { id }, relations: { editor: { books: true }, author: true } });
  return book ? `${book.author.id}` : '';
}

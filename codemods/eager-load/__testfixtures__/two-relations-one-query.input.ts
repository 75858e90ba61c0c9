import { DataSource, Entity, ManyToMany, ManyToOne, OneToOne, PrimaryGeneratedColumn } from 'typeorm';

@Entity()
class Author {
  @PrimaryGeneratedColumn() id: number;
}

@Entity()
class Genre {
  @PrimaryGeneratedColumn() id: number;
}

@Entity()
class Inventory {
  @PrimaryGeneratedColumn() id: number;
}

@Entity()
class Book {
  @PrimaryGeneratedColumn() id: number;
  @ManyToOne(() => Author) author: Author;
  @ManyToMany(() => Genre) genres: Genre[];
  @OneToOne(() => Inventory) inventory: Inventory;
}

const dataSource = new DataSource({ type: 'postgres', poolSize: 10, connectTimeoutMS: 2000 });

// Three relations read from one query: each finding's edit adds its own, pass after pass.
export async function listBooks(): Promise<object[]> {
  const books = await dataSource.getRepository(Book).find();
  return books.map((book) => ({ author: book.author.id, genres: book.genres.map((genre) => genre.id), stock: book.inventory.id }));
}

// Two from a query that names none yet.
export async function cheapBooks(): Promise<object[]> {
  const books = await dataSource.getRepository(Book).find({ where: { id: 1 } });
  return books.map((book) => [book.genres, book.author]);
}

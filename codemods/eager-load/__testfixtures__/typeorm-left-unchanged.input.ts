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
const eager = ['editor'];

// Fixed: the relations are written in place.
export async function fixed(): Promise<number[]> {
  const books = await dataSource.getRepository(Book).find({ relations: ['editor'] });
  return books.map((book) => book.author.id);
}

// Left as they are, each reported with its reason: relations held in a variable, a partial
// select, a row lock, a query builder, `findOneBy`.
export async function left(id: number): Promise<number[]> {
  const books = await dataSource.getRepository(Book).find({ relations: eager });
  const [selected] = await dataSource.getRepository(Book).find({ select: { id: true } });
  const locked = await dataSource.getRepository(Book).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  const built = await dataSource.getRepository(Book).createQueryBuilder('book').where('book.id = :id', { id }).getOne();
  const one = await dataSource.getRepository(Book).findOneBy({ id });
  return [books[0].author.id, selected.author.id, locked?.author.id ?? 0, built?.author.id ?? 0, one?.author.id ?? 0];
}

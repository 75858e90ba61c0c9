import { BaseEntity, Entity, ManyToOne, OneToOne, PrimaryGeneratedColumn } from 'typeorm';

@Entity()
class Profile {
  @PrimaryGeneratedColumn() id: number;
}

@Entity()
class Author {
  @PrimaryGeneratedColumn() id: number;
  @OneToOne(() => Profile) profile: Profile;
}

@Entity()
class Book extends BaseEntity {
  @PrimaryGeneratedColumn() id: number;
  @ManyToOne(() => Author) author: Author;
  @ManyToOne(() => Author) editor: Author;
}

// A nested path loads its first relation only: `author` is added beside `editor.profile`.
export async function credits(): Promise<string[]> {
  const [rows] = await Book.findAndCount({ relations: ["editor.profile"], take: 20 });
  return rows.map((book) => `${book.editor.profile.id} ${book.author.id}`);
}

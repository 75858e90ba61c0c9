import { DataTypes, Model, Sequelize } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/shop', { pool: { max: 5, acquire: 2000 } });

class Author extends Model {
  declare name: string;
}
class Inventory extends Model {}
class Book extends Model {
  declare writers?: Author[];
  declare inventory?: Inventory;
}
Book.init({ title: DataTypes.STRING }, { sequelize });
Author.init({ name: DataTypes.STRING }, { sequelize });
Inventory.init({ quantity: DataTypes.INTEGER }, { sequelize });
// The alias is not the model's name: `{ association: 'writers' }` names the association itself.
Book.belongsToMany(Author, { as: 'writers', through: 'BookAuthors' });
Book.hasOne(Inventory, { as: 'inventory' });

export async function listBooks(limit: number): Promise<string[][]> {
  const books = await Book.findAll({ include: [{ model: Inventory, as: 'inventory' }, { association: 'writers' }], order: [['id', 'ASC']], limit });
  return books.map((book) => (book.writers ?? []).map((writer) => writer.name));
}

export async function getBook(id: number): Promise<number> {
  const book = await Book.findByPk(id, { include: [{ association: 'writers' }] });
  return book?.writers?.length ?? 0;
}

// A single include becomes an array of it and the new one.
export async function firstBook(): Promise<number> {
  const book = await Book.findOne({ include: ['writers', { association: 'inventory' }] });
  return book?.inventory ? 1 : 0;
}

import { DataTypes, Model, Sequelize } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/shop', { pool: { max: 5, acquire: 2000 } });

class Book extends Model {}
Book.init({ stock: DataTypes.INTEGER }, { sequelize });

export async function sell(id: number): Promise<void> {
  await sequelize.transaction(async (t) => {
    const book = await Book.findByPk(id, { transaction: t });
    await Book.update({ stock: 0 }, { where: { id }, transaction: t });
    await Book.findAll({ where: { stock: 0 }, transaction: t });
    return book;
  });
}

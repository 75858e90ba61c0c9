import { Sequelize } from 'sequelize';
import { Router } from 'express';

const url = process.env.DATABASE_URL ?? 'postgres://localhost/books';
export const router = Router();

let sequelizeInstance: InstanceType<typeof Sequelize> | undefined;
/** Created at first use, then shared by every call. */
function getSequelize() {
  sequelizeInstance ??= new Sequelize(url, { logging: false, pool: { max: 4, acquire: 10_000 } });
  return sequelizeInstance;
}

router.get('/books/count', async (_req, res) => {
  const sequelize = getSequelize();
  const [rows] = await sequelize.query('select count(*) as count from books');
  res.json(rows[0]);
});

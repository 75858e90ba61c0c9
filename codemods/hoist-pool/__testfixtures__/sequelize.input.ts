import { Sequelize } from 'sequelize';
import { Router } from 'express';

const url = process.env.DATABASE_URL ?? 'postgres://localhost/books';
export const router = Router();

router.get('/books/count', async (_req, res) => {
  const sequelize = new Sequelize(url, { logging: false, pool: { max: 4, acquire: 10_000 } });
  const [rows] = await sequelize.query('select count(*) as count from books');
  await sequelize.close();
  res.json(rows[0]);
});

import express from 'express';
import { Pool } from 'pg';

export const app = express();

let poolInstance: InstanceType<typeof Pool> | undefined;
/** Created at first use, then shared by every call. */
function getPool() {
  poolInstance ??= new Pool({
    connectionString: process.env.DATABASE_URL,
    max: 4,
  });
  return poolInstance;
}

// One book by id.
app.get('/books/:id', async (req, res) => {
  const pool = getPool();
  const { rows } = await pool.query('select * from books where id = $1', [req.params.id]);
  if (rows.length === 0) return res.status(404).end();
  res.json(rows[0]);
});

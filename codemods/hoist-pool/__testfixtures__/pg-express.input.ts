import express from 'express';
import { Pool } from 'pg';

export const app = express();

// One book by id.
app.get('/books/:id', async (req, res) => {
  const pool = new Pool({
    connectionString: process.env.DATABASE_URL,
    max: 4,
  });
  try {
    const { rows } = await pool.query('select * from books where id = $1', [req.params.id]);
    if (rows.length === 0) return res.status(404).end();
    res.json(rows[0]);
  } finally {
    // Closed per request: every request paid for new connections.
    await pool.end();
  }
});

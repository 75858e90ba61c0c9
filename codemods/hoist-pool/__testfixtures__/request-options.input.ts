import express from 'express';
import { Pool } from 'pg';

export const app = express();

// The same options for every request.
app.get('/books', async (_req, res) => {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL });
  try { res.json((await pool.query('select * from books')).rows); } finally { await pool.end(); }
});

// A pool per tenant, from the request: left as it is (a cache of pools by tenant is a design decision).
app.get('/tenants/:tenant/books', async (req, res) => {
  const pool = new Pool({ database: req.params.tenant });
  try { res.json((await pool.query('select * from books')).rows); } finally { await pool.end(); }
});

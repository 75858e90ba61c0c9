const { Pool } = require('pg');

/** Lists the authors. */
exports.handler = async () => {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL });
  const { rows } = await pool.query('select * from authors');
  return { statusCode: 200, body: JSON.stringify(rows) };
};

const { Pool } = require('pg');

let poolInstance: InstanceType<typeof Pool> | undefined;
/** Created at first use, then shared by every call. */
function getPool() {
  poolInstance ??= new Pool({ connectionString: process.env.DATABASE_URL });
  return poolInstance;
}

/** Lists the authors. */
exports.handler = async () => {
  const pool = getPool();
  const { rows } = await pool.query('select * from authors');
  return { statusCode: 200, body: JSON.stringify(rows) };
};

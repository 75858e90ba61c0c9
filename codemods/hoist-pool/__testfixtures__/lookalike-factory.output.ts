import { Pool } from 'pg';
import type { PoolConfig } from 'pg';

// A factory: its caller owns the pool and may close it.
export function createPool(config: PoolConfig) {
  const pool = new Pool(config);
  pool.on('error', (error) => console.error('idle client error', error));
  return pool;
}

// What hoist-pool writes: one instance, made at first use.
let poolInstance: InstanceType<typeof Pool> | undefined;
function getPool() {
  poolInstance ??= new Pool({ connectionString: process.env.DATABASE_URL });
  return poolInstance;
}

export async function listBooks() {
  const pool = getPool();
  return (await pool.query('select * from books')).rows;
}

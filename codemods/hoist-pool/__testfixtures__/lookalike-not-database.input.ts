import { Pool } from 'undici';
import { createPool } from 'generic-pool';

function knex(config: { client: string }) {
  return { config, destroy() {} };
}

export async function handler() {
  const pool = new Pool('http://localhost:3000');
  const workers = createPool({ create: async () => ({}), destroy: async () => {} });
  const db = knex({ client: 'pg' });
  await pool.request({ path: '/', method: 'GET' });
  await workers.drain();
  db.destroy();
  await pool.close();
}

import crypto from 'node:crypto';
import pg from 'pg';

const pool = new pg.Pool({ max: 5, connectionTimeoutMillis: 2000 });

export async function register(email: string, password: string): Promise<void> {
  const salt = crypto.randomBytes(16);
  const hash = crypto.pbkdf2Sync(password, salt, 100_000, 64, 'sha512');
  await pool.query('insert into users (email, hash) values ($1, $2)', [email, hash]);
}

import pg from 'pg';

// The application's pool.
export const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL, max: 10, connectionTimeoutMillis: 10_000,
});

export const reporting = new pg.Pool({ connectionString: process.env.REPORTING_URL, max: 4, connectionTimeoutMillis: 10_000 });

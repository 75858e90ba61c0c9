import pg from 'pg';

// The application's pool.
export const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
});

export const reporting = new pg.Pool({ connectionString: process.env.REPORTING_URL, max: 4 });

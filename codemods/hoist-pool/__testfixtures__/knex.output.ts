import knex from 'knex';

const connection = process.env.DATABASE_URL;

let dbInstance: ReturnType<typeof knex> | undefined;
/** Created at first use, then shared by every call. */
function getDb() {
  dbInstance ??= knex({ client: 'pg', connection, pool: { min: 0, max: 4 } });
  return dbInstance;
}

export class BookRepository {
  async find(id: number) {
    const db = getDb();
    try {
      return await db('books').where({ id }).first();
    } catch (error) {
      console.error('books.find', error);
      throw error;
    }
  }
}

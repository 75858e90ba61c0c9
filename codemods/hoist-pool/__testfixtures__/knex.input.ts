import knex from 'knex';

const connection = process.env.DATABASE_URL;

export class BookRepository {
  async find(id: number) {
    const db = knex({ client: 'pg', connection, pool: { min: 0, max: 4 } });
    try {
      return await db('books').where({ id }).first();
    } catch (error) {
      console.error('books.find', error);
      throw error;
    } finally {
      await db.destroy();
    }
  }
}

import knex from 'knex';
import { createClient } from 'redis';

const db = knex({ client: 'pg', pool: { min: 0, max: 10 }, acquireConnectionTimeout: 10_000 });
const cache = createClient();

// Two trailing awaits move after the commit, in their order; the webhook between the queries
// stays (moving it would reorder it with them).
export async function archive(id: number): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('books').where({ id }).update({ archived: true });
    await fetch('https://hooks.example.com/archived', { method: 'POST', body: String(id) });
    await trx('shelves').where({ bookId: id }).delete();
  });
  await cache.del(`book:${id}`);
  await cache.publish('books', String(id));
}

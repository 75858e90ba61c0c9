import knexFactory from 'knex';

const db = knexFactory({ client: 'pg', pool: { min: 0, max: 5 }, acquireConnectionTimeout: 2000 });

export async function audit(id: number): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('books').where({ id }).update({ stock: 0 });
    await trx('audit').insert({ id, at: new Date() });
  });
}

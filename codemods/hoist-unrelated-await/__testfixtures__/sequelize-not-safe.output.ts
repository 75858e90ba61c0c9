import { Sequelize } from 'sequelize';

const sequelize = new Sequelize(process.env.DATABASE_URL ?? '', { pool: { max: 10, acquire: 10_000 } });

// The audit call, last and awaited for its effect, moves after the commit; the webhook then
// last reads the order created inside, and stays.
export async function place(bookId: number): Promise<void> {
  await sequelize.transaction(async (t) => {
    const [order] = await sequelize.query('insert into orders (book_id) values (?) returning id', { replacements: [bookId], transaction: t });
    await fetch('https://hooks.example.com/orders', { method: 'POST', body: JSON.stringify(order) });
  });
  await fetch('https://audit.example.com/orders', { method: 'POST', body: String(bookId) });
}

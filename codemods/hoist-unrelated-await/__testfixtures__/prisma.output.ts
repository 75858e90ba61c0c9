import { PrismaClient } from '@prisma/client';
import nodemailer from 'nodemailer';

const prisma = new PrismaClient();
const mailer = nodemailer.createTransport({ host: 'smtp.example.com' });

// Places an order: the exchange rate is fetched, and the receipt mailed, while the transaction
// holds its connection.
export async function placeOrder(bookId: number, email: string, currency: string): Promise<void> {
  const rate = await fetch(`https://rates.example.com/${currency}`).then((r) => r.json());
  await prisma.$transaction(async (tx) => {
    const book = await tx.book.update({ where: { id: bookId }, data: { stock: { decrement: 1 } } });
    await tx.order.create({ data: { bookId, email, priceCents: Math.round(book.priceCents * rate.value) } });
  });
  await mailer.sendMail({ to: email, subject: 'Your order', text: `Book ${bookId} is on its way.` });
}

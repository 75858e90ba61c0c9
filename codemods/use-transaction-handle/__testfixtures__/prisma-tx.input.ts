import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

// Places an order: stock and order in one transaction.
export async function placeOrder(bookId: number, userId: number): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.inventory.update({ where: { bookId }, data: { quantity: { decrement: 1 } } });
    const book = await prisma.book.findUnique({ where: { id: bookId } }); // the price, read in the order
    await prisma.order.create({
      data: { bookId, userId, priceCents: book?.priceCents ?? 0 },
    });
  });
}

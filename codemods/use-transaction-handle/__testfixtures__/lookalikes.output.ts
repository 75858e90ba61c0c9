import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
const cache = new Map<number, string>();
const http = { query: async (url: string): Promise<string> => url };

export async function clear(id: number): Promise<string> {
  return prisma.$transaction(async (tx) => {
    await tx.book.delete({ where: { id } });
    cache.delete(id);
    return http.query(`/books/${String(id)}`);
  });
}

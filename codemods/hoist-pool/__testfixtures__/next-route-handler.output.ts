// app/api/books/route.ts
import { PrismaClient } from '@prisma/client';

let prismaInstance: InstanceType<typeof PrismaClient> | undefined;
/** Created at first use, then shared by every call. */
function getPrisma() {
  prismaInstance ??= new PrismaClient();
  return prismaInstance;
}

export async function GET() {
  const prisma = getPrisma();
  return Response.json(await prisma.book.findMany({ take: 20 }));
}

export async function POST(request: Request) {
  const prisma = getPrisma();
  const book = await prisma.book.create({ data: await request.json() });
  return Response.json(book, { status: 201 });
}

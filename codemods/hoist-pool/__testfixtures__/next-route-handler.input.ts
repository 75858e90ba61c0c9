// app/api/books/route.ts
import { PrismaClient } from '@prisma/client';

export async function GET() {
  const prisma = new PrismaClient();
  return Response.json(await prisma.book.findMany({ take: 20 }));
}

export async function POST(request: Request) {
  const prisma = new PrismaClient();
  const book = await prisma.book.create({ data: await request.json() });
  return Response.json(book, { status: 201 });
}

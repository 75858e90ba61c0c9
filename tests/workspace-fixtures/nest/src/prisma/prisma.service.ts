export class PrismaService {
  readonly name = 'prisma';
}

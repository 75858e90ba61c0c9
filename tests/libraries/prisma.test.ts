import path from 'node:path';

import noOuter from '../../rules/no-outer-client-in-transaction.js';
import noUnrelatedAwait from '../../rules/no-unrelated-await-in-transaction.js';
import requireOption from '../../rules/require-transaction-option.js';
import { fixturesDir, untypedTester } from '../rule-tester.js';

/** Drops the first line break and the common indentation, so each case reads as plain code. */
function ts(strings: TemplateStringsArray): string {
  const lines = strings.join('').replace(/^\n/, '').replace(/\n[ \t]*$/, '').split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => line.length - line.trimStart().length));
  return `${lines.map((line) => line.slice(indent)).join('\n')}\n`;
}

const ruleTester = untypedTester();

ruleTester.run('no-outer-client-in-transaction', noOuter, {
  valid: [
    {
      // only the handle, including Promise.all and per-item queries
      code: ts`
        import { PrismaClient } from '@prisma/client';

        const prisma = new PrismaClient();

        export async function run(ids: number[]) {
          await prisma.$transaction(async (tx) => {
            await Promise.all([tx.user.count(), tx.post.count()]);
            await Promise.all(ids.map((id) => tx.user.findUnique({ where: { id } })));
            await tx.$executeRaw\`update counters set n = n + 1\`;
            await tx.$queryRawUnsafe('select 1');
          });
        }
      `,
    },
    {
      // queries before and after the transaction
      code: ts`
        import { PrismaClient } from '@prisma/client';

        const prisma = new PrismaClient();

        export async function run(id: number) {
          const user = await prisma.user.findUnique({ where: { id } });
          await prisma.$transaction(async (tx) => {
            await tx.user.update({ where: { id }, data: { visits: { increment: 1 } } });
          });
          await prisma.auditLog.create({ data: { userId: user?.id } });
        }
      `,
    },
    {
      // the batch form is built from outer-client promises by design
      code: ts`
        import { PrismaClient } from '@prisma/client';

        const prisma = new PrismaClient();

        export async function run(id: number) {
          await prisma.$transaction([
            prisma.post.deleteMany({ where: { authorId: id } }),
            prisma.user.delete({ where: { id } }),
          ]);
        }
      `,
    },
    {
      // helpers that receive the handle as a parameter
      code: ts`
        import { Prisma, PrismaClient } from '@prisma/client';

        const prisma = new PrismaClient();

        async function addItem(tx: Prisma.TransactionClient, orderId: number) {
          return tx.orderItem.create({ data: { orderId } });
        }

        async function addNote(db, orderId: number) {
          return db.note.create({ data: { orderId } });
        }

        export async function run(orderId: number) {
          await prisma.$transaction(async (tx) => {
            await addItem(tx, orderId);
            await addNote(tx, orderId);
            const local = async () => tx.order.findUnique({ where: { id: orderId } });
            await local();
          });
        }
      `,
    },
    {
      // a local class with the same method names is not a Prisma client
      code: ts`
        class Store {
          user = { findMany: async () => [] };
          async $transaction<T>(fn: (store: Store) => Promise<T>) {
            return fn(this);
          }
          async transaction<T>(fn: (store: Store) => Promise<T>) {
            return fn(this);
          }
          async query(sql: string) {
            return sql;
          }
        }

        const store = new Store();

        export async function run() {
          await store.$transaction(async (tx) => {
            await store.user.findMany();
            await store.query('select 1');
            await store.transaction(async () => {});
          });
        }
      `,
    },
    {
      // an object literal named prisma is not a client
      code: ts`
        const prisma = {
          user: { findMany: async () => [] },
          $transaction: async (fn: (tx: unknown) => Promise<void>) => fn({}),
        };

        export async function run() {
          await prisma.$transaction(async (tx) => {
            await prisma.user.findMany();
            await prisma.$transaction(async () => {});
          });
        }
      `,
    },
    {
      // an untyped parameter is not proven to be a client
      code: ts`
        export async function run(prisma, db) {
          await prisma.$transaction(async (tx) => {
            await prisma.user.findMany();
            await db.user.findMany();
          });
        }
      `,
    },
    {
      // Map, axios instance and redis inside the transaction are not database clients
      code: ts`
        import { PrismaClient } from '@prisma/client';
        import axios from 'axios';
        import { createClient } from 'redis';

        const prisma = new PrismaClient();
        const http = axios.create({ baseURL: 'https://api.example.com' });
        const redis = createClient();
        const cache = new Map<number, unknown>();

        export async function run(id: number) {
          await prisma.$transaction(async (tx) => {
            cache.delete(id);
            cache.set(id, await tx.user.findUnique({ where: { id } }));
          });
          await http.delete(\`/users/\${id}\`);
          await redis.multi().del(\`user:\${id}\`).exec();
        }
      `,
    },
    {
      // a client from an unknown package and a non-Prisma $transaction
      code: ts`
        import { prisma } from 'some-orm';
        import { PrismaClient } from '@prisma/client';

        const real = new PrismaClient();

        export async function run() {
          await prisma.$transaction(async (tx) => {
            await prisma.user.findMany();
          });
          await real.$transaction(async (tx) => {
            await tx.user.findMany();
          });
        }
      `,
    },
    {
      // odd shapes do not throw (`this` outside a class, dynamic computed member)
      code: ts`
        import { PrismaClient } from '@prisma/client';

        const prisma = new PrismaClient();

        export async function run(this: { prisma: PrismaClient }, model: 'user' | 'post') {
          await this.prisma.$transaction(async (tx) => {
            await this.prisma.user.findMany();
          });
          await prisma.$transaction(async (tx) => {
            await (prisma as any)[model].findMany();
            await tx[model].count();
          });
        }
      `,
    },
    {
      // two different clients are two databases
      code: ts`
        import { PrismaClient } from '@prisma/client';

        const primary = new PrismaClient();
        const analytics = new PrismaClient({ datasourceUrl: process.env.ANALYTICS_URL });

        export async function run() {
          await primary.$transaction(async (tx) => {
            await tx.order.create({ data: {} });
            await analytics.event.create({ data: { type: 'order' } });
          });
        }
      `,
    },
  ],
  invalid: [
    {
      // outer client directly inside the interactive transaction
      code: ts`
        import { PrismaClient } from '@prisma/client';

        const prisma = new PrismaClient();

        export async function transfer(from: number, to: number, amount: number) {
          await prisma.$transaction(async (tx) => {
            await tx.account.update({ where: { id: from }, data: { balance: { decrement: amount } } });
            await prisma.account.update({ where: { id: to }, data: { balance: { increment: amount } } });
          });
        }
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 32,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import { PrismaClient } from '@prisma/client';

                const prisma = new PrismaClient();

                export async function transfer(from: number, to: number, amount: number) {
                  await prisma.$transaction(async (tx) => {
                    await tx.account.update({ where: { id: from }, data: { balance: { decrement: amount } } });
                    await tx.account.update({ where: { id: to }, data: { balance: { increment: amount } } });
                  });
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // raw queries on the outer client: tagged template and call forms
      code: ts`
        import { PrismaClient } from '@prisma/client';

        const prisma = new PrismaClient();

        export async function bump(id: number) {
          return prisma.$transaction(async (tx) => {
            await prisma.$executeRaw\`update counters set n = n + 1 where id = \${id}\`;
            return prisma.$queryRawUnsafe('select n from counters where id = $1', id);
          });
        }
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 29,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import { PrismaClient } from '@prisma/client';

                const prisma = new PrismaClient();

                export async function bump(id: number) {
                  return prisma.$transaction(async (tx) => {
                    await tx.$executeRaw\`update counters set n = n + 1 where id = \${id}\`;
                    return prisma.$queryRawUnsafe('select n from counters where id = $1', id);
                  });
                }
              `,
            },
          ],
        },
        {
          messageId: 'outerClient',
          line: 8,
          column: 12,
          endLine: 8,
          endColumn: 34,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import { PrismaClient } from '@prisma/client';

                const prisma = new PrismaClient();

                export async function bump(id: number) {
                  return prisma.$transaction(async (tx) => {
                    await prisma.$executeRaw\`update counters set n = n + 1 where id = \${id}\`;
                    return tx.$queryRawUnsafe('select n from counters where id = $1', id);
                  });
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // a nested interactive transaction on the outer client
      code: ts`
        import { PrismaClient } from '@prisma/client';

        const prisma = new PrismaClient();

        export async function createOrder(userId: number) {
          await prisma.$transaction(async (tx) => {
            const order = await tx.order.create({ data: { userId } });
            await prisma.$transaction(async (inner) => {
              await inner.orderItem.create({ data: { orderId: order.id } });
            });
          });
        }
      `,
      errors: [
        {
          messageId: 'nestedTransaction',
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 30,
        },
      ],
    },
    {
      // the batch form opened on the outer client inside an interactive transaction
      code: ts`
        import { PrismaClient } from '@prisma/client';

        const prisma = new PrismaClient();

        export async function archive(id: number) {
          await prisma.$transaction(async (tx) => {
            await tx.post.update({ where: { id }, data: { archived: true } });
            await prisma.$transaction([tx.comment.deleteMany({ where: { postId: id } })]);
          });
        }
      `,
      errors: [
        {
          messageId: 'nestedTransaction',
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 30,
        },
      ],
    },
    {
      // a local helper that closes over the outer client, reported at the call
      code: ts`
        import { PrismaClient } from '@prisma/client';

        const prisma = new PrismaClient();

        async function findOwner(postId: number) {
          return prisma.user.findFirst({ where: { posts: { some: { id: postId } } } });
        }

        const logAction = (action: string) => prisma.auditLog.create({ data: { action } });

        export async function publish(postId: number) {
          await prisma.$transaction(async (tx) => {
            const owner = await findOwner(postId);
            await tx.post.update({ where: { id: postId }, data: { published: true, ownerId: owner?.id } });
            await logAction('publish');
          });
        }
      `,
      errors: [
        {
          messageId: 'outerClientInHelper',
          line: 13,
          column: 25,
          endLine: 13,
          endColumn: 34,
        },
        {
          messageId: 'outerClientInHelper',
          line: 15,
          column: 11,
          endLine: 15,
          endColumn: 20,
        },
      ],
    },
    {
      // NestJS: a PrismaService subclass injected through the constructor
      code: ts`
        import { Injectable } from '@nestjs/common';
        import { PrismaClient } from '@prisma/client';

        @Injectable()
        export class PrismaService extends PrismaClient {}

        @Injectable()
        export class UsersService {
          constructor(private readonly prisma: PrismaService) {}

          private async audit(action: string) {
            await this.prisma.auditLog.create({ data: { action } });
          }

          async rename(id: number, name: string) {
            await this.prisma.$transaction(async (tx) => {
              await tx.user.update({ where: { id }, data: { name } });
              await this.prisma.profile.update({ where: { userId: id }, data: { displayName: name } });
              await this.audit('rename');
            });
          }
        }
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 18,
          column: 13,
          endLine: 18,
          endColumn: 39,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import { Injectable } from '@nestjs/common';
                import { PrismaClient } from '@prisma/client';

                @Injectable()
                export class PrismaService extends PrismaClient {}

                @Injectable()
                export class UsersService {
                  constructor(private readonly prisma: PrismaService) {}

                  private async audit(action: string) {
                    await this.prisma.auditLog.create({ data: { action } });
                  }

                  async rename(id: number, name: string) {
                    await this.prisma.$transaction(async (tx) => {
                      await tx.user.update({ where: { id }, data: { name } });
                      await tx.profile.update({ where: { userId: id }, data: { displayName: name } });
                      await this.audit('rename');
                    });
                  }
                }
              `,
            },
          ],
        },
        {
          messageId: 'outerClientInHelper',
          line: 19,
          column: 13,
          endLine: 19,
          endColumn: 23,
        },
      ],
    },
    {
      // NestJS: a nested transaction on the injected client
      code: ts`
        import { Injectable } from '@nestjs/common';
        import { PrismaClient } from '@prisma/client';

        @Injectable()
        export class PrismaService extends PrismaClient {}

        @Injectable()
        export class BillingService {
          constructor(private prisma: PrismaService) {}

          async charge(id: number) {
            await this.prisma.$transaction(async (tx) => {
              await tx.invoice.update({ where: { id }, data: { paid: true } });
              await this.prisma.$transaction(async (tx2) => {
                await tx2.ledger.create({ data: { invoiceId: id } });
              });
            });
          }
        }
      `,
      errors: [
        {
          messageId: 'nestedTransaction',
          line: 14,
          column: 13,
          endLine: 14,
          endColumn: 37,
        },
      ],
    },
    {
      // a client held in a class field
      code: ts`
        import { PrismaClient } from '@prisma/client';

        export class Repo {
          private readonly prisma = new PrismaClient();

          async move(id: number, folderId: number) {
            await this.prisma.$transaction(async (tx) => {
              await tx.file.update({ where: { id }, data: { folderId } });
              await this.prisma.folder.update({ where: { id: folderId }, data: { size: { increment: 1 } } });
            });
          }
        }
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 9,
          column: 13,
          endLine: 9,
          endColumn: 38,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import { PrismaClient } from '@prisma/client';

                export class Repo {
                  private readonly prisma = new PrismaClient();

                  async move(id: number, folderId: number) {
                    await this.prisma.$transaction(async (tx) => {
                      await tx.file.update({ where: { id }, data: { folderId } });
                      await tx.folder.update({ where: { id: folderId }, data: { size: { increment: 1 } } });
                    });
                  }
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // an alias of the outer client
      code: ts`
        import { PrismaClient } from '@prisma/client';

        const prisma = new PrismaClient();

        export async function tag(id: number) {
          const db = prisma;
          await db.$transaction(async (tx) => {
            await tx.post.update({ where: { id }, data: { tagged: true } });
            await db.tag.create({ data: { postId: id } });
          });
        }
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 24,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import { PrismaClient } from '@prisma/client';

                const prisma = new PrismaClient();

                export async function tag(id: number) {
                  const db = prisma;
                  await db.$transaction(async (tx) => {
                    await tx.post.update({ where: { id }, data: { tagged: true } });
                    await tx.tag.create({ data: { postId: id } });
                  });
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // destructured handle parameter: the outer client is still reported, without a suggestion
      code: ts`
        import { PrismaClient } from '@prisma/client';

        const prisma = new PrismaClient();

        export async function count() {
          await prisma.$transaction(async ({ user }) => {
            await user.count();
            await prisma.post.count();
          });
        }
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 28,
        },
      ],
    },
    {
      // CommonJS: PrismaClient from require()
      code: ts`
        const { PrismaClient } = require('@prisma/client');

        const prisma = new PrismaClient();

        async function deactivate(id) {
          await prisma.$transaction(async (tx) => {
            await tx.user.update({ where: { id }, data: { active: false } });
            await prisma.session.deleteMany({ where: { userId: id } });
          });
        }

        module.exports = { deactivate };
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 36,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                const { PrismaClient } = require('@prisma/client');

                const prisma = new PrismaClient();

                async function deactivate(id) {
                  await prisma.$transaction(async (tx) => {
                    await tx.user.update({ where: { id }, data: { active: false } });
                    await tx.session.deleteMany({ where: { userId: id } });
                  });
                }

                module.exports = { deactivate };
              `,
            },
          ],
        },
      ],
    },
    {
      // namespace import and the generated client location
      code: ts`
        import * as Client from '@prisma/client';
        import { PrismaClient as Generated } from '../generated/prisma';

        const prisma = new Client.PrismaClient();
        const other = new Generated();

        export async function run() {
          await prisma.$transaction(async (tx) => {
            await prisma.user.count();
          });
          await other.$transaction(async (tx) => {
            await other.user.count();
          });
        }
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import * as Client from '@prisma/client';
                import { PrismaClient as Generated } from '../generated/prisma';

                const prisma = new Client.PrismaClient();
                const other = new Generated();

                export async function run() {
                  await prisma.$transaction(async (tx) => {
                    await tx.user.count();
                  });
                  await other.$transaction(async (tx) => {
                    await other.user.count();
                  });
                }
              `,
            },
          ],
        },
        {
          messageId: 'outerClient',
          line: 12,
          column: 11,
          endLine: 12,
          endColumn: 27,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import * as Client from '@prisma/client';
                import { PrismaClient as Generated } from '../generated/prisma';

                const prisma = new Client.PrismaClient();
                const other = new Generated();

                export async function run() {
                  await prisma.$transaction(async (tx) => {
                    await prisma.user.count();
                  });
                  await other.$transaction(async (tx) => {
                    await tx.user.count();
                  });
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // an extended client is the same client
      code: ts`
        import { PrismaClient } from '@prisma/client';

        const prisma = new PrismaClient().$extends({});

        export async function run() {
          await prisma.$transaction(async (tx) => {
            await prisma.user.deleteMany();
          });
        }
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 33,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import { PrismaClient } from '@prisma/client';

                const prisma = new PrismaClient().$extends({});

                export async function run() {
                  await prisma.$transaction(async (tx) => {
                    await tx.user.deleteMany();
                  });
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // Promise.all mixing the handle and the outer client
      code: ts`
        import { PrismaClient } from '@prisma/client';

        const prisma = new PrismaClient();

        export async function stats() {
          return prisma.$transaction(async (tx) => {
            const [users, posts] = await Promise.all([tx.user.count(), prisma.post.count()]);
            return { users, posts };
          });
        }
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 7,
          column: 64,
          endLine: 7,
          endColumn: 81,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import { PrismaClient } from '@prisma/client';

                const prisma = new PrismaClient();

                export async function stats() {
                  return prisma.$transaction(async (tx) => {
                    const [users, posts] = await Promise.all([tx.user.count(), tx.post.count()]);
                    return { users, posts };
                  });
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // odd shapes: optional chaining, non-null assertion, string-literal computed member
      code: ts`
        import { PrismaClient } from '@prisma/client';

        const prisma: PrismaClient | undefined = new PrismaClient();

        export async function run() {
          await prisma!.$transaction(async (tx) => {
            await prisma?.user.findMany();
            await prisma!.user.findMany();
            await prisma['user'].findMany();
          });
        }
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 32,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import { PrismaClient } from '@prisma/client';

                const prisma: PrismaClient | undefined = new PrismaClient();

                export async function run() {
                  await prisma!.$transaction(async (tx) => {
                    await tx?.user.findMany();
                    await prisma!.user.findMany();
                    await prisma['user'].findMany();
                  });
                }
              `,
            },
          ],
        },
        {
          messageId: 'outerClient',
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 32,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import { PrismaClient } from '@prisma/client';

                const prisma: PrismaClient | undefined = new PrismaClient();

                export async function run() {
                  await prisma!.$transaction(async (tx) => {
                    await prisma?.user.findMany();
                    await tx!.user.findMany();
                    await prisma['user'].findMany();
                  });
                }
              `,
            },
          ],
        },
        {
          messageId: 'outerClient',
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 34,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import { PrismaClient } from '@prisma/client';

                const prisma: PrismaClient | undefined = new PrismaClient();

                export async function run() {
                  await prisma!.$transaction(async (tx) => {
                    await prisma?.user.findMany();
                    await prisma!.user.findMany();
                    await tx['user'].findMany();
                  });
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // client and helper imported from local modules
      code: ts`
        import { prisma } from './db';
        import { findActiveUsers, findActiveUsersWith } from './users';

        export async function checkout() {
          await prisma.$transaction(async (tx) => {
            await findActiveUsersWith(tx);
            await findActiveUsers();
            await prisma.cart.deleteMany();
          });
        }
      `,
      filename: path.join(fixturesDir, 'prisma/checkout.ts'),
      settings: { 'async-db': { libraries: ['prisma'] } },
      errors: [
        {
          messageId: 'outerClientInHelper',
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 26,
        },
        {
          messageId: 'outerClient',
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 33,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import { prisma } from './db';
                import { findActiveUsers, findActiveUsersWith } from './users';

                export async function checkout() {
                  await prisma.$transaction(async (tx) => {
                    await findActiveUsersWith(tx);
                    await findActiveUsers();
                    await tx.cart.deleteMany();
                  });
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // PrismaService imported from its own module
      code: ts`
        import { PrismaService } from './prisma.service';

        export class UsersController {
          constructor(private readonly prisma: PrismaService) {}

          async remove(id: number) {
            await this.prisma.$transaction(async (tx) => {
              await tx.post.deleteMany({ where: { authorId: id } });
              await this.prisma.user.delete({ where: { id } });
            });
          }
        }
      `,
      filename: path.join(fixturesDir, 'prisma/users.controller.ts'),
      settings: { 'async-db': { libraries: ['prisma'] } },
      errors: [
        {
          messageId: 'outerClient',
          line: 9,
          column: 13,
          endLine: 9,
          endColumn: 36,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import { PrismaService } from './prisma.service';

                export class UsersController {
                  constructor(private readonly prisma: PrismaService) {}

                  async remove(id: number) {
                    await this.prisma.$transaction(async (tx) => {
                      await tx.post.deleteMany({ where: { authorId: id } });
                      await tx.user.delete({ where: { id } });
                    });
                  }
                }
              `,
            },
          ],
        },
      ],
    },
  ],
});

ruleTester.run('no-unrelated-await-in-transaction', noUnrelatedAwait, {
  valid: [
    {
      // only queries on the handle are awaited
      code: ts`
        import { PrismaClient } from '@prisma/client';

        const prisma = new PrismaClient();

        export async function run(ids: number[]) {
          await prisma.$transaction(async (tx) => {
            await Promise.all([tx.user.count(), tx.post.count()]);
            await Promise.all(ids.map((id) => tx.user.findUnique({ where: { id } })));
            const rows = await tx.$queryRaw\`select 1\`;
            await tx.$executeRawUnsafe('update t set n = 1');
            return rows;
          });
        }
      `,
    },
    {
      // I/O before and after the transaction
      code: ts`
        import { PrismaClient } from '@prisma/client';

        const prisma = new PrismaClient();

        export async function run(id: number) {
          const response = await fetch('https://api.example.com/rates');
          const rates = await response.json();
          const user = await prisma.$transaction(async (tx) => tx.user.update({ where: { id }, data: { rates } }));
          await fetch(\`https://hooks.example.com/users/\${user.id}\`, { method: 'POST' });
        }
      `,
    },
    {
      // the batch form opens no callback scope
      code: ts`
        import { PrismaClient } from '@prisma/client';

        const prisma = new PrismaClient();

        export async function run(id: number) {
          await prisma.$transaction([prisma.user.delete({ where: { id } })]);
          await fetch('https://hooks.example.com/deleted');
        }
      `,
    },
    {
      // lookalike $transaction methods, a shadowed fetch, an unknown parameter
      code: ts`
        import axios from 'axios';

        class UnitOfWork {
          async $transaction(fn: () => Promise<void>) {
            await fn();
          }
        }

        const uow = new UnitOfWork();
        const prisma = { $transaction: async (fn: (tx: object) => Promise<void>) => fn({}) };

        export async function run(db) {
          await uow.$transaction(async () => {
            await fetch('https://api.example.com');
          });
          await prisma.$transaction(async () => {
            await axios.get('https://api.example.com');
          });
          await db.$transaction(async () => {
            await new Promise((resolve) => setTimeout(resolve, 10));
          });
        }
      `,
    },
    {
      // a local function named fetch and a local setTimeout are not I/O
      code: ts`
        import { PrismaClient } from '@prisma/client';

        const prisma = new PrismaClient();

        async function fetch(id: number) {
          return { id };
        }

        function setTimeout(fn: () => void) {
          fn();
        }

        export async function run() {
          await prisma.$transaction(async (tx) => {
            await fetch(1);
            await new Promise<void>((resolve) => setTimeout(resolve));
            await tx.user.count();
          });
        }
      `,
    },
    {
      // awaits of unknown local work are not reported by default
      code: ts`
        import { PrismaClient } from '@prisma/client';

        const prisma = new PrismaClient();

        async function computeTotals(items: number[]) {
          return items.reduce((a, b) => a + b, 0);
        }

        export async function run(items: number[]) {
          await prisma.$transaction(async (tx) => {
            const total = await computeTotals(items);
            await tx.order.create({ data: { total } });
          });
        }
      `,
    },
  ],
  invalid: [
    {
      // fetch that uses nothing from the transaction: suggestion to move it before
      code: ts`
        import { PrismaClient } from '@prisma/client';

        const prisma = new PrismaClient();

        export async function signup(email: string) {
          await prisma.$transaction(async (tx) => {
            const user = await tx.user.create({ data: { email } });
            await fetch('https://hooks.example.com/signup', { method: 'POST' });
            await tx.profile.create({ data: { userId: user.id } });
          });
        }
      `,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 72,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: ts`
                import { PrismaClient } from '@prisma/client';

                const prisma = new PrismaClient();

                export async function signup(email: string) {
                  await fetch('https://hooks.example.com/signup', { method: 'POST' });
                  await prisma.$transaction(async (tx) => {
                    const user = await tx.user.create({ data: { email } });
                    await tx.profile.create({ data: { userId: user.id } });
                  });
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // fetch that uses a value computed inside the transaction: no suggestion
      code: ts`
        import { PrismaClient } from '@prisma/client';

        const prisma = new PrismaClient();

        export async function signup(email: string) {
          await prisma.$transaction(async (tx) => {
            const user = await tx.user.create({ data: { email } });
            const response = await fetch(\`https://api.example.com/enrich/\${user.id}\`);
            await tx.profile.create({ data: { userId: user.id, extra: await response.json() } });
          });
        }
      `,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 8,
          column: 22,
          endLine: 8,
          endColumn: 78,
        },
        {
          messageId: 'unrelatedAwait',
          line: 9,
          column: 63,
          endLine: 9,
          endColumn: 84,
        },
      ],
    },
    {
      // axios, default import and instance; the awaited value is declared as a variable
      code: ts`
        import { PrismaClient } from '@prisma/client';
        import axios from 'axios';

        const prisma = new PrismaClient();
        const api = axios.create({ baseURL: 'https://api.example.com' });

        export async function sync(id: number) {
          const result = await prisma.$transaction(async (tx) => {
            const { data } = await axios.get('https://api.example.com/rates');
            const remote = await api.get(\`/users/\${id}\`);
            return tx.user.update({ where: { id }, data: { rate: data.rate, remote: remote.data } });
          });
          return result;
        }
      `,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 9,
          column: 22,
          endLine: 9,
          endColumn: 70,
          suggestions: [
            {
              messageId: 'moveBeforeTransaction',
              output: ts`
                import { PrismaClient } from '@prisma/client';
                import axios from 'axios';

                const prisma = new PrismaClient();
                const api = axios.create({ baseURL: 'https://api.example.com' });

                export async function sync(id: number) {
                  const { data } = await axios.get('https://api.example.com/rates');
                  const result = await prisma.$transaction(async (tx) => {
                    const remote = await api.get(\`/users/\${id}\`);
                    return tx.user.update({ where: { id }, data: { rate: data.rate, remote: remote.data } });
                  });
                  return result;
                }
              `,
            },
          ],
        },
        {
          messageId: 'unrelatedAwait',
          line: 10,
          column: 20,
          endLine: 10,
          endColumn: 49,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: ts`
                import { PrismaClient } from '@prisma/client';
                import axios from 'axios';

                const prisma = new PrismaClient();
                const api = axios.create({ baseURL: 'https://api.example.com' });

                export async function sync(id: number) {
                  const remote = await api.get(\`/users/\${id}\`);
                  const result = await prisma.$transaction(async (tx) => {
                    const { data } = await axios.get('https://api.example.com/rates');
                    return tx.user.update({ where: { id }, data: { rate: data.rate, remote: remote.data } });
                  });
                  return result;
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // timers: node:timers/promises
      code: ts`
        import { PrismaClient } from '@prisma/client';
        import { setTimeout } from 'node:timers/promises';

        const prisma = new PrismaClient();

        export async function retry(id: number) {
          await prisma.$transaction(async (tx) => {
            await setTimeout(50);
            await tx.job.update({ where: { id }, data: { attempts: { increment: 1 } } });
          });
        }
      `,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 25,
          suggestions: [
            {
              messageId: 'moveBeforeTransaction',
              output: ts`
                import { PrismaClient } from '@prisma/client';
                import { setTimeout } from 'node:timers/promises';

                const prisma = new PrismaClient();

                export async function retry(id: number) {
                  await setTimeout(50);
                  await prisma.$transaction(async (tx) => {
                    await tx.job.update({ where: { id }, data: { attempts: { increment: 1 } } });
                  });
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // timers: a local sleep helper around setTimeout
      code: ts`
        import { PrismaClient } from '@prisma/client';

        const prisma = new PrismaClient();
        const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

        export async function retry(id: number) {
          await prisma.$transaction(async (tx) => {
            await tx.job.update({ where: { id }, data: { attempts: { increment: 1 } } });
            await sleep(100);
          });
        }
      `,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: ts`
                import { PrismaClient } from '@prisma/client';

                const prisma = new PrismaClient();
                const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

                export async function retry(id: number) {
                  await sleep(100);
                  await prisma.$transaction(async (tx) => {
                    await tx.job.update({ where: { id }, data: { attempts: { increment: 1 } } });
                  });
                }
              `,
            },
            {
              messageId: 'moveAfterTransaction',
              output: ts`
                import { PrismaClient } from '@prisma/client';

                const prisma = new PrismaClient();
                const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

                export async function retry(id: number) {
                  await prisma.$transaction(async (tx) => {
                    await tx.job.update({ where: { id }, data: { attempts: { increment: 1 } } });
                  });
                  await sleep(100);
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // timers: an inline sleep promise as a statement of the callback
      code: ts`
        import { PrismaClient } from '@prisma/client';

        const prisma = new PrismaClient();

        export async function throttle(id: number) {
          await prisma.$transaction(async (tx) => {
            await new Promise((resolve) => setTimeout(resolve, 10));
            await tx.job.update({ where: { id }, data: { attempts: { increment: 1 } } });
          });
        }
      `,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 60,
          suggestions: [
            {
              messageId: 'moveBeforeTransaction',
              output: ts`
                import { PrismaClient } from '@prisma/client';

                const prisma = new PrismaClient();

                export async function throttle(id: number) {
                  await new Promise((resolve) => setTimeout(resolve, 10));
                  await prisma.$transaction(async (tx) => {
                    await tx.job.update({ where: { id }, data: { attempts: { increment: 1 } } });
                  });
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // timers: global setTimeout in a promise inside a branch (no suggestion)
      code: ts`
        import { PrismaClient } from '@prisma/client';

        const prisma = new PrismaClient();

        export async function retry(id: number) {
          await prisma.$transaction(async (tx) => {
            const job = await tx.job.findUnique({ where: { id } });
            if (job?.locked) {
              await new Promise((resolve) => setTimeout(resolve, 10));
            }
          });
        }
      `,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 9,
          column: 7,
          endLine: 9,
          endColumn: 62,
        },
      ],
    },
    {
      // mail, cache and object storage
      code: ts`
        import { PrismaClient } from '@prisma/client';
        import nodemailer from 'nodemailer';
        import Redis from 'ioredis';
        import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

        const prisma = new PrismaClient();
        const mailer = nodemailer.createTransport({ host: 'smtp.example.com' });
        const redis = new Redis();
        const s3 = new S3Client({});

        export async function register(email: string, avatar: Buffer) {
          await prisma.$transaction(async (tx) => {
            const user = await tx.user.create({ data: { email } });
            await mailer.sendMail({ to: email, subject: 'Welcome' });
            await redis.del(\`user:\${user.id}\`);
            await s3.send(new PutObjectCommand({ Bucket: 'avatars', Key: String(user.id), Body: avatar }));
          });
        }
      `,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 14,
          column: 5,
          endLine: 14,
          endColumn: 61,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: ts`
                import { PrismaClient } from '@prisma/client';
                import nodemailer from 'nodemailer';
                import Redis from 'ioredis';
                import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

                const prisma = new PrismaClient();
                const mailer = nodemailer.createTransport({ host: 'smtp.example.com' });
                const redis = new Redis();
                const s3 = new S3Client({});

                export async function register(email: string, avatar: Buffer) {
                  await mailer.sendMail({ to: email, subject: 'Welcome' });
                  await prisma.$transaction(async (tx) => {
                    const user = await tx.user.create({ data: { email } });
                    await redis.del(\`user:\${user.id}\`);
                    await s3.send(new PutObjectCommand({ Bucket: 'avatars', Key: String(user.id), Body: avatar }));
                  });
                }
              `,
            },
          ],
        },
        {
          messageId: 'unrelatedAwait',
          line: 15,
          column: 5,
          endLine: 15,
          endColumn: 39,
        },
        {
          messageId: 'unrelatedAwait',
          line: 16,
          column: 5,
          endLine: 16,
          endColumn: 99,
        },
      ],
    },
    {
      // redis from the redis package
      code: ts`
        import { PrismaClient } from '@prisma/client';
        import { createClient } from 'redis';

        const prisma = new PrismaClient();
        const redis = createClient();

        export async function invalidate(id: number) {
          await prisma.$transaction(async (tx) => {
            await tx.user.delete({ where: { id } });
            await redis.set('users:version', Date.now());
          });
        }
      `,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 10,
          column: 5,
          endLine: 10,
          endColumn: 49,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: ts`
                import { PrismaClient } from '@prisma/client';
                import { createClient } from 'redis';

                const prisma = new PrismaClient();
                const redis = createClient();

                export async function invalidate(id: number) {
                  await redis.set('users:version', Date.now());
                  await prisma.$transaction(async (tx) => {
                    await tx.user.delete({ where: { id } });
                  });
                }
              `,
            },
            {
              messageId: 'moveAfterTransaction',
              output: ts`
                import { PrismaClient } from '@prisma/client';
                import { createClient } from 'redis';

                const prisma = new PrismaClient();
                const redis = createClient();

                export async function invalidate(id: number) {
                  await prisma.$transaction(async (tx) => {
                    await tx.user.delete({ where: { id } });
                  });
                  await redis.set('users:version', Date.now());
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // a local async helper that calls fetch, and one that receives the handle
      code: ts`
        import { PrismaClient } from '@prisma/client';
        import type { Prisma } from '@prisma/client';

        const prisma = new PrismaClient();

        async function notifyWebhook(event: string) {
          await fetch('https://hooks.example.com', { method: 'POST', body: event });
        }

        async function enrich(tx: Prisma.TransactionClient, id: number) {
          const response = await fetch(\`https://api.example.com/people/\${id}\`);
          await tx.person.update({ where: { id }, data: await response.json() });
        }

        export async function create(id: number) {
          await prisma.$transaction(async (tx) => {
            await notifyWebhook('created');
            await enrich(tx, id);
          });
        }
      `,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 17,
          column: 5,
          endLine: 17,
          endColumn: 35,
          suggestions: [
            {
              messageId: 'moveBeforeTransaction',
              output: ts`
                import { PrismaClient } from '@prisma/client';
                import type { Prisma } from '@prisma/client';

                const prisma = new PrismaClient();

                async function notifyWebhook(event: string) {
                  await fetch('https://hooks.example.com', { method: 'POST', body: event });
                }

                async function enrich(tx: Prisma.TransactionClient, id: number) {
                  const response = await fetch(\`https://api.example.com/people/\${id}\`);
                  await tx.person.update({ where: { id }, data: await response.json() });
                }

                export async function create(id: number) {
                  await notifyWebhook('created');
                  await prisma.$transaction(async (tx) => {
                    await enrich(tx, id);
                  });
                }
              `,
            },
          ],
        },
        {
          messageId: 'unrelatedAwait',
          line: 18,
          column: 5,
          endLine: 18,
          endColumn: 25,
        },
      ],
    },
    {
      // Promise.all with an HTTP request among handle queries; an awaited promise variable
      code: ts`
        import { PrismaClient } from '@prisma/client';

        const prisma = new PrismaClient();

        export async function load(id: number) {
          await prisma.$transaction(async (tx) => {
            await Promise.all([tx.user.findUnique({ where: { id } }), fetch('https://api.example.com/flags')]);
            const pending = fetch('https://api.example.com/quota');
            await tx.user.update({ where: { id }, data: { seen: true } });
            await pending;
          });
        }
      `,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 103,
        },
        {
          messageId: 'unrelatedAwait',
          line: 10,
          column: 5,
          endLine: 10,
          endColumn: 18,
        },
      ],
    },
    {
      // NestJS: an injected HTTP client inside a transaction of an injected PrismaService
      code: ts`
        import { Injectable } from '@nestjs/common';
        import { HttpService } from '@nestjs/axios';
        import { PrismaClient } from '@prisma/client';

        @Injectable()
        export class PrismaService extends PrismaClient {}

        @Injectable()
        export class PaymentsService {
          constructor(
            private readonly prisma: PrismaService,
            private readonly http: HttpService,
          ) {}

          async pay(id: number) {
            await this.prisma.$transaction(async (tx) => {
              await tx.payment.update({ where: { id }, data: { status: 'pending' } });
              await this.http.axiosRef.post('https://psp.example.com/charge', { id });
            });
          }
        }
      `,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 18,
          column: 7,
          endLine: 18,
          endColumn: 78,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: ts`
                import { Injectable } from '@nestjs/common';
                import { HttpService } from '@nestjs/axios';
                import { PrismaClient } from '@prisma/client';

                @Injectable()
                export class PrismaService extends PrismaClient {}

                @Injectable()
                export class PaymentsService {
                  constructor(
                    private readonly prisma: PrismaService,
                    private readonly http: HttpService,
                  ) {}

                  async pay(id: number) {
                    await this.http.axiosRef.post('https://psp.example.com/charge', { id });
                    await this.prisma.$transaction(async (tx) => {
                      await tx.payment.update({ where: { id }, data: { status: 'pending' } });
                    });
                  }
                }
              `,
            },
            {
              messageId: 'moveAfterTransaction',
              output: ts`
                import { Injectable } from '@nestjs/common';
                import { HttpService } from '@nestjs/axios';
                import { PrismaClient } from '@prisma/client';

                @Injectable()
                export class PrismaService extends PrismaClient {}

                @Injectable()
                export class PaymentsService {
                  constructor(
                    private readonly prisma: PrismaService,
                    private readonly http: HttpService,
                  ) {}

                  async pay(id: number) {
                    await this.prisma.$transaction(async (tx) => {
                      await tx.payment.update({ where: { id }, data: { status: 'pending' } });
                    });
                    await this.http.axiosRef.post('https://psp.example.com/charge', { id });
                  }
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // CommonJS require of Prisma and axios
      code: ts`
        const { PrismaClient } = require('@prisma/client');
        const axios = require('axios');

        const prisma = new PrismaClient();

        async function run(id) {
          await prisma.$transaction(async (tx) => {
            await tx.user.findUnique({ where: { id } });
            await axios.post('https://api.example.com/audit', { id });
          });
        }

        module.exports = { run };
      `,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 62,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: ts`
                const { PrismaClient } = require('@prisma/client');
                const axios = require('axios');

                const prisma = new PrismaClient();

                async function run(id) {
                  await axios.post('https://api.example.com/audit', { id });
                  await prisma.$transaction(async (tx) => {
                    await tx.user.findUnique({ where: { id } });
                  });
                }

                module.exports = { run };
              `,
            },
            {
              messageId: 'moveAfterTransaction',
              output: ts`
                const { PrismaClient } = require('@prisma/client');
                const axios = require('axios');

                const prisma = new PrismaClient();

                async function run(id) {
                  await prisma.$transaction(async (tx) => {
                    await tx.user.findUnique({ where: { id } });
                  });
                  await axios.post('https://api.example.com/audit', { id });
                }

                module.exports = { run };
              `,
            },
          ],
        },
      ],
    },
    {
      // a helper imported from a local module that calls fetch
      code: ts`
        import { prisma } from './db';
        import { notifyAll } from './users';

        export async function signup(email: string) {
          await prisma.$transaction(async (tx) => {
            await tx.user.create({ data: { email } });
            await notifyAll();
          });
        }
      `,
      filename: path.join(fixturesDir, 'prisma/signup.ts'),
      settings: { 'async-db': { libraries: ['prisma'] } },
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 22,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: ts`
                import { prisma } from './db';
                import { notifyAll } from './users';

                export async function signup(email: string) {
                  await notifyAll();
                  await prisma.$transaction(async (tx) => {
                    await tx.user.create({ data: { email } });
                  });
                }
              `,
            },
            {
              messageId: 'moveAfterTransaction',
              output: ts`
                import { prisma } from './db';
                import { notifyAll } from './users';

                export async function signup(email: string) {
                  await prisma.$transaction(async (tx) => {
                    await tx.user.create({ data: { email } });
                  });
                  await notifyAll();
                }
              `,
            },
          ],
        },
      ],
    },
  ],
});

ruleTester.run('require-transaction-option', requireOption, {
  valid: [
    {
      // Prisma queries carry the transaction through the handle, not an option
      code: ts`
        import { PrismaClient } from '@prisma/client';

        const prisma = new PrismaClient();

        export async function run(id: number) {
          await prisma.$transaction(async (tx) => {
            await tx.user.update({ where: { id }, data: { active: true } });
            await prisma.user.findMany();
          });
        }
      `,
    },
    {
      // a lookalike create() with an options argument
      code: ts`
        const prisma = { user: { create: async (data: object, options?: object) => ({ data, options }) } };

        export async function run() {
          await prisma.user.create({ name: 'x' });
        }
      `,
    },
  ],
  invalid: [

  ],
});

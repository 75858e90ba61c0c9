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
      // only the handle, savepoints on the handle, Promise.all of handle queries
      code: ts`
        import { drizzle } from 'drizzle-orm/node-postgres';
        import { users, posts } from './schema';

        const db = drizzle(process.env.DATABASE_URL!);

        export async function run(ids: number[]) {
          await db.transaction(async (tx) => {
            await tx.insert(users).values({ name: 'x' });
            await tx.transaction(async (sp) => {
              await sp.delete(posts);
              await tx.select().from(users);
            });
            await Promise.all([tx.select().from(users), tx.select().from(posts)]);
            await Promise.all(ids.map((id) => tx.query.users.findFirst({ where: (u, { eq }) => eq(u.id, id) })));
          });
        }
      `,
    },
    {
      // queries before and after the transaction
      code: ts`
        import { drizzle } from 'drizzle-orm/node-postgres';
        import { users } from './schema';

        const db = drizzle(process.env.DATABASE_URL!);

        export async function run() {
          const before = await db.select().from(users);
          await db.transaction(async (tx) => {
            await tx.delete(users);
          });
          await db.insert(users).values(before);
        }
      `,
    },
    {
      // helpers that receive the handle as a parameter
      code: ts`
        import { drizzle } from 'drizzle-orm/node-postgres';
        import type { NodePgTransaction } from 'drizzle-orm/node-postgres';
        import { users } from './schema';

        const db = drizzle(process.env.DATABASE_URL!);

        async function clear(tx: typeof db) {
          await tx.delete(users);
        }

        async function insertOne(executor, name: string) {
          await executor.insert(users).values({ name });
        }

        export async function run() {
          await db.transaction(async (tx) => {
            await clear(tx);
            await insertOne(tx, 'a');
          });
        }
      `,
    },
    {
      // a local class with transaction()/query() methods is not a drizzle database
      code: ts`
        class Db {
          query = { users: { findMany: async () => [] } };
          async transaction<T>(fn: (tx: Db) => Promise<T>) {
            return fn(this);
          }
          select() {
            return { from: async (table: unknown) => [table] };
          }
        }

        const db = new Db();

        export async function run() {
          await db.transaction(async (tx) => {
            await db.select().from('users');
            await db.query.users.findMany();
            await db.transaction(async () => {});
          });
        }
      `,
    },
    {
      // a `db` that is not made by drizzle, an untyped parameter, a Map
      code: ts`
        import { createDb } from './some-other-orm';

        const db = createDb();
        const cache = new Map<string, unknown>();

        export async function run(conn) {
          await db.transaction(async (tx) => {
            await db.select().from('users');
            cache.delete('users');
          });
          await conn.transaction(async (tx) => {
            await conn.delete('users');
          });
        }
      `,
    },
    {
      // drizzle() from another package
      code: ts`
        import { drizzle } from 'my-drizzle-wrapper';

        const db = drizzle();

        export async function run() {
          await db.transaction(async (tx) => {
            await db.select().from('users');
          });
        }
      `,
    },
    {
      // odd shapes do not throw (`this` outside a class, dynamic computed member)
      code: ts`
        import { drizzle } from 'drizzle-orm/node-postgres';

        const db = drizzle(process.env.DATABASE_URL!);

        export async function run(this: { db: typeof db }, method: 'select' | 'delete') {
          await this.db.transaction(async (tx) => {
            await this.db.select();
          });
          await db.transaction(async (tx) => {
            await (db as any)[method]();
          });
        }
      `,
    },
  ],
  invalid: [
    {
      // outer db directly inside the transaction
      code: ts`
        import { drizzle } from 'drizzle-orm/node-postgres';
        import { eq } from 'drizzle-orm';
        import { accounts } from './schema';

        const db = drizzle(process.env.DATABASE_URL!);

        export async function transfer(from: number, to: number, amount: number) {
          await db.transaction(async (tx) => {
            await tx.update(accounts).set({ balance: amount }).where(eq(accounts.id, from));
            await db.update(accounts).set({ balance: amount }).where(eq(accounts.id, to));
          });
        }
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import { drizzle } from 'drizzle-orm/node-postgres';
                import { eq } from 'drizzle-orm';
                import { accounts } from './schema';

                const db = drizzle(process.env.DATABASE_URL!);

                export async function transfer(from: number, to: number, amount: number) {
                  await db.transaction(async (tx) => {
                    await tx.update(accounts).set({ balance: amount }).where(eq(accounts.id, from));
                    await tx.update(accounts).set({ balance: amount }).where(eq(accounts.id, to));
                  });
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // relational queries and execute() on the outer db
      code: ts`
        import { drizzle } from 'drizzle-orm/postgres-js';
        import { sql } from 'drizzle-orm';
        import * as schema from './schema';

        const db = drizzle(process.env.DATABASE_URL!, { schema });

        export async function snapshot() {
          return db.transaction(async (tx) => {
            const users = await db.query.users.findMany({ with: { posts: true } });
            await db.execute(sql\`select pg_advisory_xact_lock(1)\`);
            return users;
          });
        }
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 9,
          column: 25,
          endLine: 9,
          endColumn: 48,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import { drizzle } from 'drizzle-orm/postgres-js';
                import { sql } from 'drizzle-orm';
                import * as schema from './schema';

                const db = drizzle(process.env.DATABASE_URL!, { schema });

                export async function snapshot() {
                  return db.transaction(async (tx) => {
                    const users = await tx.query.users.findMany({ with: { posts: true } });
                    await db.execute(sql\`select pg_advisory_xact_lock(1)\`);
                    return users;
                  });
                }
              `,
            },
          ],
        },
        {
          messageId: 'outerClient',
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import { drizzle } from 'drizzle-orm/postgres-js';
                import { sql } from 'drizzle-orm';
                import * as schema from './schema';

                const db = drizzle(process.env.DATABASE_URL!, { schema });

                export async function snapshot() {
                  return db.transaction(async (tx) => {
                    const users = await db.query.users.findMany({ with: { posts: true } });
                    await tx.execute(sql\`select pg_advisory_xact_lock(1)\`);
                    return users;
                  });
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // a nested transaction on the outer db; inside a savepoint the outer db is still outside
      code: ts`
        import { drizzle } from 'drizzle-orm/node-postgres';
        import { Pool } from 'pg';
        import { orders, items } from './schema';

        const db = drizzle(new Pool());

        export async function place(userId: number) {
          await db.transaction(async (tx) => {
            const [order] = await tx.insert(orders).values({ userId }).returning();
            await db.transaction(async (other) => {
              await other.insert(items).values({ orderId: order.id });
            });
            await tx.transaction(async (sp) => {
              await db.delete(items);
            });
          });
        }
      `,
      errors: [
        {
          messageId: 'nestedTransaction',
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 25,
        },
        {
          messageId: 'outerClient',
          line: 14,
          column: 13,
          endLine: 14,
          endColumn: 22,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'sp' },
              output: ts`
                import { drizzle } from 'drizzle-orm/node-postgres';
                import { Pool } from 'pg';
                import { orders, items } from './schema';

                const db = drizzle(new Pool());

                export async function place(userId: number) {
                  await db.transaction(async (tx) => {
                    const [order] = await tx.insert(orders).values({ userId }).returning();
                    await db.transaction(async (other) => {
                      await other.insert(items).values({ orderId: order.id });
                    });
                    await tx.transaction(async (sp) => {
                      await sp.delete(items);
                    });
                  });
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // a local helper that closes over the outer db, reported at the call
      code: ts`
        import { drizzle } from 'drizzle-orm/node-postgres';
        import { users } from './schema';

        const db = drizzle(process.env.DATABASE_URL!);

        function countUsers() {
          return db.select().from(users);
        }

        export async function rename(id: number, name: string) {
          await db.transaction(async (tx) => {
            await tx.update(users).set({ name });
            await countUsers();
          });
        }
      `,
      errors: [
        {
          messageId: 'outerClientInHelper',
          line: 13,
          column: 11,
          endLine: 13,
          endColumn: 21,
        },
      ],
    },
    {
      // class-injected database (annotated constructor parameter and field)
      code: ts`
        import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
        import { users, auditLog } from './schema';

        export class UsersRepository {
          private readonly audit: NodePgDatabase;

          constructor(private readonly db: NodePgDatabase) {
            this.audit = db;
          }

          async remove(id: number) {
            await this.db.transaction(async (tx) => {
              await tx.delete(users);
              await this.db.insert(auditLog).values({ action: 'remove' });
              await this.audit.insert(auditLog).values({ action: 'remove' });
            });
          }
        }
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 14,
          column: 13,
          endLine: 14,
          endColumn: 27,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
                import { users, auditLog } from './schema';

                export class UsersRepository {
                  private readonly audit: NodePgDatabase;

                  constructor(private readonly db: NodePgDatabase) {
                    this.audit = db;
                  }

                  async remove(id: number) {
                    await this.db.transaction(async (tx) => {
                      await tx.delete(users);
                      await tx.insert(auditLog).values({ action: 'remove' });
                      await this.audit.insert(auditLog).values({ action: 'remove' });
                    });
                  }
                }
              `,
            },
          ],
        },
        {
          messageId: 'outerClient',
          line: 15,
          column: 13,
          endLine: 15,
          endColumn: 30,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
                import { users, auditLog } from './schema';

                export class UsersRepository {
                  private readonly audit: NodePgDatabase;

                  constructor(private readonly db: NodePgDatabase) {
                    this.audit = db;
                  }

                  async remove(id: number) {
                    await this.db.transaction(async (tx) => {
                      await tx.delete(users);
                      await this.db.insert(auditLog).values({ action: 'remove' });
                      await tx.insert(auditLog).values({ action: 'remove' });
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
      // an alias of the outer db
      code: ts`
        import { drizzle } from 'drizzle-orm/node-postgres';
        import { users } from './schema';

        const db = drizzle(process.env.DATABASE_URL!);
        const database = db;

        export async function run() {
          await database.transaction(async (tx) => {
            await tx.delete(users);
            await db.insert(users).values({ name: 'x' });
          });
        }
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import { drizzle } from 'drizzle-orm/node-postgres';
                import { users } from './schema';

                const db = drizzle(process.env.DATABASE_URL!);
                const database = db;

                export async function run() {
                  await database.transaction(async (tx) => {
                    await tx.delete(users);
                    await tx.insert(users).values({ name: 'x' });
                  });
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // CommonJS require of a driver entry point
      code: ts`
        const { drizzle } = require('drizzle-orm/node-postgres');
        const { users } = require('./schema');

        const db = drizzle(process.env.DATABASE_URL);

        async function run() {
          await db.transaction(async (tx) => {
            await tx.delete(users);
            await db.select().from(users);
          });
        }

        module.exports = { run };
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                const { drizzle } = require('drizzle-orm/node-postgres');
                const { users } = require('./schema');

                const db = drizzle(process.env.DATABASE_URL);

                async function run() {
                  await db.transaction(async (tx) => {
                    await tx.delete(users);
                    await tx.select().from(users);
                  });
                }

                module.exports = { run };
              `,
            },
          ],
        },
      ],
    },
    {
      // Promise.all mixing the handle and the outer db
      code: ts`
        import { drizzle } from 'drizzle-orm/node-postgres';
        import { users, posts } from './schema';

        const db = drizzle(process.env.DATABASE_URL!);

        export async function stats() {
          return db.transaction(async (tx) => Promise.all([tx.select().from(users), db.select().from(posts)]));
        }
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 7,
          column: 77,
          endLine: 7,
          endColumn: 86,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import { drizzle } from 'drizzle-orm/node-postgres';
                import { users, posts } from './schema';

                const db = drizzle(process.env.DATABASE_URL!);

                export async function stats() {
                  return db.transaction(async (tx) => Promise.all([tx.select().from(users), tx.select().from(posts)]));
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // db and helpers imported from local modules
      code: ts`
        import { db } from './db';
        import { writeAudit, writeAuditWith } from './audit';
        import { users } from './schema';

        export async function remove(id: number) {
          await db.transaction(async (tx) => {
            await tx.delete(users);
            await writeAuditWith(tx, 'remove');
            await writeAudit('remove');
            await db.select().from(users);
          });
        }
      `,
      filename: path.join(fixturesDir, 'drizzle/service.ts'),
      settings: { 'async-db': { libraries: ['drizzle'] } },
      errors: [
        {
          messageId: 'outerClientInHelper',
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 21,
        },
        {
          messageId: 'outerClient',
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import { db } from './db';
                import { writeAudit, writeAuditWith } from './audit';
                import { users } from './schema';

                export async function remove(id: number) {
                  await db.transaction(async (tx) => {
                    await tx.delete(users);
                    await writeAuditWith(tx, 'remove');
                    await writeAudit('remove');
                    await tx.select().from(users);
                  });
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // odd shapes: non-null assertion, optional chaining, string-literal computed member
      code: ts`
        import { drizzle } from 'drizzle-orm/node-postgres';
        import { users } from './schema';

        const db = drizzle(process.env.DATABASE_URL!);

        export async function run() {
          await db.transaction(async (tx) => {
            await db!.select().from(users);
            await db?.select().from(users);
            await db['delete'](users);
          });
        }
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import { drizzle } from 'drizzle-orm/node-postgres';
                import { users } from './schema';

                const db = drizzle(process.env.DATABASE_URL!);

                export async function run() {
                  await db.transaction(async (tx) => {
                    await tx!.select().from(users);
                    await db?.select().from(users);
                    await db['delete'](users);
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
          endColumn: 21,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import { drizzle } from 'drizzle-orm/node-postgres';
                import { users } from './schema';

                const db = drizzle(process.env.DATABASE_URL!);

                export async function run() {
                  await db.transaction(async (tx) => {
                    await db!.select().from(users);
                    await tx?.select().from(users);
                    await db['delete'](users);
                  });
                }
              `,
            },
          ],
        },
        {
          messageId: 'outerClient',
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 23,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import { drizzle } from 'drizzle-orm/node-postgres';
                import { users } from './schema';

                const db = drizzle(process.env.DATABASE_URL!);

                export async function run() {
                  await db.transaction(async (tx) => {
                    await db!.select().from(users);
                    await db?.select().from(users);
                    await tx['delete'](users);
                  });
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
      // handle queries and I/O outside the transaction
      code: ts`
        import { drizzle } from 'drizzle-orm/node-postgres';
        import { users, posts } from './schema';

        const db = drizzle(process.env.DATABASE_URL!);

        export async function run() {
          const response = await fetch('https://api.example.com/users');
          const incoming = await response.json();
          await db.transaction(async (tx) => {
            await Promise.all([tx.select().from(users), tx.select().from(posts)]);
            await tx.query.users.findMany();
            await tx.insert(users).values(incoming);
          });
          await fetch('https://hooks.example.com/done');
        }
      `,
    },
    {
      // a lookalike transaction() method and an untyped parameter
      code: ts`
        import axios from 'axios';

        const db = { transaction: async (fn: () => Promise<void>) => fn() };

        export async function run(conn) {
          await db.transaction(async () => {
            await axios.get('https://api.example.com');
          });
          await conn.transaction(async () => {
            await fetch('https://api.example.com');
          });
        }
      `,
    },
  ],
  invalid: [
    {
      // HTTP request with a suggestion to move it before the transaction
      code: ts`
        import { drizzle } from 'drizzle-orm/node-postgres';
        import { users } from './schema';

        const db = drizzle(process.env.DATABASE_URL!);

        export async function run() {
          await db.transaction(async (tx) => {
            await tx.delete(users);
            await fetch('https://hooks.example.com/cleared', { method: 'POST' });
          });
        }
      `,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 73,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: ts`
                import { drizzle } from 'drizzle-orm/node-postgres';
                import { users } from './schema';

                const db = drizzle(process.env.DATABASE_URL!);

                export async function run() {
                  await fetch('https://hooks.example.com/cleared', { method: 'POST' });
                  await db.transaction(async (tx) => {
                    await tx.delete(users);
                  });
                }
              `,
            },
            {
              messageId: 'moveAfterTransaction',
              output: ts`
                import { drizzle } from 'drizzle-orm/node-postgres';
                import { users } from './schema';

                const db = drizzle(process.env.DATABASE_URL!);

                export async function run() {
                  await db.transaction(async (tx) => {
                    await tx.delete(users);
                  });
                  await fetch('https://hooks.example.com/cleared', { method: 'POST' });
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // awaits that use the handle or values from inside: no suggestion
      code: ts`
        import { drizzle } from 'drizzle-orm/node-postgres';
        import axios from 'axios';
        import { users } from './schema';

        const db = drizzle(process.env.DATABASE_URL!);

        export async function run() {
          await db.transaction(async (tx) => {
            const [user] = await tx.insert(users).values({ name: 'x' }).returning();
            await axios.post('https://api.example.com/users', user);
            const rows = await tx.select().from(users);
            for (const row of rows) {
              await fetch(\`https://api.example.com/users/\${row.id}\`);
            }
          });
        }
      `,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 10,
          column: 5,
          endLine: 10,
          endColumn: 60,
        },
        {
          messageId: 'unrelatedAwait',
          line: 13,
          column: 7,
          endLine: 13,
          endColumn: 61,
        },
      ],
    },
    {
      // a timer, mail and a cache
      code: ts`
        import { drizzle } from 'drizzle-orm/node-postgres';
        import { setTimeout } from 'node:timers/promises';
        import nodemailer from 'nodemailer';
        import Redis from 'ioredis';
        import { users } from './schema';

        const db = drizzle(process.env.DATABASE_URL!);
        const transport = nodemailer.createTransport({});
        const redis = new Redis();

        export async function run() {
          await db.transaction(async (tx) => {
            await tx.delete(users);
            await setTimeout(1000);
            await transport.sendMail({ to: 'ops@example.com' });
            const cached = await redis.get('users');
            await tx.insert(users).values(JSON.parse(cached ?? '[]'));
          });
        }
      `,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 14,
          column: 5,
          endLine: 14,
          endColumn: 27,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: ts`
                import { drizzle } from 'drizzle-orm/node-postgres';
                import { setTimeout } from 'node:timers/promises';
                import nodemailer from 'nodemailer';
                import Redis from 'ioredis';
                import { users } from './schema';

                const db = drizzle(process.env.DATABASE_URL!);
                const transport = nodemailer.createTransport({});
                const redis = new Redis();

                export async function run() {
                  await setTimeout(1000);
                  await db.transaction(async (tx) => {
                    await tx.delete(users);
                    await transport.sendMail({ to: 'ops@example.com' });
                    const cached = await redis.get('users');
                    await tx.insert(users).values(JSON.parse(cached ?? '[]'));
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
          endColumn: 56,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: ts`
                import { drizzle } from 'drizzle-orm/node-postgres';
                import { setTimeout } from 'node:timers/promises';
                import nodemailer from 'nodemailer';
                import Redis from 'ioredis';
                import { users } from './schema';

                const db = drizzle(process.env.DATABASE_URL!);
                const transport = nodemailer.createTransport({});
                const redis = new Redis();

                export async function run() {
                  await transport.sendMail({ to: 'ops@example.com' });
                  await db.transaction(async (tx) => {
                    await tx.delete(users);
                    await setTimeout(1000);
                    const cached = await redis.get('users');
                    await tx.insert(users).values(JSON.parse(cached ?? '[]'));
                  });
                }
              `,
            },
          ],
        },
        {
          messageId: 'unrelatedAwait',
          line: 16,
          column: 20,
          endLine: 16,
          endColumn: 44,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: ts`
                import { drizzle } from 'drizzle-orm/node-postgres';
                import { setTimeout } from 'node:timers/promises';
                import nodemailer from 'nodemailer';
                import Redis from 'ioredis';
                import { users } from './schema';

                const db = drizzle(process.env.DATABASE_URL!);
                const transport = nodemailer.createTransport({});
                const redis = new Redis();

                export async function run() {
                  const cached = await redis.get('users');
                  await db.transaction(async (tx) => {
                    await tx.delete(users);
                    await setTimeout(1000);
                    await transport.sendMail({ to: 'ops@example.com' });
                    await tx.insert(users).values(JSON.parse(cached ?? '[]'));
                  });
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // S3 and a local async helper that calls fetch
      code: ts`
        import { drizzle } from 'drizzle-orm/node-postgres';
        import { S3Client, DeleteObjectCommand } from '@aws-sdk/client-s3';
        import { users } from './schema';

        const db = drizzle(process.env.DATABASE_URL!);
        const s3 = new S3Client({});

        async function ping() {
          await fetch('https://status.example.com/ping');
        }

        export async function run(key: string) {
          await db.transaction(async (tx) => {
            await tx.delete(users);
            await s3.send(new DeleteObjectCommand({ Bucket: 'b', Key: key }));
            await ping();
          });
        }
      `,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 15,
          column: 5,
          endLine: 15,
          endColumn: 70,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: ts`
                import { drizzle } from 'drizzle-orm/node-postgres';
                import { S3Client, DeleteObjectCommand } from '@aws-sdk/client-s3';
                import { users } from './schema';

                const db = drizzle(process.env.DATABASE_URL!);
                const s3 = new S3Client({});

                async function ping() {
                  await fetch('https://status.example.com/ping');
                }

                export async function run(key: string) {
                  await s3.send(new DeleteObjectCommand({ Bucket: 'b', Key: key }));
                  await db.transaction(async (tx) => {
                    await tx.delete(users);
                    await ping();
                  });
                }
              `,
            },
          ],
        },
        {
          messageId: 'unrelatedAwait',
          line: 16,
          column: 5,
          endLine: 16,
          endColumn: 17,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: ts`
                import { drizzle } from 'drizzle-orm/node-postgres';
                import { S3Client, DeleteObjectCommand } from '@aws-sdk/client-s3';
                import { users } from './schema';

                const db = drizzle(process.env.DATABASE_URL!);
                const s3 = new S3Client({});

                async function ping() {
                  await fetch('https://status.example.com/ping');
                }

                export async function run(key: string) {
                  await ping();
                  await db.transaction(async (tx) => {
                    await tx.delete(users);
                    await s3.send(new DeleteObjectCommand({ Bucket: 'b', Key: key }));
                  });
                }
              `,
            },
            {
              messageId: 'moveAfterTransaction',
              output: ts`
                import { drizzle } from 'drizzle-orm/node-postgres';
                import { S3Client, DeleteObjectCommand } from '@aws-sdk/client-s3';
                import { users } from './schema';

                const db = drizzle(process.env.DATABASE_URL!);
                const s3 = new S3Client({});

                async function ping() {
                  await fetch('https://status.example.com/ping');
                }

                export async function run(key: string) {
                  await db.transaction(async (tx) => {
                    await tx.delete(users);
                    await s3.send(new DeleteObjectCommand({ Bucket: 'b', Key: key }));
                  });
                  await ping();
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
      // drizzle queries carry the transaction through the handle
      code: ts`
        import { drizzle } from 'drizzle-orm/node-postgres';
        import { users } from './schema';

        const db = drizzle(process.env.DATABASE_URL!);

        export async function run() {
          await db.transaction(async (tx) => {
            await tx.delete(users);
            await db.select().from(users);
          });
        }
      `,
    },
  ],
  invalid: [

  ],
});

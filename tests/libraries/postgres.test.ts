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
      // the handle named like the outer client (the documented style) shadows it
      code: ts`
        import postgres from 'postgres';

        const sql = postgres();

        export async function run(user: { name: string }) {
          const [a, b] = await sql.begin((sql) => [sql\`select 1\`, sql\`insert into users \${sql(user)}\`]);
          await sql.begin(async (sql) => {
            await sql\`update users set seen = now()\`;
            await sql.unsafe('select 1');
          });
          return [a, b];
        }
      `,
    },
    {
      // handle queries, savepoints on the handle, fragments built by the outer sql
      code: ts`
        import postgres from 'postgres';

        const sql = postgres();

        export async function run(users: Array<{ name: string }>) {
          await sql\`select 1\`;
          await sql.begin(async (tx) => {
            await tx\`insert into users \${sql(users)}\`;
            await tx.savepoint(async (sp) => {
              await sp\`delete from users where name = \${users[0]?.name ?? ''}\`;
              await tx\`select 1\`;
            });
            await Promise.all([tx\`select 1\`, tx\`select 2\`]);
            await Promise.all(users.map((u) => tx\`insert into users \${tx(u)}\`));
          });
          await sql\`select 2\`;
        }
      `,
    },
    {
      // helpers that receive the handle as a parameter
      code: ts`
        import postgres from 'postgres';
        import type { TransactionSql } from 'postgres';

        const sql = postgres();

        async function insertUser(tx: TransactionSql, name: string) {
          return tx\`insert into users (name) values (\${name})\`;
        }

        async function touch(executor) {
          return executor\`update users set seen = now()\`;
        }

        export async function run() {
          await sql.begin(async (tx) => {
            await insertUser(tx, 'a');
            await touch(tx);
          });
        }
      `,
    },
    {
      // sql tags from other packages and lookalike begin() methods
      code: ts`
        import { sql as raw } from 'drizzle-orm';
        import SQL from 'sql-template-strings';
        import postgres from 'postgres';

        const pg = postgres();
        const session = { begin: async (fn: (tx: unknown) => Promise<void>) => fn({}) };

        export async function run(db) {
          await pg.begin(async (tx) => {
            const fragment = raw\`select 1\`;
            const statement = SQL\`select \${1}\`;
            await tx.unsafe(String(fragment) + String(statement));
          });
          await session.begin(async () => {
            await pg\`select 1\`;
          });
          await db.begin(async () => {
            await db\`select 1\`;
          });
        }
      `,
    },
    {
      // a local function named sql and postgres() from another package
      code: ts`
        import postgres from 'not-postgres';

        function sql(strings: TemplateStringsArray) {
          return strings.join('');
        }

        const db = postgres();

        export async function run() {
          await db.begin(async (tx) => {
            await sql\`select 1\`;
            await db\`select 2\`;
          });
        }
      `,
    },
    {
      // odd shapes do not throw (`this` outside a class, dynamic computed member)
      code: ts`
        import postgres from 'postgres';

        const sql = postgres();

        export async function run(this: { sql: postgres.Sql }, method: 'unsafe' | 'file') {
          await this.sql.begin(async (tx) => {
            await this.sql\`select 1\`;
          });
          await sql.begin(async (tx) => {
            await (sql as any)[method]('select 1');
          });
        }
      `,
    },
  ],
  invalid: [
    {
      // outer sql tagged template directly inside sql.begin()
      code: ts`
        import postgres from 'postgres';

        const sql = postgres(process.env.DATABASE_URL!);

        export async function transfer(from: number, to: number, amount: number) {
          await sql.begin(async (tx) => {
            await tx\`update accounts set balance = balance - \${amount} where id = \${from}\`;
            await sql\`update accounts set balance = balance + \${amount} where id = \${to}\`;
          });
        }
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 14,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import postgres from 'postgres';

                const sql = postgres(process.env.DATABASE_URL!);

                export async function transfer(from: number, to: number, amount: number) {
                  await sql.begin(async (tx) => {
                    await tx\`update accounts set balance = balance - \${amount} where id = \${from}\`;
                    await tx\`update accounts set balance = balance + \${amount} where id = \${to}\`;
                  });
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // unsafe() and file() on the outer sql; begin() with options
      code: ts`
        import postgres from 'postgres';

        const sql = postgres();

        export async function migrate() {
          await sql.begin('isolation level serializable', async (tx) => {
            await sql.unsafe('lock table accounts');
            await sql.file('migrations/001.sql');
          });
        }
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import postgres from 'postgres';

                const sql = postgres();

                export async function migrate() {
                  await sql.begin('isolation level serializable', async (tx) => {
                    await tx.unsafe('lock table accounts');
                    await sql.file('migrations/001.sql');
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
          endColumn: 19,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import postgres from 'postgres';

                const sql = postgres();

                export async function migrate() {
                  await sql.begin('isolation level serializable', async (tx) => {
                    await sql.unsafe('lock table accounts');
                    await tx.file('migrations/001.sql');
                  });
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // a nested begin() on the outer sql, and the outer sql inside a savepoint
      code: ts`
        import postgres from 'postgres';

        const sql = postgres();

        export async function run() {
          await sql.begin(async (tx) => {
            await sql.begin(async (other) => {
              await other\`delete from sessions\`;
            });
            await tx.savepoint(async (sp) => {
              await sql\`delete from tokens\`;
            });
          });
        }
      `,
      errors: [
        {
          messageId: 'nestedTransaction',
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 20,
        },
        {
          messageId: 'outerClient',
          line: 11,
          column: 13,
          endLine: 11,
          endColumn: 16,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'sp' },
              output: ts`
                import postgres from 'postgres';

                const sql = postgres();

                export async function run() {
                  await sql.begin(async (tx) => {
                    await sql.begin(async (other) => {
                      await other\`delete from sessions\`;
                    });
                    await tx.savepoint(async (sp) => {
                      await sp\`delete from tokens\`;
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
      // a local helper that closes over the outer sql, reported at the call
      code: ts`
        import postgres from 'postgres';

        const sql = postgres();

        async function nextInvoiceNumber() {
          const [row] = await sql\`select nextval('invoice_seq') as n\`;
          return row.n;
        }

        export async function invoice(orderId: number) {
          await sql.begin(async (tx) => {
            const n = await nextInvoiceNumber();
            await tx\`insert into invoices \${tx({ orderId, n })}\`;
          });
        }
      `,
      errors: [
        {
          messageId: 'outerClientInHelper',
          line: 12,
          column: 21,
          endLine: 12,
          endColumn: 38,
        },
      ],
    },
    {
      // a reserved connection is another connection
      code: ts`
        import postgres from 'postgres';

        const sql = postgres();

        export async function run() {
          const reserved = await sql.reserve();
          await sql.begin(async (tx) => {
            await reserved\`select 1\`;
          });
          reserved.release();
        }
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 19,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import postgres from 'postgres';

                const sql = postgres();

                export async function run() {
                  const reserved = await sql.reserve();
                  await sql.begin(async (tx) => {
                    await tx\`select 1\`;
                  });
                  reserved.release();
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // class-injected Sql
      code: ts`
        import type { Sql } from 'postgres';

        export class AccountsRepository {
          constructor(private readonly sql: Sql) {}

          async close(id: number) {
            await this.sql.begin(async (tx) => {
              await tx\`update accounts set closed = true where id = \${id}\`;
              await this.sql\`insert into audit \${this.sql({ id, action: 'close' })}\`;
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
          endColumn: 21,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import type { Sql } from 'postgres';

                export class AccountsRepository {
                  constructor(private readonly sql: Sql) {}

                  async close(id: number) {
                    await this.sql.begin(async (tx) => {
                      await tx\`update accounts set closed = true where id = \${id}\`;
                      await tx\`insert into audit \${this.sql({ id, action: 'close' })}\`;
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
      // an alias; CommonJS require
      code: ts`
        const postgres = require('postgres');

        const sql = postgres();
        const db = sql;

        async function run() {
          await db.begin(async (tx) => {
            await sql\`select 1\`;
          });
        }

        module.exports = { run };
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 14,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                const postgres = require('postgres');

                const sql = postgres();
                const db = sql;

                async function run() {
                  await db.begin(async (tx) => {
                    await tx\`select 1\`;
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
      // Promise.all mixing the handle and the outer sql
      code: ts`
        import postgres from 'postgres';

        const sql = postgres();

        export async function run() {
          await sql.begin((tx) => Promise.all([tx\`select 1\`, sql\`select 2\`]));
        }
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 6,
          column: 54,
          endLine: 6,
          endColumn: 57,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import postgres from 'postgres';

                const sql = postgres();

                export async function run() {
                  await sql.begin((tx) => Promise.all([tx\`select 1\`, tx\`select 2\`]));
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // sql and helpers imported from local modules
      code: ts`
        import { sql } from './sql';
        import { lockAccount, totalBalance } from './accounts';

        export async function audit(id: number) {
          await sql.begin(async (tx) => {
            await lockAccount(tx, id);
            await totalBalance();
            await sql\`insert into audits (account_id) values (\${id})\`;
          });
        }
      `,
      filename: path.join(fixturesDir, 'postgres/service.ts'),
      settings: { 'async-db': { libraries: ['postgres'] } },
      errors: [
        {
          messageId: 'outerClientInHelper',
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 23,
        },
        {
          messageId: 'outerClient',
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 14,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import { sql } from './sql';
                import { lockAccount, totalBalance } from './accounts';

                export async function audit(id: number) {
                  await sql.begin(async (tx) => {
                    await lockAccount(tx, id);
                    await totalBalance();
                    await tx\`insert into audits (account_id) values (\${id})\`;
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
        import postgres from 'postgres';

        const sql: postgres.Sql | undefined = postgres();

        export async function run() {
          await sql!.begin(async (tx) => {
            await sql!\`select 1\`;
            await sql?.unsafe('select 2');
            await sql['unsafe']('select 3');
          });
        }
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import postgres from 'postgres';

                const sql: postgres.Sql | undefined = postgres();

                export async function run() {
                  await sql!.begin(async (tx) => {
                    await tx!\`select 1\`;
                    await sql?.unsafe('select 2');
                    await sql['unsafe']('select 3');
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
          endColumn: 22,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import postgres from 'postgres';

                const sql: postgres.Sql | undefined = postgres();

                export async function run() {
                  await sql!.begin(async (tx) => {
                    await sql!\`select 1\`;
                    await tx?.unsafe('select 2');
                    await sql['unsafe']('select 3');
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
          endColumn: 24,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: ts`
                import postgres from 'postgres';

                const sql: postgres.Sql | undefined = postgres();

                export async function run() {
                  await sql!.begin(async (tx) => {
                    await sql!\`select 1\`;
                    await sql?.unsafe('select 2');
                    await tx['unsafe']('select 3');
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
      // handle queries; I/O before and after
      code: ts`
        import postgres from 'postgres';

        const sql = postgres();

        export async function run() {
          const response = await fetch('https://api.example.com/rates');
          const rates = await response.json();
          await sql.begin(async (sql) => {
            await sql\`insert into rates \${sql(rates)}\`;
            await Promise.all([sql\`select 1\`, sql\`select 2\`]);
          });
          await fetch('https://hooks.example.com/rates');
        }
      `,
    },
    {
      // lookalike begin() and an untyped parameter
      code: ts`
        import axios from 'axios';

        const conn = { begin: async (fn: () => Promise<void>) => fn() };

        export async function run(sql) {
          await conn.begin(async () => {
            await axios.get('https://api.example.com');
          });
          await sql.begin(async () => {
            await fetch('https://api.example.com');
          });
        }
      `,
    },
  ],
  invalid: [
    {
      // HTTP request inside sql.begin() with a move suggestion
      code: ts`
        import postgres from 'postgres';

        const sql = postgres();

        export async function run(id: number) {
          await sql.begin(async (tx) => {
            await tx\`delete from sessions where user_id = \${id}\`;
            await fetch('https://hooks.example.com/logout', { method: 'POST' });
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
                import postgres from 'postgres';

                const sql = postgres();

                export async function run(id: number) {
                  await fetch('https://hooks.example.com/logout', { method: 'POST' });
                  await sql.begin(async (tx) => {
                    await tx\`delete from sessions where user_id = \${id}\`;
                  });
                }
              `,
            },
            {
              messageId: 'moveAfterTransaction',
              output: ts`
                import postgres from 'postgres';

                const sql = postgres();

                export async function run(id: number) {
                  await sql.begin(async (tx) => {
                    await tx\`delete from sessions where user_id = \${id}\`;
                  });
                  await fetch('https://hooks.example.com/logout', { method: 'POST' });
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // awaits that use query results from inside: no suggestion
      code: ts`
        import postgres from 'postgres';
        import axios from 'axios';

        const sql = postgres();

        export async function run(id: number) {
          await sql.begin(async (tx) => {
            const [user] = await tx\`select * from users where id = \${id}\`;
            await axios.post('https://crm.example.com/users', user);
          });
        }
      `,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 60,
        },
      ],
    },
    {
      // timers, mail, cache, S3 and a local helper that calls fetch
      code: ts`
        import postgres from 'postgres';
        import { setTimeout } from 'node:timers/promises';
        import nodemailer from 'nodemailer';
        import Redis from 'ioredis';
        import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';

        const sql = postgres();
        const mailer = nodemailer.createTransport({});
        const redis = new Redis();
        const s3 = new S3Client({});

        async function ping() {
          await fetch('https://status.example.com');
        }

        export async function run() {
          await sql.begin(async (tx) => {
            await tx\`delete from carts\`;
            await setTimeout(100);
            await mailer.sendMail({ to: 'ops@example.com' });
            await redis.flushdb();
            await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k' }));
            await ping();
          });
        }
      `,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 19,
          column: 5,
          endLine: 19,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: ts`
                import postgres from 'postgres';
                import { setTimeout } from 'node:timers/promises';
                import nodemailer from 'nodemailer';
                import Redis from 'ioredis';
                import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';

                const sql = postgres();
                const mailer = nodemailer.createTransport({});
                const redis = new Redis();
                const s3 = new S3Client({});

                async function ping() {
                  await fetch('https://status.example.com');
                }

                export async function run() {
                  await setTimeout(100);
                  await sql.begin(async (tx) => {
                    await tx\`delete from carts\`;
                    await mailer.sendMail({ to: 'ops@example.com' });
                    await redis.flushdb();
                    await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k' }));
                    await ping();
                  });
                }
              `,
            },
          ],
        },
        {
          messageId: 'unrelatedAwait',
          line: 20,
          column: 5,
          endLine: 20,
          endColumn: 53,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: ts`
                import postgres from 'postgres';
                import { setTimeout } from 'node:timers/promises';
                import nodemailer from 'nodemailer';
                import Redis from 'ioredis';
                import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';

                const sql = postgres();
                const mailer = nodemailer.createTransport({});
                const redis = new Redis();
                const s3 = new S3Client({});

                async function ping() {
                  await fetch('https://status.example.com');
                }

                export async function run() {
                  await mailer.sendMail({ to: 'ops@example.com' });
                  await sql.begin(async (tx) => {
                    await tx\`delete from carts\`;
                    await setTimeout(100);
                    await redis.flushdb();
                    await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k' }));
                    await ping();
                  });
                }
              `,
            },
          ],
        },
        {
          messageId: 'unrelatedAwait',
          line: 21,
          column: 5,
          endLine: 21,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: ts`
                import postgres from 'postgres';
                import { setTimeout } from 'node:timers/promises';
                import nodemailer from 'nodemailer';
                import Redis from 'ioredis';
                import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';

                const sql = postgres();
                const mailer = nodemailer.createTransport({});
                const redis = new Redis();
                const s3 = new S3Client({});

                async function ping() {
                  await fetch('https://status.example.com');
                }

                export async function run() {
                  await redis.flushdb();
                  await sql.begin(async (tx) => {
                    await tx\`delete from carts\`;
                    await setTimeout(100);
                    await mailer.sendMail({ to: 'ops@example.com' });
                    await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k' }));
                    await ping();
                  });
                }
              `,
            },
          ],
        },
        {
          messageId: 'unrelatedAwait',
          line: 22,
          column: 5,
          endLine: 22,
          endColumn: 67,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: ts`
                import postgres from 'postgres';
                import { setTimeout } from 'node:timers/promises';
                import nodemailer from 'nodemailer';
                import Redis from 'ioredis';
                import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';

                const sql = postgres();
                const mailer = nodemailer.createTransport({});
                const redis = new Redis();
                const s3 = new S3Client({});

                async function ping() {
                  await fetch('https://status.example.com');
                }

                export async function run() {
                  await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k' }));
                  await sql.begin(async (tx) => {
                    await tx\`delete from carts\`;
                    await setTimeout(100);
                    await mailer.sendMail({ to: 'ops@example.com' });
                    await redis.flushdb();
                    await ping();
                  });
                }
              `,
            },
          ],
        },
        {
          messageId: 'unrelatedAwait',
          line: 23,
          column: 5,
          endLine: 23,
          endColumn: 17,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: ts`
                import postgres from 'postgres';
                import { setTimeout } from 'node:timers/promises';
                import nodemailer from 'nodemailer';
                import Redis from 'ioredis';
                import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';

                const sql = postgres();
                const mailer = nodemailer.createTransport({});
                const redis = new Redis();
                const s3 = new S3Client({});

                async function ping() {
                  await fetch('https://status.example.com');
                }

                export async function run() {
                  await ping();
                  await sql.begin(async (tx) => {
                    await tx\`delete from carts\`;
                    await setTimeout(100);
                    await mailer.sendMail({ to: 'ops@example.com' });
                    await redis.flushdb();
                    await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k' }));
                  });
                }
              `,
            },
            {
              messageId: 'moveAfterTransaction',
              output: ts`
                import postgres from 'postgres';
                import { setTimeout } from 'node:timers/promises';
                import nodemailer from 'nodemailer';
                import Redis from 'ioredis';
                import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';

                const sql = postgres();
                const mailer = nodemailer.createTransport({});
                const redis = new Redis();
                const s3 = new S3Client({});

                async function ping() {
                  await fetch('https://status.example.com');
                }

                export async function run() {
                  await sql.begin(async (tx) => {
                    await tx\`delete from carts\`;
                    await setTimeout(100);
                    await mailer.sendMail({ to: 'ops@example.com' });
                    await redis.flushdb();
                    await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k' }));
                  });
                  await ping();
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // a sleep promise in a branch has no suggestion
      code: ts`
        import postgres from 'postgres';

        const sql = postgres();

        export async function run() {
          await sql.begin(async (tx) => {
            const [job] = await tx\`select * from jobs for update skip locked limit 1\`;
            if (!job) await new Promise((resolve) => setTimeout(resolve, 500));
          });
        }
      `,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 8,
          column: 15,
          endLine: 8,
          endColumn: 71,
        },
      ],
    },
  ],
});

ruleTester.run('require-transaction-option', requireOption, {
  valid: [
    {
      // postgres.js queries carry the transaction through the handle
      code: ts`
        import postgres from 'postgres';

        const sql = postgres();

        export async function run() {
          await sql.begin(async (tx) => {
            await tx\`select 1\`;
            await sql.unsafe('select 2');
          });
        }
      `,
    },
  ],
  invalid: [

  ],
});

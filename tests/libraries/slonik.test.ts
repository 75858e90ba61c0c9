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
      // the handle only, nested transactions on the handle, queries after
      code: ts`
        import { createPool, sql } from 'slonik';

        const pool = await createPool(process.env.DATABASE_URL!);

        export async function run(ids: number[]) {
          await pool.transaction(async (t) => {
            await t.query(sql.unsafe\`select 1\`);
            await t.transaction(async (t2) => {
              await t2.query(sql.unsafe\`select 2\`);
            });
            await Promise.all(ids.map((id) => t.maybeOne(sql.unsafe\`select * from users where id = \${id}\`)));
          });
          await pool.query(sql.unsafe\`select 3\`);
        }
      `,
    },
    {
      // helpers that receive the handle as a parameter
      code: ts`
        import { createPool, sql } from 'slonik';
        import type { DatabaseTransactionConnection } from 'slonik';

        const pool = await createPool(process.env.DATABASE_URL!);

        async function lock(connection: DatabaseTransactionConnection, id: number) {
          return connection.one(sql.unsafe\`select * from users where id = \${id} for update\`);
        }

        async function touch(connection, id: number) {
          return connection.query(sql.unsafe\`update users set seen = now() where id = \${id}\`);
        }

        export async function run(id: number) {
          await pool.transaction(async (t) => {
            await lock(t, id);
            await touch(t, id);
          });
        }
      `,
    },
    {
      // lookalike transaction()/query() methods, untyped parameters, pg-style pools from other packages
      code: ts`
        import { createPool } from 'generic-pool';

        class Connection {
          async transaction<T>(fn: (c: Connection) => Promise<T>) {
            return fn(this);
          }
          async query(text: string) {
            return text;
          }
        }

        const connection = new Connection();
        const pool = createPool({ create: async () => ({}), destroy: async () => {} });

        export async function run(db) {
          await connection.transaction(async (c) => {
            await connection.query('select 1');
          });
          await pool.transaction(async (c) => {
            await pool.query('select 1');
          });
          await db.transaction(async (t) => {
            await db.query('select 1');
          });
        }
      `,
    },
    {
      // odd shapes do not throw (`this` outside a class, dynamic computed member)
      code: ts`
        import { createPool, sql } from 'slonik';
        import type { DatabasePool } from 'slonik';

        const pool = await createPool(process.env.DATABASE_URL!);

        export async function run(this: { pool: DatabasePool }, method: 'one' | 'many') {
          await this.pool.transaction(async (t) => {
            await this.pool.query(sql.unsafe\`select 1\`);
          });
          await pool.transaction(async (t) => {
            await (pool as any)[method](sql.unsafe\`select 1\`);
          });
        }
      `,
    },
  ],
  invalid: [
    {
      // outer pool directly inside pool.transaction()
      code: ts`
        import { createPool, sql } from 'slonik';

        const pool = await createPool(process.env.DATABASE_URL!);

        export async function transfer(from: number, to: number) {
          await pool.transaction(async (transactionConnection) => {
            await transactionConnection.query(sql.unsafe\`update accounts set balance = balance - 1 where id = \${from}\`);
            await pool.query(sql.unsafe\`update accounts set balance = balance + 1 where id = \${to}\`);
            const total = await pool.oneFirst(sql.unsafe\`select sum(balance) from accounts\`);
            return total;
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
              data: { replacement: 'transactionConnection' },
              output: ts`
                import { createPool, sql } from 'slonik';

                const pool = await createPool(process.env.DATABASE_URL!);

                export async function transfer(from: number, to: number) {
                  await pool.transaction(async (transactionConnection) => {
                    await transactionConnection.query(sql.unsafe\`update accounts set balance = balance - 1 where id = \${from}\`);
                    await transactionConnection.query(sql.unsafe\`update accounts set balance = balance + 1 where id = \${to}\`);
                    const total = await pool.oneFirst(sql.unsafe\`select sum(balance) from accounts\`);
                    return total;
                  });
                }
              `,
            },
          ],
        },
        {
          messageId: 'outerClient',
          line: 9,
          column: 25,
          endLine: 9,
          endColumn: 38,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'transactionConnection' },
              output: ts`
                import { createPool, sql } from 'slonik';

                const pool = await createPool(process.env.DATABASE_URL!);

                export async function transfer(from: number, to: number) {
                  await pool.transaction(async (transactionConnection) => {
                    await transactionConnection.query(sql.unsafe\`update accounts set balance = balance - 1 where id = \${from}\`);
                    await pool.query(sql.unsafe\`update accounts set balance = balance + 1 where id = \${to}\`);
                    const total = await transactionConnection.oneFirst(sql.unsafe\`select sum(balance) from accounts\`);
                    return total;
                  });
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // a nested transaction on the outer pool; the outer pool inside a nested handle transaction
      code: ts`
        import { createPool, sql } from 'slonik';

        const pool = await createPool(process.env.DATABASE_URL!);

        export async function run() {
          await pool.transaction(async (t1) => {
            await pool.transaction(async (other) => {
              await other.query(sql.unsafe\`delete from sessions\`);
            });
            await t1.transaction(async (t2) => {
              await pool.any(sql.unsafe\`select * from sessions\`);
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
          endColumn: 27,
        },
        {
          messageId: 'outerClient',
          line: 11,
          column: 13,
          endLine: 11,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 't2' },
              output: ts`
                import { createPool, sql } from 'slonik';

                const pool = await createPool(process.env.DATABASE_URL!);

                export async function run() {
                  await pool.transaction(async (t1) => {
                    await pool.transaction(async (other) => {
                      await other.query(sql.unsafe\`delete from sessions\`);
                    });
                    await t1.transaction(async (t2) => {
                      await t2.any(sql.unsafe\`select * from sessions\`);
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
      // a local helper that closes over the outer pool, reported at the call
      code: ts`
        import { createPool, sql } from 'slonik';

        const pool = await createPool(process.env.DATABASE_URL!);

        async function userExists(id: number) {
          return pool.exists(sql.unsafe\`select 1 from users where id = \${id}\`);
        }

        export async function run(id: number) {
          await pool.transaction(async (t) => {
            if (await userExists(id)) {
              await t.query(sql.unsafe\`delete from users where id = \${id}\`);
            }
          });
        }
      `,
      errors: [
        {
          messageId: 'outerClientInHelper',
          line: 11,
          column: 15,
          endLine: 11,
          endColumn: 25,
        },
      ],
    },
    {
      // a connection's own queries inside its transaction (slonik rejects them as foreign)
      code: ts`
        import { createPool, sql } from 'slonik';
        import type { DatabasePoolConnection } from 'slonik';

        const pool = await createPool(process.env.DATABASE_URL!);

        export async function run() {
          await pool.connect(async (connection: DatabasePoolConnection) => {
            await connection.transaction(async (t) => {
              await t.query(sql.unsafe\`select 1\`);
              await connection.query(sql.unsafe\`select 2\`);
            });
          });
        }
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 10,
          column: 13,
          endLine: 10,
          endColumn: 29,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 't' },
              output: ts`
                import { createPool, sql } from 'slonik';
                import type { DatabasePoolConnection } from 'slonik';

                const pool = await createPool(process.env.DATABASE_URL!);

                export async function run() {
                  await pool.connect(async (connection: DatabasePoolConnection) => {
                    await connection.transaction(async (t) => {
                      await t.query(sql.unsafe\`select 1\`);
                      await t.query(sql.unsafe\`select 2\`);
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
      // class-injected DatabasePool
      code: ts`
        import { sql } from 'slonik';
        import type { DatabasePool } from 'slonik';

        export class UsersRepository {
          constructor(private readonly pool: DatabasePool) {}

          async disable(id: number) {
            await this.pool.transaction(async (t) => {
              await t.query(sql.unsafe\`update users set disabled = true where id = \${id}\`);
              await this.pool.query(sql.unsafe\`delete from sessions where user_id = \${id}\`);
            });
          }
        }
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 10,
          column: 13,
          endLine: 10,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 't' },
              output: ts`
                import { sql } from 'slonik';
                import type { DatabasePool } from 'slonik';

                export class UsersRepository {
                  constructor(private readonly pool: DatabasePool) {}

                  async disable(id: number) {
                    await this.pool.transaction(async (t) => {
                      await t.query(sql.unsafe\`update users set disabled = true where id = \${id}\`);
                      await t.query(sql.unsafe\`delete from sessions where user_id = \${id}\`);
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
        const { createPool, sql } = require('slonik');

        async function run() {
          const pool = await createPool(process.env.DATABASE_URL);
          const db = pool;
          await db.transaction(async (t) => {
            await pool.many(sql.unsafe\`select * from users\`);
          });
        }

        module.exports = { run };
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 't' },
              output: ts`
                const { createPool, sql } = require('slonik');

                async function run() {
                  const pool = await createPool(process.env.DATABASE_URL);
                  const db = pool;
                  await db.transaction(async (t) => {
                    await t.many(sql.unsafe\`select * from users\`);
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
      // Promise.all mixing the handle and the outer pool
      code: ts`
        import { createPool, sql } from 'slonik';

        const pool = await createPool(process.env.DATABASE_URL!);

        export async function run() {
          await pool.transaction(async (t) => {
            await Promise.all([t.any(sql.unsafe\`select 1\`), pool.any(sql.unsafe\`select 2\`)]);
          });
        }
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 7,
          column: 53,
          endLine: 7,
          endColumn: 61,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 't' },
              output: ts`
                import { createPool, sql } from 'slonik';

                const pool = await createPool(process.env.DATABASE_URL!);

                export async function run() {
                  await pool.transaction(async (t) => {
                    await Promise.all([t.any(sql.unsafe\`select 1\`), t.any(sql.unsafe\`select 2\`)]);
                  });
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // pool and helpers imported from local modules
      code: ts`
        import { sql } from 'slonik';

        import { countOrders, insertOrder } from './orders';
        import { pool } from './pool';

        export async function place(userId: number) {
          await pool.transaction(async (t) => {
            await insertOrder(t, userId);
            await countOrders();
            await pool.query(sql.unsafe\`update users set orders = orders + 1 where id = \${userId}\`);
          });
        }
      `,
      filename: path.join(fixturesDir, 'slonik/service.ts'),
      settings: { 'async-db': { libraries: ['slonik'] } },
      errors: [
        {
          messageId: 'outerClientInHelper',
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 22,
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
              data: { replacement: 't' },
              output: ts`
                import { sql } from 'slonik';

                import { countOrders, insertOrder } from './orders';
                import { pool } from './pool';

                export async function place(userId: number) {
                  await pool.transaction(async (t) => {
                    await insertOrder(t, userId);
                    await countOrders();
                    await t.query(sql.unsafe\`update users set orders = orders + 1 where id = \${userId}\`);
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
        import { createPool, sql } from 'slonik';
        import type { DatabasePool } from 'slonik';

        const pool: DatabasePool | undefined = await createPool(process.env.DATABASE_URL!);

        export async function run() {
          await pool!.transaction(async (t) => {
            await pool!.query(sql.unsafe\`select 1\`);
            await pool?.query(sql.unsafe\`select 2\`);
            await pool['query'](sql.unsafe\`select 3\`);
          });
        }
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 22,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 't' },
              output: ts`
                import { createPool, sql } from 'slonik';
                import type { DatabasePool } from 'slonik';

                const pool: DatabasePool | undefined = await createPool(process.env.DATABASE_URL!);

                export async function run() {
                  await pool!.transaction(async (t) => {
                    await t!.query(sql.unsafe\`select 1\`);
                    await pool?.query(sql.unsafe\`select 2\`);
                    await pool['query'](sql.unsafe\`select 3\`);
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
          endColumn: 22,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 't' },
              output: ts`
                import { createPool, sql } from 'slonik';
                import type { DatabasePool } from 'slonik';

                const pool: DatabasePool | undefined = await createPool(process.env.DATABASE_URL!);

                export async function run() {
                  await pool!.transaction(async (t) => {
                    await pool!.query(sql.unsafe\`select 1\`);
                    await t?.query(sql.unsafe\`select 2\`);
                    await pool['query'](sql.unsafe\`select 3\`);
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
          endColumn: 24,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 't' },
              output: ts`
                import { createPool, sql } from 'slonik';
                import type { DatabasePool } from 'slonik';

                const pool: DatabasePool | undefined = await createPool(process.env.DATABASE_URL!);

                export async function run() {
                  await pool!.transaction(async (t) => {
                    await pool!.query(sql.unsafe\`select 1\`);
                    await pool?.query(sql.unsafe\`select 2\`);
                    await t['query'](sql.unsafe\`select 3\`);
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
        import { createPool, sql } from 'slonik';

        const pool = await createPool(process.env.DATABASE_URL!);

        export async function run() {
          const response = await fetch('https://api.example.com/users');
          const users: Array<{ name: string }> = await response.json();
          await pool.transaction(async (t) => {
            await Promise.all(users.map((u) => t.query(sql.unsafe\`insert into users (name) values (\${u.name})\`)));
            await t.transaction(async (t2) => t2.query(sql.unsafe\`select 1\`));
          });
          await fetch('https://hooks.example.com/users');
        }
      `,
    },
    {
      // a lookalike transaction() and an untyped parameter
      code: ts`
        import axios from 'axios';

        const store = { transaction: async (fn: () => Promise<void>) => fn() };

        export async function run(pool) {
          await store.transaction(async () => {
            await axios.get('https://api.example.com');
          });
          await pool.transaction(async () => {
            await fetch('https://api.example.com');
          });
        }
      `,
    },
  ],
  invalid: [
    {
      // HTTP request inside pool.transaction() with a move suggestion
      code: ts`
        import { createPool, sql } from 'slonik';

        const pool = await createPool(process.env.DATABASE_URL!);

        export async function run() {
          await pool.transaction(async (t) => {
            await t.query(sql.unsafe\`delete from carts\`);
            await fetch('https://hooks.example.com/carts', { method: 'DELETE' });
          });
        }
      `,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 73,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: ts`
                import { createPool, sql } from 'slonik';

                const pool = await createPool(process.env.DATABASE_URL!);

                export async function run() {
                  await fetch('https://hooks.example.com/carts', { method: 'DELETE' });
                  await pool.transaction(async (t) => {
                    await t.query(sql.unsafe\`delete from carts\`);
                  });
                }
              `,
            },
            {
              messageId: 'moveAfterTransaction',
              output: ts`
                import { createPool, sql } from 'slonik';

                const pool = await createPool(process.env.DATABASE_URL!);

                export async function run() {
                  await pool.transaction(async (t) => {
                    await t.query(sql.unsafe\`delete from carts\`);
                  });
                  await fetch('https://hooks.example.com/carts', { method: 'DELETE' });
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
        import { createPool, sql } from 'slonik';
        import axios from 'axios';

        const pool = await createPool(process.env.DATABASE_URL!);

        export async function run(id: number) {
          await pool.transaction(async (t) => {
            const user = await t.one(sql.unsafe\`select * from users where id = \${id}\`);
            await axios.put(\`https://crm.example.com/users/\${user.id}\`, user);
          });
        }
      `,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 70,
        },
      ],
    },
    {
      // timers, mail, cache, S3 and a local helper that calls fetch
      code: ts`
        import { createPool, sql } from 'slonik';
        import { setTimeout } from 'node:timers/promises';
        import nodemailer from 'nodemailer';
        import { createClient } from 'redis';
        import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';

        const pool = await createPool(process.env.DATABASE_URL!);
        const mailer = nodemailer.createTransport({});
        const redis = createClient();
        const s3 = new S3Client({});

        async function ping() {
          await fetch('https://status.example.com');
        }

        export async function run() {
          await pool.transaction(async (t) => {
            await t.query(sql.unsafe\`delete from carts\`);
            await setTimeout(100);
            await mailer.sendMail({ to: 'ops@example.com' });
            await redis.del('carts');
            await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'carts' }));
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
                import { createPool, sql } from 'slonik';
                import { setTimeout } from 'node:timers/promises';
                import nodemailer from 'nodemailer';
                import { createClient } from 'redis';
                import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';

                const pool = await createPool(process.env.DATABASE_URL!);
                const mailer = nodemailer.createTransport({});
                const redis = createClient();
                const s3 = new S3Client({});

                async function ping() {
                  await fetch('https://status.example.com');
                }

                export async function run() {
                  await setTimeout(100);
                  await pool.transaction(async (t) => {
                    await t.query(sql.unsafe\`delete from carts\`);
                    await mailer.sendMail({ to: 'ops@example.com' });
                    await redis.del('carts');
                    await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'carts' }));
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
                import { createPool, sql } from 'slonik';
                import { setTimeout } from 'node:timers/promises';
                import nodemailer from 'nodemailer';
                import { createClient } from 'redis';
                import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';

                const pool = await createPool(process.env.DATABASE_URL!);
                const mailer = nodemailer.createTransport({});
                const redis = createClient();
                const s3 = new S3Client({});

                async function ping() {
                  await fetch('https://status.example.com');
                }

                export async function run() {
                  await mailer.sendMail({ to: 'ops@example.com' });
                  await pool.transaction(async (t) => {
                    await t.query(sql.unsafe\`delete from carts\`);
                    await setTimeout(100);
                    await redis.del('carts');
                    await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'carts' }));
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
          endColumn: 29,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: ts`
                import { createPool, sql } from 'slonik';
                import { setTimeout } from 'node:timers/promises';
                import nodemailer from 'nodemailer';
                import { createClient } from 'redis';
                import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';

                const pool = await createPool(process.env.DATABASE_URL!);
                const mailer = nodemailer.createTransport({});
                const redis = createClient();
                const s3 = new S3Client({});

                async function ping() {
                  await fetch('https://status.example.com');
                }

                export async function run() {
                  await redis.del('carts');
                  await pool.transaction(async (t) => {
                    await t.query(sql.unsafe\`delete from carts\`);
                    await setTimeout(100);
                    await mailer.sendMail({ to: 'ops@example.com' });
                    await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'carts' }));
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
          endColumn: 71,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: ts`
                import { createPool, sql } from 'slonik';
                import { setTimeout } from 'node:timers/promises';
                import nodemailer from 'nodemailer';
                import { createClient } from 'redis';
                import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';

                const pool = await createPool(process.env.DATABASE_URL!);
                const mailer = nodemailer.createTransport({});
                const redis = createClient();
                const s3 = new S3Client({});

                async function ping() {
                  await fetch('https://status.example.com');
                }

                export async function run() {
                  await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'carts' }));
                  await pool.transaction(async (t) => {
                    await t.query(sql.unsafe\`delete from carts\`);
                    await setTimeout(100);
                    await mailer.sendMail({ to: 'ops@example.com' });
                    await redis.del('carts');
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
                import { createPool, sql } from 'slonik';
                import { setTimeout } from 'node:timers/promises';
                import nodemailer from 'nodemailer';
                import { createClient } from 'redis';
                import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';

                const pool = await createPool(process.env.DATABASE_URL!);
                const mailer = nodemailer.createTransport({});
                const redis = createClient();
                const s3 = new S3Client({});

                async function ping() {
                  await fetch('https://status.example.com');
                }

                export async function run() {
                  await ping();
                  await pool.transaction(async (t) => {
                    await t.query(sql.unsafe\`delete from carts\`);
                    await setTimeout(100);
                    await mailer.sendMail({ to: 'ops@example.com' });
                    await redis.del('carts');
                    await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'carts' }));
                  });
                }
              `,
            },
            {
              messageId: 'moveAfterTransaction',
              output: ts`
                import { createPool, sql } from 'slonik';
                import { setTimeout } from 'node:timers/promises';
                import nodemailer from 'nodemailer';
                import { createClient } from 'redis';
                import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';

                const pool = await createPool(process.env.DATABASE_URL!);
                const mailer = nodemailer.createTransport({});
                const redis = createClient();
                const s3 = new S3Client({});

                async function ping() {
                  await fetch('https://status.example.com');
                }

                export async function run() {
                  await pool.transaction(async (t) => {
                    await t.query(sql.unsafe\`delete from carts\`);
                    await setTimeout(100);
                    await mailer.sendMail({ to: 'ops@example.com' });
                    await redis.del('carts');
                    await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'carts' }));
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
      // slonik queries carry the transaction through the handle
      code: ts`
        import { createPool, sql } from 'slonik';

        const pool = await createPool(process.env.DATABASE_URL!);

        export async function run() {
          await pool.transaction(async (t) => {
            await t.query(sql.unsafe\`select 1\`);
            await pool.query(sql.unsafe\`select 2\`);
          });
        }
      `,
    },
  ],
  invalid: [

  ],
});

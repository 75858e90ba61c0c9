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
      // only the handle; queries before, after and in Promise.all
      code: ts`
        import { Kysely } from 'kysely';

        const db = new Kysely<any>({ dialect: {} as any });

        export async function run(ids: number[]) {
          await db.selectFrom('person').selectAll().execute();
          await db.transaction().execute(async (trx) => {
            await Promise.all(ids.map((id) => trx.deleteFrom('pet').where('id', '=', id).execute()));
            await Promise.all([trx.selectFrom('pet').selectAll().execute(), trx.selectFrom('person').selectAll().execute()]);
          });
          await db.selectFrom('pet').selectAll().execute();
        }
      `,
    },
    {
      // controlled transaction that only uses the handle, outer db after commit
      code: ts`
        import { Kysely } from 'kysely';

        const db = new Kysely<any>({ dialect: {} as any });

        export async function run(id: number) {
          const trx = await db.startTransaction().execute();
          await trx.deleteFrom('pet').where('ownerId', '=', id).execute();
          await trx.deleteFrom('person').where('id', '=', id).execute();
          await trx.commit().execute();
          await db.selectFrom('person').selectAll().execute();
        }
      `,
    },
    {
      // helpers that receive the handle as a parameter
      code: ts`
        import { Kysely } from 'kysely';
        import type { Transaction } from 'kysely';

        const db = new Kysely<any>({ dialect: {} as any });

        async function insertPet(trx: Transaction<any>, ownerId: number) {
          return trx.insertInto('pet').values({ ownerId }).execute();
        }

        async function removePets(executor, ownerId: number) {
          return executor.deleteFrom('pet').where('ownerId', '=', ownerId).execute();
        }

        export async function run(ownerId: number) {
          await db.transaction().execute(async (trx) => {
            await insertPet(trx, ownerId);
            await removePets(trx, ownerId);
          });
        }
      `,
    },
    {
      // a local class with transaction().execute() and startTransaction() is not Kysely
      code: ts`
        class QueryRunner {
          transaction() {
            return { execute: async (fn: (trx: QueryRunner) => Promise<unknown>) => fn(this) };
          }
          startTransaction() {
            return { execute: async () => this };
          }
          selectFrom(table: string) {
            return { execute: async () => [table] };
          }
          commit() {
            return { execute: async () => undefined };
          }
        }

        const db = new QueryRunner();

        export async function run() {
          await db.transaction().execute(async (trx) => {
            await db.selectFrom('person').execute();
          });
          const trx = await db.startTransaction().execute();
          await db.selectFrom('person').execute();
          await trx.commit().execute();
        }
      `,
    },
    {
      // a `db` from another package, an untyped parameter
      code: ts`
        import { createDatabase } from 'some-query-builder';

        const db = createDatabase();

        export async function run(database) {
          await db.transaction().execute(async (trx) => {
            await db.selectFrom('person').execute();
          });
          await database.transaction().execute(async (trx) => {
            await database.selectFrom('person').execute();
          });
        }
      `,
    },
    {
      // odd shapes do not throw (`this` outside a class, dynamic computed member)
      code: ts`
        import { Kysely } from 'kysely';

        const db = new Kysely<any>({ dialect: {} as any });

        export async function run(this: { db: Kysely<any> }, method: 'selectFrom' | 'deleteFrom') {
          await this.db.transaction().execute(async (trx) => {
            await this.db.selectFrom('person').execute();
          });
          await db.transaction().execute(async (trx) => {
            await (db as any)[method]('person').execute();
          });
        }
      `,
    },
  ],
  invalid: [
    {
      // outer db directly inside transaction().execute()
      code: ts`
        import { Kysely, PostgresDialect } from 'kysely';
        import { Pool } from 'pg';

        const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool() }) });

        export async function adopt(ownerId: number, petId: number) {
          await db.transaction().execute(async (trx) => {
            await trx.updateTable('pet').set({ ownerId }).where('id', '=', petId).execute();
            await db.insertInto('adoption').values({ ownerId, petId }).execute();
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
              data: { replacement: 'trx' },
              output: ts`
                import { Kysely, PostgresDialect } from 'kysely';
                import { Pool } from 'pg';

                const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool() }) });

                export async function adopt(ownerId: number, petId: number) {
                  await db.transaction().execute(async (trx) => {
                    await trx.updateTable('pet').set({ ownerId }).where('id', '=', petId).execute();
                    await trx.insertInto('adoption').values({ ownerId, petId }).execute();
                  });
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // a nested transaction on the outer db
      code: ts`
        import { Kysely } from 'kysely';

        const db = new Kysely<any>({ dialect: {} as any });

        export async function run() {
          await db.transaction().execute(async (trx) => {
            await trx.deleteFrom('pet').execute();
            await db.transaction().execute(async (inner) => {
              await inner.deleteFrom('person').execute();
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
          endColumn: 25,
        },
      ],
    },
    {
      // a local helper that closes over the outer db, reported at the call
      code: ts`
        import { Kysely } from 'kysely';

        const db = new Kysely<any>({ dialect: {} as any });

        const findOwner = (id: number) => db.selectFrom('person').where('id', '=', id).executeTakeFirst();

        export async function run(id: number) {
          return db.transaction().execute(async (trx) => {
            const owner = await findOwner(id);
            return trx.insertInto('pet').values({ ownerId: owner?.id }).returningAll().execute();
          });
        }
      `,
      errors: [
        {
          messageId: 'outerClientInHelper',
          line: 9,
          column: 25,
          endLine: 9,
          endColumn: 34,
        },
      ],
    },
    {
      // controlled transaction: outer db between startTransaction() and commit()
      code: ts`
        import { Kysely } from 'kysely';

        const db = new Kysely<any>({ dialect: {} as any });

        async function countPets() {
          return db.selectFrom('pet').selectAll().execute();
        }

        export async function run(id: number) {
          const trx = await db.startTransaction().execute();
          await trx.deleteFrom('pet').where('ownerId', '=', id).execute();
          await db.deleteFrom('person').where('id', '=', id).execute();
          await countPets();
          await trx.commit().execute();
          await db.selectFrom('person').selectAll().execute();
        }
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 12,
          column: 9,
          endLine: 12,
          endColumn: 22,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: ts`
                import { Kysely } from 'kysely';

                const db = new Kysely<any>({ dialect: {} as any });

                async function countPets() {
                  return db.selectFrom('pet').selectAll().execute();
                }

                export async function run(id: number) {
                  const trx = await db.startTransaction().execute();
                  await trx.deleteFrom('pet').where('ownerId', '=', id).execute();
                  await trx.deleteFrom('person').where('id', '=', id).execute();
                  await countPets();
                  await trx.commit().execute();
                  await db.selectFrom('person').selectAll().execute();
                }
              `,
            },
          ],
        },
        {
          messageId: 'outerClientInHelper',
          line: 13,
          column: 9,
          endLine: 13,
          endColumn: 18,
        },
      ],
    },
    {
      // controlled transaction ended by rollback()
      code: ts`
        import { Kysely } from 'kysely';

        const db = new Kysely<any>({ dialect: {} as any });

        export async function dryRun(id: number) {
          const trx = await db.startTransaction().execute();
          await trx.deleteFrom('pet').where('ownerId', '=', id).execute();
          const remaining = await db.selectFrom('pet').selectAll().execute();
          await trx.rollback().execute();
          return remaining;
        }
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 8,
          column: 27,
          endLine: 8,
          endColumn: 40,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: ts`
                import { Kysely } from 'kysely';

                const db = new Kysely<any>({ dialect: {} as any });

                export async function dryRun(id: number) {
                  const trx = await db.startTransaction().execute();
                  await trx.deleteFrom('pet').where('ownerId', '=', id).execute();
                  const remaining = await trx.selectFrom('pet').selectAll().execute();
                  await trx.rollback().execute();
                  return remaining;
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // controlled transaction in try/catch: commit in the try block, rollback in the catch block
      code: ts`
        import { Kysely } from 'kysely';

        const db = new Kysely<any>({ dialect: {} as any });

        export async function run(id: number) {
          const trx = await db.startTransaction().execute();
          try {
            await trx.deleteFrom('pet').where('ownerId', '=', id).execute();
            await db.deleteFrom('person').where('id', '=', id).execute();
            await trx.commit().execute();
          } catch (error) {
            await trx.rollback().execute();
            throw error;
          }
          await db.selectFrom('person').selectAll().execute();
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
              data: { replacement: 'trx' },
              output: ts`
                import { Kysely } from 'kysely';

                const db = new Kysely<any>({ dialect: {} as any });

                export async function run(id: number) {
                  const trx = await db.startTransaction().execute();
                  try {
                    await trx.deleteFrom('pet').where('ownerId', '=', id).execute();
                    await trx.deleteFrom('person').where('id', '=', id).execute();
                    await trx.commit().execute();
                  } catch (error) {
                    await trx.rollback().execute();
                    throw error;
                  }
                  await db.selectFrom('person').selectAll().execute();
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // class-injected Kysely: constructor parameter and annotated field
      code: ts`
        import { Kysely } from 'kysely';
        import type { DB } from './db';

        export class PeopleRepository {
          private db: Kysely<DB>;

          constructor(db: Kysely<DB>, private readonly reader: Kysely<DB>) {
            this.db = db;
          }

          async rename(id: number, name: string) {
            await this.db.transaction().execute(async (trx) => {
              await trx.updateTable('person').set({ name }).where('id', '=', id).execute();
              await this.db.insertInto('audit').values({ id }).execute();
              await this.reader.selectFrom('person').selectAll().execute();
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
          endColumn: 31,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: ts`
                import { Kysely } from 'kysely';
                import type { DB } from './db';

                export class PeopleRepository {
                  private db: Kysely<DB>;

                  constructor(db: Kysely<DB>, private readonly reader: Kysely<DB>) {
                    this.db = db;
                  }

                  async rename(id: number, name: string) {
                    await this.db.transaction().execute(async (trx) => {
                      await trx.updateTable('person').set({ name }).where('id', '=', id).execute();
                      await trx.insertInto('audit').values({ id }).execute();
                      await this.reader.selectFrom('person').selectAll().execute();
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
          endColumn: 35,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: ts`
                import { Kysely } from 'kysely';
                import type { DB } from './db';

                export class PeopleRepository {
                  private db: Kysely<DB>;

                  constructor(db: Kysely<DB>, private readonly reader: Kysely<DB>) {
                    this.db = db;
                  }

                  async rename(id: number, name: string) {
                    await this.db.transaction().execute(async (trx) => {
                      await trx.updateTable('person').set({ name }).where('id', '=', id).execute();
                      await this.db.insertInto('audit').values({ id }).execute();
                      await trx.selectFrom('person').selectAll().execute();
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
      // an alias and a subclass of Kysely
      code: ts`
        import { Kysely } from 'kysely';

        class Database extends Kysely<any> {}

        const db = new Database({ dialect: {} as any });
        const same = db;

        export async function run() {
          await same.transaction().execute(async (trx) => {
            await trx.deleteFrom('pet').execute();
            await db.deleteFrom('person').execute();
          });
        }
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 11,
          column: 11,
          endLine: 11,
          endColumn: 24,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: ts`
                import { Kysely } from 'kysely';

                class Database extends Kysely<any> {}

                const db = new Database({ dialect: {} as any });
                const same = db;

                export async function run() {
                  await same.transaction().execute(async (trx) => {
                    await trx.deleteFrom('pet').execute();
                    await trx.deleteFrom('person').execute();
                  });
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // CommonJS require
      code: ts`
        const { Kysely } = require('kysely');

        const db = new Kysely({ dialect: {} });

        async function run() {
          await db.transaction().execute(async (trx) => {
            await db.selectFrom('person').selectAll().execute();
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
          endColumn: 24,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: ts`
                const { Kysely } = require('kysely');

                const db = new Kysely({ dialect: {} });

                async function run() {
                  await db.transaction().execute(async (trx) => {
                    await trx.selectFrom('person').selectAll().execute();
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
        import { Kysely } from 'kysely';

        const db = new Kysely<any>({ dialect: {} as any });

        export async function run() {
          await db.transaction().execute(async (trx) => {
            await Promise.all([
              trx.selectFrom('person').selectAll().execute(),
              db.selectFrom('pet').selectAll().execute(),
            ]);
          });
        }
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 9,
          column: 7,
          endLine: 9,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: ts`
                import { Kysely } from 'kysely';

                const db = new Kysely<any>({ dialect: {} as any });

                export async function run() {
                  await db.transaction().execute(async (trx) => {
                    await Promise.all([
                      trx.selectFrom('person').selectAll().execute(),
                      trx.selectFrom('pet').selectAll().execute(),
                    ]);
                  });
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
        import { countPeople, insertPerson } from './people';

        export async function register(name: string) {
          await db.transaction().execute(async (trx) => {
            await insertPerson(trx, name);
            await countPeople();
            await db.selectFrom('pet').selectAll().execute();
          });
        }
      `,
      filename: path.join(fixturesDir, 'kysely/service.ts'),
      settings: { 'async-db': { libraries: ['kysely'] } },
      errors: [
        {
          messageId: 'outerClientInHelper',
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 22,
        },
        {
          messageId: 'outerClient',
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 24,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: ts`
                import { db } from './db';
                import { countPeople, insertPerson } from './people';

                export async function register(name: string) {
                  await db.transaction().execute(async (trx) => {
                    await insertPerson(trx, name);
                    await countPeople();
                    await trx.selectFrom('pet').selectAll().execute();
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
        import { Kysely } from 'kysely';

        const db: Kysely<any> | undefined = new Kysely<any>({ dialect: {} as any });

        export async function run() {
          await db!.transaction().execute(async (trx) => {
            await db!.selectFrom('person').selectAll().execute();
            await db?.selectFrom('person').selectAll().execute();
            await db['deleteFrom']('person').execute();
          });
        }
      `,
      errors: [
        {
          messageId: 'outerClient',
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 25,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: ts`
                import { Kysely } from 'kysely';

                const db: Kysely<any> | undefined = new Kysely<any>({ dialect: {} as any });

                export async function run() {
                  await db!.transaction().execute(async (trx) => {
                    await trx!.selectFrom('person').selectAll().execute();
                    await db?.selectFrom('person').selectAll().execute();
                    await db['deleteFrom']('person').execute();
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
          endColumn: 25,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: ts`
                import { Kysely } from 'kysely';

                const db: Kysely<any> | undefined = new Kysely<any>({ dialect: {} as any });

                export async function run() {
                  await db!.transaction().execute(async (trx) => {
                    await db!.selectFrom('person').selectAll().execute();
                    await trx?.selectFrom('person').selectAll().execute();
                    await db['deleteFrom']('person').execute();
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
          endColumn: 27,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: ts`
                import { Kysely } from 'kysely';

                const db: Kysely<any> | undefined = new Kysely<any>({ dialect: {} as any });

                export async function run() {
                  await db!.transaction().execute(async (trx) => {
                    await db!.selectFrom('person').selectAll().execute();
                    await db?.selectFrom('person').selectAll().execute();
                    await trx['deleteFrom']('person').execute();
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
      // handle queries, I/O before and after
      code: ts`
        import { Kysely } from 'kysely';

        const db = new Kysely<any>({ dialect: {} as any });

        export async function run() {
          const response = await fetch('https://api.example.com/pets');
          const pets = await response.json();
          await db.transaction().execute(async (trx) => {
            await trx.insertInto('pet').values(pets).execute();
            await Promise.all([trx.selectFrom('pet').selectAll().execute(), trx.selectFrom('person').selectAll().execute()]);
          });
          await fetch('https://hooks.example.com/done');
        }
      `,
    },
    {
      // lookalike transaction().execute() and an untyped parameter
      code: ts`
        import axios from 'axios';

        const runner = { transaction: () => ({ execute: async (fn: () => Promise<void>) => fn() }) };

        export async function run(db) {
          await runner.transaction().execute(async () => {
            await axios.get('https://api.example.com');
          });
          await db.transaction().execute(async () => {
            await fetch('https://api.example.com');
          });
        }
      `,
    },
  ],
  invalid: [
    {
      // HTTP request inside transaction().execute() with a move suggestion
      code: ts`
        import { Kysely } from 'kysely';

        const db = new Kysely<any>({ dialect: {} as any });

        export async function run(id: number) {
          await db.transaction().execute(async (trx) => {
            await trx.deleteFrom('pet').where('id', '=', id).execute();
            await fetch('https://hooks.example.com/pets', { method: 'DELETE' });
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
                import { Kysely } from 'kysely';

                const db = new Kysely<any>({ dialect: {} as any });

                export async function run(id: number) {
                  await fetch('https://hooks.example.com/pets', { method: 'DELETE' });
                  await db.transaction().execute(async (trx) => {
                    await trx.deleteFrom('pet').where('id', '=', id).execute();
                  });
                }
              `,
            },
            {
              messageId: 'moveAfterTransaction',
              output: ts`
                import { Kysely } from 'kysely';

                const db = new Kysely<any>({ dialect: {} as any });

                export async function run(id: number) {
                  await db.transaction().execute(async (trx) => {
                    await trx.deleteFrom('pet').where('id', '=', id).execute();
                  });
                  await fetch('https://hooks.example.com/pets', { method: 'DELETE' });
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
        import { Kysely } from 'kysely';
        import axios from 'axios';

        const db = new Kysely<any>({ dialect: {} as any });

        export async function run(id: number) {
          await db.transaction().execute(async (trx) => {
            const pet = await trx.selectFrom('pet').selectAll().where('id', '=', id).executeTakeFirst();
            const { data } = await axios.get(\`https://vets.example.com/pets/\${pet?.id}\`);
            await trx.updateTable('pet').set({ vet: data.name }).execute();
          });
        }
      `,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 9,
          column: 22,
          endLine: 9,
          endColumn: 81,
        },
      ],
    },
    {
      // timers, mail, cache, S3 and a local helper that calls fetch
      code: ts`
        import { Kysely } from 'kysely';
        import { setTimeout } from 'node:timers/promises';
        import nodemailer from 'nodemailer';
        import { createClient } from 'redis';
        import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';

        const db = new Kysely<any>({ dialect: {} as any });
        const mail = nodemailer.createTransport({});
        const redis = createClient();
        const s3 = new S3Client({});

        async function report() {
          await fetch('https://metrics.example.com', { method: 'POST' });
        }

        export async function run() {
          await db.transaction().execute(async (trx) => {
            await trx.deleteFrom('pet').execute();
            await setTimeout(10);
            await mail.sendMail({ to: 'x@example.com' });
            await redis.hSet('pets', 'count', 0);
            await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }));
            await report();
          });
        }
      `,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 19,
          column: 5,
          endLine: 19,
          endColumn: 25,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: ts`
                import { Kysely } from 'kysely';
                import { setTimeout } from 'node:timers/promises';
                import nodemailer from 'nodemailer';
                import { createClient } from 'redis';
                import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';

                const db = new Kysely<any>({ dialect: {} as any });
                const mail = nodemailer.createTransport({});
                const redis = createClient();
                const s3 = new S3Client({});

                async function report() {
                  await fetch('https://metrics.example.com', { method: 'POST' });
                }

                export async function run() {
                  await setTimeout(10);
                  await db.transaction().execute(async (trx) => {
                    await trx.deleteFrom('pet').execute();
                    await mail.sendMail({ to: 'x@example.com' });
                    await redis.hSet('pets', 'count', 0);
                    await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }));
                    await report();
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
          endColumn: 49,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: ts`
                import { Kysely } from 'kysely';
                import { setTimeout } from 'node:timers/promises';
                import nodemailer from 'nodemailer';
                import { createClient } from 'redis';
                import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';

                const db = new Kysely<any>({ dialect: {} as any });
                const mail = nodemailer.createTransport({});
                const redis = createClient();
                const s3 = new S3Client({});

                async function report() {
                  await fetch('https://metrics.example.com', { method: 'POST' });
                }

                export async function run() {
                  await mail.sendMail({ to: 'x@example.com' });
                  await db.transaction().execute(async (trx) => {
                    await trx.deleteFrom('pet').execute();
                    await setTimeout(10);
                    await redis.hSet('pets', 'count', 0);
                    await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }));
                    await report();
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
          endColumn: 41,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: ts`
                import { Kysely } from 'kysely';
                import { setTimeout } from 'node:timers/promises';
                import nodemailer from 'nodemailer';
                import { createClient } from 'redis';
                import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';

                const db = new Kysely<any>({ dialect: {} as any });
                const mail = nodemailer.createTransport({});
                const redis = createClient();
                const s3 = new S3Client({});

                async function report() {
                  await fetch('https://metrics.example.com', { method: 'POST' });
                }

                export async function run() {
                  await redis.hSet('pets', 'count', 0);
                  await db.transaction().execute(async (trx) => {
                    await trx.deleteFrom('pet').execute();
                    await setTimeout(10);
                    await mail.sendMail({ to: 'x@example.com' });
                    await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }));
                    await report();
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
                import { Kysely } from 'kysely';
                import { setTimeout } from 'node:timers/promises';
                import nodemailer from 'nodemailer';
                import { createClient } from 'redis';
                import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';

                const db = new Kysely<any>({ dialect: {} as any });
                const mail = nodemailer.createTransport({});
                const redis = createClient();
                const s3 = new S3Client({});

                async function report() {
                  await fetch('https://metrics.example.com', { method: 'POST' });
                }

                export async function run() {
                  await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }));
                  await db.transaction().execute(async (trx) => {
                    await trx.deleteFrom('pet').execute();
                    await setTimeout(10);
                    await mail.sendMail({ to: 'x@example.com' });
                    await redis.hSet('pets', 'count', 0);
                    await report();
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
          endColumn: 19,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: ts`
                import { Kysely } from 'kysely';
                import { setTimeout } from 'node:timers/promises';
                import nodemailer from 'nodemailer';
                import { createClient } from 'redis';
                import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';

                const db = new Kysely<any>({ dialect: {} as any });
                const mail = nodemailer.createTransport({});
                const redis = createClient();
                const s3 = new S3Client({});

                async function report() {
                  await fetch('https://metrics.example.com', { method: 'POST' });
                }

                export async function run() {
                  await report();
                  await db.transaction().execute(async (trx) => {
                    await trx.deleteFrom('pet').execute();
                    await setTimeout(10);
                    await mail.sendMail({ to: 'x@example.com' });
                    await redis.hSet('pets', 'count', 0);
                    await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }));
                  });
                }
              `,
            },
            {
              messageId: 'moveAfterTransaction',
              output: ts`
                import { Kysely } from 'kysely';
                import { setTimeout } from 'node:timers/promises';
                import nodemailer from 'nodemailer';
                import { createClient } from 'redis';
                import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';

                const db = new Kysely<any>({ dialect: {} as any });
                const mail = nodemailer.createTransport({});
                const redis = createClient();
                const s3 = new S3Client({});

                async function report() {
                  await fetch('https://metrics.example.com', { method: 'POST' });
                }

                export async function run() {
                  await db.transaction().execute(async (trx) => {
                    await trx.deleteFrom('pet').execute();
                    await setTimeout(10);
                    await mail.sendMail({ to: 'x@example.com' });
                    await redis.hSet('pets', 'count', 0);
                    await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }));
                  });
                  await report();
                }
              `,
            },
          ],
        },
      ],
    },
    {
      // controlled transaction: an HTTP request between begin and commit has no suggestion
      code: ts`
        import { Kysely } from 'kysely';

        const db = new Kysely<any>({ dialect: {} as any });

        export async function run(id: number) {
          const trx = await db.startTransaction().execute();
          await trx.deleteFrom('pet').where('id', '=', id).execute();
          await fetch('https://hooks.example.com/pets');
          await trx.commit().execute();
          await fetch('https://hooks.example.com/done');
        }
      `,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 8,
          column: 3,
          endLine: 8,
          endColumn: 48,
        },
      ],
    },
    {
      // controlled transaction in try/catch: an HTTP request before commit
      code: ts`
        import { Kysely } from 'kysely';

        const db = new Kysely<any>({ dialect: {} as any });

        export async function run(id: number) {
          const trx = await db.startTransaction().execute();
          try {
            await trx.deleteFrom('pet').where('id', '=', id).execute();
            await fetch('https://hooks.example.com/pets');
            await trx.commit().execute();
          } catch (error) {
            await trx.rollback().execute();
            throw error;
          }
        }
      `,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 50,
        },
      ],
    },
  ],
});

ruleTester.run('require-transaction-option', requireOption, {
  valid: [
    {
      // Kysely queries carry the transaction through the handle
      code: ts`
        import { Kysely } from 'kysely';

        const db = new Kysely<any>({ dialect: {} as any });

        export async function run() {
          await db.transaction().execute(async (trx) => {
            await trx.deleteFrom('pet').execute();
            await db.deleteFrom('person').execute();
          });
        }
      `,
    },
  ],
  invalid: [

  ],
});

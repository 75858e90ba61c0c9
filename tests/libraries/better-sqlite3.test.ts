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

ruleTester.run('no-unrelated-await-in-transaction', noUnrelatedAwait, {
  valid: [
    {
      // a synchronous transaction function, awaited work outside it
      code: ts`
        import Database from 'better-sqlite3';

        const db = new Database('app.db');
        const insert = db.prepare('insert into events (name) values (?)');
        const insertMany = db.transaction((names: string[]) => {
          for (const name of names) insert.run(name);
        });

        export async function handler(names: string[]) {
          insertMany(names);
          insertMany.immediate(names);
          await fetch('https://hooks.example.com/events');
        }
      `,
    },
    {
      // async transactions of other SQLite packages and lookalike transaction() methods
      code: ts`
        import { open } from 'sqlite';
        import AsyncDatabase from 'sqlite-async';

        class Queue {
          async transaction(fn: () => Promise<void>) {
            await fn();
          }
        }

        const queue = new Queue();

        export async function run(conn) {
          const db = await open({ filename: 'app.db' });
          const adb = await AsyncDatabase.open('app.db');
          await adb.transaction(async (tx) => {
            await tx.run('insert into t default values');
          });
          await queue.transaction(async () => {
            await fetch('https://api.example.com');
          });
          await conn.transaction(async () => {
            await db.run('insert into t default values');
          });
        }
      `,
    },
  ],
  invalid: [
    {
      // any await inside db.transaction() is reported, whatever it awaits
      code: ts`
        import Database from 'better-sqlite3';

        const db = new Database('app.db');
        const insert = db.prepare('insert into events (name) values (?)');

        export const record = db.transaction(async (names: string[]) => {
          for (const name of names) insert.run(name);
          await fetch('https://hooks.example.com/events', { method: 'POST' });
          // Reported once: the transaction already ended at the first await.
          await Promise.resolve();
          insert.run('done');
        });
      `,
      errors: [
        {
          messageId: 'awaitInSynchronousTransaction',
          line: 8,
          column: 3,
          endLine: 8,
          endColumn: 70,
        },
      ],
    },
    {
      // a function expression body, a for await loop and a timer
      code: ts`
        import Database from 'better-sqlite3';
        import { setTimeout } from 'node:timers/promises';

        const db = new Database(':memory:');

        export const importRows = db.transaction(async function (source: AsyncIterable<string>) {
          for await (const row of source) {
            db.prepare('insert into rows (value) values (?)').run(row);
          }
          await setTimeout(10);
        });
      `,
      errors: [
        {
          messageId: 'awaitInSynchronousTransaction',
          line: 7,
          column: 3,
          endLine: 9,
          endColumn: 4,
        },
      ],
    },
    {
      // class-injected database and a transaction run with .immediate()
      code: ts`
        import Database from 'better-sqlite3';

        export class EventsRepository {
          constructor(private readonly db: Database.Database) {}

          save(names: string[]) {
            return this.db
              .transaction(async () => {
                await this.flush();
                this.db.prepare('insert into events default values').run();
              })
              .immediate();
          }

          private async flush() {}
        }
      `,
      errors: [
        {
          messageId: 'awaitInSynchronousTransaction',
          line: 9,
          column: 9,
          endLine: 9,
          endColumn: 27,
        },
      ],
    },
    {
      // CommonJS require, the call form without new, and an alias
      code: ts`
        const Database = require('better-sqlite3');

        const db = Database('app.db');
        const same = db;

        const move = same.transaction(async (from, to) => {
          db.prepare('update a set n = n - 1 where id = ?').run(from);
          await new Promise((resolve) => setTimeout(resolve, 5));
          db.prepare('update a set n = n + 1 where id = ?').run(to);
        });

        module.exports = { move };
      `,
      errors: [
        {
          messageId: 'awaitInSynchronousTransaction',
          line: 8,
          column: 3,
          endLine: 8,
          endColumn: 57,
        },
      ],
    },
    {
      // database imported from a local module
      code: ts`
        import { db } from './db';

        export const enqueue = db.transaction(async (name: string) => {
          db.prepare('insert into jobs (name) values (?)').run(name);
          await fetch('https://workers.example.com/wake');
        });
      `,
      filename: path.join(fixturesDir, 'better-sqlite3/jobs.ts'),
      settings: { 'async-db': { libraries: ['better-sqlite3'] } },
      errors: [
        {
          messageId: 'awaitInSynchronousTransaction',
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 50,
        },
      ],
    },
  ],
});

ruleTester.run('no-outer-client-in-transaction', noOuter, {
  valid: [
    {
      // another database inside a synchronous transaction is not reported
      code: ts`
        import Database from 'better-sqlite3';

        const db = new Database('app.db');
        const archive = new Database('archive.db');

        export const moveOld = db.transaction(() => {
          const rows = db.prepare('select * from events where old = 1').all();
          archive.prepare('insert into events select * from json_each(?)').run(JSON.stringify(rows));
          db.prepare('delete from events where old = 1').run();
          db.transaction(() => db.exec('vacuum'))();
        });
      `,
    },
  ],
  invalid: [

  ],
});

ruleTester.run('require-transaction-option', requireOption, {
  valid: [
    {
      // better-sqlite3 has no transaction option to pass
      code: ts`
        import Database from 'better-sqlite3';

        const db = new Database('app.db');

        export const save = db.transaction((name: string) => {
          db.prepare('insert into t (name) values (?)').run(name);
        });
      `,
    },
  ],
  invalid: [

  ],
});

/**
 * Shapes found while testing against real code and while documenting: each case pins one
 * behaviour of the resolver or the rules that a simpler implementation gets wrong.
 */
import path from 'node:path';

import noOuterClient from '../rules/no-outer-client-in-transaction.js';
import noUnrelatedAwait from '../rules/no-unrelated-await-in-transaction.js';
import requireTransactionOption from '../rules/require-transaction-option.js';
import { fixturesDir, untypedTester } from './rule-tester.js';

const crossFile = (name: string): string => path.join(fixturesDir, 'cross-file', name);

untypedTester().run('no-outer-client-in-transaction: edge cases', noOuterClient, {
  valid: [
    {
      name: 'two pools made through the mysql2 module object are different sources',
      code: `import mysql from 'mysql2/promise';
const a = mysql.createPool({});
const b = mysql.createPool({});
export async function f() {
  const conn = await a.getConnection();
  await conn.beginTransaction();
  await b.query('SELECT 1');
  await conn.commit();
}`,
    },
    {
      name: 'Sequelize nests as a savepoint when given the outer transaction',
      code: `import { Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/db');
await sequelize.transaction(async (t) => {
  await sequelize.transaction({ transaction: t }, async (t2) => {});
});`,
    },
  ],
  invalid: [
    {
      name: 'a callable client held in a class field',
      code: `import type { Knex } from 'knex';
export class Repo {
  constructor(private readonly knex: Knex) {}
  async save() {
    await this.knex.transaction(async (trx) => {
      await this.knex('users').insert({});
    });
  }
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 6,
          column: 13,
          endLine: 6,
          endColumn: 22,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import type { Knex } from 'knex';
export class Repo {
  constructor(private readonly knex: Knex) {}
  async save() {
    await this.knex.transaction(async (trx) => {
      await trx('users').insert({});
    });
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a local module imported as a namespace',
      filename: crossFile('checkout.ts'),
      code: `import * as dbs from './db/prisma-client';
await dbs.prisma.$transaction(async (tx) => {
  await dbs.prisma.user.findMany();
});`,
      errors: [
        {
          messageId: 'outerClient',
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 33,
          suggestions: [
            {
              messageId: 'useHandle',
              output: `import * as dbs from './db/prisma-client';
await dbs.prisma.$transaction(async (tx) => {
  await tx.user.findMany();
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'a CommonJS local module destructured with require',
      filename: crossFile('checkout.ts'),
      code: `const { pool } = require('./db/pool');
async function f() {
  await pool.query('BEGIN');
  await pool.query('UPDATE t SET x = 1');
  await pool.query('COMMIT');
}`,
      errors: [{ messageId: 'poolTransaction', line: 3, column: 9, endLine: 3, endColumn: 28 }],
    },
    {
      name: 'a CommonJS local module imported as a default object',
      filename: crossFile('checkout.ts'),
      code: `import db from './db/pool';
async function f() {
  await db.pool.query('BEGIN');
  await db.pool.query('UPDATE t SET x = 1');
  await db.pool.query('COMMIT');
}`,
      errors: [{ messageId: 'poolTransaction', line: 3, column: 9 }],
    },
    {
      name: 'a second checkout inside a region: reported, nothing to suggest',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  await client.query('BEGIN');
  const other = await pool.connect();
  await client.query('COMMIT');
}`,
      errors: [{ messageId: 'secondConnection', line: 6, column: 23, endLine: 6, endColumn: 35, suggestions: [] }],
    },
    {
      name: 'no savepoint hint where the handle cannot open one (Prisma)',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
await prisma.$transaction(async (tx) => {
  await prisma.$transaction(async (inner) => {});
});`,
      errors: [{ messageId: 'nestedTransaction', data: { library: 'Prisma', client: 'prisma', handleHint: '' }, line: 4 }],
    },
    {
      name: 'Kysely transaction with settings chained before execute',
      code: `import { Kysely } from 'kysely';
const db = new Kysely<any>({} as any);
await db.transaction().setIsolationLevel('serializable').execute(async (trx) => {
  await db.deleteFrom('person').execute();
});`,
      errors: [
        {
          messageId: 'outerClient',
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 22,
          suggestions: [
            {
              messageId: 'useHandle',
              output: `import { Kysely } from 'kysely';
const db = new Kysely<any>({} as any);
await db.transaction().setIsolationLevel('serializable').execute(async (trx) => {
  await trx.deleteFrom('person').execute();
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'Kysely controlled transaction with settings chained before execute',
      code: `import { Kysely } from 'kysely';
const db = new Kysely<any>({} as any);
export async function f() {
  const trx = await db.startTransaction().setIsolationLevel('serializable').execute();
  await db.deleteFrom('person').execute();
  await trx.commit().execute();
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 5,
          column: 9,
          suggestions: [
            {
              messageId: 'useHandle',
              output: `import { Kysely } from 'kysely';
const db = new Kysely<any>({} as any);
export async function f() {
  const trx = await db.startTransaction().setIsolationLevel('serializable').execute();
  await trx.deleteFrom('person').execute();
  await trx.commit().execute();
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'Kysely raw SQL executed on the outer db',
      code: `import { Kysely, sql } from 'kysely';
const db = new Kysely<any>({} as any);
await db.transaction().execute(async (trx) => {
  await sql\`update person set age = 1\`.execute(db);
});`,
      errors: [
        {
          messageId: 'outerClient',
          line: 4,
          column: 48,
          endLine: 4,
          endColumn: 50,
          suggestions: [
            {
              messageId: 'useHandle',
              output: `import { Kysely, sql } from 'kysely';
const db = new Kysely<any>({} as any);
await db.transaction().execute(async (trx) => {
  await sql\`update person set age = 1\`.execute(trx);
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'a destructured Prisma delegate: the suggestion keeps the model',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const { user } = prisma;
await prisma.$transaction(async (tx) => {
  await user.findFirst();
});`,
      errors: [{ messageId: 'outerClient', line: 5, column: 9, endLine: 5, endColumn: 23, suggestions: [] }],
    },
    {
      name: 'slonik connection handed to a pool.connect callback',
      code: `import { createPool, sql } from 'slonik';
const pool = await createPool('postgres://');
await pool.connect(async (connection) => {
  await connection.transaction(async (t) => {
    await pool.query(sql.unsafe\`select 1\`);
  });
});`,
      errors: [
        {
          messageId: 'outerClient',
          line: 5,
          column: 11,
          suggestions: [
            {
              messageId: 'useHandle',
              output: `import { createPool, sql } from 'slonik';
const pool = await createPool('postgres://');
await pool.connect(async (connection) => {
  await connection.transaction(async (t) => {
    await t.query(sql.unsafe\`select 1\`);
  });
});`,
            },
          ],
        },
      ],
    },
  ],
});

untypedTester().run('no-unrelated-await-in-transaction: edge cases', noUnrelatedAwait, {
  valid: [],
  invalid: [
    {
      name: 'a sleep written with globalThis.setTimeout',
      code: `import knex from 'knex';
const db = knex({});
await db.transaction(async (trx) => {
  await trx('a').insert({});
  await new Promise((r) => globalThis.setTimeout(r, 100));
});`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { what: 'a timer (setTimeout)', library: 'Knex' },
          line: 5,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `import knex from 'knex';
const db = knex({});
await new Promise((r) => globalThis.setTimeout(r, 100));
await db.transaction(async (trx) => {
  await trx('a').insert({});
});`,
            },
            {
              messageId: 'moveAfterTransaction',
              output: `import knex from 'knex';
const db = knex({});
await db.transaction(async (trx) => {
  await trx('a').insert({});
});
await new Promise((r) => globalThis.setTimeout(r, 100));`,
            },
          ],
        },
      ],
    },
    {
      name: 'nested awaits on one chain are reported once',
      code: `import amqp from 'amqplib';
import knex from 'knex';
const db = knex({});
await db.transaction(async (trx) => {
  const channel = await (await amqp.connect('amqp://')).createChannel();
  return trx('a').insert({ channel });
});`,
      errors: [{ messageId: 'unrelatedAwait', line: 5, column: 26, endLine: 5, endColumn: 55 }],
    },
    {
      name: 'inside a savepoint: moving before the inner transaction would not help',
      code: `import postgres from 'postgres';
const sql = postgres();
await sql.begin(async (tx) => {
  await tx.savepoint(async (sp) => {
    await fetch('http://127.0.0.1:1/x');
  });
});`,
      errors: [{ messageId: 'unrelatedAwait', line: 5, suggestions: [] }],
    },
  ],
});

untypedTester().run('require-transaction-option: edge cases', requireTransactionOption, {
  valid: [],
  invalid: [
    {
      name: 'a helper that queries a Sequelize model without the transaction',
      code: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://');
class AuditLog extends Model {}
async function audit(action: string) {
  await AuditLog.create({ action });
}
await sequelize.transaction(async (t) => {
  await audit('x');
});`,
      errors: [
        {
          messageId: 'helperWithoutTransaction',
          data: { helper: 'audit', call: 'AuditLog.create()', library: 'Sequelize' },
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 14,
        },
      ],
    },
  ],
});

/** Shapes from real projects: factories, singletons, wrappers, rows from lists. */
untypedTester().run('require-transaction-option: clients from factories and rows from lists', requireTransactionOption, {
  valid: [
    {
      name: 'a factory of some other object',
      code: `import { Model } from 'sequelize';
function make() { return { transaction: async (fn: (t: unknown) => Promise<void>) => fn(null) }; }
class Doc extends Model {}
await make().transaction(async (t) => { await Doc.destroy({ where: {} }); });`,
    },
  ],
  invalid: [
    {
      name: 'a client returned by a local factory function',
      code: `import { Model, Sequelize } from 'sequelize';
function createDatabaseInstance(url: string) {
  return new Sequelize(url);
}
export const sequelize = createDatabaseInstance('postgres://');
class Doc extends Model {}
await sequelize.transaction(async (t) => {
  await Doc.findByPk(1, { rejectOnEmpty: true });
});`,
      errors: [
        {
          messageId: 'missingTransactionOption',
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'addTransaction',
              output: `import { Model, Sequelize } from 'sequelize';
function createDatabaseInstance(url: string) {
  return new Sequelize(url);
}
export const sequelize = createDatabaseInstance('postgres://');
class Doc extends Model {}
await sequelize.transaction(async (t) => {
  await Doc.findByPk(1, { rejectOnEmpty: true, transaction: t });
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'a singleton assigned after its declaration',
      code: `import { Model, Sequelize } from 'sequelize';
let instance;
export function db() {
  if (!instance) instance = new Sequelize('postgres://');
  return instance;
}
class Doc extends Model {}
await db().transaction(async (t) => {
  await Doc.destroy({ where: { id: 1 } });
});`,
      errors: [
        {
          messageId: 'missingTransactionOption',
          line: 9,
          column: 9,
          endLine: 9,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'addTransaction',
              output: `import { Model, Sequelize } from 'sequelize';
let instance;
export function db() {
  if (!instance) instance = new Sequelize('postgres://');
  return instance;
}
class Doc extends Model {}
await db().transaction(async (t) => {
  await Doc.destroy({ where: { id: 1 }, transaction: t });
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'rows of a list, by for...of and by index',
      code: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://');
class Integration extends Model {}
await sequelize.transaction(async (transaction) => {
  const rows = await Integration.findAll({ where: {}, lock: transaction.LOCK.UPDATE, transaction });
  for (const row of rows) await row.destroy();
  await rows[0].destroy({ transaction });
});`,
      errors: [
        {
          messageId: 'missingTransactionOption',
          line: 6,
          column: 33,
          endLine: 6,
          endColumn: 44,
          suggestions: [
            {
              messageId: 'addTransaction',
              output: `import { Model, Sequelize } from 'sequelize';
const sequelize = new Sequelize('postgres://');
class Integration extends Model {}
await sequelize.transaction(async (transaction) => {
  const rows = await Integration.findAll({ where: {}, lock: transaction.LOCK.UPDATE, transaction });
  for (const row of rows) await row.destroy({ transaction: transaction });
  await rows[0].destroy({ transaction });
});`,
            },
          ],
        },
      ],
    },
  ],
});

untypedTester().run('no-outer-client-in-transaction: async callbacks inside a transaction', noOuterClient, {
  valid: [
    {
      name: "inside a project wrapper's callback the handle checks stand down, within an outer transaction too",
      code: `import { PrismaClient } from '@prisma/client';
import knex from 'knex';
const prisma = new PrismaClient();
const db = knex({ client: 'pg' });
function inKnexTransaction(work: any) {
  return db.transaction(work);
}
await prisma.$transaction(async (tx) => {
  await inKnexTransaction(async () => {
    await prisma.user.count();
  });
});`,
    },
  ],
  invalid: [
    {
      name: 'an async callback that is no wrapper does not hide the transaction around it',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const ids = [1, 2];
await prisma.$transaction(async (tx) => {
  await Promise.all(ids.map(async (id) => prisma.user.findUnique({ where: { id } })));
});`,
      errors: [{ messageId: 'outerClient', line: 5, column: 43, endLine: 5, endColumn: 65, suggestions: [{ messageId: 'useHandle', data: { replacement: 'tx' }, output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const ids = [1, 2];
await prisma.$transaction(async (tx) => {
  await Promise.all(ids.map(async (id) => tx.user.findUnique({ where: { id } })));
});` }] }],
    },
  ],
});

untypedTester().run('no-unrelated-await-in-transaction: wrappers and project services', noUnrelatedAwait, {
  valid: [
    {
      name: 'a project method that takes a callback but opens no transaction',
      code: `import { Kysely } from 'kysely';
class Jobs { constructor(public db: Kysely<any>) {} async run<T>(fn: () => Promise<T>) { return fn(); } }
const jobs = new Jobs(new Kysely<any>({} as any));
await jobs.run(async () => { await fetch('http://127.0.0.1:1/x'); });`,
    },
  ],
  invalid: [
    {
      name: "a project class wrapping Kysely's transaction, created by a static factory",
      code: `import { Kysely } from 'kysely';
export class Database {
  constructor(public db: Kysely<any>) {}
  static create() {
    return new Database(new Kysely<any>({} as any));
  }
  async transaction<T>(fn: (txn: Database) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((txn) => fn(new Database(txn)));
  }
}
const db = Database.create();
await db.transaction(async (dbTxn) => {
  await dbTxn.db.selectFrom('push_event').selectAll().executeTakeFirst();
  await fetch('https://pds.example.com/admin');
});`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { what: 'an HTTP request (fetch)', library: 'Kysely' },
          line: 14,
          column: 3,
          endLine: 14,
          endColumn: 47,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `import { Kysely } from 'kysely';
export class Database {
  constructor(public db: Kysely<any>) {}
  static create() {
    return new Database(new Kysely<any>({} as any));
  }
  async transaction<T>(fn: (txn: Database) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((txn) => fn(new Database(txn)));
  }
}
const db = Database.create();
await fetch('https://pds.example.com/admin');
await db.transaction(async (dbTxn) => {
  await dbTxn.db.selectFrom('push_event').selectAll().executeTakeFirst();
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'a local function passing its callback to the library transaction',
      code: `import { PrismaClient } from '@prisma/client';
const client = new PrismaClient();
function transaction(input: any, options?: any) {
  return client.$transaction(input, options);
}
export async function reset(id: string) {
  return transaction(async (tx: any) => {
    await tx.session.deleteMany({ where: { id } });
    const rates = await fetch('https://rates.example.com/' + id);
    return rates;
  });
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 9,
          column: 19,
          endLine: 9,
          endColumn: 65,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `import { PrismaClient } from '@prisma/client';
const client = new PrismaClient();
function transaction(input: any, options?: any) {
  return client.$transaction(input, options);
}
export async function reset(id: string) {
  const rates = await fetch('https://rates.example.com/' + id);
  return transaction(async (tx: any) => {
    await tx.session.deleteMany({ where: { id } });
    return rates;
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'an RPC client built by a project factory',
      code: `import { createClient } from '@connectrpc/connect';
import knex from 'knex';
const db = knex({});
function createVaultClient() {
  return createClient({} as never, {} as never);
}
const vault = createVaultClient();
await db.transaction(async (trx) => {
  await trx('secrets').where({ id: 1 }).forUpdate();
  await vault.decrypt({});
});`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { what: 'an external service (@connectrpc/connect)', library: 'Knex' },
          line: 10,
          column: 3,
          endLine: 10,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `import { createClient } from '@connectrpc/connect';
import knex from 'knex';
const db = knex({});
function createVaultClient() {
  return createClient({} as never, {} as never);
}
const vault = createVaultClient();
await vault.decrypt({});
await db.transaction(async (trx) => {
  await trx('secrets').where({ id: 1 }).forUpdate();
});`,
            },
            {
              messageId: 'moveAfterTransaction',
              output: `import { createClient } from '@connectrpc/connect';
import knex from 'knex';
const db = knex({});
function createVaultClient() {
  return createClient({} as never, {} as never);
}
const vault = createVaultClient();
await db.transaction(async (trx) => {
  await trx('secrets').where({ id: 1 }).forUpdate();
});
await vault.decrypt({});`,
            },
          ],
        },
      ],
    },
    {
      name: 'a static model method that pushes to a lazily created queue',
      code: `import Queue from 'bull';
import { Model, Sequelize } from 'sequelize';
let queue: Queue.Queue | undefined;
const events = () => (queue ??= new Queue('events'));
const sequelize = new Sequelize('postgres://');
class Event extends Model {
  static schedule(event: object) {
    return events().add(event);
  }
}
await sequelize.transaction(async (transaction) => {
  await Event.schedule({ name: 'x' });
});`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { what: '`schedule()`, which awaits a message queue (bull),', library: 'Sequelize' },
          line: 12,
          column: 3,
          endLine: 12,
          endColumn: 38,
          suggestions: [
            {
              messageId: 'moveBeforeTransaction',
              output: `import Queue from 'bull';
import { Model, Sequelize } from 'sequelize';
let queue: Queue.Queue | undefined;
const events = () => (queue ??= new Queue('events'));
const sequelize = new Sequelize('postgres://');
class Event extends Model {
  static schedule(event: object) {
    return events().add(event);
  }
}
await Event.schedule({ name: 'x' });
await sequelize.transaction(async (transaction) => {
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'Drizzle on better-sqlite3: the transaction callback is synchronous',
      code: `import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
const db = drizzle(new Database('app.db'));
await db.transaction(async (tx) => {
  await tx.delete(tags);
});`,
      errors: [{ messageId: 'awaitInSynchronousTransaction', data: { library: 'Drizzle' }, line: 5, column: 3, endLine: 5, endColumn: 24 }],
    },
  ],
});

untypedTester().run('no-outer-client-in-transaction: helpers with an optional handle', noOuterClient, {
  valid: [
    {
      name: 'the caller passes the handle',
      code: `import { Prisma, PrismaClient } from '@prisma/client';
class Requests {
  constructor(private readonly prisma: PrismaClient) {}
  count(id: string, tx: Prisma.TransactionClient | null = null) {
    return (tx || this.prisma).request.count({ where: { id } });
  }
  async move(id: string) {
    await this.prisma.$transaction(async (tx) => {
      const n = await this.count(id, tx);
      await tx.request.update({ where: { id }, data: { n } });
    });
  }
}`,
    },
  ],
  invalid: [
    {
      name: 'the caller leaves the handle out',
      code: `import { Prisma, PrismaClient } from '@prisma/client';
class Requests {
  constructor(private readonly prisma: PrismaClient) {}
  count(id: string, tx: Prisma.TransactionClient | null = null) {
    return (tx || this.prisma).request.count({ where: { id } });
  }
  async move(id: string) {
    await this.prisma.$transaction(async (tx) => {
      const n = await this.count(id);
      await tx.request.update({ where: { id }, data: { n } });
    });
  }
}`,
      errors: [
        {
          messageId: 'outerClientInHelper',
          data: { helper: 'this.count', library: 'Prisma', client: 'this.prisma' },
          line: 9,
          column: 23,
          endLine: 9,
          endColumn: 33,
        },
      ],
    },
  ],
});

untypedTester().run('no-unrelated-await-in-transaction: regions with an early exit', noUnrelatedAwait, {
  valid: [
    {
      name: 'after a commit in both branches the transaction is over',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(ok: boolean) {
  const client = await pool.connect();
  await client.query('BEGIN');
  if (ok) await client.query('COMMIT');
  else await client.query('ROLLBACK');
  await fetch('http://127.0.0.1:1/after');
}`,
    },
  ],
  invalid: [
    {
      name: 'a rollback in a branch that returns does not end the transaction for what follows',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function order(id: number) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query('SELECT quantity FROM inventory WHERE book_id = $1 FOR UPDATE', [id]);
    if (rows[0].quantity < 1) {
      await client.query('ROLLBACK');
      return null;
    }
    await fetch('http://127.0.0.1:4010/charge', { method: 'POST' });
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}`,
      errors: [{ messageId: 'unrelatedAwait', data: { what: 'an HTTP request (fetch)', library: 'pg' }, line: 12, column: 5, endLine: 12, endColumn: 68 }],
    },
  ],
});

/**
 * Transaction forms that go through project code:
 * - the outer client passed to a helper as an argument (`audit(prisma, 'charged')` inside
 *   `prisma.$transaction`): reported at the argument, with the handle suggested when the helper's
 *   parameter accepts it (no type, `any`, the handle's type, a type the handle extends, or a union
 *   holding one);
 * - objects built by project factories that close over the outer client
 *   (`const repo = makeRepo(knex)` at module scope, `repo.bump(1)` inside the transaction);
 * - values held in object literals: clients (`r.knex`), helpers written as methods
 *   (`vendorApi.createAsset()`, `repo.count()`) and models (`models.User`).
 * Multi-file cases import real files under tests/fixtures/forms/ and run with and without types.
 */
import path from 'node:path';

import type { InvalidTestCase, RuleTester, ValidTestCase } from '@typescript-eslint/rule-tester';

import noOuterClient from '../../rules/no-outer-client-in-transaction.js';
import type { MessageId as OuterMessageId, Options as OuterOptions } from '../../rules/no-outer-client-in-transaction.js';
import noUnrelatedAwait from '../../rules/no-unrelated-await-in-transaction.js';
import type { MessageId as AwaitMessageId, Options as AwaitOptions } from '../../rules/no-unrelated-await-in-transaction.js';
import requireTransactionOption from '../../rules/require-transaction-option.js';
import { fixturesDir, typedTester, untypedTester } from '../rule-tester.js';

/** A real file: typed runs need the linted file inside the fixtures project. */
const orders = path.join(fixturesDir, 'forms', 'orders.ts');

// (a) The outer client passed to a helper as an argument.
untypedTester().run('no-outer-client-in-transaction: the outer client passed to a helper', noOuterClient, {
  valid: [
    {
      name: 'the handle passed to the helper, and the client outside the transaction',
      code: `import { Prisma, PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
async function audit(db: Prisma.TransactionClient | PrismaClient, what: string) {
  await db.auditLog.create({ data: { what } });
}
export async function charge(id: number) {
  await prisma.$transaction(async (tx) => {
    await audit(tx, 'charged');
  });
  await audit(prisma, 'done');
}`,
    },
    {
      name: 'helpers that return, log or store the client without querying through it',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
function pick(db: PrismaClient) {
  return db;
}
function describe(db: PrismaClient, what: string) {
  console.log('client', db, what);
  return typeof db;
}
function register(db: PrismaClient, list: PrismaClient[]) {
  list.push(db);
}
export async function charge(id: number) {
  const clients: PrismaClient[] = [];
  await prisma.$transaction(async (tx) => {
    pick(prisma);
    describe(prisma, 'charged');
    register(prisma, clients);
    await tx.payment.update({ where: { id }, data: { status: 'charged' } });
  });
}`,
    },
    {
      name: 'lookalike: a Map passed to a helper that calls set()/delete() on it',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const cache = new Map<string, unknown>();
async function audit(store: Map<string, unknown>, what: string) {
  store.set(what, Date.now());
  store.delete('stale');
}
export async function charge(id: number) {
  await prisma.$transaction(async (tx) => {
    await audit(cache, 'charged');
    await tx.payment.update({ where: { id }, data: { status: 'charged' } });
  });
}`,
    },
    {
      name: 'lookalike: a plain object with auditLog.create() passed to an untyped helper',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const cache = { auditLog: { create: async (args: unknown) => args } };
async function audit(db, what) {
  await db.auditLog.create({ data: { what } });
}
export async function charge(id) {
  await prisma.$transaction(async (tx) => {
    await audit(cache, 'charged');
  });
}`,
    },
    {
      name: 'Knex: the client passed to the helper before and after the transaction',
      code: `import knex, { Knex } from 'knex';
const db = knex({ client: 'pg' });
async function audit(conn: Knex, what: string) {
  await conn('audit_log').insert({ what });
}
export async function charge(id: number) {
  await audit(db, 'before');
  await db.transaction(async (trx) => {
    await trx('payments').where({ id }).update({ status: 'charged' });
  });
  await audit(db, 'after');
}`,
    },
    {
      name: 'another PrismaClient (another database) passed to the helper',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const analytics = new PrismaClient({ datasourceUrl: process.env.ANALYTICS_URL });
async function audit(db: PrismaClient, what: string) {
  await db.auditLog.create({ data: { what } });
}
export async function charge(id: number) {
  await prisma.$transaction(async (tx) => {
    await audit(analytics, 'charged');
  });
}`,
    },
    {
      name: 'the client passed to a parameter the helper does not query through',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
async function audit(tx, source, what: string) {
  await tx.auditLog.create({ data: { what, source: String(source) } });
}
export async function charge(id: number) {
  await prisma.$transaction(async (tx) => {
    await audit(tx, prisma, 'charged');
  });
}`,
    },
    {
      name: 'a helper defined inside the transaction callback, given the handle',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function charge(id: number) {
  await prisma.$transaction(async (tx) => {
    const audit = async (db) => db.auditLog.create({ data: {} });
    await tx.payment.update({ where: { id }, data: { status: 'charged' } });
    await audit(tx);
  });
}`,
    },
  ],
  invalid: [
    {
      name: 'Prisma: the client passed to a helper typed as the union of Prisma.TransactionClient and PrismaClient',
      code: `import { Prisma, PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
async function audit(db: Prisma.TransactionClient | PrismaClient, what: string) {
  await db.auditLog.create({ data: { what } });
}
export async function charge(id: number) {
  await prisma.$transaction(async (tx) => {
    await tx.payment.update({ where: { id }, data: { status: 'charged' } });
    await audit(prisma, 'charged');
  });
}`,
      errors: [
        {
          messageId: 'outerClientArgument',
          data: { client: 'prisma', library: 'Prisma', label: 'client', helper: 'audit' },
          line: 9,
          column: 17,
          endLine: 9,
          endColumn: 23,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: `import { Prisma, PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
async function audit(db: Prisma.TransactionClient | PrismaClient, what: string) {
  await db.auditLog.create({ data: { what } });
}
export async function charge(id: number) {
  await prisma.$transaction(async (tx) => {
    await tx.payment.update({ where: { id }, data: { status: 'charged' } });
    await audit(tx, 'charged');
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'Prisma: a helper typed PrismaClient only (the handle would not type-check: no suggestion)',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
async function audit(db: PrismaClient, what: string) {
  await db.auditLog.create({ data: { what } });
}
export async function charge(id: number) {
  await prisma.$transaction(async (tx) => {
    await tx.payment.update({ where: { id }, data: { status: 'charged' } });
    await audit(prisma, 'charged');
  });
}`,
      errors: [
        {
          messageId: 'outerClientArgument',
          line: 9,
          column: 17,
          endLine: 9,
          endColumn: 23,
          suggestions: [],
        },
      ],
    },
    {
      name: 'Prisma: an untyped parameter in a JavaScript file',
      filename: 'charge.js',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
async function audit(db, what) {
  await db.auditLog.create({ data: { what } });
}
export async function charge(id) {
  await prisma.$transaction(async (tx) => {
    await audit(prisma, 'charged');
  });
}`,
      errors: [
        {
          messageId: 'outerClientArgument',
          line: 8,
          column: 17,
          endLine: 8,
          endColumn: 23,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
async function audit(db, what) {
  await db.auditLog.create({ data: { what } });
}
export async function charge(id) {
  await prisma.$transaction(async (tx) => {
    await audit(tx, 'charged');
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'Prisma: a const arrow helper whose parameter is any',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const audit = async (db: any, what: string) => {
  await db.auditLog.create({ data: { what } });
};
export async function charge(id: number) {
  await prisma.$transaction(async (tx) => {
    await audit(prisma, 'charged');
  });
}`,
      errors: [
        {
          messageId: 'outerClientArgument',
          line: 8,
          column: 17,
          endLine: 8,
          endColumn: 23,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const audit = async (db: any, what: string) => {
  await db.auditLog.create({ data: { what } });
};
export async function charge(id: number) {
  await prisma.$transaction(async (tx) => {
    await audit(tx, 'charged');
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'Prisma: the client as the second argument, to a parameter that defaults to it',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
async function audit(what: string, db = prisma) {
  await db.auditLog.create({ data: { what } });
}
export async function charge(id: number) {
  await prisma.$transaction(async (tx) => {
    await audit('charged', prisma);
  });
}`,
      errors: [
        {
          messageId: 'outerClientArgument',
          line: 8,
          column: 28,
          endLine: 8,
          endColumn: 34,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
async function audit(what: string, db = prisma) {
  await db.auditLog.create({ data: { what } });
}
export async function charge(id: number) {
  await prisma.$transaction(async (tx) => {
    await audit('charged', tx);
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'Prisma: the helper call inside Promise.all',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
async function audit(db, what: string) {
  await db.auditLog.create({ data: { what } });
}
export async function charge(id: number) {
  await prisma.$transaction(async (tx) => {
    await Promise.all([audit(prisma, 'charged'), tx.payment.count()]);
  });
}`,
      errors: [
        {
          messageId: 'outerClientArgument',
          line: 8,
          column: 30,
          endLine: 8,
          endColumn: 36,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
async function audit(db, what: string) {
  await db.auditLog.create({ data: { what } });
}
export async function charge(id: number) {
  await prisma.$transaction(async (tx) => {
    await Promise.all([audit(tx, 'charged'), tx.payment.count()]);
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'Knex: a helper typed Knex inside knex.transaction() (Knex.Transaction extends Knex)',
      code: `import knex, { Knex } from 'knex';
const db = knex({ client: 'pg' });
async function audit(conn: Knex, what: string) {
  await conn('audit_log').insert({ what });
}
export async function charge(id: number) {
  await db.transaction(async (trx) => {
    await trx('payments').where({ id }).update({ status: 'charged' });
    await audit(db, 'charged');
  });
}`,
      errors: [
        {
          messageId: 'outerClientArgument',
          line: 9,
          column: 17,
          endLine: 9,
          endColumn: 19,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import knex, { Knex } from 'knex';
const db = knex({ client: 'pg' });
async function audit(conn: Knex, what: string) {
  await conn('audit_log').insert({ what });
}
export async function charge(id: number) {
  await db.transaction(async (trx) => {
    await trx('payments').where({ id }).update({ status: 'charged' });
    await audit(trx, 'charged');
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'Knex: a helper that returns a builder on its parameter, run by the caller',
      code: `import knex, { Knex } from 'knex';
const db = knex({ client: 'pg' });
function table(conn: Knex) {
  return conn('audit_log');
}
export async function charge(id: number) {
  await db.transaction(async (trx) => {
    await table(db).insert({ id });
  });
}`,
      errors: [
        {
          messageId: 'outerClientArgument',
          line: 8,
          column: 17,
          endLine: 8,
          endColumn: 19,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import knex, { Knex } from 'knex';
const db = knex({ client: 'pg' });
function table(conn: Knex) {
  return conn('audit_log');
}
export async function charge(id: number) {
  await db.transaction(async (trx) => {
    await table(trx).insert({ id });
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'Kysely: a helper typed Kysely<DB> (Transaction<DB> extends Kysely<DB>)',
      code: `import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
interface DB { audit_log: { what: string } }
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new Pool() }) });
async function audit(conn: Kysely<DB>, what: string) {
  await conn.insertInto('audit_log').values({ what }).execute();
}
export async function charge(id: number) {
  await db.transaction().execute(async (trx) => {
    await audit(db, 'charged');
  });
}`,
      errors: [
        {
          messageId: 'outerClientArgument',
          line: 10,
          column: 17,
          endLine: 10,
          endColumn: 19,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
interface DB { audit_log: { what: string } }
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new Pool() }) });
async function audit(conn: Kysely<DB>, what: string) {
  await conn.insertInto('audit_log').values({ what }).execute();
}
export async function charge(id: number) {
  await db.transaction().execute(async (trx) => {
    await audit(trx, 'charged');
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'pg: the pool passed to a helper typed as the union of Pool and PoolClient, and to one typed Pool only',
      code: `import { Pool, type PoolClient } from 'pg';
const pool = new Pool();
async function audit(db: Pool | PoolClient, what: string) {
  await db.query('INSERT INTO audit_log (what) VALUES ($1)', [what]);
}
async function count(db: Pool) {
  return db.query('SELECT count(*) FROM audit_log');
}
export async function charge(id: number) {
  const client = await pool.connect();
  await client.query('BEGIN');
  await audit(pool, 'charged');
  await count(pool);
  await client.query('COMMIT');
  client.release();
}`,
      errors: [
        {
          messageId: 'outerClientArgument',
          line: 12,
          column: 15,
          endLine: 12,
          endColumn: 19,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'client' },
              output: `import { Pool, type PoolClient } from 'pg';
const pool = new Pool();
async function audit(db: Pool | PoolClient, what: string) {
  await db.query('INSERT INTO audit_log (what) VALUES ($1)', [what]);
}
async function count(db: Pool) {
  return db.query('SELECT count(*) FROM audit_log');
}
export async function charge(id: number) {
  const client = await pool.connect();
  await client.query('BEGIN');
  await audit(client, 'charged');
  await count(pool);
  await client.query('COMMIT');
  client.release();
}`,
            },
          ],
        },
        {
          messageId: 'outerClientArgument',
          line: 13,
          column: 15,
          endLine: 13,
          endColumn: 19,
          suggestions: [],
        },
      ],
    },
    {
      name: 'TypeORM: dataSource.manager passed to a helper typed EntityManager',
      code: `import { DataSource, EntityManager } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
async function audit(manager: EntityManager, what: string) {
  await manager.insert('audit_log', { what });
}
export async function charge(id: number) {
  await dataSource.transaction(async (manager) => {
    await audit(dataSource.manager, 'charged');
  });
}`,
      errors: [
        {
          messageId: 'outerClientArgument',
          data: { client: 'dataSource.manager', library: 'TypeORM', label: 'EntityManager', helper: 'audit' },
          line: 8,
          column: 17,
          endLine: 8,
          endColumn: 35,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'manager' },
              output: `import { DataSource, EntityManager } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
async function audit(manager: EntityManager, what: string) {
  await manager.insert('audit_log', { what });
}
export async function charge(id: number) {
  await dataSource.transaction(async (manager) => {
    await audit(manager, 'charged');
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'Drizzle: a helper typed NodePgDatabase (the transaction is not one: no suggestion)',
      code: `import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { auditLog, payments } from './schema';
const db = drizzle(process.env.DATABASE_URL!);
async function audit(conn: NodePgDatabase, what: string) {
  await conn.insert(auditLog).values({ what });
}
export async function charge(id: number) {
  await db.transaction(async (tx) => {
    await tx.update(payments).set({ status: 'charged' });
    await audit(db, 'charged');
  });
}`,
      errors: [
        {
          messageId: 'outerClientArgument',
          line: 10,
          column: 17,
          endLine: 10,
          endColumn: 19,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a class method: this.audit(this.prisma, …) with the union type, and one typed PrismaClient',
      code: `import { Prisma, PrismaClient } from '@prisma/client';
export class Payments {
  constructor(private readonly prisma: PrismaClient) {}
  private async audit(db: PrismaClient | Prisma.TransactionClient, what: string) {
    await db.auditLog.create({ data: { what } });
  }
  private async notify(db: PrismaClient, id: number) {
    await db.outbox.create({ data: { id } });
  }
  async charge(id: number) {
    await this.prisma.$transaction(async (tx) => {
      await tx.payment.update({ where: { id }, data: { status: 'charged' } });
      await this.audit(this.prisma, 'charged');
      await this.notify(this.prisma, id);
    });
  }
}`,
      errors: [
        {
          messageId: 'outerClientArgument',
          data: { client: 'this.prisma', library: 'Prisma', label: 'client', helper: 'this.audit' },
          line: 13,
          column: 24,
          endLine: 13,
          endColumn: 35,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: `import { Prisma, PrismaClient } from '@prisma/client';
export class Payments {
  constructor(private readonly prisma: PrismaClient) {}
  private async audit(db: PrismaClient | Prisma.TransactionClient, what: string) {
    await db.auditLog.create({ data: { what } });
  }
  private async notify(db: PrismaClient, id: number) {
    await db.outbox.create({ data: { id } });
  }
  async charge(id: number) {
    await this.prisma.$transaction(async (tx) => {
      await tx.payment.update({ where: { id }, data: { status: 'charged' } });
      await this.audit(tx, 'charged');
      await this.notify(this.prisma, id);
    });
  }
}`,
            },
          ],
        },
        {
          messageId: 'outerClientArgument',
          data: { client: 'this.prisma', library: 'Prisma', label: 'client', helper: 'this.notify' },
          line: 14,
          column: 25,
          endLine: 14,
          endColumn: 36,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a class method over a Knex class field: this.audit(this.db, …)',
      code: `import knex, { Knex } from 'knex';
export class Payments {
  private readonly db = knex({ client: 'pg' });
  private async audit(conn: Knex, what: string) {
    await conn('audit_log').insert({ what });
  }
  async charge(id: number) {
    await this.db.transaction(async (trx) => {
      await this.audit(this.db, 'charged');
    });
  }
}`,
      errors: [
        {
          messageId: 'outerClientArgument',
          line: 9,
          column: 24,
          endLine: 9,
          endColumn: 31,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import knex, { Knex } from 'knex';
export class Payments {
  private readonly db = knex({ client: 'pg' });
  private async audit(conn: Knex, what: string) {
    await conn('audit_log').insert({ what });
  }
  async charge(id: number) {
    await this.db.transaction(async (trx) => {
      await this.audit(trx, 'charged');
    });
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a helper defined inside the transaction callback, given the outer client',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function charge(id: number) {
  await prisma.$transaction(async (tx) => {
    const audit = async (db) => db.auditLog.create({ data: {} });
    await tx.payment.update({ where: { id }, data: { status: 'charged' } });
    await audit(prisma);
  });
}`,
      errors: [
        {
          messageId: 'outerClientArgument',
          data: { client: 'prisma', library: 'Prisma', label: 'client', helper: 'audit' },
          line: 7,
          column: 17,
          endLine: 7,
          endColumn: 23,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function charge(id: number) {
  await prisma.$transaction(async (tx) => {
    const audit = async (db) => db.auditLog.create({ data: {} });
    await tx.payment.update({ where: { id }, data: { status: 'charged' } });
    await audit(tx);
  });
}`,
            },
          ],
        },
      ],
    },
  ],
});

// (b) Objects built by project factories that close over the outer client.
untypedTester().run('no-outer-client-in-transaction: objects built by project factories', noOuterClient, {
  valid: [
    {
      name: 'a factory method that takes the handle as a parameter and uses it',
      code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
function makeRepo(db) {
  return {
    async ok(trx, id) {
      await trx('books').where({ id }).increment('n', 1);
    },
    async bump(id) {
      await db('books').where({ id }).increment('n', 1);
    },
  };
}
const repo = makeRepo(knex);
export async function sell(id) {
  await knex.transaction(async (trx) => {
    await repo.ok(trx, id);
  });
  await repo.bump(id);
}`,
    },
    {
      name: 'the factory called with the handle inside the transaction',
      code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
function makeRepo(db) {
  return {
    async bump(id) {
      await db('books').where({ id }).increment('n', 1);
    },
  };
}
export async function sell(id) {
  await knex.transaction(async (trx) => {
    await makeRepo(trx).bump(1);
    const repo = makeRepo(trx);
    await repo.bump(id);
  });
}`,
    },
    {
      name: 'an object from a factory that does no database work',
      code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
function makeCounter(store: Map<number, number>) {
  return {
    async bump(id: number) {
      store.set(id, (store.get(id) ?? 0) + 1);
    },
  };
}
const counter = makeCounter(new Map());
export async function sell(id: number) {
  await knex.transaction(async (trx) => {
    await trx('sales').insert({ book_id: id });
    await counter.bump(id);
  });
}`,
    },
    {
      name: 'a factory given the client that only reads its configuration',
      code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
function makeLabels(db) {
  return {
    label(id: number) {
      return \`\${db.client.config.client}:\${id}\`;
    },
  };
}
const labels = makeLabels(knex);
export async function sell(id: number) {
  await knex.transaction(async (trx) => {
    await trx('sales').insert({ book_id: id, label: labels.label(id) });
  });
}`,
    },
    {
      name: 'a factory built on another Knex instance (another database)',
      code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
const archive = Knex({ client: 'pg', connection: process.env.ARCHIVE_URL });
function makeRepo(db) {
  return { async bump(id) { await db('books').where({ id }).increment('n', 1); } };
}
const archived = makeRepo(archive);
export async function sell(id: number) {
  await knex.transaction(async (trx) => {
    await archived.bump(id);
  });
}`,
    },
    {
      name: 'a project class instance built with the handle inside the transaction',
      code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
class BooksRepo {
  constructor(db) {
    this.db = db;
  }
  async bump(id) {
    await this.db('books').where({ id }).increment('n', 1);
  }
}
export async function sell(id) {
  await knex.transaction(async (trx) => {
    const repo = new BooksRepo(trx);
    await trx('sales').insert({ book_id: id });
    await repo.bump(id);
  });
}`,
      filename: 'books.js',
    },
  ],
  invalid: [
    {
      name: 'Knex: a factory closing over its parameter, built at module scope (JavaScript)',
      filename: 'books.js',
      code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
function makeRepo(db) {
  return {
    async bump(id) {
      await db('books').where({ id }).increment('n', 1);
    },
  };
}
const repo = makeRepo(knex);
export async function sell(id) {
  await knex.transaction(async (trx) => {
    await trx('sales').insert({ book_id: id });
    await repo.bump(1);
  });
}`,
      errors: [
        {
          messageId: 'outerClientInHelper',
          data: { helper: 'repo.bump', library: 'Knex', client: 'db' },
          line: 14,
          column: 11,
          endLine: 14,
          endColumn: 20,
          suggestions: [],
        },
      ],
    },
    {
      name: 'Knex: an instance of a project class built with the client at module scope (JavaScript)',
      filename: 'books.js',
      code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
class BooksRepo {
  constructor(db) {
    this.db = db;
  }
  async bump(id) {
    await this.db('books').where({ id }).increment('n', 1);
  }
}
const repo = new BooksRepo(knex);
export async function sell(id) {
  await knex.transaction(async (trx) => {
    await trx('sales').insert({ book_id: id });
    await repo.bump(id);
  });
}`,
      errors: [
        {
          messageId: 'outerClientInHelper',
          data: { helper: 'bump', library: 'Knex', client: 'this.db' },
          line: 15,
          column: 11,
          endLine: 15,
          endColumn: 20,
          suggestions: [],
        },
      ],
    },
    {
      name: 'Knex: a factory with a typed parameter (TypeScript)',
      code: `import Knex, { type Knex as KnexClient } from 'knex';
const knex = Knex({ client: 'pg' });
function makeRepo(db: KnexClient) {
  return {
    async bump(id: number) {
      await db('books').where({ id }).increment('n', 1);
    },
  };
}
const repo = makeRepo(knex);
export async function sell(id: number) {
  await knex.transaction(async (trx) => {
    await trx('sales').insert({ book_id: id });
    await repo.bump(id);
  });
}`,
      errors: [
        {
          messageId: 'outerClientInHelper',
          line: 14,
          column: 11,
          endLine: 14,
          endColumn: 20,
          suggestions: [],
        },
      ],
    },
    {
      name: 'Knex: an arrow factory returning an object of arrow properties, exported',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
const makeRepo = (conn) => ({
  bump: async (id: number) => conn('books').where({ id }).increment('n', 1),
});
export const repo = makeRepo(db);
export async function sell(id: number) {
  await db.transaction(async (trx) => {
    await repo.bump(id);
  });
}`,
      errors: [
        {
          messageId: 'outerClientInHelper',
          data: { helper: 'repo.bump', library: 'Knex', client: 'conn' },
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 20,
          suggestions: [],
        },
      ],
    },
    {
      name: 'Prisma: a factory whose methods query through the client it was given',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
function makeUsers(client: PrismaClient) {
  return {
    count() {
      return client.user.count();
    },
    async rename(id: number, name: string) {
      await client.user.update({ where: { id }, data: { name } });
    },
  };
}
const users = makeUsers(prisma);
export async function signup(name: string) {
  await prisma.$transaction(async (tx) => {
    await tx.user.create({ data: { name } });
    const total = await users.count();
    await users.rename(total, name);
  });
}`,
      errors: [
        {
          messageId: 'outerClientInHelper',
          data: { helper: 'users.count', library: 'Prisma', client: 'client' },
          line: 17,
          column: 25,
          endLine: 17,
          endColumn: 36,
          suggestions: [],
        },
        {
          messageId: 'outerClientInHelper',
          data: { helper: 'users.rename', library: 'Prisma', client: 'client' },
          line: 18,
          column: 11,
          endLine: 18,
          endColumn: 23,
          suggestions: [],
        },
      ],
    },
  ],
});

// (c) Values held in object literals.
untypedTester().run('no-outer-client-in-transaction: values held in object literals', noOuterClient, {
  valid: [
    {
      name: 'object literal methods that do nothing slow',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const format = {
  name(user: { first: string; last: string }) {
    return \`\${user.first} \${user.last}\`;
  },
  async slug(title: string) {
    return title.toLowerCase().replaceAll(' ', '-');
  },
};
export async function signup(first: string, last: string) {
  await prisma.$transaction(async (tx) => {
    const name = format.name({ first, last });
    await tx.user.create({ data: { name, slug: await format.slug(name) } });
  });
}`,
    },
    {
      name: 'properties of the same literal that are not clients',
      code: `import Knex from 'knex';
export const r = { knex: Knex({ client: 'pg' }), cache: new Map<string, number>(), http: { post: async (url: string) => url } };
export async function save() {
  await r.knex.transaction(async (trx) => {
    await trx('b').insert({});
    r.cache.set('b', 1);
    r.cache.delete('a');
    await r.http.post('/b');
  });
}`,
    },
    {
      name: 'computed keys and spreads: the property is not known',
      code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
const base = { db: knex, async count() { return knex('b').count(); } };
export function save(name: string) {
  const byName = { [name]: knex };
  const copy = { ...base };
  return knex.transaction(async (trx) => {
    await byName[name]('b').insert({});
    await copy.db('b').insert({});
    await copy.count();
  });
}`,
    },
    {
      name: 'the handle held in an object literal inside the transaction',
      code: `import Knex from 'knex';
export const r = { knex: Knex({ client: 'pg' }) };
export async function save() {
  await r.knex.transaction(async (trx) => {
    const ctx = { db: trx };
    await ctx.db('b').insert({});
  });
  await r.knex('b').insert({});
}`,
    },
    {
      name: 'a spread after the property, and a computed key after it, may replace `db`',
      code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export function save(overrides: Record<string, unknown>, name: string, fake: unknown) {
  const deps = { db: knex, ...overrides };
  const named = { db: knex, [name]: fake };
  return knex.transaction(async (trx) => {
    await deps.db('b').insert({});
    await named.db('b').insert({});
  });
}`,
    },
  ],
  invalid: [
    {
      name: 'Knex: a client held in an exported object literal (r.knex)',
      code: `import Knex from 'knex';
export const r = { knex: Knex({ client: 'pg' }) };
export async function save() {
  await r.knex.transaction(async (trx) => {
    await trx('a').insert({});
    await r.knex('b').insert({});
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          data: { library: 'Knex', client: 'r.knex', label: 'instance' },
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 17,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import Knex from 'knex';
export const r = { knex: Knex({ client: 'pg' }) };
export async function save() {
  await r.knex.transaction(async (trx) => {
    await trx('a').insert({});
    await trx('b').insert({});
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'Prisma: a client nested two literals deep (services.db.main)',
      code: `import { PrismaClient } from '@prisma/client';
const services = { db: { main: new PrismaClient() } };
export async function save(id: number) {
  await services.db.main.$transaction(async (tx) => {
    await services.db.main.user.update({ where: { id }, data: { seen: true } });
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          data: { library: 'Prisma', client: 'services.db.main', label: 'client' },
          line: 5,
          column: 11,
          endLine: 5,
          endColumn: 39,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: `import { PrismaClient } from '@prisma/client';
const services = { db: { main: new PrismaClient() } };
export async function save(id: number) {
  await services.db.main.$transaction(async (tx) => {
    await tx.user.update({ where: { id }, data: { seen: true } });
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'Knex: a shorthand property ({ db }) and a property written after a spread',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
const deps = { db };
export function save(overrides: Record<string, unknown>) {
  const local = { ...overrides, db };
  return db.transaction(async (trx) => {
    await deps.db('b').insert({});
    await local.db('c').insert({});
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 18,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import knex from 'knex';
const db = knex({ client: 'pg' });
const deps = { db };
export function save(overrides: Record<string, unknown>) {
  const local = { ...overrides, db };
  return db.transaction(async (trx) => {
    await trx('b').insert({});
    await local.db('c').insert({});
  });
}`,
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
              data: { replacement: 'trx' },
              output: `import knex from 'knex';
const db = knex({ client: 'pg' });
const deps = { db };
export function save(overrides: Record<string, unknown>) {
  const local = { ...overrides, db };
  return db.transaction(async (trx) => {
    await deps.db('b').insert({});
    await trx('c').insert({});
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'Prisma: a helper written as a method of an object literal',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const repo = {
  async count() {
    return prisma.user.count();
  },
};
export async function signup(name: string) {
  await prisma.$transaction(async (tx) => {
    await tx.user.create({ data: { name } });
    return repo.count();
  });
}`,
      errors: [
        {
          messageId: 'outerClientInHelper',
          data: { helper: 'repo.count', library: 'Prisma', client: 'prisma' },
          line: 11,
          column: 12,
          endLine: 11,
          endColumn: 22,
          suggestions: [],
        },
      ],
    },
    {
      name: 'Knex: helpers written as arrow and function-expression properties',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export const repo = {
  bump: async (id: number) => db('books').where({ id }).increment('n', 1),
  find: function (id: number) { return db('books').where({ id }).first(); },
};
export async function sell(id: number) {
  await db.transaction(async (trx) => {
    await repo.bump(id);
    await repo.find(id);
  });
}`,
      errors: [
        {
          messageId: 'outerClientInHelper',
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 20,
          suggestions: [],
        },
        {
          messageId: 'outerClientInHelper',
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 20,
          suggestions: [],
        },
      ],
    },
    {
      name: 'Prisma: an object method whose client parameter defaults to the outer client, called without it',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const repo = {
  count(db = prisma) {
    return db.user.count();
  },
};
export async function signup(name: string) {
  await prisma.$transaction(async (tx) => {
    await repo.count(tx);
    await repo.count();
  });
}`,
      errors: [
        {
          messageId: 'outerClientInHelper',
          line: 11,
          column: 11,
          endLine: 11,
          endColumn: 21,
          suggestions: [],
        },
      ],
    },
    {
      name: 'Knex: a property written after a spread (`{ ...overrides, db: knex }`) is the client',
      code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export function save(overrides: Record<string, unknown>) {
  const deps = { ...overrides, db: knex };
  return knex.transaction(async (trx) => {
    await deps.db('b').insert({});
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          data: { library: 'Knex', client: 'deps.db', label: 'instance' },
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 18,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export function save(overrides: Record<string, unknown>) {
  const deps = { ...overrides, db: knex };
  return knex.transaction(async (trx) => {
    await trx('b').insert({});
  });
}`,
            },
          ],
        },
      ],
    },
  ],
});

untypedTester().run('no-unrelated-await-in-transaction: helpers held in object literals', noUnrelatedAwait, {
  valid: [
    {
      name: 'lookalike: an object literal method named createAsset that does no I/O',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const vendorApi = {
  async createAsset(a: { id: number }) {
    return { ...a, createdAt: Date.now() };
  },
};
export async function importAsset(row: { id: number }) {
  await prisma.$transaction(async (tx) => {
    const asset = await vendorApi.createAsset(row);
    await tx.asset.create({ data: asset });
  });
}`,
    },
  ],
  invalid: [
    {
      name: 'an object literal method doing HTTP through an axios instance (vendorApi.createAsset)',
      code: `import axios from 'axios';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const http = axios.create({ baseURL: 'https://vendor.example.com' });
const vendorApi = {
  async createAsset(a) {
    await http.post('/assets', a);
  },
};
export async function importAsset(row) {
  await prisma.$transaction(async (tx) => {
    await tx.asset.create({ data: row });
    await vendorApi.createAsset(row);
  });
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { what: '`vendorApi.createAsset()`, which awaits an HTTP request (axios),', library: 'Prisma' },
          line: 13,
          column: 5,
          endLine: 13,
          endColumn: 37,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `import axios from 'axios';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const http = axios.create({ baseURL: 'https://vendor.example.com' });
const vendorApi = {
  async createAsset(a) {
    await http.post('/assets', a);
  },
};
export async function importAsset(row) {
  await vendorApi.createAsset(row);
  await prisma.$transaction(async (tx) => {
    await tx.asset.create({ data: row });
  });
}`,
            },
            {
              messageId: 'moveAfterTransaction',
              output: `import axios from 'axios';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const http = axios.create({ baseURL: 'https://vendor.example.com' });
const vendorApi = {
  async createAsset(a) {
    await http.post('/assets', a);
  },
};
export async function importAsset(row) {
  await prisma.$transaction(async (tx) => {
    await tx.asset.create({ data: row });
  });
  await vendorApi.createAsset(row);
}`,
            },
          ],
        },
      ],
    },
  ],
});

untypedTester().run('require-transaction-option: models held in object literals', requireTransactionOption, {
  valid: [
    {
      name: 'Sequelize: the model from the literal given the transaction, and without it after the transaction',
      code: `import { Sequelize, DataTypes } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/db');
const User = sequelize.define('User', { name: DataTypes.STRING });
const models = { User, cache: new Map<string, string>() };
export async function signup(name: string) {
  await sequelize.transaction(async (t) => {
    await models.User.create({ name }, { transaction: t });
    models.cache.set(name, name);
  });
  await models.User.count();
}`,
    },
  ],
  invalid: [
    {
      name: 'Sequelize: a model held in an object literal (models.User) without the transaction option',
      code: `import { Sequelize, DataTypes } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/db');
const User = sequelize.define('User', { name: DataTypes.STRING });
const models = { User };
export async function signup(name: string) {
  await sequelize.transaction(async (t) => {
    await models.User.create({ name });
    await models.User.create({ name }, { transaction: t });
  });
}`,
      errors: [
        {
          messageId: 'missingTransactionOption',
          data: { call: 'models.User.create()', library: 'Sequelize', property: 'transaction', position: 'second' },
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 29,
          suggestions: [
            {
              messageId: 'addTransaction',
            data: { handle: 't' },
              output: `import { Sequelize, DataTypes } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/db');
const User = sequelize.define('User', { name: DataTypes.STRING });
const models = { User };
export async function signup(name: string) {
  await sequelize.transaction(async (t) => {
    await models.User.create({ name }, { transaction: t });
    await models.User.create({ name }, { transaction: t });
  });
}`,
            },
          ],
        },
      ],
    },
  ],
});

// Across files: tests/fixtures/forms/services/audit.ts (helpers with typed parameters),
// services/books.ts (a factory and the repository it made), services/vendor.ts (HTTP helpers in an
// object literal), db/registry.ts (a client held in an exported object literal).
const outerValid: ValidTestCase<OuterOptions>[] = [
  {
    name: 'imported: the handle to the helper and the factory, and a config object named knex',
    filename: orders,
    code: `import { r, settings } from './db/registry';
import { audit } from './services/audit';
import { prisma } from './db/prisma';
import knex, { books, makeBooksRepo } from './services/books';
export async function sell(id: number) {
  await prisma.$transaction(async (tx) => {
    await audit(tx, 'sold');
  });
  await knex.transaction(async (trx) => {
    await books.bumpWith(trx, id);
    await makeBooksRepo(trx).bump(id);
  });
  await r.knex.transaction(async (trx) => {
    await trx('b').insert({ client: settings.knex.client });
  });
}`,
  },
];

const outerInvalid: InvalidTestCase<OuterMessageId, OuterOptions>[] = [
  {
    name: 'a helper imported from a project module: typed with the union, and typed PrismaClient only',
    filename: orders,
    code: `import { prisma } from './db/prisma';
import { audit, auditWith, describeClient } from './services/audit';
export async function charge(id: number) {
  await prisma.$transaction(async (tx) => {
    await tx.payment.update({ where: { id }, data: { status: 'charged' } });
    await audit(prisma, 'charged');
    await auditWith(prisma, 'charged');
    describeClient(prisma, 'charged');
    await audit(tx, 'charged');
  });
}`,
    errors: [
      {
        messageId: 'outerClientArgument',
        line: 6,
        column: 17,
        endLine: 6,
        endColumn: 23,
        suggestions: [
          {
            messageId: 'useHandle',
            data: { replacement: 'tx' },
            output: `import { prisma } from './db/prisma';
import { audit, auditWith, describeClient } from './services/audit';
export async function charge(id: number) {
  await prisma.$transaction(async (tx) => {
    await tx.payment.update({ where: { id }, data: { status: 'charged' } });
    await audit(tx, 'charged');
    await auditWith(prisma, 'charged');
    describeClient(prisma, 'charged');
    await audit(tx, 'charged');
  });
}`,
          },
        ],
      },
      {
        messageId: 'outerClientArgument',
        data: { client: 'prisma', library: 'Prisma', label: 'client', helper: 'auditWith' },
        line: 7,
        column: 21,
        endLine: 7,
        endColumn: 27,
        suggestions: [],
      },
    ],
  },
  {
    name: 'a repository made by a factory in another module, and one made here by an imported factory',
    filename: orders,
    code: `import Knex from 'knex';
import knex, { books, makeBooksRepo } from './services/books';
const local = Knex({ client: 'pg' });
const repo = makeBooksRepo(local);
export async function sell(id: number) {
  await knex.transaction(async (trx) => {
    await books.bump(id);
  });
  await local.transaction(async (trx) => {
    await repo.bump(id);
  });
}`,
    errors: [
      {
        messageId: 'outerClientInHelper',
        data: { helper: 'books.bump', library: 'Knex', client: 'db' },
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 21,
        suggestions: [],
      },
      {
        messageId: 'outerClientInHelper',
        line: 10,
        column: 11,
        endLine: 10,
        endColumn: 20,
        suggestions: [],
      },
    ],
  },
  {
    name: 'a client held in an object literal exported by another module (r.knex)',
    filename: orders,
    code: `import { r, settings } from './db/registry';
export async function save() {
  await r.knex.transaction(async (trx) => {
    await r.knex('b').insert({ retries: settings.retries });
  });
}`,
    errors: [
      {
        messageId: 'outerClient',
        line: 4,
        column: 11,
        endLine: 4,
        endColumn: 17,
        suggestions: [
          {
            messageId: 'useHandle',
            data: { replacement: 'trx' },
            output: `import { r, settings } from './db/registry';
export async function save() {
  await r.knex.transaction(async (trx) => {
    await trx('b').insert({ retries: settings.retries });
  });
}`,
          },
        ],
      },
    ],
  },
];

const awaitValid: ValidTestCase<AwaitOptions>[] = [
  {
    name: 'the imported HTTP helper after the transaction, its pure sibling inside',
    filename: orders,
    code: `import { prisma } from './db/prisma';
import { vendorApi } from './services/vendor';
export async function importAsset(row: { id: number }) {
  await prisma.$transaction(async (tx) => {
    await tx.asset.create({ data: vendorApi.toPayload(row) });
  });
  await vendorApi.createAsset(row);
}`,
  },
];

const awaitInvalid: InvalidTestCase<AwaitMessageId, AwaitOptions>[] = [
  {
    name: 'an object literal of HTTP helpers imported from another module (vendorApi)',
    filename: orders,
    code: `import { prisma } from './db/prisma';
import { vendorApi } from './services/vendor';
export async function importAsset(row: { id: number }) {
  await prisma.$transaction(async (tx) => {
    await tx.asset.create({ data: vendorApi.toPayload(row) });
    await vendorApi.createAsset(row);
  });
}`,
    errors: [
      {
        messageId: 'unrelatedAwait',
        line: 6,
        column: 5,
        endLine: 6,
        endColumn: 37,
        suggestions: [
          {
            messageId: 'moveBeforeTransactionReordering',
            output: `import { prisma } from './db/prisma';
import { vendorApi } from './services/vendor';
export async function importAsset(row: { id: number }) {
  await vendorApi.createAsset(row);
  await prisma.$transaction(async (tx) => {
    await tx.asset.create({ data: vendorApi.toPayload(row) });
  });
}`,
          },
          {
            messageId: 'moveAfterTransaction',
            output: `import { prisma } from './db/prisma';
import { vendorApi } from './services/vendor';
export async function importAsset(row: { id: number }) {
  await prisma.$transaction(async (tx) => {
    await tx.asset.create({ data: vendorApi.toPayload(row) });
  });
  await vendorApi.createAsset(row);
}`,
          },
        ],
      },
    ],
  },
];

const testers: readonly (readonly [string, RuleTester])[] = [
  ['untyped', untypedTester()],
  ['typed', typedTester()],
];

for (const [mode, tester] of testers) {
  tester.run(`no-outer-client-in-transaction: helpers, factories and literals across files (${mode})`, noOuterClient, {
    valid: outerValid,
    invalid: outerInvalid,
  });
  tester.run(`no-unrelated-await-in-transaction: object literal helpers across files (${mode})`, noUnrelatedAwait, {
    valid: awaitValid,
    invalid: awaitInvalid,
  });
}

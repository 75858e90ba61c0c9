/**
 * Defaults, names and SQL forms:
 * - a helper whose handle parameter defaults to the outer client queries through that client when
 *   the caller leaves the handle out (or passes `undefined` or `void 0`; `null` is not a missing
 *   argument and does not trigger the default);
 * - a transaction callback's parameter with a default is still the handle;
 * - a transaction callback passed by name is the transaction body, unless the function is also
 *   called directly (then it is a helper, not a transaction body);
 * - BEGIN / COMMIT sent as template literals and as query config objects (`{ text }`, `{ sql }`).
 */
import noOuterClient from '../../rules/no-outer-client-in-transaction.js';
import noUnrelatedAwait from '../../rules/no-unrelated-await-in-transaction.js';
import { untypedTester } from '../rule-tester.js';

const ruleTester = untypedTester();

ruleTester.run('no-outer-client-in-transaction (defaults, names, SQL forms)', noOuterClient, {
  valid: [
    {
      name: 'defaulted handle: the helper given `tx` inside, and left to its default outside the transaction',
      code: `import { PrismaClient, Prisma } from '@prisma/client';
const prisma = new PrismaClient();
async function getUser(id: number, db: Prisma.TransactionClient = prisma) {
  return db.user.findUnique({ where: { id } });
}
export async function rename(id: number) {
  await getUser(id);
  await prisma.$transaction(async (tx) => {
    await getUser(id, tx);
  });
}`,
    },
    {
      name: 'defaulted handle (Knex): the helper given `trx`',
      code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
async function audit(id: number, db = knex) {
  await db('audit').insert({ id });
}
export async function save(id: number) {
  await knex.transaction(async (trx) => {
    await trx('users').insert({ id });
    await audit(id, trx);
  });
  await audit(id);
}`,
    },
    {
      name: 'defaulted handle: `null` does not trigger the default, the helper gets no client',
      code: `import { PrismaClient, Prisma } from '@prisma/client';
const prisma = new PrismaClient();
async function getUser(id: number, db: Prisma.TransactionClient | null = prisma) {
  return db?.user.findUnique({ where: { id } });
}
export async function rename(id: number) {
  await prisma.$transaction(async (tx) => {
    await getUser(id, null);
  });
}`,
    },
    {
      name: 'a callback parameter with a default is the handle',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function run() {
  await prisma.$transaction(async (tx = prisma) => {
    await tx.user.findMany();
  });
}`,
    },
    {
      name: 'a callback parameter with a default is the handle (Knex, CommonJS)',
      code: `const knex = require('knex')({ client: 'pg' });
module.exports = async function run() {
  await knex.transaction(async (trx = knex) => {
    await trx('a').insert({});
    await trx.raw('select 1');
  });
};`,
      filename: 'run.cjs',
    },
    {
      name: 'a callback passed by name that queries only through its handle',
      code: `import { PrismaClient, Prisma } from '@prisma/client';
const prisma = new PrismaClient();
const work = async (tx: Prisma.TransactionClient) => {
  await tx.user.deleteMany();
  await tx.post.deleteMany();
};
export async function clear() {
  await prisma.$transaction(work);
}`,
    },
    {
      name: 'a function also called directly with the outer client is not a transaction body (Prisma)',
      code: `import { PrismaClient, Prisma } from '@prisma/client';
const prisma = new PrismaClient();
const work = async (tx: Prisma.TransactionClient) => {
  await tx.user.deleteMany();
  await prisma.post.deleteMany();
};
export async function clear() {
  await prisma.$transaction(work);
  await work(prisma);
}`,
    },
    {
      name: 'a function also called directly with the outer client is not a transaction body (Knex, declared after)',
      code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function save() {
  await knex.transaction(work);
  await work(knex);
}
async function work(trx) {
  await trx('users').insert({});
  await knex('audit').insert({});
}`,
    },
    {
      name: 'a function also called directly is not a transaction body (Kysely `execute(work)`)',
      code: `import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import { Pool } from 'pg';
const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool() }) });
async function work(trx: Transaction<any>) {
  await trx.insertInto('users').values({}).execute();
  await db.deleteFrom('sessions').execute();
}
export async function save() {
  await db.transaction().execute(work);
}
export async function saveWithout() {
  await work(db as any);
}`,
    },
    {
      name: 'pg: a whole transaction in one template literal, then the pool',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function transfer() {
  await pool.query(\`BEGIN; UPDATE accounts SET x = 1; COMMIT\`);
  await pool.query('SELECT 1');
}`,
    },
    {
      name: 'pg: a whole transaction in one multi-line template literal, then the pool',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function transfer() {
  await pool.query(\`
    BEGIN;
    UPDATE accounts SET balance = balance - 1 WHERE id = 1;
    UPDATE accounts SET balance = balance + 1 WHERE id = 2;
    COMMIT;
  \`);
  await pool.query('SELECT 1');
}`,
    },
    {
      name: 'pg: `client.query({ text: "COMMIT" })` ends the transaction; the pool after it is fine',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function transfer() {
  const client = await pool.connect();
  await client.query({ text: 'BEGIN' });
  await client.query({ text: 'UPDATE accounts SET x = $1', values: [1] });
  await client.query({ text: 'COMMIT' });
  client.release();
  await pool.query('SELECT 1');
  await pool.query({ text: 'SELECT 2' });
}`,
    },
    {
      name: 'mysql2: a whole transaction in one multi-statement query, then the pool',
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: 'mysql://localhost/db', multipleStatements: true });
export async function transfer() {
  await pool.query('START TRANSACTION; UPDATE accounts SET x = 1; COMMIT;');
  await pool.query('SELECT 1');
}`,
    },
    {
      name: 'mysql2 CommonJS: `conn.query({ sql: "COMMIT" })` ends the transaction; the pool after it is fine',
      code: `const mysql = require('mysql2/promise');
const pool = mysql.createPool({ uri: 'mysql://localhost/db' });
async function transfer() {
  const conn = await pool.getConnection();
  await conn.query({ sql: 'START TRANSACTION' });
  await conn.query({ sql: 'UPDATE accounts SET x = ?', values: [1] });
  await conn.query({ sql: 'COMMIT' });
  conn.release();
  await pool.query({ sql: 'SELECT 1' });
}
module.exports = { transfer };`,
      filename: 'transfer.js',
    },
  ],
  invalid: [
    {
      name: 'defaulted handle: `getUser(id)` inside the transaction falls back to the outer client',
      code: `import { PrismaClient, Prisma } from '@prisma/client';
const prisma = new PrismaClient();
async function getUser(id: number, db: Prisma.TransactionClient = prisma) {
  return db.user.findUnique({ where: { id } });
}
export async function rename(id: number, name: string) {
  await prisma.$transaction(async (tx) => {
    const user = await getUser(id);
    await tx.user.update({ where: { id }, data: { name: user?.name + name } });
  });
}`,
      errors: [
        {
          messageId: 'outerClientInHelper',
          data: { helper: 'getUser', library: 'Prisma', client: 'prisma' },
          line: 8,
          column: 24,
          endLine: 8,
          endColumn: 31,
          suggestions: [],
        },
      ],
    },
    {
      name: 'defaulted handle: passing `undefined` takes the default too',
      code: `import { PrismaClient, Prisma } from '@prisma/client';
const prisma = new PrismaClient();
async function getUser(id: number, db: Prisma.TransactionClient = prisma) {
  return db.user.findUnique({ where: { id } });
}
export async function rename(id: number) {
  await prisma.$transaction(async (tx) => {
    await getUser(id, undefined);
  });
}`,
      errors: [
        {
          messageId: 'outerClientInHelper',
          data: { helper: 'getUser', library: 'Prisma', client: 'prisma' },
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 18,
          suggestions: [],
        },
      ],
    },
    {
      name: 'defaulted handle: passing `void 0` takes the default',
      code: `import { PrismaClient, Prisma } from '@prisma/client';
const prisma = new PrismaClient();
async function getUser(id: number, db: Prisma.TransactionClient = prisma) {
  return db.user.findUnique({ where: { id } });
}
export async function rename(id: number) {
  await prisma.$transaction(async (tx) => {
    await getUser(id, void 0);
  });
}`,
      errors: [
        {
          messageId: 'outerClientInHelper',
          data: { helper: 'getUser', library: 'Prisma', client: 'prisma' },
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 18,
          suggestions: [],
        },
      ],
    },
    {
      name: '`(tx ?? prisma)` in the helper: passing `null` falls back to the outer client',
      code: `import { PrismaClient, Prisma } from '@prisma/client';
const prisma = new PrismaClient();
async function getUser(id: number, tx?: Prisma.TransactionClient | null) {
  return (tx ?? prisma).user.findUnique({ where: { id } });
}
export async function rename(id: number) {
  await prisma.$transaction(async (tx) => {
    await getUser(id, null);
  });
}`,
      errors: [
        {
          messageId: 'outerClientInHelper',
          data: { helper: 'getUser', library: 'Prisma', client: 'prisma' },
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 18,
          suggestions: [],
        },
      ],
    },
    {
      name: 'defaulted handle: the outer client passed explicitly, replaced by `tx`',
      code: `import { PrismaClient, Prisma } from '@prisma/client';
const prisma = new PrismaClient();
async function getUser(id: number, db: Prisma.TransactionClient = prisma) {
  return db.user.findUnique({ where: { id } });
}
export async function rename(id: number) {
  await prisma.$transaction(async (tx) => {
    await getUser(id, prisma);
  });
}`,
      errors: [
        {
          messageId: 'outerClientArgument',
          data: { client: 'prisma', library: 'Prisma', label: 'client', helper: 'getUser' },
          line: 8,
          column: 23,
          endLine: 8,
          endColumn: 29,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: `import { PrismaClient, Prisma } from '@prisma/client';
const prisma = new PrismaClient();
async function getUser(id: number, db: Prisma.TransactionClient = prisma) {
  return db.user.findUnique({ where: { id } });
}
export async function rename(id: number) {
  await prisma.$transaction(async (tx) => {
    await getUser(id, tx);
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'defaulted handle (Knex, `db = knex`): left out inside, given `trx` next to it',
      code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
async function audit(id: number, db = knex) {
  await db('audit').insert({ id });
}
export async function save(id: number) {
  await knex.transaction(async (trx) => {
    await audit(id);
    await audit(id, trx);
  });
}`,
      errors: [
        {
          messageId: 'outerClientInHelper',
          data: { helper: 'audit', library: 'Knex', client: 'knex' },
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 16,
          suggestions: [],
        },
      ],
    },
    {
      name: 'defaulted handle (Knex, typed `db: Knex = knex`)',
      code: `import Knex from 'knex';
import type { Knex as KnexType } from 'knex';
const knex = Knex({ client: 'pg' });
async function audit(id: number, db: KnexType = knex) {
  await db('audit').insert({ id });
}
export async function save(id: number) {
  await knex.transaction(async (trx) => {
    await trx('users').insert({ id });
    await audit(id);
  });
}`,
      errors: [
        { messageId: 'outerClientInHelper', line: 10, column: 11, endLine: 10, endColumn: 16, suggestions: [] },
      ],
    },
    {
      name: 'defaulted handle (Knex CommonJS arrow): `undefined` passed',
      code: `const knex = require('knex')({ client: 'pg' });
const audit = async (id, db = knex) => db('audit').insert({ id });
async function save(id) {
  await knex.transaction(async (trx) => {
    await audit(id, undefined);
  });
}
module.exports = { save };`,
      filename: 'save.cjs',
      errors: [
        {
          messageId: 'outerClientInHelper',
          data: { helper: 'audit', library: 'Knex', client: 'knex' },
          line: 5,
          column: 11,
          endLine: 5,
          endColumn: 16,
          suggestions: [],
        },
      ],
    },
    {
      name: 'defaulted handle (Knex CommonJS arrow): `null` is silent, `void 0` is reported',
      code: `const knex = require('knex')({ client: 'pg' });
const audit = async (id, db = knex) => db('audit').insert({ id });
async function save(id) {
  await knex.transaction(async (trx) => {
    await audit(id, null);
    await audit(id, void 0);
  });
}
module.exports = { save };`,
      filename: 'save.cjs',
      errors: [
        {
          messageId: 'outerClientInHelper',
          data: { helper: 'audit', library: 'Knex', client: 'knex' },
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 16,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a callback parameter with a default: the outer client next to it',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function run() {
  await prisma.$transaction(async (tx = prisma) => {
    await tx.user.findMany();
    const n = await prisma.user.count();
    return n;
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          data: { library: 'Prisma', client: 'prisma', label: 'client' },
          line: 6,
          column: 21,
          endLine: 6,
          endColumn: 38,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function run() {
  await prisma.$transaction(async (tx = prisma) => {
    await tx.user.findMany();
    const n = await tx.user.count();
    return n;
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a typed callback parameter with a default (Knex)',
      code: `import { knex as createKnex, type Knex } from 'knex';
const knex = createKnex({ client: 'pg' });
export async function run() {
  await knex.transaction(async (trx: Knex = knex) => {
    await trx('a').insert({});
    await knex('b').insert({});
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import { knex as createKnex, type Knex } from 'knex';
const knex = createKnex({ client: 'pg' });
export async function run() {
  await knex.transaction(async (trx: Knex = knex) => {
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
      name: 'a named arrow passed to `prisma.$transaction(work)`',
      code: `import { PrismaClient, Prisma } from '@prisma/client';
const prisma = new PrismaClient();
const work = async (tx: Prisma.TransactionClient) => {
  await tx.user.deleteMany();
  await prisma.post.deleteMany();
};
export async function clear() {
  await prisma.$transaction(work);
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 31,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: `import { PrismaClient, Prisma } from '@prisma/client';
const prisma = new PrismaClient();
const work = async (tx: Prisma.TransactionClient) => {
  await tx.user.deleteMany();
  await tx.post.deleteMany();
};
export async function clear() {
  await prisma.$transaction(work);
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a function declared after `knex.transaction(work)`',
      code: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function save() {
  await knex.transaction(work);
}
async function work(trx) {
  await trx('users').insert({});
  await knex('audit').insert({});
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 13,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import Knex from 'knex';
const knex = Knex({ client: 'pg' });
export async function save() {
  await knex.transaction(work);
}
async function work(trx) {
  await trx('users').insert({});
  await trx('audit').insert({});
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a named function passed to Kysely `db.transaction().execute(work)`',
      code: `import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import { Pool } from 'pg';
const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool() }) });
async function work(trx: Transaction<any>) {
  await trx.insertInto('users').values({}).execute();
  await db.deleteFrom('sessions').execute();
}
export async function save() {
  await db.transaction().execute(work);
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 6,
          column: 9,
          endLine: 6,
          endColumn: 22,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import { Pool } from 'pg';
const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool() }) });
async function work(trx: Transaction<any>) {
  await trx.insertInto('users').values({}).execute();
  await trx.deleteFrom('sessions').execute();
}
export async function save() {
  await db.transaction().execute(work);
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'CommonJS: a named function expression passed to `knex.transaction(work)`',
      code: `const knex = require('knex')({ client: 'pg' });
const work = async function (trx) {
  await trx('users').insert({});
  await knex.raw('select 1');
};
module.exports.save = () => knex.transaction(work);`,
      filename: 'save.js',
      errors: [
        {
          messageId: 'outerClient',
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 17,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `const knex = require('knex')({ client: 'pg' });
const work = async function (trx) {
  await trx('users').insert({});
  await trx.raw('select 1');
};
module.exports.save = () => knex.transaction(work);`,
            },
          ],
        },
      ],
    },
    {
      name: 'pg: `pool.query({ text: "BEGIN" })` then `pool.query(…)`',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function transfer() {
  await pool.query({ text: 'BEGIN' });
  await pool.query('UPDATE accounts SET x = 1');
  await pool.query({ text: 'COMMIT' });
}`,
      errors: [
        {
          messageId: 'poolTransaction',
          data: { begin: "pool.query({ text: 'BEGIN' })", client: 'pool', queries: 'the `pool` query', they: 'it is', checkout: 'connect' },
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 38,
          suggestions: [],
        },
      ],
    },
    {
      name: 'pg CommonJS: BEGIN as a template literal on the pool',
      code: `const { Pool } = require('pg');
const pool = new Pool();
async function transfer() {
  await pool.query(\`BEGIN\`);
  await pool.query(\`UPDATE accounts SET x = 1\`);
  await pool.query(\`COMMIT\`);
}
module.exports = { transfer };`,
      filename: 'transfer.cjs',
      errors: [
        {
          messageId: 'poolTransaction',
          data: { begin: 'pool.query(`BEGIN`)', client: 'pool', queries: 'the `pool` query', they: 'it is', checkout: 'connect' },
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 28,
          suggestions: [],
        },
      ],
    },
    {
      name: 'pg: `` client.query(`BEGIN ISOLATION LEVEL ${level}`) `` on a checked-out client, then the pool',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function transfer(level: string) {
  const client = await pool.connect();
  await client.query(\`BEGIN ISOLATION LEVEL \${level}\`);
  await pool.query('UPDATE accounts SET x = 1');
  await client.query('COMMIT');
  client.release();
}`,
      errors: [
        {
          messageId: 'outerClient',
          data: { library: 'pg', client: 'pool', label: 'Pool' },
          line: 6,
          column: 9,
          endLine: 6,
          endColumn: 19,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'client' },
              output: `import { Pool } from 'pg';
const pool = new Pool();
export async function transfer(level: string) {
  const client = await pool.connect();
  await client.query(\`BEGIN ISOLATION LEVEL \${level}\`);
  await client.query('UPDATE accounts SET x = 1');
  await client.query('COMMIT');
  client.release();
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'pg: the pool between `client.query({ text: "BEGIN" })` and `client.query({ text: "COMMIT" })`',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function transfer() {
  const client = await pool.connect();
  await client.query({ text: 'BEGIN' });
  await pool.query({ text: 'UPDATE accounts SET x = $1', values: [1] });
  await client.query({ text: 'COMMIT' });
  client.release();
  await pool.query('SELECT 1');
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 6,
          column: 9,
          endLine: 6,
          endColumn: 19,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'client' },
              output: `import { Pool } from 'pg';
const pool = new Pool();
export async function transfer() {
  const client = await pool.connect();
  await client.query({ text: 'BEGIN' });
  await client.query({ text: 'UPDATE accounts SET x = $1', values: [1] });
  await client.query({ text: 'COMMIT' });
  client.release();
  await pool.query('SELECT 1');
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'mysql2: the pool between `conn.query({ sql: "START TRANSACTION" })` and COMMIT',
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: 'mysql://localhost/db' });
export async function transfer() {
  const conn = await pool.getConnection();
  await conn.query({ sql: 'START TRANSACTION' });
  await pool.query('UPDATE accounts SET x = 1');
  await conn.query({ sql: 'COMMIT' });
  conn.release();
  await pool.query('SELECT 1');
}`,
      errors: [
        {
          messageId: 'outerClient',
          data: { library: 'mysql2', client: 'pool', label: 'Pool' },
          line: 6,
          column: 9,
          endLine: 6,
          endColumn: 19,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'conn' },
              output: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: 'mysql://localhost/db' });
export async function transfer() {
  const conn = await pool.getConnection();
  await conn.query({ sql: 'START TRANSACTION' });
  await conn.query('UPDATE accounts SET x = 1');
  await conn.query({ sql: 'COMMIT' });
  conn.release();
  await pool.query('SELECT 1');
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'mysql2: `pool.query({ sql: "START TRANSACTION" })` then `pool.query(…)`',
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ uri: 'mysql://localhost/db' });
export async function transfer() {
  await pool.query({ sql: 'START TRANSACTION' });
  await pool.query('UPDATE accounts SET x = 1');
  await pool.query({ sql: 'COMMIT' });
}`,
      errors: [
        {
          messageId: 'poolTransaction',
          data: {
            begin: "pool.query({ sql: 'START TRANSACTION' })",
            client: 'pool',
            queries: 'the `pool` query',
            they: 'it is',
            checkout: 'getConnection',
          },
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 49,
          suggestions: [],
        },
      ],
    },
  ],
});

ruleTester.run('no-unrelated-await-in-transaction (defaults, names, SQL forms)', noUnrelatedAwait, {
  valid: [
    {
      name: 'a function also called directly is not a transaction body',
      code: `import { PrismaClient, Prisma } from '@prisma/client';
import axios from 'axios';
const prisma = new PrismaClient();
const work = async (tx: Prisma.TransactionClient) => {
  await tx.user.deleteMany();
  await axios.post('https://hooks.example.com/cleared');
};
export async function clear() {
  await prisma.$transaction(work);
  await work(prisma);
}`,
    },
    {
      name: 'a function declared after, also called directly (Knex)',
      code: `import Knex from 'knex';
import axios from 'axios';
const knex = Knex({ client: 'pg' });
export async function save() {
  await knex.transaction(work);
  await work(knex);
}
async function work(trx) {
  await trx('users').insert({});
  await axios.post('https://hooks.example.com/saved');
}`,
    },
    {
      name: 'a callback parameter with a default, awaiting only its handle',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function run() {
  await prisma.$transaction(async (tx = prisma) => {
    await tx.user.findMany();
  });
}`,
    },
    {
      name: 'pg: a fetch after `client.query({ text: "COMMIT" })`',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function transfer() {
  const client = await pool.connect();
  await client.query({ text: 'BEGIN' });
  await client.query({ text: 'UPDATE accounts SET x = $1', values: [1] });
  await client.query({ text: 'COMMIT' });
  client.release();
  await fetch('https://hooks.example.com/done');
}`,
    },
    {
      name: 'pg: a fetch after a whole transaction sent in one template literal',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function transfer() {
  await pool.query(\`BEGIN; UPDATE accounts SET x = 1; COMMIT\`);
  await fetch('https://hooks.example.com/done');
}`,
    },
  ],
  invalid: [
    {
      name: 'a named arrow passed to `prisma.$transaction(work)`: reported, no move suggestion',
      code: `import { PrismaClient, Prisma } from '@prisma/client';
import axios from 'axios';
const prisma = new PrismaClient();
const work = async (tx: Prisma.TransactionClient) => {
  await tx.user.deleteMany();
  await axios.post('https://hooks.example.com/cleared');
};
export async function clear() {
  await prisma.$transaction(work);
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { what: 'an HTTP request (axios)', library: 'Prisma' },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 56,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a function declared after `knex.transaction(work)`: reported, no move suggestion',
      code: `import Knex from 'knex';
import axios from 'axios';
const knex = Knex({ client: 'pg' });
export async function save() {
  await knex.transaction(work);
}
async function work(trx) {
  await trx('users').insert({});
  await axios.post('https://hooks.example.com/saved');
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { what: 'an HTTP request (axios)', library: 'Knex' },
          line: 9,
          column: 3,
          endLine: 9,
          endColumn: 54,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a named function passed to Kysely `execute(work)`: reported, no move suggestion',
      code: `import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import { Pool } from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool() }) });
async function work(trx: Transaction<any>) {
  await trx.insertInto('users').values({}).execute();
  await sleep(100);
}
export async function save() {
  await db.transaction().execute(work);
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { what: 'a timer (node:timers/promises)', library: 'Kysely' },
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 19,
          suggestions: [],
        },
      ],
    },
    {
      name: 'CommonJS: a named function expression passed to `knex.transaction(work)`',
      code: `const knex = require('knex')({ client: 'pg' });
const work = async function (trx) {
  await trx('users').insert({});
  await fetch('https://hooks.example.com/saved');
};
module.exports.save = () => knex.transaction(work);`,
      filename: 'save.js',
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { what: 'an HTTP request (fetch)', library: 'Knex' },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 49,
          suggestions: [],
        },
      ],
    },
    {
      name: 'pg: a fetch between `` client.query(`BEGIN`) `` and `client.query({ text: `COMMIT` })`',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function transfer() {
  const client = await pool.connect();
  await client.query(\`BEGIN\`);
  await fetch('https://hooks.example.com/x');
  await client.query({ text: \`COMMIT\` });
  client.release();
  await fetch('https://hooks.example.com/y');
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { what: 'an HTTP request (fetch)', library: 'pg' },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 45,
          suggestions: [],
        },
      ],
    },
  ],
});

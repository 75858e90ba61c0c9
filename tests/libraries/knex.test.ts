/**
 * Knex: callback transactions `knex.transaction(async (trx) => ...)` and regions
 * `const trx = await knex.transaction(); ... await trx.commit()`.
 */
import noOuterClient from '../../rules/no-outer-client-in-transaction.js';
import noUnrelatedAwait from '../../rules/no-unrelated-await-in-transaction.js';
import requireTransactionOption from '../../rules/require-transaction-option.js';
import { untypedTester } from '../rule-tester.js';

const ruleTester = untypedTester();

ruleTester.run('no-outer-client-in-transaction (knex)', noOuterClient, {
  valid: [
    {
      name: 'queries on the handle, `.transacting(trx)` and a savepoint on the handle',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function save(id: number) {
  await db.transaction(async (trx) => {
    await trx('users').where({ id }).update({ seen: true });
    await trx.raw('select 1');
    await trx.select('*').from('accounts');
    await db('audit').insert({ id }).transacting(trx);
    await db.insert({ id }).into('audit').transacting(trx);
    await trx.transaction(async (savepoint) => {
      await savepoint('users').insert({ id });
    });
  });
}`,
    },
    {
      name: 'the outer client before and after the transaction',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function save(id: number) {
  const before = await db('users').where({ id }).first();
  await db.transaction(async (trx) => {
    await trx('users').insert(before);
  });
  await db('audit').insert({ id });
}`,
    },
    {
      name: 'region: queries on the handle, and the outer client after commit',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function save(id: number) {
  const trx = await db.transaction();
  await trx('users').insert({ id });
  await trx.commit();
  await db('audit').insert({ id });
}`,
    },
    {
      name: 'a helper that takes the handle as a parameter',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
async function insertUser(q, row) {
  await q('users').insert(row);
}
export async function save(row) {
  await db.transaction(async (trx) => {
    await insertUser(trx, row);
  });
}`,
    },
    {
      name: 'another Knex instance (another database) inside the transaction',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
const analytics = knex({ client: 'mysql2' });
export async function save(id: number) {
  await db.transaction(async (trx) => {
    await trx('users').insert({ id });
    await analytics('events').insert({ id });
  });
}`,
    },
    {
      name: 'lookalike: a plain object named knex',
      code: `const knex = {
  transaction: async (fn) => fn({}),
  raw: async (sql: string) => sql,
};
export async function run() {
  await knex.transaction(async (trx) => {
    await knex.raw('select 1');
    await knex.transaction(async () => {});
  });
}`,
    },
    {
      name: 'lookalike: a local class with transaction() and query()',
      code: `class Db {
  async transaction(fn: (db: Db) => Promise<void>) { await fn(this); }
  async query(sql: string) { return [sql]; }
  select(...columns: string[]) { return columns; }
}
const db = new Db();
export async function run() {
  await db.transaction(async (trx) => {
    await db.query('select 1');
    db.select('id');
    await db.transaction(async () => {});
  });
}`,
    },
    {
      name: 'lookalike: a parameter without a type and an `any` parameter',
      code: `export async function run(knex, other: any) {
  await knex.transaction(async (trx) => {
    await knex('users').insert({});
    await other('users').insert({});
  });
  await other.transaction(async (trx) => {
    await other('users').insert({});
  });
}`,
    },
    {
      name: 'lookalike: knex-named export of another package',
      code: `import knex from 'knex-mock';
const db = knex({ client: 'pg' });
export async function run() {
  await db.transaction(async (trx) => {
    await db('users').insert({});
  });
}`,
    },
    {
      name: 'a helper defined inside the callback is checked where it queries',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function run(rows) {
  await db.transaction(async (trx) => {
    const insert = (row) => trx('users').insert(row);
    await Promise.all(rows.map(insert));
  });
}`,
    },
    {
      name: 'checkHelpers: false ignores helpers that close over the outer client',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
async function audit(id: number) {
  await db('audit').insert({ id });
}
export async function run(id: number) {
  await db.transaction(async (trx) => {
    await audit(id);
  });
}`,
      options: [{ checkHelpers: false }],
    },
    {
      name: 'libraries option without knex',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function run() {
  await db.transaction(async (trx) => {
    await db('users').insert({});
  });
}`,
      options: [{ libraries: ['prisma'] }],
    },
  ],
  invalid: [
    {
      name: 'outer knex("table") inside the callback',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function save(id: number) {
  await db.transaction(async (trx) => {
    await trx('users').where({ id }).update({ seen: true });
    await db('audit').insert({ id });
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          data: { library: 'Knex', client: 'db', label: 'instance' },
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 13,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function save(id: number) {
  await db.transaction(async (trx) => {
    await trx('users').where({ id }).update({ seen: true });
    await trx('audit').insert({ id });
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'outer builder methods (raw, select, insert) inside the callback',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function save() {
  return db.transaction(async function (trx) {
    await db.raw('select 1');
    return db.select('*').from('users');
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 5,
          column: 11,
          endLine: 5,
          endColumn: 17,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function save() {
  return db.transaction(async function (trx) {
    await trx.raw('select 1');
    return db.select('*').from('users');
  });
}`,
            },
          ],
        },
        {
          messageId: 'outerClient',
          line: 6,
          column: 12,
          endLine: 6,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function save() {
  return db.transaction(async function (trx) {
    await db.raw('select 1');
    return trx.select('*').from('users');
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'expression-bodied callback',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export const save = (row) => db.transaction((trx) => db('users').insert(row));`,
      errors: [
        {
          messageId: 'outerClient',
          line: 3,
          column: 54,
          endLine: 3,
          endColumn: 56,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import knex from 'knex';
const db = knex({ client: 'pg' });
export const save = (row) => db.transaction((trx) => trx('users').insert(row));`,
            },
          ],
        },
      ],
    },
    {
      name: 'nested transaction opened on the outer client',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function save() {
  await db.transaction(async (trx) => {
    await db.transaction(async (inner) => {
      await inner('users').insert({});
    });
  });
}`,
      errors: [
        {
          messageId: 'nestedTransaction',
          data: {
            library: 'Knex',
            client: 'db',
            handleHint: ' Run it on `trx` (a savepoint) or inline it into this transaction.',
          },
          line: 5,
          column: 11,
          endLine: 5,
          endColumn: 25,
        },
      ],
    },
    {
      name: 'region: outer client between `await knex.transaction()` and commit',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function save(id: number) {
  const trx = await db.transaction();
  await trx('users').insert({ id });
  await db('audit').insert({ id });
  await trx.commit();
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 6,
          column: 9,
          endLine: 6,
          endColumn: 11,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function save(id: number) {
  const trx = await db.transaction();
  await trx('users').insert({ id });
  await trx('audit').insert({ id });
  await trx.commit();
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'region: the documented try { … commit } catch { rollback } form',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function save(id: number) {
  const trx = await db.transaction();
  try {
    await trx('users').insert({ id });
    await db('audit').insert({ id });
    await trx.commit();
  } catch (e) {
    await trx.rollback();
    throw e;
  }
  await db('audit').insert({ id, done: true });
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 13,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function save(id: number) {
  const trx = await db.transaction();
  try {
    await trx('users').insert({ id });
    await trx('audit').insert({ id });
    await trx.commit();
  } catch (e) {
    await trx.rollback();
    throw e;
  }
  await db('audit').insert({ id, done: true });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'callback without a handle parameter: no suggestion',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function save() {
  await db.transaction(async () => {
    await db('users').insert({});
  });
}`,
      errors: [{ messageId: 'outerClient', line: 5, column: 11, endLine: 5, endColumn: 13, suggestions: [] }],
    },
    {
      name: 'CommonJS: require("knex")(config)',
      code: `const db = require('knex')({ client: 'pg' });
module.exports = async function save(row) {
  await db.transaction(async (trx) => {
    await db.table('users').insert(row);
  });
};`,
      filename: 'save.cjs',
      errors: [
        {
          messageId: 'outerClient',
          line: 4,
          column: 11,
          endLine: 4,
          endColumn: 19,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `const db = require('knex')({ client: 'pg' });
module.exports = async function save(row) {
  await db.transaction(async (trx) => {
    await trx.table('users').insert(row);
  });
};`,
            },
          ],
        },
      ],
    },
    {
      name: 'CommonJS destructuring: const { knex } = require("knex"), and an alias',
      code: `const { knex: createKnex } = require('knex');
const db = createKnex({ client: 'pg' });
const client = db;
async function save(row) {
  await db.transaction(async (trx) => {
    await client('users').insert(row);
  });
}`,
      filename: 'save.js',
      errors: [
        {
          messageId: 'outerClient',
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 17,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `const { knex: createKnex } = require('knex');
const db = createKnex({ client: 'pg' });
const client = db;
async function save(row) {
  await db.transaction(async (trx) => {
    await trx('users').insert(row);
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'named import and a cast to any',
      code: `import { knex } from 'knex';
const db = knex({ client: 'pg' });
export async function save() {
  await db.transaction(async (trx) => {
    await (db as any)('users').insert({});
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 5,
          column: 12,
          endLine: 5,
          endColumn: 14,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import { knex } from 'knex';
const db = knex({ client: 'pg' });
export async function save() {
  await db.transaction(async (trx) => {
    await (trx as any)('users').insert({});
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a parameter annotated `Knex` and a constructor-injected `Knex`',
      code: `import type { Knex } from 'knex';
export async function save(db: Knex) {
  await db.transaction(async (trx) => {
    await db.insert({}).into('users');
  });
}
export class UserRepository {
  constructor(private readonly knex: Knex) {}
  async save() {
    await this.knex.transaction(async (trx) => {
      await this.knex.select('*').from('users');
    });
  }
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 4,
          column: 11,
          endLine: 4,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import type { Knex } from 'knex';
export async function save(db: Knex) {
  await db.transaction(async (trx) => {
    await trx.insert({}).into('users');
  });
}
export class UserRepository {
  constructor(private readonly knex: Knex) {}
  async save() {
    await this.knex.transaction(async (trx) => {
      await this.knex.select('*').from('users');
    });
  }
}`,
            },
          ],
        },
        {
          messageId: 'outerClient',
          line: 11,
          column: 13,
          endLine: 11,
          endColumn: 29,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import type { Knex } from 'knex';
export async function save(db: Knex) {
  await db.transaction(async (trx) => {
    await db.insert({}).into('users');
  });
}
export class UserRepository {
  constructor(private readonly knex: Knex) {}
  async save() {
    await this.knex.transaction(async (trx) => {
      await trx.select('*').from('users');
    });
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a local helper that closes over the outer client',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
async function audit(id: number) {
  await db('audit').insert({ id });
}
export async function save(id: number) {
  await db.transaction(async (trx) => {
    await trx('users').insert({ id });
    await audit(id);
  });
}`,
      errors: [
        {
          messageId: 'outerClientInHelper',
          data: { helper: 'audit', library: 'Knex', client: 'db' },
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 16,
        },
      ],
    },
    {
      name: 'the outer Knex instance inside an Objection transaction',
      code: `import Knex from 'knex';
import { Model } from 'objection';
const knex = Knex({ client: 'pg' });
Model.knex(knex);
class Person extends Model {}
export async function save() {
  await Person.transaction(async (trx) => {
    await Person.query(trx).insert({});
    await knex('audit').insert({});
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import Knex from 'knex';
import { Model } from 'objection';
const knex = Knex({ client: 'pg' });
Model.knex(knex);
class Person extends Model {}
export async function save() {
  await Person.transaction(async (trx) => {
    await Person.query(trx).insert({});
    await trx('audit').insert({});
  });
}`,
            },
          ],
        },
      ],
    },
  ],
});

ruleTester.run('no-unrelated-await-in-transaction (knex)', noUnrelatedAwait, {
  valid: [
    {
      name: 'queries on the handle, alone and combined',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function save(id: number) {
  await db.transaction(async (trx) => {
    const user = await trx('users').where({ id }).first();
    await Promise.all([trx('a').insert(user), trx.raw('select 1')]);
    for await (const row of trx('big').stream()) void row;
  });
}`,
    },
    {
      name: 'HTTP and timers before and after the transaction, and after commit',
      code: `import knex from 'knex';
import axios from 'axios';
import { setTimeout as sleep } from 'node:timers/promises';
const db = knex({ client: 'pg' });
export async function save(id: number) {
  const { data } = await axios.get('https://api.example.com/users/' + id);
  await db.transaction(async (trx) => {
    await trx('users').insert(data);
  });
  await sleep(100);
  const trx = await db.transaction();
  await trx('users').insert(data);
  await trx.commit();
  await fetch('https://hooks.example.com/' + id);
}`,
    },
    {
      name: 'lookalikes: awaiting a Map, a local class and an unknown value is not reported by default',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
class Sleeper { async sleep() {} }
const cache = new Map<string, Promise<number>>();
export async function save(pending: Promise<void>) {
  await db.transaction(async (trx) => {
    await cache.get('a');
    await new Sleeper().sleep();
    await pending;
  });
}`,
    },
    {
      name: 'a lookalike transaction: fetch inside a local class transaction()',
      code: `class Db { async transaction(fn: () => Promise<void>) { await fn(); } }
const db = new Db();
export async function run() {
  await db.transaction(async () => {
    await fetch('https://example.com');
  });
}`,
    },
  ],
  invalid: [
    {
      name: 'fetch inside the callback, moved before the transaction',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function save(id: number) {
  await db.transaction(async (trx) => {
    await trx('users').insert({ id });
    await fetch('https://hooks.example.com/' + id);
  });
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { what: 'an HTTP request (fetch)', library: 'Knex' },
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 51,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function save(id: number) {
  await fetch('https://hooks.example.com/' + id);
  await db.transaction(async (trx) => {
    await trx('users').insert({ id });
  });
}`,
            },
            {
              messageId: 'moveAfterTransaction',
              output: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function save(id: number) {
  await db.transaction(async (trx) => {
    await trx('users').insert({ id });
  });
  await fetch('https://hooks.example.com/' + id);
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'axios result declared inside the callback, moved before it',
      code: `import knex from 'knex';
import axios from 'axios';
const db = knex({ client: 'pg' });
export async function save(id: number) {
  return db.transaction(async (trx) => {
    const { data } = await axios.get(\`https://api.example.com/users/\${id}\`);
    await trx('users').insert(data);
  });
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { what: 'an HTTP request (axios)', library: 'Knex' },
          line: 6,
          column: 22,
          endLine: 6,
          endColumn: 76,
          suggestions: [
            {
              messageId: 'moveBeforeTransaction',
              output: `import knex from 'knex';
import axios from 'axios';
const db = knex({ client: 'pg' });
export async function save(id: number) {
  const { data } = await axios.get(\`https://api.example.com/users/\${id}\`);
  return db.transaction(async (trx) => {
    await trx('users').insert(data);
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'HTTP call that uses a row read in the transaction: no suggestion',
      code: `import knex from 'knex';
import axios from 'axios';
const db = knex({ client: 'pg' });
export async function save(id: number) {
  await db.transaction(async (trx) => {
    const user = await trx('users').where({ id }).first();
    await axios.post('https://crm.example.com/users', user);
  });
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 60,
          suggestions: [],
        },
      ],
    },
    {
      name: 'sleep (timers/promises and a local promise wrapper around setTimeout)',
      code: `import knex from 'knex';
import { setTimeout as sleep } from 'node:timers/promises';
const db = knex({ client: 'pg' });
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function save() {
  await db.transaction(async (trx) => {
    await sleep(100);
    await wait(50);
  });
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { what: 'a timer (node:timers/promises)', library: 'Knex' },
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'moveBeforeTransaction',
              output: `import knex from 'knex';
import { setTimeout as sleep } from 'node:timers/promises';
const db = knex({ client: 'pg' });
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function save() {
  await sleep(100);
  await db.transaction(async (trx) => {
    await wait(50);
  });
}`,
            },
          ],
        },
        {
          messageId: 'unrelatedAwait',
          data: { what: '`wait()`, which waits on a timer (setTimeout),', library: 'Knex' },
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 19,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `import knex from 'knex';
import { setTimeout as sleep } from 'node:timers/promises';
const db = knex({ client: 'pg' });
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function save() {
  await wait(50);
  await db.transaction(async (trx) => {
    await sleep(100);
  });
}`,
            },
            {
              messageId: 'moveAfterTransaction',
              output: `import knex from 'knex';
import { setTimeout as sleep } from 'node:timers/promises';
const db = knex({ client: 'pg' });
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function save() {
  await db.transaction(async (trx) => {
    await sleep(100);
  });
  await wait(50);
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'redis, amqplib and a promisified child_process exec',
      code: `import knex from 'knex';
import Redis from 'ioredis';
import amqp from 'amqplib';
import { promisify } from 'node:util';
import { exec } from 'node:child_process';
const db = knex({ client: 'pg' });
const redis = new Redis();
const execAsync = promisify(exec);
export async function save(id: number) {
  await db.transaction(async (trx) => {
    await trx('users').insert({ id });
    await redis.del('user:' + id);
    const connection = await amqp.connect('amqp://localhost');
    const { stdout } = await execAsync('convert in.png out.png');
  });
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { what: 'a cache (ioredis)', library: 'Knex' },
          line: 12,
          column: 5,
          endLine: 12,
          endColumn: 34,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `import knex from 'knex';
import Redis from 'ioredis';
import amqp from 'amqplib';
import { promisify } from 'node:util';
import { exec } from 'node:child_process';
const db = knex({ client: 'pg' });
const redis = new Redis();
const execAsync = promisify(exec);
export async function save(id: number) {
  await redis.del('user:' + id);
  await db.transaction(async (trx) => {
    await trx('users').insert({ id });
    const connection = await amqp.connect('amqp://localhost');
    const { stdout } = await execAsync('convert in.png out.png');
  });
}`,
            },
          ],
        },
        {
          messageId: 'unrelatedAwait',
          data: { what: 'a message queue (amqplib)', library: 'Knex' },
          line: 13,
          column: 24,
          endLine: 13,
          endColumn: 62,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `import knex from 'knex';
import Redis from 'ioredis';
import amqp from 'amqplib';
import { promisify } from 'node:util';
import { exec } from 'node:child_process';
const db = knex({ client: 'pg' });
const redis = new Redis();
const execAsync = promisify(exec);
export async function save(id: number) {
  const connection = await amqp.connect('amqp://localhost');
  await db.transaction(async (trx) => {
    await trx('users').insert({ id });
    await redis.del('user:' + id);
    const { stdout } = await execAsync('convert in.png out.png');
  });
}`,
            },
          ],
        },
        {
          messageId: 'unrelatedAwait',
          data: { what: 'a child process (node:child_process)', library: 'Knex' },
          line: 14,
          column: 24,
          endLine: 14,
          endColumn: 65,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `import knex from 'knex';
import Redis from 'ioredis';
import amqp from 'amqplib';
import { promisify } from 'node:util';
import { exec } from 'node:child_process';
const db = knex({ client: 'pg' });
const redis = new Redis();
const execAsync = promisify(exec);
export async function save(id: number) {
  const { stdout } = await execAsync('convert in.png out.png');
  await db.transaction(async (trx) => {
    await trx('users').insert({ id });
    await redis.del('user:' + id);
    const connection = await amqp.connect('amqp://localhost');
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'CommonJS: promisified exec from require("child_process") and axios through Promise.all',
      code: `const util = require('util');
const { exec } = require('child_process');
const axios = require('axios');
const db = require('knex')({ client: 'pg' });
const run = util.promisify(exec);
async function save(id) {
  await db.transaction(async (trx) => {
    await run('ls');
    await Promise.all([trx('users').insert({ id }), axios.post('/hook', { id })]);
  });
}`,
      filename: 'save.js',
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { what: 'a child process (child_process)', library: 'Knex' },
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'moveBeforeTransaction',
              output: `const util = require('util');
const { exec } = require('child_process');
const axios = require('axios');
const db = require('knex')({ client: 'pg' });
const run = util.promisify(exec);
async function save(id) {
  await run('ls');
  await db.transaction(async (trx) => {
    await Promise.all([trx('users').insert({ id }), axios.post('/hook', { id })]);
  });
}`,
            },
          ],
        },
        {
          messageId: 'unrelatedAwait',
          data: { what: 'an HTTP request (axios)', library: 'Knex' },
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 82,
          suggestions: [],
        },
      ],
    },
    {
      name: 'region: fetch between `await knex.transaction()` and commit (no suggestion for regions)',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function save(id: number) {
  const trx = await db.transaction();
  await trx('users').insert({ id });
  await fetch('https://hooks.example.com/' + id);
  await trx.commit();
  await fetch('https://hooks.example.com/done');
}`,
      errors: [{ messageId: 'unrelatedAwait', line: 6, column: 3, endLine: 6, endColumn: 49, suggestions: [] }],
    },
    {
      name: 'region in try/catch: fetch before commit is reported, after the try block it is not',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function save(id: number) {
  const trx = await db.transaction();
  try {
    await trx('users').insert({ id });
    await fetch('https://hooks.example.com/' + id);
    await trx.commit();
  } catch (e) {
    await trx.rollback();
    throw e;
  }
  await fetch('https://hooks.example.com/done');
}`,
      errors: [{ messageId: 'unrelatedAwait', line: 7, column: 5, endLine: 7, endColumn: 51, suggestions: [] }],
    },
  ],
});

ruleTester.run('require-transaction-option (knex)', requireTransactionOption, {
  valid: [
    {
      name: 'Knex builders carry no transaction option: no-outer-client-in-transaction reports them',
      code: `import knex from 'knex';
const db = knex({ client: 'pg' });
export async function save() {
  await db.transaction(async (trx) => {
    await db('users').insert({});
    await trx('users').insert({});
  });
}`,
    },
  ],
  invalid: [],
});

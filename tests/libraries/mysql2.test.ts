/**
 * mysql2 (and mysql): `await conn.beginTransaction()` … `await conn.commit()` on a connection taken
 * from the pool; `pool.query()` / `pool.execute()` inside it run on another connection.
 */
import noOuterClient from '../../rules/no-outer-client-in-transaction.js';
import noUnrelatedAwait from '../../rules/no-unrelated-await-in-transaction.js';
import { untypedTester } from '../rule-tester.js';

const ruleTester = untypedTester();

ruleTester.run('no-outer-client-in-transaction (mysql2)', noOuterClient, {
  valid: [
    {
      // Two separately created clients may reach different databases: without a shared origin
      // nothing is claimed (the pool is not the one the connection came from).
      name: 'a single connection from createConnection next to an unrelated pool',
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({});
export async function save() {
  const conn = await mysql.createConnection({});
  await conn.query('START TRANSACTION');
  await pool.query('INSERT INTO t VALUES (1)');
  await conn.query('COMMIT');
}`,
    },
    {
      name: 'the documented form: every query on the connection, the pool after release',
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ host: 'localhost' });
export async function transfer(from: number, to: number) {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.execute('UPDATE accounts SET balance = balance - 1 WHERE id = ?', [from]);
    await conn.query('UPDATE accounts SET balance = balance + 1 WHERE id = ?', [to]);
    await conn.commit();
  } catch (e) {
    await conn.rollback();
    throw e;
  } finally {
    conn.release();
  }
  await pool.query('SELECT 1');
}`,
    },
    {
      name: 'the pool after commit in the same block',
      code: `import { createPool } from 'mysql2/promise';
const pool = createPool({});
export async function save() {
  const conn = await pool.getConnection();
  await conn.beginTransaction();
  await conn.execute('INSERT INTO t VALUES (1)');
  await conn.commit();
  conn.release();
  await pool.execute('SELECT count(*) FROM t');
}`,
    },
    {
      name: 'another pool created by a named import (another database)',
      code: `import { createPool } from 'mysql2/promise';
const pool = createPool({});
const reporting = createPool({ database: 'reporting' });
export async function save() {
  const conn = await pool.getConnection();
  await conn.beginTransaction();
  await reporting.execute('INSERT INTO events VALUES (1)');
  await conn.commit();
}`,
    },
    {
      name: 'lookalike: a local class with beginTransaction()/commit()/query()',
      code: `class Db {
  async beginTransaction() {}
  async commit() {}
  async rollback() {}
  async query(sql: string) { return [sql]; }
  async getConnection() { return new Db(); }
}
const pool = new Db();
export async function save() {
  const conn = await pool.getConnection();
  await conn.beginTransaction();
  await pool.query('SELECT 1');
  await conn.commit();
  await pool.query('START TRANSACTION');
  await pool.query('SELECT 1');
  await pool.query('COMMIT');
}`,
    },
    {
      name: 'lookalike: a parameter without a type, and `any`',
      code: `export async function save(conn, pool: any) {
  await conn.beginTransaction();
  await pool.query('SELECT 1');
  await pool.execute('SELECT 1');
  await conn.commit();
}`,
    },
    {
      name: 'lookalike: createPool from generic-pool',
      code: `import { createPool } from 'generic-pool';
const pool = createPool({ create: async () => ({}), destroy: async () => {} });
export async function save(conn) {
  await conn.beginTransaction();
  await pool.query('SELECT 1');
  await conn.commit();
}`,
    },
    {
      name: 'the callback API: beginTransaction(cb) opens no straight-line region',
      code: `import mysql from 'mysql';
const pool = mysql.createPool({});
export function save(conn) {
  conn.beginTransaction((err) => {
    pool.query('SELECT 1', () => conn.commit());
  });
}`,
    },
  ],
  invalid: [
    {
      name: 'pool.query() and pool.execute() inside the connection’s transaction (default import)',
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ host: 'localhost' });
export async function transfer(from: number, to: number) {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await pool.execute('UPDATE accounts SET balance = balance - 1 WHERE id = ?', [from]);
    await pool.query('UPDATE accounts SET balance = balance + 1 WHERE id = ?', [to]);
    await conn.commit();
  } catch (e) {
    await conn.rollback();
    throw e;
  } finally {
    conn.release();
  }
}`,
      errors: [
        {
          messageId: 'outerClient',
          data: { library: 'mysql2', client: 'pool', label: 'Pool' },
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 23,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'conn' },
              output: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ host: 'localhost' });
export async function transfer(from: number, to: number) {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.execute('UPDATE accounts SET balance = balance - 1 WHERE id = ?', [from]);
    await pool.query('UPDATE accounts SET balance = balance + 1 WHERE id = ?', [to]);
    await conn.commit();
  } catch (e) {
    await conn.rollback();
    throw e;
  } finally {
    conn.release();
  }
}`,
            },
          ],
        },
        {
          messageId: 'outerClient',
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'conn' },
              output: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ host: 'localhost' });
export async function transfer(from: number, to: number) {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await pool.execute('UPDATE accounts SET balance = balance - 1 WHERE id = ?', [from]);
    await conn.query('UPDATE accounts SET balance = balance + 1 WHERE id = ?', [to]);
    await conn.commit();
  } catch (e) {
    await conn.rollback();
    throw e;
  } finally {
    conn.release();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'named import createPool',
      code: `import { createPool } from 'mysql2/promise';
const pool = createPool({});
export async function save() {
  const conn = await pool.getConnection();
  await conn.beginTransaction();
  await pool.execute('INSERT INTO t VALUES (1)');
  await conn.commit();
  conn.release();
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 6,
          column: 9,
          endLine: 6,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'conn' },
              output: `import { createPool } from 'mysql2/promise';
const pool = createPool({});
export async function save() {
  const conn = await pool.getConnection();
  await conn.beginTransaction();
  await conn.execute('INSERT INTO t VALUES (1)');
  await conn.commit();
  conn.release();
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'CommonJS: require("mysql2/promise").createPool and a destructured createPool',
      code: `const mysql = require('mysql2/promise');
const { createPool } = require('mysql2/promise');
const pool = mysql.createPool({});
const other = createPool({});
async function save() {
  const conn = await pool.getConnection();
  await conn.beginTransaction();
  await pool.query('INSERT INTO t VALUES (1)');
  await conn.commit();
  const c2 = await other.getConnection();
  await c2.beginTransaction();
  await other.query('INSERT INTO t VALUES (1)');
  await c2.rollback();
}`,
      filename: 'save.js',
      errors: [
        {
          messageId: 'outerClient',
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 19,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'conn' },
              output: `const mysql = require('mysql2/promise');
const { createPool } = require('mysql2/promise');
const pool = mysql.createPool({});
const other = createPool({});
async function save() {
  const conn = await pool.getConnection();
  await conn.beginTransaction();
  await conn.query('INSERT INTO t VALUES (1)');
  await conn.commit();
  const c2 = await other.getConnection();
  await c2.beginTransaction();
  await other.query('INSERT INTO t VALUES (1)');
  await c2.rollback();
}`,
            },
          ],
        },
        {
          messageId: 'outerClient',
          line: 12,
          column: 9,
          endLine: 12,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'c2' },
              output: `const mysql = require('mysql2/promise');
const { createPool } = require('mysql2/promise');
const pool = mysql.createPool({});
const other = createPool({});
async function save() {
  const conn = await pool.getConnection();
  await conn.beginTransaction();
  await pool.query('INSERT INTO t VALUES (1)');
  await conn.commit();
  const c2 = await other.getConnection();
  await c2.beginTransaction();
  await c2.query('INSERT INTO t VALUES (1)');
  await c2.rollback();
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'callback pool turned into a promise pool with .promise(), and the mysql package',
      code: `import mysql2 from 'mysql2';
import mysql from 'mysql';
const pool = mysql2.createPool({}).promise();
const legacy = mysql.createPool({});
export async function save(conn) {
  const c = await pool.getConnection();
  await c.beginTransaction();
  await pool.execute('INSERT INTO t VALUES (1)');
  await c.commit();
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'c' },
              output: `import mysql2 from 'mysql2';
import mysql from 'mysql';
const pool = mysql2.createPool({}).promise();
const legacy = mysql.createPool({});
export async function save(conn) {
  const c = await pool.getConnection();
  await c.beginTransaction();
  await c.execute('INSERT INTO t VALUES (1)');
  await c.commit();
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a connection parameter annotated PoolConnection',
      code: `import { createPool, type PoolConnection } from 'mysql2/promise';
const pool = createPool({});
export async function save(conn: PoolConnection) {
  await conn.beginTransaction();
  await pool.query('INSERT INTO t VALUES (1)');
  await conn.commit();
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 19,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'conn' },
              output: `import { createPool, type PoolConnection } from 'mysql2/promise';
const pool = createPool({});
export async function save(conn: PoolConnection) {
  await conn.beginTransaction();
  await conn.query('INSERT INTO t VALUES (1)');
  await conn.commit();
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'pool.query("START TRANSACTION") followed by another pool query',
      code: `import { createPool } from 'mysql2/promise';
const pool = createPool({});
export async function save() {
  await pool.query('START TRANSACTION');
  await pool.query('INSERT INTO t VALUES (1)');
  await pool.query('INSERT INTO t VALUES (2)');
  await pool.query('COMMIT');
}`,
      errors: [
        {
          messageId: 'poolTransaction',
          data: { begin: "pool.query('START TRANSACTION')", client: 'pool', queries: 'each of the 2 `pool` queries', they: 'they are', checkout: 'getConnection' },
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 40,
        },
      ],
    },
    {
      name: 'a local helper that queries through the pool',
      code: `import { createPool } from 'mysql2/promise';
const pool = createPool({});
const audit = async (action: string) => pool.execute('INSERT INTO audit VALUES (?)', [action]);
export async function save() {
  const conn = await pool.getConnection();
  await conn.beginTransaction();
  await audit('save');
  await conn.commit();
}`,
      errors: [
        {
          messageId: 'outerClientInHelper',
          data: { helper: 'audit', library: 'mysql2', client: 'pool' },
          line: 7,
          column: 9,
          endLine: 7,
          endColumn: 14,
        },
      ],
    },
  ],
});

ruleTester.run('no-unrelated-await-in-transaction (mysql2)', noUnrelatedAwait, {
  valid: [
    {
      name: 'queries on the connection, and I/O after commit',
      code: `import { createPool } from 'mysql2/promise';
import { setTimeout as sleep } from 'node:timers/promises';
const pool = createPool({});
export async function save() {
  const conn = await pool.getConnection();
  await conn.beginTransaction();
  const [rows] = await conn.execute('SELECT * FROM t');
  await Promise.all([conn.query('UPDATE t SET a = 1'), conn.query('UPDATE t SET b = 2')]);
  await conn.commit();
  await sleep(100);
  await fetch('https://hooks.example.com');
  conn.release();
}`,
    },
    {
      name: 'lookalike: fetch inside a local class transaction',
      code: `class Db { async beginTransaction() {} async commit() {} }
export async function save() {
  const conn = new Db();
  await conn.beginTransaction();
  await fetch('https://example.com');
  await conn.commit();
}`,
    },
  ],
  invalid: [
    {
      name: 'HTTP, redis and a child process between beginTransaction() and commit()',
      code: `import { createPool } from 'mysql2/promise';
import { createClient } from 'redis';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
const pool = createPool({});
const redis = createClient();
const run = promisify(execFile);
export async function save(id: number) {
  const conn = await pool.getConnection();
  await conn.beginTransaction();
  await conn.execute('UPDATE users SET seen = 1 WHERE id = ?', [id]);
  await fetch('https://hooks.example.com/' + id);
  await redis.set('user:' + id, '1');
  await run('thumbnail', [String(id)]);
  await conn.commit();
  conn.release();
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { what: 'an HTTP request (fetch)', library: 'mysql2' },
          line: 12,
          column: 3,
          endLine: 12,
          endColumn: 49,
          suggestions: [],
        },
        {
          messageId: 'unrelatedAwait',
          data: { what: 'a cache (redis)', library: 'mysql2' },
          line: 13,
          column: 3,
          endLine: 13,
          endColumn: 37,
          suggestions: [],
        },
        {
          messageId: 'unrelatedAwait',
          data: { what: 'a child process (node:child_process)', library: 'mysql2' },
          line: 14,
          column: 3,
          endLine: 14,
          endColumn: 39,
          suggestions: [],
        },
      ],
    },
  ],
});

/**
 * node-postgres: a transaction is `BEGIN` … `COMMIT` on one checked-out client
 * (`const client = await pool.connect()`); `pool.query()` inside it runs on another connection, and
 * `pool.query('BEGIN')` itself starts a transaction that the next `pool.query()` may not be part of.
 */
import noOuterClient from '../../rules/no-outer-client-in-transaction.js';
import noUnrelatedAwait from '../../rules/no-unrelated-await-in-transaction.js';
import { untypedTester } from '../rule-tester.js';

const ruleTester = untypedTester();

ruleTester.run('no-outer-client-in-transaction (pg)', noOuterClient, {
  valid: [
    {
      name: 'the documented form: every query on the checked-out client, the pool after release',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function transfer(from: number, to: number) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE accounts SET balance = balance - 1 WHERE id = $1', [from]);
    await client.query('UPDATE accounts SET balance = balance + 1 WHERE id = $1', [to]);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    client.release();
  }
  await pool.query('SELECT 1');
}`,
    },
    {
      name: 'the pool after COMMIT in the same block, and lower-case begin/commit',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function save() {
  const client = await pool.connect();
  await client.query('begin');
  await client.query('INSERT INTO t VALUES (1)');
  await client.query('commit');
  client.release();
  await pool.query('SELECT count(*) FROM t');
}`,
    },
    {
      name: 'ROLLBACK TO SAVEPOINT does not end the transaction; savepoints run on the client',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function save() {
  const client = await pool.connect();
  await client.query('BEGIN');
  await client.query('SAVEPOINT s1');
  await client.query('ROLLBACK TO SAVEPOINT s1');
  await client.query('INSERT INTO t VALUES (1)');
  await client.query('COMMIT');
  client.release();
}`,
    },
    {
      name: 'another pool (another database) inside the transaction',
      code: `import { Pool } from 'pg';
const pool = new Pool();
const reporting = new Pool({ connectionString: process.env.REPORTING_URL });
export async function save() {
  const client = await pool.connect();
  await client.query('BEGIN');
  await reporting.query('INSERT INTO events VALUES (1)');
  await client.query('COMMIT');
  client.release();
}`,
    },
    {
      name: 'a standalone Client transaction and a separate pool',
      code: `import pg from 'pg';
const pool = new pg.Pool();
export async function save() {
  const client = new pg.Client();
  await client.connect();
  await client.query('BEGIN');
  await pool.query('SELECT 1');
  await client.query('COMMIT');
  await client.end();
}`,
    },
    {
      name: 'pool.query without BEGIN, and BEGIN/COMMIT with nothing between',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function save() {
  await pool.query('INSERT INTO t VALUES (1)');
  await pool.query('INSERT INTO t VALUES (2)');
  await pool.query('BEGIN');
  await pool.query('COMMIT');
}`,
    },
    {
      name: 'lookalike: BEGIN on an unknown client (parameter without type, any)',
      code: `export async function save(client, db: any, pool) {
  await client.query('BEGIN');
  await pool.query('INSERT INTO t VALUES (1)');
  await client.query('COMMIT');
  await db.query('BEGIN');
  await db.query('INSERT INTO t VALUES (1)');
  await db.query('COMMIT');
}`,
    },
    {
      name: 'lookalike: Pool imported from generic-pool',
      code: `import { Pool } from 'generic-pool';
const pool = new Pool({ create: async () => ({}), destroy: async () => {} });
export async function save() {
  const client = await pool.connect();
  await client.query('BEGIN');
  await pool.query('SELECT 1');
  await client.query('COMMIT');
  await pool.query('BEGIN');
  await pool.query('SELECT 1');
  await pool.query('COMMIT');
}`,
    },
    {
      name: 'lookalike: a plain object named pool and a local class with query()',
      code: `class Connection {
  async query(sql: string) { return { rows: [sql] }; }
  release() {}
}
const pool = {
  query: async (sql: string) => ({ rows: [sql] }),
  connect: async () => new Connection(),
};
export async function save() {
  const client = await pool.connect();
  await client.query('BEGIN');
  await pool.query('SELECT 1');
  await client.query('COMMIT');
  await pool.query('BEGIN');
  await pool.query('SELECT 1');
  await pool.query('COMMIT');
}`,
    },
    {
      name: 'lookalike: an HTTP client and a Map with query()/get()',
      code: `import got from 'got';
import { Pool } from 'pg';
const pool = new Pool();
const search = got.extend({ prefixUrl: 'https://search.example.com' });
const cache = new Map<string, string>();
export async function save() {
  const client = await pool.connect();
  await client.query('BEGIN');
  cache.get('user:1');
  await client.query('COMMIT');
  client.release();
  await search.query('BEGIN');
}`,
    },
    {
      name: 'lookalike: a GraphQL client query() inside the transaction',
      code: `import { ApolloClient, gql } from '@apollo/client';
import { Pool } from 'pg';
const pool = new Pool();
const client = new ApolloClient({ uri: 'https://api.example.com/graphql' });
export async function save() {
  const db = await pool.connect();
  await db.query('BEGIN');
  const { data } = await client.query({ query: gql\`{ me { id } }\` });
  await db.query('INSERT INTO t VALUES ($1)', [data.me.id]);
  await db.query('COMMIT');
  db.release();
}`,
    },
  ],
  invalid: [
    {
      name: 'pool.query() inside the client’s transaction',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function transfer(from: number, to: number) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE accounts SET balance = balance - 1 WHERE id = $1', [from]);
    await pool.query('UPDATE accounts SET balance = balance + 1 WHERE id = $1', [to]);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'outerClient',
          data: { library: 'pg', client: 'pool', label: 'Pool' },
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'client' },
              output: `import { Pool } from 'pg';
const pool = new Pool();
export async function transfer(from: number, to: number) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE accounts SET balance = balance - 1 WHERE id = $1', [from]);
    await client.query('UPDATE accounts SET balance = balance + 1 WHERE id = $1', [to]);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    client.release();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'pool.query("BEGIN") followed by more pool queries: reported once, at BEGIN',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function transfer(from: number, to: number) {
  await pool.query('BEGIN');
  await pool.query('UPDATE accounts SET balance = balance - 1 WHERE id = $1', [from]);
  await pool.query('UPDATE accounts SET balance = balance + 1 WHERE id = $1', [to]);
  await pool.query('COMMIT');
  await pool.query('SELECT 1');
}`,
      errors: [
        {
          messageId: 'poolTransaction',
          data: { begin: "pool.query('BEGIN')", client: 'pool', queries: 'each of the 2 `pool` queries', they: 'they are', checkout: 'connect' },
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 28,
        },
      ],
    },
    {
      name: 'pg default import, namespace import and pg-pool',
      code: `import pg from 'pg';
import * as pgNs from 'pg';
import PgPool from 'pg-pool';
const a = new pg.Pool();
const b = new pgNs.Pool();
const c = new PgPool();
export async function save() {
  const ca = await a.connect();
  await ca.query('BEGIN');
  await a.query('SELECT 1');
  await ca.query('COMMIT');
  const cb = await b.connect();
  await cb.query('START TRANSACTION');
  await b.query('SELECT 1');
  await cb.query('END');
  const cc = await c.connect();
  await cc.query('BEGIN');
  await c.query('SELECT 1');
  await cc.query('COMMIT');
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 10,
          column: 9,
          endLine: 10,
          endColumn: 16,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'ca' },
              output: `import pg from 'pg';
import * as pgNs from 'pg';
import PgPool from 'pg-pool';
const a = new pg.Pool();
const b = new pgNs.Pool();
const c = new PgPool();
export async function save() {
  const ca = await a.connect();
  await ca.query('BEGIN');
  await ca.query('SELECT 1');
  await ca.query('COMMIT');
  const cb = await b.connect();
  await cb.query('START TRANSACTION');
  await b.query('SELECT 1');
  await cb.query('END');
  const cc = await c.connect();
  await cc.query('BEGIN');
  await c.query('SELECT 1');
  await cc.query('COMMIT');
}`,
            },
          ],
        },
        {
          messageId: 'outerClient',
          line: 14,
          column: 9,
          endLine: 14,
          endColumn: 16,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'cb' },
              output: `import pg from 'pg';
import * as pgNs from 'pg';
import PgPool from 'pg-pool';
const a = new pg.Pool();
const b = new pgNs.Pool();
const c = new PgPool();
export async function save() {
  const ca = await a.connect();
  await ca.query('BEGIN');
  await a.query('SELECT 1');
  await ca.query('COMMIT');
  const cb = await b.connect();
  await cb.query('START TRANSACTION');
  await cb.query('SELECT 1');
  await cb.query('END');
  const cc = await c.connect();
  await cc.query('BEGIN');
  await c.query('SELECT 1');
  await cc.query('COMMIT');
}`,
            },
          ],
        },
        {
          messageId: 'outerClient',
          line: 18,
          column: 9,
          endLine: 18,
          endColumn: 16,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'cc' },
              output: `import pg from 'pg';
import * as pgNs from 'pg';
import PgPool from 'pg-pool';
const a = new pg.Pool();
const b = new pgNs.Pool();
const c = new PgPool();
export async function save() {
  const ca = await a.connect();
  await ca.query('BEGIN');
  await a.query('SELECT 1');
  await ca.query('COMMIT');
  const cb = await b.connect();
  await cb.query('START TRANSACTION');
  await b.query('SELECT 1');
  await cb.query('END');
  const cc = await c.connect();
  await cc.query('BEGIN');
  await cc.query('SELECT 1');
  await cc.query('COMMIT');
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'CommonJS: const { Pool } = require("pg")',
      code: `const { Pool } = require('pg');
const pool = new Pool();
module.exports = async function handler(req, res) {
  const client = await pool.connect();
  await client.query('BEGIN');
  const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [req.params.id]);
  await client.query('COMMIT');
  client.release();
  res.json(rows);
};`,
      filename: 'handler.cjs',
      errors: [
        {
          messageId: 'outerClient',
          line: 6,
          column: 26,
          endLine: 6,
          endColumn: 36,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'client' },
              output: `const { Pool } = require('pg');
const pool = new Pool();
module.exports = async function handler(req, res) {
  const client = await pool.connect();
  await client.query('BEGIN');
  const { rows } = await client.query('SELECT * FROM users WHERE id = $1', [req.params.id]);
  await client.query('COMMIT');
  client.release();
  res.json(rows);
};`,
            },
          ],
        },
      ],
    },
    {
      name: 'CommonJS: pool.query("BEGIN") through require("pg").Pool',
      code: `const pg = require('pg');
const pool = new pg.Pool();
async function save() {
  await pool.query('BEGIN');
  await pool.query('INSERT INTO t VALUES (1)');
  await pool.query('COMMIT');
}`,
      filename: 'save.js',
      errors: [
        {
          messageId: 'poolTransaction',
          data: { begin: "pool.query('BEGIN')", client: 'pool', queries: 'the `pool` query', they: 'it is', checkout: 'connect' },
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 28,
        },
      ],
    },
    {
      name: 'a PoolClient parameter annotated with its type, and the pool in a class field',
      code: `import { Pool, type PoolClient } from 'pg';
export class Accounts {
  private readonly pool = new Pool();
  async debit(client: PoolClient, id: number) {
    await client.query('BEGIN');
    await this.pool.query('UPDATE accounts SET balance = balance - 1 WHERE id = $1', [id]);
    await client.query('COMMIT');
  }
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'client' },
              output: `import { Pool, type PoolClient } from 'pg';
export class Accounts {
  private readonly pool = new Pool();
  async debit(client: PoolClient, id: number) {
    await client.query('BEGIN');
    await client.query('UPDATE accounts SET balance = balance - 1 WHERE id = $1', [id]);
    await client.query('COMMIT');
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a constructor-injected Pool and an alias of it',
      code: `import { Pool } from 'pg';
export class Orders {
  constructor(private readonly pool: Pool) {}
  async place(id: number) {
    const db = this.pool;
    const client = await this.pool.connect();
    await client.query('BEGIN');
    await db.query('INSERT INTO orders VALUES ($1)', [id]);
    await client.query('COMMIT');
    client.release();
  }
}`,
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
              data: { replacement: 'client' },
              output: `import { Pool } from 'pg';
export class Orders {
  constructor(private readonly pool: Pool) {}
  async place(id: number) {
    const db = this.pool;
    const client = await this.pool.connect();
    await client.query('BEGIN');
    await client.query('INSERT INTO orders VALUES ($1)', [id]);
    await client.query('COMMIT');
    client.release();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a local helper that queries through the pool',
      code: `import { Pool } from 'pg';
const pool = new Pool();
async function audit(action: string) {
  await pool.query('INSERT INTO audit (action) VALUES ($1)', [action]);
}
export async function save() {
  const client = await pool.connect();
  await client.query('BEGIN');
  await client.query('INSERT INTO t VALUES (1)');
  await audit('insert');
  await client.query('COMMIT');
  client.release();
}`,
      errors: [
        {
          messageId: 'outerClientInHelper',
          data: { helper: 'audit', library: 'pg', client: 'pool' },
          line: 10,
          column: 9,
          endLine: 10,
          endColumn: 14,
        },
      ],
    },
  ],
});

ruleTester.run('no-unrelated-await-in-transaction (pg)', noUnrelatedAwait, {
  valid: [
    {
      name: 'queries on the client, and I/O after COMMIT and after release',
      code: `import { Pool } from 'pg';
import axios from 'axios';
const pool = new Pool();
export async function save(id: number) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query('SELECT * FROM users WHERE id = $1', [id]);
    await client.query('COMMIT');
    await axios.post('https://hooks.example.com', rows);
  } finally {
    client.release();
  }
  await fetch('https://hooks.example.com/done');
}`,
    },
    {
      name: 'lookalike: BEGIN on an unknown client',
      code: `export async function save(client) {
  await client.query('BEGIN');
  await fetch('https://example.com');
  await client.query('COMMIT');
}`,
    },
  ],
  invalid: [
    {
      name: 'HTTP, a timer and a queue between BEGIN and COMMIT (regions get no suggestion)',
      code: `import { Pool } from 'pg';
import axios from 'axios';
import { Queue } from 'bullmq';
const pool = new Pool();
const queue = new Queue('mail');
export async function save(id: number) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE users SET seen = true WHERE id = $1', [id]);
    await axios.post('https://hooks.example.com', { id });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await queue.add('welcome', { id });
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { what: 'an HTTP request (axios)', library: 'pg' },
          line: 11,
          column: 5,
          endLine: 11,
          endColumn: 58,
          suggestions: [],
        },
        {
          messageId: 'unrelatedAwait',
          data: { what: 'a timer (setTimeout)', library: 'pg' },
          line: 12,
          column: 5,
          endLine: 12,
          endColumn: 61,
          suggestions: [],
        },
        {
          messageId: 'unrelatedAwait',
          data: { what: 'a message queue (bullmq)', library: 'pg' },
          line: 13,
          column: 5,
          endLine: 13,
          endColumn: 39,
          suggestions: [],
        },
      ],
    },
  ],
});

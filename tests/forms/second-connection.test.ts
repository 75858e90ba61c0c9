/**
 * A second connection checked out of the pool inside a transaction: the transaction holds one
 * connection and waits for another from the same pool. mysql2 / mysql (`pool.getConnection()` inside
 * `conn.beginTransaction()` … `commit()`), pg (`pool.connect()` inside `BEGIN` … `COMMIT`), pools held
 * as class fields, and clients built on that pool (`drizzle(pool)`, `drizzle({ client: pool })`,
 * Kysely's `PostgresDialect({ pool })`, Prisma's `PrismaPg(pool)` adapter) whose transaction callbacks
 * check out or query the pool directly. The checkout is reported (no suggestion: the handle offers no
 * checkout), and so is each query on the second connection (the region's own connection suggested
 * where the APIs match).
 */
import path from 'node:path';

import type { InvalidTestCase, RuleTester, ValidTestCase } from '@typescript-eslint/rule-tester';

import noOuterClient from '../../rules/no-outer-client-in-transaction.js';
import type { MessageId, Options } from '../../rules/no-outer-client-in-transaction.js';
import { fixturesDir, typedTester, untypedTester } from '../rule-tester.js';

/** A real file: typed runs need the linted file inside the fixtures project. */
const orders = path.join(fixturesDir, 'forms', 'orders.ts');

untypedTester().run('no-outer-client-in-transaction: a second connection from the pool', noOuterClient, {
  valid: [
    {
      name: 'mysql2: a different pool checked out inside the transaction',
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({});
const reporting = mysql.createPool({ database: 'reporting' });
export async function save(id: number) {
  const conn = await pool.getConnection();
  await conn.beginTransaction();
  await conn.execute('INSERT INTO t VALUES (?)', [id]);
  const other = await reporting.getConnection();
  await other.execute('INSERT INTO events VALUES (?)', [id]);
  other.release();
  await conn.commit();
  conn.release();
}`,
    },
    {
      name: 'pg: a different pool’s connect() and connect().then() inside the transaction',
      code: `import { Pool } from 'pg';
const pool = new Pool();
const analytics = new Pool({ connectionString: process.env.ANALYTICS_URL });
export async function save(id: number) {
  const client = await pool.connect();
  await client.query('BEGIN');
  const other = await analytics.connect();
  await other.query('INSERT INTO events VALUES ($1)', [id]);
  other.release();
  await analytics.connect().then((c) => c.query('SELECT 1'));
  await client.query('COMMIT');
  client.release();
}`,
    },
    {
      name: 'mysql2: the second connection checked out after commit()',
      code: `import { createPool } from 'mysql2/promise';
const pool = createPool({});
export async function save(id: number) {
  const conn = await pool.getConnection();
  await conn.beginTransaction();
  await conn.execute('INSERT INTO t VALUES (?)', [id]);
  await conn.commit();
  conn.release();
  const audit = await pool.getConnection();
  await audit.execute('INSERT INTO audit VALUES (?)', [id]);
  audit.release();
}`,
    },
    {
      name: 'pg: connections checked out before BEGIN and after COMMIT',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function save(id: number) {
  const client = await pool.connect();
  const before = await pool.connect();
  await before.query('SELECT 1');
  before.release();
  try {
    await client.query('BEGIN');
    await client.query('INSERT INTO t VALUES ($1)', [id]);
    await client.query('COMMIT');
  } finally {
    client.release();
  }
  const after = await pool.connect();
  await after.query('INSERT INTO audit VALUES ($1)', [id]);
  after.release();
  return pool.connect().then((c) => c.query('SELECT 1'));
}`,
    },
    {
      name: 'pg: a connection checked out after ROLLBACK in the catch block',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function save(id: number) {
  const client = await pool.connect();
  await client.query('BEGIN');
  try {
    await client.query('INSERT INTO t VALUES ($1)', [id]);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    const log = await pool.connect();
    await log.query('INSERT INTO errors VALUES ($1)', [String(e)]);
    log.release();
    throw e;
  } finally {
    client.release();
  }
}`,
    },
    {
      name: 'mysql2: every query on the region’s own connection',
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({});
export async function transfer(from: number, to: number) {
  const conn = await pool.getConnection();
  await conn.beginTransaction();
  await conn.execute('UPDATE accounts SET balance = balance - 1 WHERE id = ?', [from]);
  await conn.query('UPDATE accounts SET balance = balance + 1 WHERE id = ?', [to]);
  const [rows] = await conn.query('SELECT * FROM accounts WHERE id IN (?, ?)', [from, to]);
  await conn.commit();
  conn.release();
  return rows;
}`,
    },
    {
      name: 'lookalikes: connect()/getConnection() on a local registry, redis, node:net and MongoDB',
      code: `import net from 'node:net';
import { MongoClient } from 'mongodb';
import { Pool } from 'pg';
import { createClient } from 'redis';
class Registry {
  async getConnection() { return { query: async (q: string) => q, release() {} }; }
  async connect() { return this; }
}
const registry = new Registry();
const redis = createClient();
const mongo = new MongoClient('mongodb://localhost');
const pool = new Pool();
export async function save(id: number) {
  const client = await pool.connect();
  await client.query('BEGIN');
  const conn = await registry.getConnection();
  await conn.query('lookup');
  await registry.connect();
  await redis.connect();
  await mongo.connect();
  net.connect(6379, 'localhost');
  await client.query('INSERT INTO t VALUES ($1)', [id]);
  await client.query('COMMIT');
  client.release();
}`,
    },
    {
      name: 'drizzle(pool): another pool’s connect() and query() inside the transaction, this pool after it',
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
import { orders } from './schema';
const pool = new Pool();
const reporting = new Pool({ connectionString: process.env.REPORTING_URL });
const db = drizzle(pool);
export async function place(id: number) {
  await db.transaction(async (tx) => {
    await tx.insert(orders).values({ id });
    await reporting.query('INSERT INTO events VALUES ($1)', [id]);
    const c = await reporting.connect();
    c.release();
  });
  const client = await pool.connect();
  await client.query('SELECT 1');
  client.release();
}`,
    },
    {
      name: 'drizzle built from a URL or a connection option: a separate pool inside its transaction',
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
const pool = new Pool();
const db = drizzle(process.env.DATABASE_URL!);
const other = drizzle({ connection: { connectionString: process.env.DATABASE_URL } });
export async function place(id: number) {
  await db.transaction(async (tx) => {
    await pool.query('INSERT INTO audit VALUES ($1)', [id]);
    const c = await pool.connect();
    c.release();
  });
  await other.transaction(async (tx) => {
    await pool.query('INSERT INTO audit VALUES ($1)', [id]);
  });
}`,
    },
    {
      name: 'Kysely on one pool, another pool inside its transaction',
      code: `import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
const pool = new Pool();
const archive = new Pool();
const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
export async function place(id: number) {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('orders').values({ id }).execute();
    await archive.query('INSERT INTO audit VALUES ($1)', [id]);
  });
}`,
    },
    {
      name: 'Prisma on one pool’s adapter with another pool inside; Prisma without an adapter and a pg pool',
      code: `import { PrismaClient } from '@prisma/client';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
const pool = new Pool();
const legacy = new Pool();
const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
const plain = new PrismaClient();
export async function place(id: number) {
  await prisma.$transaction(async (tx) => {
    await tx.order.create({ data: { id } });
    await legacy.query('INSERT INTO audit VALUES ($1)', [id]);
  });
  await plain.$transaction(async (tx) => {
    await tx.order.create({ data: { id } });
    await pool.query('INSERT INTO audit VALUES ($1)', [id]);
  });
}`,
    },
    {
      name: 'class fields: two pools, the other one checked out inside the transaction',
      code: `import { Pool } from 'pg';
export class Accounts {
  private readonly pool = new Pool();
  private readonly reporting = new Pool();
  async transfer(to: number) {
    const client = await this.pool.connect();
    await client.query('BEGIN');
    const r = await this.reporting.connect();
    await r.query('INSERT INTO events VALUES ($1)', [to]);
    r.release();
    await client.query('COMMIT');
    client.release();
    const after = await this.pool.connect();
    after.release();
  }
}`,
    },
    {
      name: 'a Drizzle database on another pool queried inside a pg BEGIN…COMMIT',
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
import { orders } from './schema';
const pool = new Pool();
const db = drizzle(new Pool());
export async function place(id: number) {
  const client = await pool.connect();
  await client.query('BEGIN');
  await db.insert(orders).values({ id });
  await client.query('COMMIT');
  client.release();
}`,
    },
    {
      name: 'class fields declared with a type, assigned in the constructor: the other pool checked out inside',
      code: `import { Pool } from 'pg';
export class Accounts {
  private readonly pool: Pool;
  private readonly reporting: Pool;
  constructor() {
    this.pool = new Pool();
    this.reporting = new Pool();
  }
  async transfer(to: number) {
    const client = await this.pool.connect();
    await client.query('BEGIN');
    const r = await this.reporting.connect();
    await r.query('INSERT INTO events VALUES ($1)', [to]);
    r.release();
    await client.query('COMMIT');
    client.release();
  }
}`,
    },
    {
      name: 'class fields assigned in the constructor: drizzle(this.pool) and the other pool inside its transaction',
      code: `import { drizzle, NodePgDatabase } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
import { orders } from './schema';
export class Orders {
  private readonly pool: Pool;
  private readonly reporting: Pool;
  private readonly db: NodePgDatabase;
  constructor() {
    this.pool = new Pool();
    this.reporting = new Pool();
    this.db = drizzle(this.pool);
  }
  async place(id: number) {
    await this.db.transaction(async (tx) => {
      await tx.insert(orders).values({ id });
      const r = await this.reporting.connect();
      r.release();
    });
  }
}`,
    },
  ],
  invalid: [
    {
      name: 'mysql2: a second connection checked out inside beginTransaction()…commit(), and a query on it',
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ host: 'localhost' });
export async function transfer(from: number, to: number) {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.execute('UPDATE accounts SET balance = balance - 1 WHERE id = ?', [from]);
    const audit = await pool.getConnection();
    await audit.execute('INSERT INTO audit (account) VALUES (?)', [to]);
    audit.release();
    await conn.commit();
  } finally {
    conn.release();
  }
}`,
      errors: [
        {
          messageId: 'secondConnection',
          data: { call: 'pool.getConnection()', library: 'mysql2' },
          line: 8,
          column: 25,
          endLine: 8,
          endColumn: 43,
          suggestions: [],
        },
        {
          messageId: 'outerClient',
          data: { library: 'mysql2', client: 'audit', label: 'Connection' },
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 24,
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
    const audit = await pool.getConnection();
    await conn.execute('INSERT INTO audit (account) VALUES (?)', [to]);
    audit.release();
    await conn.commit();
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
      name: 'mysql2: a second connection checked out and released without a query',
      code: `import { createPool } from 'mysql2/promise';
const pool = createPool({});
export async function save() {
  const conn = await pool.getConnection();
  await conn.beginTransaction();
  const other = await pool.getConnection();
  other.release();
  await conn.commit();
  conn.release();
}`,
      errors: [
        {
          messageId: 'secondConnection',
          line: 6,
          column: 23,
          endLine: 6,
          endColumn: 41,
          suggestions: [],
        },
      ],
    },
    {
      name: 'mysql2: one connection per item checked out inside the transaction',
      code: `import { createPool } from 'mysql2/promise';
const pool = createPool({});
export async function save(ids: number[]) {
  const conn = await pool.getConnection();
  await conn.beginTransaction();
  const conns = await Promise.all(ids.map(() => pool.getConnection()));
  await conn.commit();
  conn.release();
  return conns;
}`,
      errors: [
        {
          messageId: 'secondConnection',
          line: 6,
          column: 49,
          endLine: 6,
          endColumn: 67,
          suggestions: [],
        },
      ],
    },
    {
      name: 'pg: pool.connect() between BEGIN and COMMIT, and a query on that second client',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function transfer(from: number, to: number) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE accounts SET balance = balance - 1 WHERE id = $1', [from]);
    const second = await pool.connect();
    await second.query('INSERT INTO audit (account) VALUES ($1)', [to]);
    second.release();
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'secondConnection',
          data: { call: 'pool.connect()', library: 'pg' },
          line: 8,
          column: 26,
          endLine: 8,
          endColumn: 38,
          suggestions: [],
        },
        {
          messageId: 'outerClient',
          data: { library: 'pg', client: 'second', label: 'PoolClient' },
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 23,
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
    const second = await pool.connect();
    await client.query('INSERT INTO audit (account) VALUES ($1)', [to]);
    second.release();
    await client.query('COMMIT');
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
      name: 'pg: pool.connect().then((c) => c.query(...)) inside the transaction',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function save(id: number) {
  const client = await pool.connect();
  await client.query('BEGIN');
  await pool.connect().then((c) => c.query('INSERT INTO audit VALUES ($1)', [id]));
  await client.query('COMMIT');
  client.release();
}`,
      errors: [
        {
          messageId: 'secondConnection',
          line: 6,
          column: 9,
          endLine: 6,
          endColumn: 21,
          suggestions: [],
        },
        {
          messageId: 'outerClient',
          line: 6,
          column: 36,
          endLine: 6,
          endColumn: 43,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'client' },
              output: `import { Pool } from 'pg';
const pool = new Pool();
export async function save(id: number) {
  const client = await pool.connect();
  await client.query('BEGIN');
  await pool.connect().then((c) => client.query('INSERT INTO audit VALUES ($1)', [id]));
  await client.query('COMMIT');
  client.release();
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'pg: a then-callback with a block body that queries and releases the second client',
      code: `import pg from 'pg';
const pool = new pg.Pool();
export async function save(id: number) {
  const client = await pool.connect();
  await client.query('BEGIN');
  const rows = await pool.connect().then(async (c) => {
    try {
      return await c.query('SELECT * FROM t WHERE id = $1', [id]);
    } finally {
      c.release();
    }
  });
  await client.query('COMMIT');
  client.release();
  return rows;
}`,
      errors: [
        {
          messageId: 'secondConnection',
          line: 6,
          column: 22,
          endLine: 6,
          endColumn: 34,
          suggestions: [],
        },
        {
          messageId: 'outerClient',
          line: 8,
          column: 20,
          endLine: 8,
          endColumn: 27,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'client' },
              output: `import pg from 'pg';
const pool = new pg.Pool();
export async function save(id: number) {
  const client = await pool.connect();
  await client.query('BEGIN');
  const rows = await pool.connect().then(async (c) => {
    try {
      return await client.query('SELECT * FROM t WHERE id = $1', [id]);
    } finally {
      c.release();
    }
  });
  await client.query('COMMIT');
  client.release();
  return rows;
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'the mysql package: pool.getConnection(callback) inside a transaction on a PoolConnection',
      code: `import mysql from 'mysql';
const pool = mysql.createPool({});
export async function save(conn: mysql.PoolConnection, id: number) {
  await conn.beginTransaction();
  pool.getConnection((err, other) => {
    other.query('INSERT INTO audit VALUES (?)', [id]);
  });
  await conn.commit();
}`,
      errors: [
        {
          messageId: 'secondConnection',
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 21,
          suggestions: [],
        },
      ],
    },
    {
      name: 'mysql2: the pool as a class field (this.pool)',
      code: `import mysql from 'mysql2/promise';
export class Accounts {
  private pool = mysql.createPool({});
  async transfer(from: number, to: number) {
    const conn = await this.pool.getConnection();
    await conn.beginTransaction();
    const other = await this.pool.getConnection();
    await other.query('UPDATE accounts SET balance = balance + 1 WHERE id = ?', [to]);
    await conn.commit();
    conn.release();
  }
}`,
      errors: [
        {
          messageId: 'secondConnection',
          data: { call: 'this.pool.getConnection()', library: 'mysql2' },
          line: 7,
          column: 25,
          endLine: 7,
          endColumn: 48,
          suggestions: [],
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
              data: { replacement: 'conn' },
              output: `import mysql from 'mysql2/promise';
export class Accounts {
  private pool = mysql.createPool({});
  async transfer(from: number, to: number) {
    const conn = await this.pool.getConnection();
    await conn.beginTransaction();
    const other = await this.pool.getConnection();
    await conn.query('UPDATE accounts SET balance = balance + 1 WHERE id = ?', [to]);
    await conn.commit();
    conn.release();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'pg: a constructor-injected pool (this.pool)',
      code: `import { Pool } from 'pg';
export class Accounts {
  constructor(private readonly pool: Pool) {}
  async transfer(to: number) {
    const client = await this.pool.connect();
    await client.query('BEGIN');
    const second = await this.pool.connect();
    await second.query('UPDATE accounts SET balance = balance + 1 WHERE id = $1', [to]);
    await client.query('COMMIT');
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'secondConnection',
          line: 7,
          column: 26,
          endLine: 7,
          endColumn: 43,
          suggestions: [],
        },
        {
          messageId: 'outerClient',
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 23,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'client' },
              output: `import { Pool } from 'pg';
export class Accounts {
  constructor(private readonly pool: Pool) {}
  async transfer(to: number) {
    const client = await this.pool.connect();
    await client.query('BEGIN');
    const second = await this.pool.connect();
    await client.query('UPDATE accounts SET balance = balance + 1 WHERE id = $1', [to]);
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
      name: 'pg: a pool assigned in the constructor of a JavaScript class',
      filename: 'accounts.js',
      code: `const { Pool } = require('pg');
class Accounts {
  constructor() {
    this.pool = new Pool();
  }
  async transfer(to) {
    const client = await this.pool.connect();
    await client.query('BEGIN');
    const other = await this.pool.connect();
    await other.query('UPDATE accounts SET balance = balance + 1 WHERE id = $1', [to]);
    await client.query('COMMIT');
    client.release();
  }
}
module.exports = { Accounts };`,
      errors: [
        {
          messageId: 'secondConnection',
          line: 9,
          column: 25,
          endLine: 9,
          endColumn: 42,
          suggestions: [],
        },
        {
          messageId: 'outerClient',
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 22,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'client' },
              output: `const { Pool } = require('pg');
class Accounts {
  constructor() {
    this.pool = new Pool();
  }
  async transfer(to) {
    const client = await this.pool.connect();
    await client.query('BEGIN');
    const other = await this.pool.connect();
    await client.query('UPDATE accounts SET balance = balance + 1 WHERE id = $1', [to]);
    await client.query('COMMIT');
    client.release();
  }
}
module.exports = { Accounts };`,
            },
          ],
        },
      ],
    },
    {
      name: 'drizzle(pool) (node-postgres): pool.connect() and pool.query() inside db.transaction()',
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
import { orders } from './schema';
const pool = new Pool();
const db = drizzle(pool);
export async function place(id: number) {
  await db.transaction(async (tx) => {
    await tx.insert(orders).values({ id });
    const client = await pool.connect();
    await client.query('INSERT INTO audit VALUES ($1)', [id]);
    client.release();
    await pool.query('UPDATE stats SET n = n + 1');
  });
}`,
      errors: [
        {
          messageId: 'secondConnection',
          data: { call: 'pool.connect()', library: 'pg' },
          line: 9,
          column: 26,
          endLine: 9,
          endColumn: 38,
          suggestions: [],
        },
        {
          messageId: 'outerClient',
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 23,
          suggestions: [],
        },
        {
          messageId: 'outerClient',
          line: 12,
          column: 11,
          endLine: 12,
          endColumn: 21,
          suggestions: [],
        },
      ],
    },
    {
      name: 'drizzle({ client: pool }) (node-postgres): pool.query() inside db.transaction()',
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
import { orders } from './schema';
const pool = new Pool({ connectionString: process.env.DATABASE_URL });
export const db = drizzle({ client: pool });
export async function place(id: number) {
  await db.transaction(async (tx) => {
    await tx.insert(orders).values({ id });
    await pool.query('INSERT INTO audit VALUES ($1)', [id]);
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 21,
          suggestions: [],
        },
      ],
    },
    {
      name: 'drizzle({ client: pool }) (mysql2): pool.getConnection() and a query on it inside db.transaction()',
      code: `import { drizzle } from 'drizzle-orm/mysql2';
import mysql from 'mysql2/promise';
import { orders } from './schema';
const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
const db = drizzle({ client: pool });
export async function place(id: number) {
  await db.transaction(async (tx) => {
    await tx.insert(orders).values({ id });
    const conn = await pool.getConnection();
    await conn.execute('INSERT INTO audit VALUES (?)', [id]);
    conn.release();
  });
}`,
      errors: [
        {
          messageId: 'secondConnection',
          line: 9,
          column: 24,
          endLine: 9,
          endColumn: 42,
          suggestions: [],
        },
        {
          messageId: 'outerClient',
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 23,
          suggestions: [],
        },
      ],
    },
    {
      name: 'drizzle(pool) (mysql2): pool.execute() inside db.transaction()',
      code: `import { drizzle } from 'drizzle-orm/mysql2';
import { createPool } from 'mysql2/promise';
import { orders } from './schema';
const pool = createPool({});
const db = drizzle(pool);
export async function place(id: number) {
  await db.transaction(async (tx) => {
    await tx.insert(orders).values({ id });
    await pool.execute('INSERT INTO audit VALUES (?)', [id]);
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 23,
          suggestions: [],
        },
      ],
    },
    {
      name: 'drizzle on a callback mysql2 pool: getConnection(callback) and pool.promise().query()',
      code: `import { drizzle } from 'drizzle-orm/mysql2';
import mysql from 'mysql2';
const pool = mysql.createPool({});
const db = drizzle(pool);
export async function place(id: number) {
  await db.transaction(async (tx) => {
    pool.getConnection((err, conn) => conn.release());
    await pool.promise().query('INSERT INTO audit VALUES (?)', [id]);
  });
}`,
      errors: [
        {
          messageId: 'secondConnection',
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 23,
          suggestions: [],
        },
        {
          messageId: 'outerClient',
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 31,
          suggestions: [],
        },
      ],
    },
    {
      name: 'Kysely on new PostgresDialect({ pool }): pool.connect() inside the transaction',
      code: `import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
const pool = new Pool();
const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
export async function place(id: number) {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('orders').values({ id }).execute();
    const client = await pool.connect();
    await client.query('INSERT INTO audit VALUES ($1)', [id]);
    client.release();
  });
}`,
      errors: [
        {
          messageId: 'secondConnection',
          line: 8,
          column: 26,
          endLine: 8,
          endColumn: 38,
          suggestions: [],
        },
        {
          messageId: 'outerClient',
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 23,
          suggestions: [],
        },
      ],
    },
    {
      name: 'Kysely on a dialect held in a variable: pool.query() inside the transaction',
      code: `import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
const pool = new Pool();
const dialect = new PostgresDialect({ pool: pool });
const db = new Kysely<any>({ dialect });
export async function place(id: number) {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('orders').values({ id }).execute();
    await pool.query('INSERT INTO audit VALUES ($1)', [id]);
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 21,
          suggestions: [],
        },
      ],
    },
    {
      name: 'Prisma on new PrismaPg(pool): pool.query() and pool.connect() inside $transaction',
      code: `import { PrismaClient } from '@prisma/client';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
export async function place(id: number) {
  await prisma.$transaction(async (tx) => {
    await tx.order.create({ data: { id } });
    await pool.query('INSERT INTO audit VALUES ($1)', [id]);
    const client = await pool.connect();
    await client.query('SELECT 1');
    client.release();
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          data: { library: 'pg', client: 'pool', label: 'Pool' },
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 21,
          suggestions: [],
        },
        {
          messageId: 'secondConnection',
          line: 10,
          column: 26,
          endLine: 10,
          endColumn: 38,
          suggestions: [],
        },
        {
          messageId: 'outerClient',
          line: 11,
          column: 11,
          endLine: 11,
          endColumn: 23,
          suggestions: [],
        },
      ],
    },
    {
      name: 'Prisma on an adapter held in a variable (shorthand { adapter })',
      code: `import { PrismaClient } from '@prisma/client';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
const pool = new Pool();
const adapter = new PrismaPg(pool);
const prisma = new PrismaClient({ adapter });
export async function place(id: number) {
  await prisma.$transaction(async (tx) => {
    await tx.order.create({ data: { id } });
    await pool.query('INSERT INTO audit VALUES ($1)', [id]);
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 21,
          suggestions: [],
        },
      ],
    },
    {
      name: 'class fields: drizzle(this.pool) and this.pool.connect() inside its transaction',
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
export class OrdersService {
  private readonly pool = new Pool();
  private readonly db = drizzle(this.pool);
  async place(id: number) {
    await this.db.transaction(async (tx) => {
      const client = await this.pool.connect();
      await client.query('INSERT INTO audit VALUES ($1)', [id]);
      client.release();
    });
  }
}`,
      errors: [
        {
          messageId: 'secondConnection',
          line: 8,
          column: 28,
          endLine: 8,
          endColumn: 45,
          suggestions: [],
        },
        {
          messageId: 'outerClient',
          line: 9,
          column: 13,
          endLine: 9,
          endColumn: 25,
          suggestions: [],
        },
      ],
    },
    {
      name: 'class fields: Kysely on { pool: this.pool } and this.pool.connect() inside its transaction',
      code: `import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
export class Repo {
  pool = new Pool();
  db = new Kysely<any>({ dialect: new PostgresDialect({ pool: this.pool }) });
  async place(id: number) {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('orders').values({ id }).execute();
      const c = await this.pool.connect();
      c.release();
    });
  }
}`,
      errors: [
        {
          messageId: 'secondConnection',
          line: 9,
          column: 23,
          endLine: 9,
          endColumn: 40,
          suggestions: [],
        },
      ],
    },
    {
      name: 'the other way round: a Drizzle or Kysely query on the pool inside a pg BEGIN…COMMIT',
      code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
import { orders } from './schema';
const pool = new Pool();
const db = drizzle(pool);
const kysely = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
export async function place(id: number) {
  const client = await pool.connect();
  await client.query('BEGIN');
  await db.insert(orders).values({ id });
  await kysely.insertInto('audit').values({ id }).execute();
  await client.query('COMMIT');
  client.release();
}`,
      errors: [
        {
          messageId: 'outerClient',
          data: { library: 'Drizzle', client: 'db', label: 'database' },
          line: 11,
          column: 9,
          endLine: 11,
          endColumn: 18,
          suggestions: [],
        },
        {
          messageId: 'outerClient',
          data: { library: 'Kysely', client: 'kysely', label: 'instance' },
          line: 12,
          column: 9,
          endLine: 12,
          endColumn: 26,
          suggestions: [],
        },
      ],
    },
    {
      name: 'CommonJS: drizzle(pool) from require() and pool.connect() in its transaction',
      filename: 'save.js',
      code: `const { Pool } = require('pg');
const { drizzle } = require('drizzle-orm/node-postgres');
const pool = new Pool();
const db = drizzle(pool);
async function place(id) {
  await db.transaction(async (tx) => {
    const client = await pool.connect();
    await client.query('INSERT INTO audit VALUES ($1)', [id]);
    client.release();
  });
}
module.exports = { place };`,
      errors: [
        {
          messageId: 'secondConnection',
          line: 7,
          column: 26,
          endLine: 7,
          endColumn: 38,
          suggestions: [],
        },
        {
          messageId: 'outerClient',
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 23,
          suggestions: [],
        },
      ],
    },
    {
      name: 'class fields declared with a type, assigned in the constructor: the same pool checked out inside',
      code: `import { Pool } from 'pg';
export class Accounts {
  private readonly pool: Pool;
  private readonly reporting: Pool;
  constructor() {
    this.pool = new Pool();
    this.reporting = new Pool();
  }
  async transfer(to: number) {
    const client = await this.pool.connect();
    await client.query('BEGIN');
    const second = await this.pool.connect();
    await second.query('INSERT INTO events VALUES ($1)', [to]);
    second.release();
    await client.query('COMMIT');
    client.release();
  }
}`,
      errors: [
        {
          messageId: 'secondConnection',
          data: { call: 'this.pool.connect()', library: 'pg' },
          line: 12,
          column: 26,
          endLine: 12,
          endColumn: 43,
          suggestions: [],
        },
        {
          messageId: 'outerClient',
          line: 13,
          column: 11,
          endLine: 13,
          endColumn: 23,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'client' },
              output: `import { Pool } from 'pg';
export class Accounts {
  private readonly pool: Pool;
  private readonly reporting: Pool;
  constructor() {
    this.pool = new Pool();
    this.reporting = new Pool();
  }
  async transfer(to: number) {
    const client = await this.pool.connect();
    await client.query('BEGIN');
    const second = await this.pool.connect();
    await client.query('INSERT INTO events VALUES ($1)', [to]);
    second.release();
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
      name: 'JavaScript: bare field declarations assigned in the constructor, the other pool silent, the same pool reported',
      code: `const { Pool } = require('pg');
class Accounts {
  pool;
  reporting;
  constructor() {
    this.pool = new Pool();
    this.reporting = new Pool();
  }
  async transfer(to) {
    const client = await this.pool.connect();
    await client.query('BEGIN');
    const r = await this.reporting.connect();
    r.release();
    const second = await this.pool.connect();
    second.release();
    await client.query('COMMIT');
    client.release();
  }
}
module.exports = { Accounts };`,
      filename: 'accounts.js',
      errors: [
        {
          messageId: 'secondConnection',
          data: { call: 'this.pool.connect()', library: 'pg' },
          line: 14,
          column: 26,
          endLine: 14,
          endColumn: 43,
          suggestions: [],
        },
      ],
    },
    {
      name: 'class fields assigned in the constructor: this.pool.connect() inside the transaction of drizzle(this.pool)',
      code: `import { drizzle, NodePgDatabase } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
import { orders } from './schema';
export class Orders {
  private readonly pool: Pool;
  private readonly db: NodePgDatabase;
  constructor() {
    this.pool = new Pool();
    this.db = drizzle(this.pool);
  }
  async place(id: number) {
    await this.db.transaction(async (tx) => {
      await tx.insert(orders).values({ id });
      const second = await this.pool.connect();
      second.release();
    });
  }
}`,
      errors: [
        {
          messageId: 'secondConnection',
          data: { call: 'this.pool.connect()', library: 'pg' },
          line: 14,
          column: 28,
          endLine: 14,
          endColumn: 45,
          suggestions: [],
        },
      ],
    },
    {
      name: 'mysql2: beginTransaction() on a second connection inside the transaction, no handle suggested',
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({});
export async function transfer(to: number) {
  const conn = await pool.getConnection();
  await conn.beginTransaction();
  const audit = await pool.getConnection();
  await audit.beginTransaction();
  await audit.query('INSERT INTO audit VALUES (?)', [to]);
  await audit.commit();
  audit.release();
  await conn.commit();
  conn.release();
}`,
      errors: [
        {
          messageId: 'secondConnection',
          data: { call: 'pool.getConnection()', library: 'mysql2' },
          line: 6,
          column: 23,
          endLine: 6,
          endColumn: 41,
          suggestions: [],
        },
        {
          messageId: 'outerClient',
          data: { client: 'audit', library: 'mysql2', label: 'Connection' },
          line: 7,
          column: 9,
          endLine: 7,
          endColumn: 31,
          suggestions: [],
        },
      ],
    },
  ],
});

// The pool and the client built on it live in tests/fixtures/forms/db/pg.ts.
const crossValid: ValidTestCase<Options>[] = [
  {
    name: 'another pool imported from the same module, and the pool after the transaction',
    filename: orders,
    code: `import { db, pool, reporting } from './db/pg';
export async function place(id: number) {
  await db.transaction(async (tx) => {
    await reporting.query('INSERT INTO events VALUES ($1)', [id]);
  });
  await pool.query('SELECT 1');
}`,
  },
];

const crossInvalid: InvalidTestCase<MessageId, Options>[] = [
  {
    name: 'a pool and drizzle({ client: pool }) imported from a project module',
    filename: orders,
    code: `import { db, pool } from './db/pg';
export async function place(id: number) {
  await db.transaction(async (tx) => {
    const client = await pool.connect();
    await client.query('INSERT INTO audit VALUES ($1)', [id]);
    client.release();
    await pool.query('UPDATE stats SET n = n + 1');
  });
}`,
    errors: [
      {
        messageId: 'secondConnection',
        line: 4,
        column: 26,
        endLine: 4,
        endColumn: 38,
        suggestions: [],
      },
      {
        messageId: 'outerClient',
        line: 5,
        column: 11,
        endLine: 5,
        endColumn: 23,
        suggestions: [],
      },
      {
        messageId: 'outerClient',
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 21,
        suggestions: [],
      },
    ],
  },
];

const testers: readonly (readonly [string, RuleTester])[] = [
  ['untyped', untypedTester()],
  ['typed', typedTester()],
];

for (const [mode, tester] of testers) {
  tester.run(`no-outer-client-in-transaction: a second connection from a pool imported from a project module (${mode})`, noOuterClient, {
    valid: crossValid,
    invalid: crossInvalid,
  });
}

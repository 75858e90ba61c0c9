/**
 * require-pool-limits: per library the missing size and bound on waiting with the suggested
 * options, the connection budget, and what is not reported (options that cannot be seen into,
 * lookalike pools, pools a function makes and closes itself).
 */
import rule from './require-pool-limits.js';
import { untypedTester } from '../tests/rule-tester.js';

const pgImport = "import { Pool } from 'pg';\n";

const missing = (messageId: 'missingSize' | 'missingAcquireTimeout' | 'missingLimits', line: number, column: number, data: Record<string, string>, output?: string) => ({
  messageId,
  line,
  column,
  data,
  suggestions: output === undefined ? [] : [{ messageId: 'addLimits' as const, output }],
});

const pgData = { library: 'pg', pool: 'Pool', size: 'max', sizeDefault: '10', acquire: 'connectionTimeoutMillis', acquireDefault: 'waits for ever' };

untypedTester().run('require-pool-limits', rule, {
  valid: [
    { name: 'pg: both set', code: `${pgImport}new Pool({ max: 10, connectionTimeoutMillis: 5000 });` },
    { name: 'pg: config values', code: `${pgImport}new Pool({ max: Number(process.env.POOL_MAX), connectionTimeoutMillis: config.acquireTimeoutMs });` },
    { name: 'pg: options not visible', code: `${pgImport}new Pool(options);\nnew Pool({ ...options });\nnew Pool(getConfig());` },
    { name: 'pg: spread after the options', code: `${pgImport}new Pool({ max: 5, connectionTimeoutMillis: 1, ...overrides });` },
    { name: 'pg: made, used and closed', code: `${pgImport}async function main() {\n  const pool = new Pool();\n  await pool.query('select 1');\n  await pool.end();\n}` },
    { name: 'undici Pool', code: "import { Pool } from 'undici';\nnew Pool('http://localhost:3000', { connections: 10 });" },
    { name: 'generic-pool createPool', code: "import { createPool } from 'generic-pool';\ncreatePool(factory, { max: 10 });" },
    { name: 'piscina and workerpool', code: "import Piscina from 'piscina';\nimport workerpool from 'workerpool';\nnew Piscina({ filename });\nworkerpool.pool();" },
    { name: 'a local knex function', code: "function knex(config) { return config; }\nknex({ client: 'pg' });" },
    { name: 'a local Pool class', code: 'class Pool {}\nnew Pool({});' },
    { name: 'knex sqlite', code: "import knex from 'knex';\nknex({ client: 'sqlite3', connection: { filename: 'db.sqlite' } });" },
    { name: 'mysql2 URL string', code: "import mysql from 'mysql2/promise';\nmysql.createPool(process.env.DATABASE_URL);" },
    { name: 'mysql2 cluster', code: "import mysql from 'mysql2';\nmysql.createPoolCluster();" },
    { name: 'Prisma URL from the schema', code: "import { PrismaClient } from '@prisma/client';\nnew PrismaClient();\nnew PrismaClient({ log: ['query'] });" },
    { name: 'Prisma adapter on a pool', code: "import { PrismaClient } from '@prisma/client';\nimport { PrismaPg } from '@prisma/adapter-pg';\nnew PrismaClient({ adapter: new PrismaPg(pool) });" },
    { name: 'Prisma URL with both', code: "import { PrismaClient } from '@prisma/client';\nnew PrismaClient({ datasourceUrl: `${process.env.DATABASE_URL}?connection_limit=5&pool_timeout=10` });" },
    { name: 'Prisma URL tail not visible', code: "import { PrismaClient } from '@prisma/client';\nnew PrismaClient({ datasourceUrl: `${base}?connection_limit=5${rest}` });" },
    { name: 'drizzle on a client', code: "import { drizzle } from 'drizzle-orm/node-postgres';\ndrizzle({ client: pool });\ndrizzle(pool);\ndrizzle(process.env.DATABASE_URL);" },
    { name: 'MikroORM config file', code: "import { MikroORM } from '@mikro-orm/postgresql';\nawait MikroORM.init();" },
    { name: 'TypeORM sqlite', code: "import { DataSource } from 'typeorm';\nnew DataSource({ type: 'better-sqlite3', database: 'db.sqlite' });" },
    { name: 'Sequelize options not visible', code: "import { Sequelize } from 'sequelize';\nnew Sequelize(config);\nnew Sequelize(url, options);" },
    { name: 'postgres.js URL only', code: "import postgres from 'postgres';\npostgres(process.env.DATABASE_URL);" },
    { name: 'within the budget', code: `${pgImport}new Pool({ max: 40, connectionTimeoutMillis: 1 });\nnew Pool({ max: 40, connectionTimeoutMillis: 1 });` },
    { name: 'a test file', code: `${pgImport}new Pool();`, filename: 'src/db.spec.ts' },
    { name: 'a type-only import', code: "import type { Pool } from 'pg';\nexport function make(P: typeof Pool) { return new P(); }" },
    { name: 'other libraries only', code: `${pgImport}new Pool();`, options: [{ libraries: ['knex'] }] },
  ],
  invalid: [
    {
      name: 'pg: neither',
      code: `${pgImport}const pool = new Pool({ connectionString: url });`,
      errors: [missing('missingLimits', 2, 14, pgData, `${pgImport}const pool = new Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });`)],
    },
    {
      name: 'pg: no options',
      code: "import pg from 'pg';\nnew pg.Pool();",
      errors: [missing('missingLimits', 2, 1, pgData, "import pg from 'pg';\nnew pg.Pool({ max: 10, connectionTimeoutMillis: 10_000 });")],
    },
    {
      name: 'pg: no parentheses',
      code: "import pg from 'pg';\nnew pg.Pool;",
      errors: [missing('missingLimits', 2, 1, pgData, "import pg from 'pg';\nnew pg.Pool({ max: 10, connectionTimeoutMillis: 10_000 });")],
    },
    {
      name: 'pg: require, no timeout',
      code: "const { Pool } = require('pg');\nnew Pool({ max: 5 });",
      filename: 'db.js',
      errors: [missing('missingAcquireTimeout', 2, 1, pgData, "const { Pool } = require('pg');\nnew Pool({ max: 5, connectionTimeoutMillis: 10_000 });")],
    },
    {
      name: 'pg: namespace alias',
      code: "import * as db from 'pg';\nconst P = db.Pool;\nnew P({ connectionTimeoutMillis: 1 });",
      errors: [missing('missingSize', 3, 1, pgData, "import * as db from 'pg';\nconst P = db.Pool;\nnew P({ connectionTimeoutMillis: 1, max: 10 });")],
    },
    {
      name: 'pg: pg-pool, spread the file defines',
      code: "import Pool from 'pg-pool';\nconst base = { max: 5 };\nnew Pool({ ...base });",
      errors: [missing('missingAcquireTimeout', 3, 1, pgData, "import Pool from 'pg-pool';\nconst base = { max: 5 };\nnew Pool({ ...base, connectionTimeoutMillis: 10_000 });")],
    },
    {
      name: 'pg: options object the file defines',
      code: `${pgImport}const options = { connectionTimeoutMillis: 1 };\nnew Pool(options);`,
      errors: [missing('missingSize', 3, 1, pgData, `${pgImport}const options = { connectionTimeoutMillis: 1, max: 10 };\nnew Pool(options);`)],
    },
    {
      name: 'mysql2: no queue limit',
      code: "import mysql from 'mysql2/promise';\nmysql.createPool({ uri: url, connectionLimit: config.poolSize });",
      errors: [
        missing(
          'missingAcquireTimeout',
          2,
          1,
          { library: 'mysql2', pool: 'createPool', size: 'connectionLimit', sizeDefault: '10', acquire: 'queueLimit', acquireDefault: 'queues without limit (`queueLimit` 0; mysql2 has no acquire timeout)' },
          "import mysql from 'mysql2/promise';\nmysql.createPool({ uri: url, connectionLimit: config.poolSize, queueLimit: 500 });",
        ),
      ],
    },
    {
      name: 'mysql: named import, neither',
      code: "import { createPool } from 'mysql';\ncreatePool({ host: 'db' });",
      errors: [{ messageId: 'missingLimits', line: 2, column: 1, suggestions: [{ messageId: 'addLimits', output: "import { createPool } from 'mysql';\ncreatePool({ host: 'db', connectionLimit: 10, queueLimit: 500 });" }] }],
    },
    {
      name: 'knex: neither',
      code: "import knex from 'knex';\nconst db = knex({ client: 'pg', connection: url });",
      errors: [
        missing(
          'missingLimits',
          2,
          12,
          { library: 'Knex', pool: 'knex', size: 'pool.max', sizeDefault: '10', acquire: 'acquireConnectionTimeout', acquireDefault: 'waits up to 60 s' },
          "import knex from 'knex';\nconst db = knex({ client: 'pg', connection: url, pool: { max: 10 }, acquireConnectionTimeout: 10_000 });",
        ),
      ],
    },
    {
      name: 'knex: require call, pool without max',
      code: "const db = require('knex')({ client: 'mysql2', pool: { min: 0 }, acquireConnectionTimeout: 5000 });",
      filename: 'db.js',
      errors: [{ messageId: 'missingSize', line: 1, column: 12, suggestions: [{ messageId: 'addLimits', output: "const db = require('knex')({ client: 'mysql2', pool: { min: 0, max: 10 }, acquireConnectionTimeout: 5000 });" }] }],
    },
    {
      name: 'knex: tarn timeout counts',
      code: "import { knex } from 'knex';\nknex({ client: 'pg', pool: { acquireTimeoutMillis: 5000 } });",
      errors: [{ messageId: 'missingSize', line: 2, column: 1, suggestions: [{ messageId: 'addLimits', output: "import { knex } from 'knex';\nknex({ client: 'pg', pool: { acquireTimeoutMillis: 5000, max: 10 } });" }] }],
    },
    {
      name: 'Sequelize: URL and options',
      code: "import { Sequelize } from 'sequelize';\nnew Sequelize(process.env.DATABASE_URL, { dialect: 'postgres' });",
      errors: [
        missing(
          'missingLimits',
          2,
          1,
          { library: 'Sequelize', pool: 'Sequelize', size: 'pool.max', sizeDefault: '5', acquire: 'pool.acquire', acquireDefault: 'waits up to 60 s' },
          "import { Sequelize } from 'sequelize';\nnew Sequelize(process.env.DATABASE_URL, { dialect: 'postgres', pool: { max: 5, acquire: 10_000 } });",
        ),
      ],
    },
    {
      name: 'Sequelize: four arguments',
      code: "import { Sequelize } from 'sequelize';\nnew Sequelize('db', 'user', 'pw', { dialect: 'mysql', pool: { max: 10 } });",
      errors: [{ messageId: 'missingAcquireTimeout', line: 2, column: 1, suggestions: [{ messageId: 'addLimits', output: "import { Sequelize } from 'sequelize';\nnew Sequelize('db', 'user', 'pw', { dialect: 'mysql', pool: { max: 10, acquire: 10_000 } });" }] }],
    },
    {
      name: 'Sequelize: URL only',
      code: "const { Sequelize } = require('sequelize');\nnew Sequelize('postgres://localhost/db');",
      filename: 'db.js',
      errors: [{ messageId: 'missingLimits', line: 2, column: 1, suggestions: [{ messageId: 'addLimits', output: "const { Sequelize } = require('sequelize');\nnew Sequelize('postgres://localhost/db', { pool: { max: 5, acquire: 10_000 } });" }] }],
    },
    {
      name: 'TypeORM: no timeout',
      code: "import { DataSource } from 'typeorm';\nnew DataSource({ type: 'postgres', poolSize: 10 });",
      errors: [
        missing(
          'missingAcquireTimeout',
          2,
          1,
          { library: 'TypeORM', pool: 'DataSource', size: 'poolSize', sizeDefault: "10 (the driver's)", acquire: 'connectTimeoutMS', acquireDefault: 'waits for ever' },
          "import { DataSource } from 'typeorm';\nnew DataSource({ type: 'postgres', poolSize: 10, connectTimeoutMS: 10_000 });",
        ),
      ],
    },
    {
      name: 'TypeORM: extra counts',
      code: "import { DataSource } from 'typeorm';\nnew DataSource({ type: 'postgres', extra: { connectionTimeoutMillis: 1 } });",
      errors: [{ messageId: 'missingSize', line: 2, column: 1, suggestions: [{ messageId: 'addLimits', output: "import { DataSource } from 'typeorm';\nnew DataSource({ type: 'postgres', extra: { connectionTimeoutMillis: 1 }, poolSize: 10 });" }] }],
    },
    {
      name: 'postgres.js: no max',
      code: "import postgres from 'postgres';\nconst sql = postgres(url, { idle_timeout: 20 });",
      errors: [
        missing(
          'missingSize',
          2,
          13,
          { library: 'postgres.js', pool: 'postgres', size: 'max', sizeDefault: '10', acquire: '', acquireDefault: '' },
          "import postgres from 'postgres';\nconst sql = postgres(url, { idle_timeout: 20, max: 10 });",
        ),
      ],
    },
    {
      name: 'Prisma 7 adapter',
      code: "import { PrismaPg } from '@prisma/adapter-pg';\nnew PrismaPg({ connectionString: url });",
      errors: [{ messageId: 'missingLimits', line: 2, column: 1, data: { ...pgData, library: 'Prisma', pool: 'PrismaPg' }, suggestions: [{ messageId: 'addLimits', output: "import { PrismaPg } from '@prisma/adapter-pg';\nnew PrismaPg({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });" }] }],
    },
    {
      name: 'Prisma 6 URL in code',
      code: "import { PrismaClient } from '@prisma/client';\nnew PrismaClient({ datasources: { db: { url: `${process.env.DATABASE_URL}?connection_limit=5` } } });",
      errors: [{ messageId: 'missingAcquireTimeout', line: 2, column: 1, data: { library: 'Prisma', pool: 'PrismaClient', size: 'connection_limit', sizeDefault: 'CPUs × 2 + 1', acquire: 'pool_timeout', acquireDefault: 'waits up to 10 s' }, suggestions: [] }],
    },
    {
      name: 'MikroORM: pool written after a spread',
      code: "import { MikroORM } from '@mikro-orm/postgresql';\nawait MikroORM.init({ ...base(), pool: { max: 5 } });",
      errors: [{ messageId: 'missingAcquireTimeout', line: 2, column: 7, suggestions: [{ messageId: 'addLimits', output: "import { MikroORM } from '@mikro-orm/postgresql';\nawait MikroORM.init({ ...base(), pool: { max: 5, acquireTimeoutMillis: 10_000 } });" }] }],
    },
    {
      name: 'Drizzle: the pool it makes',
      code: "import { drizzle } from 'drizzle-orm/node-postgres';\ndrizzle({ connection: { connectionString: url, max: 5 } });",
      errors: [{ messageId: 'missingAcquireTimeout', line: 2, column: 1, suggestions: [{ messageId: 'addLimits', output: "import { drizzle } from 'drizzle-orm/node-postgres';\ndrizzle({ connection: { connectionString: url, max: 5, connectionTimeoutMillis: 10_000 } });" }] }],
    },
    {
      name: 'Kysely: the pool it wraps, once',
      code: `${pgImport}import { Kysely, PostgresDialect } from 'kysely';\nnew Kysely({ dialect: new PostgresDialect({ pool: new Pool({ max: 5 }) }) });`,
      errors: [{ messageId: 'missingAcquireTimeout', line: 3, column: 51, suggestions: [{ messageId: 'addLimits', output: `${pgImport}import { Kysely, PostgresDialect } from 'kysely';\nnew Kysely({ dialect: new PostgresDialect({ pool: new Pool({ max: 5, connectionTimeoutMillis: 10_000 }) }) });` }] }],
    },
    {
      name: 'over the budget',
      code: `${pgImport}new Pool({ max: 120, connectionTimeoutMillis: 1 });`,
      errors: [{ messageId: 'overBudget', line: 2, column: 17, endColumn: 20, data: { library: 'pg', pool: 'Pool', size: '120', instances: '1', total: '120', server: 'PostgreSQL', budget: '97', max: '100', reserved: '3' } }],
    },
    {
      name: 'over the budget with instances',
      code: `${pgImport}new Pool({ max: 40, connectionTimeoutMillis: 1 });`,
      settings: { 'async-db': { instances: 3 } },
      errors: [{ messageId: 'overBudget', line: 2, data: { library: 'pg', pool: 'Pool', size: '40', instances: '3', total: '120', server: 'PostgreSQL', budget: '97', max: '100', reserved: '3' } }],
    },
    {
      name: 'the file over the budget',
      code: "import mysql from 'mysql2';\nmysql.createPool({ connectionLimit: 100, queueLimit: 1 });\nmysql.createPool({ connectionLimit: 60, queueLimit: 1 });",
      errors: [{ messageId: 'fileOverBudget', line: 3, column: 37, data: { server: 'MySQL/MariaDB', size: '160', instances: '1', total: '160', budget: '148', max: '151', reserved: '3' } }],
    },
    {
      name: 'budget from settings sizes the suggestion',
      code: `${pgImport}new Pool();\nnew Pool({ connectionTimeoutMillis: 1 });`,
      settings: { 'async-db': { maxConnections: { postgresql: 20 }, reservedConnections: 2, instances: 3 } },
      errors: [
        { messageId: 'missingLimits', line: 2, suggestions: [{ messageId: 'addLimits', output: `${pgImport}new Pool({ max: 3, connectionTimeoutMillis: 10_000 });\nnew Pool({ connectionTimeoutMillis: 1 });` }] },
        { messageId: 'missingSize', line: 3, suggestions: [{ messageId: 'addLimits', output: `${pgImport}new Pool();\nnew Pool({ connectionTimeoutMillis: 1, max: 3 });` }] },
      ],
    },
    {
      name: 'made per call, not closed',
      code: `${pgImport}async function handler(req) {\n  const pool = new Pool({ max: 5 });\n  return (await pool.query('select 1')).rows;\n}`,
      errors: [
        {
          messageId: 'missingAcquireTimeout',
          line: 3,
          column: 16,
          suggestions: [{ messageId: 'addLimits', output: `${pgImport}async function handler(req) {\n  const pool = new Pool({ max: 5, connectionTimeoutMillis: 10_000 });\n  return (await pool.query('select 1')).rows;\n}` }],
        },
      ],
    },
  ],
});

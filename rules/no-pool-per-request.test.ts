/**
 * no-pool-per-request: pools and clients made in handlers, methods and other per-call functions,
 * per library; what runs once (module scope, singletons, providers, constructors, `main()`,
 * scripts) and lookalike pools are not reported.
 */
import rule from './no-pool-per-request.js';
import { untypedTester } from '../tests/rule-tester.js';

const pgImport = "import { Pool, Client } from 'pg';\n";
const perCall = (fn: string, library = 'pg', client = 'Pool') => ({ library, client, fn });

untypedTester().run('no-pool-per-request', rule, {
  valid: [
    { name: 'module scope', code: `${pgImport}const pool = new Pool();\napp.get('/', async () => pool.query('select 1'));` },
    { name: 'globalThis singleton', code: "import { PrismaClient } from '@prisma/client';\nexport function getPrisma() {\n  return (globalThis.prisma ??= new PrismaClient());\n}" },
    { name: 'if (!pool) pool = …', code: `${pgImport}let pool;\nexport function getPool() {\n  if (!pool) pool = new Pool();\n  return pool;\n}` },
    { name: 'memoised getter', code: "import knex from 'knex';\nclass Db {\n  get db() {\n    return (this._db ??= knex({ client: 'pg' }));\n  }\n}" },
    { name: 'a factory returns it', code: `${pgImport}export function createPool(config) {\n  const pool = new Pool(config);\n  pool.on('error', console.error);\n  return pool;\n}` },
    { name: 'once wrapper', code: `${pgImport}const warm = once(async () => {\n  const pool = new Pool();\n  await pool.query('select 1');\n  await pool.end();\n});` },
    { name: 'NestJS useFactory', code: "import { DataSource } from 'typeorm';\nexport const providers = [{ provide: 'DB', useFactory: async () => {\n  const ds = new DataSource(options);\n  await ds.initialize();\n  await ds.query('select 1');\n} }];" },
    { name: 'forRootAsync', code: "import { Sequelize } from 'sequelize';\nSequelizeModule.forRootAsync(async () => {\n  const s = new Sequelize(url);\n  await s.authenticate();\n});" },
    { name: 'class constructor', code: `${pgImport}import { drizzle } from 'drizzle-orm/node-postgres';\nclass Repo {\n  constructor() {\n    const pool = new Pool();\n    this.db = drizzle(pool);\n  }\n}` },
    { name: 'class field', code: `${pgImport}class Repo {\n  pool = new Pool();\n}` },
    { name: 'main() at start-up', code: `${pgImport}async function main() {\n  const pool = new Pool();\n  await pool.query('select 1');\n  await pool.end();\n}\nmain().catch(console.error);` },
    { name: 'a script file', code: `${pgImport}app.get('/', async () => {\n  const pool = new Pool();\n  await pool.end();\n});`, filename: 'scripts/seed.ts' },
    { name: 'a shebang', code: `#!/usr/bin/env node\n${pgImport}async function run(id) {\n  const pool = new Pool();\n  await pool.query('select 1', [id]);\n  await pool.end();\n}\nprocess.argv.slice(2).forEach((id) => run(id));` },
    { name: 'serverless: cached outside', code: "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport const handler = async () => prisma.user.findMany();" },
    { name: 'handed to a plugin host', code: `${pgImport}app.register(async (instance) => {\n  const pool = new Pool();\n  instance.decorate('pg', pool);\n});` },
    { name: 'pg Client connected and ended', code: `${pgImport}app.get('/', async () => {\n  const client = new Client();\n  await client.connect();\n  try { return await client.query('select 1'); } finally { await client.end(); }\n});` },
    { name: 'pg Client never connected', code: `${pgImport}app.get('/', async () => {\n  const client = new Client();\n  return client;\n});` },
    { name: 'drizzle over the module pool', code: `${pgImport}import { drizzle } from 'drizzle-orm/node-postgres';\nconst pool = new Pool();\napp.get('/', async () => {\n  const db = drizzle({ client: pool });\n  return db.select();\n});` },
    { name: 'Kysely over the module pool', code: `${pgImport}import { Kysely, PostgresDialect } from 'kysely';\nconst pool = new Pool();\napp.get('/', async () => {\n  const db = new Kysely({ dialect: new PostgresDialect({ pool }) });\n  return db.selectFrom('t').execute();\n});` },
    { name: 'undici Pool', code: "import { Pool } from 'undici';\napp.get('/', async () => {\n  const pool = new Pool('http://x');\n  await pool.request({ path: '/' });\n  await pool.close();\n});" },
    { name: 'generic-pool and piscina', code: "import { createPool } from 'generic-pool';\nimport Piscina from 'piscina';\napp.get('/', async () => {\n  const pool = createPool(factory);\n  const workers = new Piscina({ filename });\n  await pool.acquire();\n});" },
    { name: 'a local knex function', code: "function knex(config) { return { destroy() {} }; }\napp.get('/', () => {\n  const db = knex({ client: 'pg' });\n  db.destroy();\n});" },
  ],
  invalid: [
    {
      name: 'pg: made and ended in a handler',
      code: `${pgImport}app.get('/books', async (req, res) => {\n  const pool = new Pool();\n  const result = await pool.query('select 1');\n  await pool.end();\n  res.json(result.rows);\n});`,
      errors: [{ messageId: 'poolPerCall', line: 3, column: 16, endLine: 3, endColumn: 26, data: perCall('a callback') }],
    },
    {
      name: 'pg: leaked in a handler',
      code: `${pgImport}app.get('/books', async (req, res) => {\n  const pool = new Pool();\n  res.json((await pool.query('select 1')).rows);\n});`,
      errors: [{ messageId: 'leakedPoolPerCall', line: 3, column: 16, data: perCall('a callback') }],
    },
    {
      name: 'pg Client connected, never ended',
      code: `${pgImport}async function handler(req) {\n  const client = new Client();\n  await client.connect();\n  return (await client.query('select 1')).rows;\n}`,
      errors: [{ messageId: 'leakedConnectionPerCall', line: 3, column: 18, data: perCall('`handler()`', 'pg', 'Client') }],
    },
    {
      name: 'Prisma in a route handler',
      code: "import { PrismaClient } from '@prisma/client';\nexport async function GET() {\n  const prisma = new PrismaClient();\n  return Response.json(await prisma.user.findMany());\n}",
      errors: [{ messageId: 'leakedPoolPerCall', line: 3, column: 18, data: perCall('`GET()`', 'Prisma', 'PrismaClient') }],
    },
    {
      name: 'Prisma with an adapter, once',
      code: "import { PrismaClient } from '@prisma/client';\nimport { PrismaPg } from '@prisma/adapter-pg';\napp.get('/', async () => {\n  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });\n  try { return await prisma.user.findMany(); } finally { await prisma.$disconnect(); }\n});",
      errors: [{ messageId: 'poolPerCall', line: 4, column: 18, data: perCall('a callback', 'Prisma', 'PrismaClient') }],
    },
    {
      name: 'knex in a method',
      code: "import knex from 'knex';\nclass Repo {\n  async find() {\n    const db = knex({ client: 'pg' });\n    return db('users');\n  }\n}",
      errors: [{ messageId: 'leakedPoolPerCall', line: 4, column: 16, data: perCall('`find()`', 'Knex', 'knex') }],
    },
    {
      name: 'TypeORM called from a handler',
      code: "import { DataSource } from 'typeorm';\nasync function load(id) {\n  const ds = await new DataSource({ type: 'postgres' }).initialize();\n  try { return await ds.query('select $1', [id]); } finally { await ds.destroy(); }\n}\napp.get('/:id', (req) => load(req.params.id));",
      errors: [{ messageId: 'poolPerCall', line: 3, column: 20, data: perCall('`load()`', 'TypeORM', 'DataSource') }],
    },
    {
      name: 'Sequelize, CommonJS, JS file',
      code: "const { Sequelize } = require('sequelize');\nrouter.get('/', async () => {\n  const sequelize = new Sequelize(url);\n  await sequelize.query('select 1');\n  await sequelize.close();\n});",
      filename: 'routes.js',
      errors: [{ messageId: 'poolPerCall', line: 3, column: 21, data: perCall('a callback', 'Sequelize', 'Sequelize') }],
    },
    {
      name: 'postgres.js leaked',
      code: "import postgres from 'postgres';\nrouter.get('/', async () => {\n  const sql = postgres(url);\n  return sql`select 1`;\n});",
      errors: [{ messageId: 'leakedPoolPerCall', line: 3, column: 15, data: perCall('a callback', 'postgres.js', 'postgres') }],
    },
    {
      name: 'mysql2: Lambda handler leaks',
      code: "const mysql = require('mysql2/promise');\nconst makePool = mysql.createPool;\nexports.handler = async (event) => {\n  const pool = makePool({ uri: url });\n  const [rows] = await pool.query('select 1');\n  return rows;\n};",
      filename: 'lambda.js',
      errors: [{ messageId: 'leakedPoolPerCall', line: 4, column: 16, data: perCall('a callback', 'mysql2', 'createPool') }],
    },
    {
      name: 'drizzle over a new pool',
      code: `${pgImport}import { drizzle } from 'drizzle-orm/node-postgres';\napp.get('/', async () => {\n  const db = drizzle(new Pool());\n  return db.select();\n});`,
      errors: [{ messageId: 'leakedPoolPerCall', line: 4, column: 22, data: perCall('a callback') }],
    },
    {
      name: 'drizzle making its pool',
      code: "import { drizzle } from 'drizzle-orm/node-postgres';\napp.get('/', async () => {\n  const db = drizzle({ connection: { connectionString: url } });\n  try { return await db.select(); } finally { await db.$client.end(); }\n});",
      errors: [{ messageId: 'poolPerCall', line: 3, column: 14, data: perCall('a callback', 'Drizzle', 'drizzle') }],
    },
    {
      name: 'Kysely over a new pool',
      code: `${pgImport}import { Kysely, PostgresDialect } from 'kysely';\napp.get('/', async () => {\n  const db = new Kysely({ dialect: new PostgresDialect({ pool: new Pool() }) });\n  try { return await db.selectFrom('t').execute(); } finally { await db.destroy(); }\n});`,
      errors: [{ messageId: 'poolPerCall', line: 4, column: 64, data: perCall('a callback') }],
    },
    {
      name: 'MikroORM.init per call',
      code: "import { MikroORM } from '@mikro-orm/postgresql';\nconst service = {\n  async find(id) {\n    const orm = await MikroORM.init(options);\n    try { return await orm.em.fork().findOne(Book, id); } finally { await orm.close(); }\n  },\n};",
      errors: [{ messageId: 'poolPerCall', line: 4, column: 23, data: perCall('`find()`', 'MikroORM', 'MikroORM.init') }],
    },
  ],
});

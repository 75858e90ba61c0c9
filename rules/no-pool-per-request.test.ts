/**
 * no-pool-per-request: pools and clients made in handlers, methods and other per-call functions,
 * per library; what runs once (module scope, singletons, providers, constructors, `main()`,
 * scripts) and lookalike pools are not reported.
 */
import rule from './no-pool-per-request.js';
import { untypedTester } from '../tests/rule-tester.js';

const pgImport = "import { Pool, Client } from 'pg';\n";
const perCall = (fn: string, library = 'pg', client = 'Pool') => ({ library, client, fn });
const closing = ' (the calls that closed it go: the shared instance stays open)';
/** The `hoistPool` suggestion, with the getter it adds and the whole output. */
const hoist = (getter: string, output: string, closed = false) => [{ messageId: 'hoistPool' as const, data: { getter, closing: closed ? closing : '' }, output }];
/** The singleton `hoistPool` declares (TypeScript). */
const singleton = (name: string, getter: string, type: string, made: string) =>
  `\nlet ${name}: ${type} | undefined;\n/** Created at first use, then shared by every call. */\nfunction ${getter}() {\n  ${name} ??= ${made};\n  return ${name};\n}\n\n`;

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
      errors: [
        {
          messageId: 'poolPerCall',
          line: 3,
          column: 16,
          endLine: 3,
          endColumn: 26,
          data: perCall('a callback'),
          suggestions: hoist(
            'getPool',
            `${pgImport}${singleton('poolInstance', 'getPool', 'InstanceType<typeof Pool>', 'new Pool()')}app.get('/books', async (req, res) => {\n  const pool = getPool();\n  const result = await pool.query('select 1');\n  res.json(result.rows);\n});`,
            true,
          ),
        },
      ],
    },
    {
      name: 'pg: leaked in a handler',
      code: `${pgImport}app.get('/books', async (req, res) => {\n  const pool = new Pool();\n  res.json((await pool.query('select 1')).rows);\n});`,
      errors: [
        {
          messageId: 'leakedPoolPerCall',
          line: 3,
          column: 16,
          data: perCall('a callback'),
          suggestions: hoist(
            'getPool',
            `${pgImport}${singleton('poolInstance', 'getPool', 'InstanceType<typeof Pool>', 'new Pool()')}app.get('/books', async (req, res) => {\n  const pool = getPool();\n  res.json((await pool.query('select 1')).rows);\n});`,
          ),
        },
      ],
    },
    {
      name: 'pg Client connected, never ended',
      code: `${pgImport}async function handler(req) {\n  const client = new Client();\n  await client.connect();\n  return (await client.query('select 1')).rows;\n}`,
      errors: [{ messageId: 'leakedConnectionPerCall', line: 3, column: 18, data: perCall('`handler()`', 'pg', 'Client') }],
    },
    {
      name: 'Prisma in a route handler',
      code: "import { PrismaClient } from '@prisma/client';\nexport async function GET() {\n  const prisma = new PrismaClient();\n  return Response.json(await prisma.user.findMany());\n}",
      errors: [
        {
          messageId: 'leakedPoolPerCall',
          line: 3,
          column: 18,
          data: perCall('`GET()`', 'Prisma', 'PrismaClient'),
          suggestions: hoist(
            'getPrisma',
            `import { PrismaClient } from '@prisma/client';\n${singleton('prismaInstance', 'getPrisma', 'InstanceType<typeof PrismaClient>', 'new PrismaClient()')}export async function GET() {\n  const prisma = getPrisma();\n  return Response.json(await prisma.user.findMany());\n}`,
          ),
        },
      ],
    },
    {
      name: 'Prisma with an adapter, once',
      code: "import { PrismaClient } from '@prisma/client';\nimport { PrismaPg } from '@prisma/adapter-pg';\napp.get('/', async () => {\n  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });\n  try { return await prisma.user.findMany(); } finally { await prisma.$disconnect(); }\n});",
      errors: [{ messageId: 'poolPerCall', line: 4, column: 18, data: perCall('a callback', 'Prisma', 'PrismaClient') }],
    },
    {
      name: 'knex in a method',
      code: "import knex from 'knex';\nclass Repo {\n  async find() {\n    const db = knex({ client: 'pg' });\n    return db('users');\n  }\n}",
      errors: [
        {
          messageId: 'leakedPoolPerCall',
          line: 4,
          column: 16,
          data: perCall('`find()`', 'Knex', 'knex'),
          suggestions: hoist(
            'getDb',
            `import knex from 'knex';\n${singleton('dbInstance', 'getDb', 'ReturnType<typeof knex>', "knex({ client: 'pg' })")}class Repo {\n  async find() {\n    const db = getDb();\n    return db('users');\n  }\n}`,
          ),
        },
      ],
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
      name: 'hoisted: pg pool with options over lines, a try/finally unwrapped',
      code: `${pgImport}const base = { max: 4 };\nexport function routes(router) {\n  router.get('/books/:id', async (req, res) => {\n    const pool = new Pool({\n      ...base,\n      connectionString: process.env.DATABASE_URL,\n    });\n    try {\n      const { rows } = await pool.query('select * from books where id = $1', [req.params.id]);\n      res.json(rows[0]);\n    } finally {\n      await pool.end();\n    }\n  });\n}`,
      errors: [
        {
          messageId: 'poolPerCall',
          line: 5,
          column: 18,
          data: perCall('a callback'),
          suggestions: hoist(
            'getPool',
            `${pgImport}const base = { max: 4 };\n${singleton('poolInstance', 'getPool', 'InstanceType<typeof Pool>', 'new Pool({\n    ...base,\n    connectionString: process.env.DATABASE_URL,\n  })')}export function routes(router) {\n  router.get('/books/:id', async (req, res) => {\n    const pool = getPool();\n    const { rows } = await pool.query('select * from books where id = $1', [req.params.id]);\n    res.json(rows[0]);\n  });\n}`,
            true,
          ),
        },
      ],
    },
    {
      name: 'hoisted: mysql2 createPool on a namespace, in a method',
      code: "import * as mysql from 'mysql2/promise';\nconst settings = { host: 'db', user: 'shop' };\nexport class Orders {\n  async list() {\n    const pool = mysql.createPool({ ...settings, connectionLimit: Number(process.env.POOL_SIZE) });\n    const [rows] = await pool.query('select * from orders');\n    return rows;\n  }\n}",
      errors: [
        {
          messageId: 'leakedPoolPerCall',
          line: 5,
          column: 18,
          data: perCall('`list()`', 'mysql2', 'createPool'),
          suggestions: hoist(
            'getPool',
            `import * as mysql from 'mysql2/promise';\nconst settings = { host: 'db', user: 'shop' };\n${singleton('poolInstance', 'getPool', 'ReturnType<typeof mysql.createPool>', 'mysql.createPool({ ...settings, connectionLimit: Number(process.env.POOL_SIZE) })')}export class Orders {\n  async list() {\n    const pool = getPool();\n    const [rows] = await pool.query('select * from orders');\n    return rows;\n  }\n}`,
          ),
        },
      ],
    },
    {
      name: 'hoisted: knex closed in a one-line finally',
      code: "import knex from 'knex';\nconst url = process.env.DATABASE_URL;\napp.get('/books/:id', async (req) => {\n  const db = knex({ client: 'pg', connection: url });\n  try { return await db('books').where({ id: req.params.id }).first(); } finally { await db.destroy(); }\n});",
      errors: [
        {
          messageId: 'poolPerCall',
          line: 4,
          column: 14,
          data: perCall('a callback', 'Knex', 'knex'),
          suggestions: hoist(
            'getDb',
            `import knex from 'knex';\nconst url = process.env.DATABASE_URL;\n${singleton('dbInstance', 'getDb', 'ReturnType<typeof knex>', "knex({ client: 'pg', connection: url })")}app.get('/books/:id', async (req) => {\n  const db = getDb();\n  return await db('books').where({ id: req.params.id }).first();\n});`,
            true,
          ),
        },
      ],
    },
    {
      name: 'hoisted: Sequelize, the finally clause goes and the catch stays',
      code: "import { Sequelize } from 'sequelize';\nconst url = process.env.DATABASE_URL ?? '';\nrouter.get('/count', async (req, res) => {\n  const sequelize = new Sequelize(url, { logging: false });\n  try {\n    res.json(await sequelize.query('select count(*) from books'));\n  } catch (error) {\n    res.status(500).end();\n  } finally {\n    await sequelize.close();\n  }\n});",
      errors: [
        {
          messageId: 'poolPerCall',
          line: 4,
          column: 21,
          data: perCall('a callback', 'Sequelize', 'Sequelize'),
          suggestions: hoist(
            'getSequelize',
            `import { Sequelize } from 'sequelize';\nconst url = process.env.DATABASE_URL ?? '';\n${singleton('sequelizeInstance', 'getSequelize', 'InstanceType<typeof Sequelize>', 'new Sequelize(url, { logging: false })')}router.get('/count', async (req, res) => {\n  const sequelize = getSequelize();\n  try {\n    res.json(await sequelize.query('select count(*) from books'));\n  } catch (error) {\n    res.status(500).end();\n  }\n});`,
            true,
          ),
        },
      ],
    },
    {
      name: 'hoisted: the close statement in the body goes, a finally with other work stays',
      code: `${pgImport}app.get('/', async (req, res) => {\n  const pool = new Pool();\n  try {\n    res.json((await pool.query('select 1')).rows);\n  } finally {\n    res.end();\n    await pool.end();\n  }\n});`,
      errors: [
        {
          messageId: 'poolPerCall',
          line: 3,
          column: 16,
          data: perCall('a callback'),
          suggestions: hoist(
            'getPool',
            `${pgImport}${singleton('poolInstance', 'getPool', 'InstanceType<typeof Pool>', 'new Pool()')}app.get('/', async (req, res) => {\n  const pool = getPool();\n  try {\n    res.json((await pool.query('select 1')).rows);\n  } finally {\n    res.end();\n  }\n});`,
            true,
          ),
        },
      ],
    },
    {
      name: 'hoisted: names taken in the module get a number',
      code: `${pgImport}const getPool = () => null;\nlet poolInstance2;\napp.get('/', async () => {\n  const pool = new Pool();\n  await pool.query('select 1');\n  pool.end();\n});`,
      errors: [
        {
          messageId: 'poolPerCall',
          line: 5,
          column: 16,
          data: perCall('a callback'),
          suggestions: hoist(
            'getPool3',
            `${pgImport}const getPool = () => null;\nlet poolInstance2;\n${singleton('poolInstance3', 'getPool3', 'InstanceType<typeof Pool>', 'new Pool()')}app.get('/', async () => {\n  const pool = getPool3();\n  await pool.query('select 1');\n});`,
            true,
          ),
        },
      ],
    },
    {
      name: 'hoisted: a name bound in the function is taken too',
      code: `${pgImport}app.get('/', async (req, getPool) => {\n  const pool = new Pool();\n  return (await pool.query('select 1')).rows;\n});`,
      errors: [
        {
          messageId: 'leakedPoolPerCall',
          line: 3,
          column: 16,
          data: perCall('a callback'),
          suggestions: hoist(
            'getPool2',
            `${pgImport}${singleton('poolInstance2', 'getPool2', 'InstanceType<typeof Pool>', 'new Pool()')}app.get('/', async (req, getPool) => {\n  const pool = getPool2();\n  return (await pool.query('select 1')).rows;\n});`,
          ),
        },
      ],
    },
    {
      name: 'hoisted: a JavaScript file, CommonJS, no type',
      code: "const { Pool } = require('pg');\n\n/** The books. */\nrouter.get('/books', async (req, res) => {\n  const pool = new Pool({ connectionString: process.env.DATABASE_URL });\n  res.json((await pool.query('select * from books')).rows);\n});",
      filename: 'routes.js',
      errors: [
        {
          messageId: 'leakedPoolPerCall',
          line: 5,
          column: 16,
          data: perCall('a callback'),
          suggestions: hoist(
            'getPool',
            "const { Pool } = require('pg');\n\nlet poolInstance;\n/** Created at first use, then shared by every call. */\nfunction getPool() {\n  poolInstance ??= new Pool({ connectionString: process.env.DATABASE_URL });\n  return poolInstance;\n}\n\n/** The books. */\nrouter.get('/books', async (req, res) => {\n  const pool = getPool();\n  res.json((await pool.query('select * from books')).rows);\n});",
          ),
        },
      ],
    },
    {
      name: 'hoisted: a getter written before for the same construction is reused',
      code: `${pgImport}${singleton('poolInstance', 'getPool', 'InstanceType<typeof Pool>', 'new Pool({ max: 2 })').slice(1)}app.get('/a', async () => {\n  const pool = getPool();\n  return (await pool.query('select 1')).rows;\n});\napp.get('/b', async () => {\n  const pool = new Pool({ max: 2 });\n  return (await pool.query('select 2')).rows;\n});`,
      errors: [
        {
          messageId: 'leakedPoolPerCall',
          line: 14,
          column: 16,
          data: perCall('a callback'),
          suggestions: hoist(
            'getPool',
            `${pgImport}${singleton('poolInstance', 'getPool', 'InstanceType<typeof Pool>', 'new Pool({ max: 2 })').slice(1)}app.get('/a', async () => {\n  const pool = getPool();\n  return (await pool.query('select 1')).rows;\n});\napp.get('/b', async () => {\n  const pool = getPool();\n  return (await pool.query('select 2')).rows;\n});`,
          ),
        },
      ],
    },
    {
      name: 'hoisted: a getter declared after the function is not reused (its let would not be initialised yet)',
      code: `${pgImport}app.get('/b', async () => {\n  const pool = new Pool({ max: 2 });\n  return (await pool.query('select 2')).rows;\n});\n${singleton('poolInstance', 'getPool', 'InstanceType<typeof Pool>', 'new Pool({ max: 2 })').slice(1, -1)}`,
      errors: [
        {
          messageId: 'leakedPoolPerCall',
          line: 3,
          column: 16,
          data: perCall('a callback'),
          suggestions: hoist(
            'getPool2',
            `${pgImport}${singleton('poolInstance2', 'getPool2', 'InstanceType<typeof Pool>', 'new Pool({ max: 2 })')}app.get('/b', async () => {\n  const pool = getPool2();\n  return (await pool.query('select 2')).rows;\n});\n${singleton('poolInstance', 'getPool', 'InstanceType<typeof Pool>', 'new Pool({ max: 2 })').slice(1, -1)}`,
          ),
        },
      ],
    },
    {
      name: 'hoisted: a getter for other options is not reused',
      code: `${pgImport}${singleton('poolInstance', 'getPool', 'InstanceType<typeof Pool>', 'new Pool({ max: 2 })').slice(1)}app.get('/b', async () => {\n  const pool = new Pool({ max: 3 });\n  return (await pool.query('select 2')).rows;\n});`,
      errors: [
        {
          messageId: 'leakedPoolPerCall',
          line: 10,
          column: 16,
          data: perCall('a callback'),
          suggestions: hoist(
            'getPool2',
            `${pgImport}${singleton('poolInstance', 'getPool', 'InstanceType<typeof Pool>', 'new Pool({ max: 2 })').slice(1)}${singleton('poolInstance2', 'getPool2', 'InstanceType<typeof Pool>', 'new Pool({ max: 3 })').slice(1)}app.get('/b', async () => {\n  const pool = getPool2();\n  return (await pool.query('select 2')).rows;\n});`,
          ),
        },
      ],
    },
    {
      name: 'hoisted: above the decorators of a NestJS controller',
      code: `${pgImport}@Controller('books')\nexport class BooksController {\n  @Get(':id')\n  async find(@Param('id') id: string) {\n    const pool = new Pool();\n    return (await pool.query('select $1', [id])).rows;\n  }\n}`,
      errors: [
        {
          messageId: 'leakedPoolPerCall',
          line: 6,
          column: 18,
          data: perCall('`find()`'),
          suggestions: hoist(
            'getPool',
            `${pgImport}${singleton('poolInstance', 'getPool', 'InstanceType<typeof Pool>', 'new Pool()')}@Controller('books')\nexport class BooksController {\n  @Get(':id')\n  async find(@Param('id') id: string) {\n    const pool = getPool();\n    return (await pool.query('select $1', [id])).rows;\n  }\n}`,
          ),
        },
      ],
    },
    {
      name: 'hoisted: tabs and CRLF line breaks kept, a multi-line template literal left as written',
      code: "import { Pool } from 'pg';\r\nexport function routes(app) {\r\n\tapp.get('/', async () => {\r\n\t\tconst pool = new Pool({\r\n\t\t\tconnectionString: `postgres://db/books\r\n\t\t?ssl=true`,\r\n\t\t});\r\n\t\treturn (await pool.query('select 1')).rows;\r\n\t});\r\n}\r\n",
      errors: [
        {
          messageId: 'leakedPoolPerCall',
          line: 4,
          column: 16,
          data: perCall('a callback'),
          suggestions: hoist(
            'getPool',
            "import { Pool } from 'pg';\r\n\r\nlet poolInstance: InstanceType<typeof Pool> | undefined;\r\n/** Created at first use, then shared by every call. */\r\nfunction getPool() {\r\n\tpoolInstance ??= new Pool({\r\n\t\tconnectionString: `postgres://db/books\r\n\t\t?ssl=true`,\r\n\t});\r\n\treturn poolInstance;\r\n}\r\n\r\nexport function routes(app) {\r\n\tapp.get('/', async () => {\r\n\t\tconst pool = getPool();\r\n\t\treturn (await pool.query('select 1')).rows;\r\n\t});\r\n}\r\n",
          ),
        },
      ],
    },
    {
      name: 'not hoisted: the options read the request',
      code: `${pgImport}app.get('/', async (req) => {\n  const pool = new Pool({ database: req.query.tenant });\n  try { return await pool.query('select 1'); } finally { await pool.end(); }\n});`,
      errors: [{ messageId: 'poolPerCall', line: 3, column: 16, data: perCall('a callback'), suggestions: [] }],
    },
    {
      name: 'not hoisted: the options read a local, a call, this or a module variable written again',
      code: `${pgImport}let database = 'a';\ndatabase = 'b';\nconst config = { max: 2 };\nconfig.max = 3;\napp.get('/a', async () => {\n  const name = 'books';\n  const pool = new Pool({ database: name });\n  return (await pool.query('select 1')).rows;\n});\napp.get('/b', async () => {\n  const pool = new Pool({ max: readMax() });\n  return (await pool.query('select 1')).rows;\n});\napp.get('/c', async function () {\n  const pool = new Pool({ password: this.secret });\n  return (await pool.query('select 1')).rows;\n});\napp.get('/d', async () => {\n  const pool = new Pool({ database });\n  return (await pool.query('select 1')).rows;\n});\napp.get('/e', async () => {\n  const pool = new Pool(config);\n  return (await pool.query('select 1')).rows;\n});`,
      errors: [
        { messageId: 'leakedPoolPerCall', line: 8, column: 16, data: perCall('a callback'), suggestions: [] },
        { messageId: 'leakedPoolPerCall', line: 12, column: 16, data: perCall('a callback'), suggestions: [] },
        { messageId: 'leakedPoolPerCall', line: 16, column: 16, data: perCall('a callback'), suggestions: [] },
        { messageId: 'leakedPoolPerCall', line: 20, column: 16, data: perCall('a callback'), suggestions: [] },
        { messageId: 'leakedPoolPerCall', line: 24, column: 16, data: perCall('a callback'), suggestions: [] },
      ],
    },
    {
      name: 'not hoisted: a variable written again, or not a const of its own',
      code: `${pgImport}app.get('/a', async () => {\n  let pool = new Pool();\n  return (await pool.query('select 1')).rows;\n});\napp.get('/b', async () => {\n  const pool = new Pool(), n = 1;\n  return (await pool.query('select $1', [n])).rows;\n});`,
      errors: [
        { messageId: 'leakedPoolPerCall', line: 3, column: 14, data: perCall('a callback'), suggestions: [] },
        { messageId: 'leakedPoolPerCall', line: 7, column: 16, data: perCall('a callback'), suggestions: [] },
      ],
    },
    {
      name: 'not hoisted: closed inside a callback or a promise chain',
      code: `${pgImport}app.get('/a', async () => {\n  const pool = new Pool();\n  await pool.query('select 1');\n  setTimeout(() => pool.end(), 10);\n});\napp.get('/b', async () => {\n  const pool = new Pool();\n  await pool.query('select 1').then(() => pool.end());\n});\napp.get('/c', async () => {\n  const pool = new Pool();\n  await pool.query('select 1');\n  return pool.end();\n});`,
      errors: [
        { messageId: 'poolPerCall', line: 3, column: 16, data: perCall('a callback'), suggestions: [] },
        { messageId: 'poolPerCall', line: 8, column: 16, data: perCall('a callback'), suggestions: [] },
        { messageId: 'poolPerCall', line: 12, column: 16, data: perCall('a callback'), suggestions: [] },
      ],
    },
    {
      name: 'not hoisted: handed to a helper, or listened to',
      code: `${pgImport}app.get('/a', async () => {\n  const pool = new Pool();\n  await seed(pool);\n  await pool.end();\n});\napp.get('/b', async () => {\n  const pool = new Pool();\n  pool.on('error', console.error);\n  return (await pool.query('select 1')).rows;\n});`,
      errors: [
        { messageId: 'poolPerCall', line: 3, column: 16, data: perCall('a callback'), suggestions: [] },
        { messageId: 'leakedPoolPerCall', line: 8, column: 16, data: perCall('a callback'), suggestions: [] },
      ],
    },
    {
      name: 'not hoisted: a TypeORM DataSource initialised in the function (a shared one is initialised once)',
      code: "import { DataSource } from 'typeorm';\nconst options = { type: 'postgres' };\nclass Books {\n  async count() {\n    const ds = new DataSource(options);\n    await ds.initialize();\n    try { return await ds.query('select count(*) from books'); } finally { await ds.destroy(); }\n  }\n}",
      errors: [{ messageId: 'poolPerCall', line: 5, column: 16, data: perCall('`count()`', 'TypeORM', 'DataSource'), suggestions: [] }],
    },
    {
      name: 'not hoisted: every name from getPool to getPool9 taken',
      code: `${pgImport}const { getPool, getPool2, getPool3, getPool4, getPool5, getPool6, getPool7, getPool8, getPool9 } = helpers;\napp.get('/', async () => {\n  const pool = new Pool();\n  return (await pool.query('select 1')).rows;\n});`,
      errors: [{ messageId: 'leakedPoolPerCall', line: 4, column: 16, data: perCall('a callback'), suggestions: [] }],
    },
    {
      name: 'not hoisted: handed on inside an object, or stored where a caller reads it',
      code: `${pgImport}app.get('/a', async () => {\n  const pool = new Pool();\n  const context = { pool };\n  await run(context);\n  await pool.end();\n});\napp.get('/b', async (req) => {\n  const pool = new Pool();\n  req.db = pool;\n  await pool.query('select 1');\n});`,
      errors: [{ messageId: 'poolPerCall', line: 3, column: 16, data: perCall('a callback'), suggestions: [] }],
    },
    {
      name: 'not hoisted: unwrapping the try would clash with a name after it',
      code: `${pgImport}app.get('/', async (res) => {\n  const pool = new Pool();\n  try {\n    const rows = (await pool.query('select 1')).rows;\n    res.json(rows);\n  } finally {\n    await pool.end();\n  }\n  const rows = [];\n  return rows;\n});`,
      errors: [{ messageId: 'poolPerCall', line: 3, column: 16, data: perCall('a callback'), suggestions: [] }],
    },
    {
      name: 'not hoisted: a hoisted function called at module scope before its statement',
      code: `${pgImport}handler();\nasync function handler() {\n  const pool = new Pool();\n  return (await pool.query('select 1')).rows;\n}\napp.get('/', () => handler());`,
      errors: [{ messageId: 'leakedPoolPerCall', line: 4, column: 16, data: perCall('`handler()`'), suggestions: [] }],
    },
    {
      name: 'MikroORM.init per call',
      code: "import { MikroORM } from '@mikro-orm/postgresql';\nconst service = {\n  async find(id) {\n    const orm = await MikroORM.init(options);\n    try { return await orm.em.fork().findOne(Book, id); } finally { await orm.close(); }\n  },\n};",
      errors: [{ messageId: 'poolPerCall', line: 4, column: 23, data: perCall('`find()`', 'MikroORM', 'MikroORM.init') }],
    },
  ],
});

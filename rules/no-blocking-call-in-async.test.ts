import path from 'node:path';
import { fileURLToPath } from 'node:url';

import rule from './no-blocking-call-in-async.js';
import { fixturesDir, typedTester, untypedTester } from '../tests/rule-tester.js';

const noDatabaseFile = path.join(path.dirname(fileURLToPath(import.meta.url)), '../tests/activation/no-database/file.ts');

/** Drops the first line break and the common indentation, so each case reads as plain code. */
function ts(strings: TemplateStringsArray, ...values: string[]): string {
  const raw = strings.reduce((text, part, i) => text + part + (values[i] ?? ''), '');
  const lines = raw.replace(/^\n/, '').replace(/\n[ \t]*$/, '').split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => line.length - line.trimStart().length));
  return `${lines.map((line) => line.slice(indent)).join('\n')}\n`;
}

const inAsync = 'in an async function';
const fsAdvice = 'Use the promise API of `fs` (`fs/promises`), or read it once at start-up.';
const driverAdvice = 'Use an asynchronous driver, or run the queries in a worker thread.';

const fsInAsync = ts`
  import fs from 'node:fs';

  export async function page(file: string) {
    const text = fs.readFileSync(file, 'utf8');
    return fs.readFileSync(file).toString() + text;
  }
`;

const namedFsInAsync = ts`
  import { readFileSync } from 'fs';
  import path from 'node:path';

  export async function page(file: string) {
    return readFileSync(path.join('views', file), 'utf8');
  }
`;

const zlibInAsync = ts`
  import * as zlib from 'node:zlib';

  export async function save(events: unknown[]) {
    return zlib.gzipSync(Buffer.from(JSON.stringify(events)));
  }
`;

const helperInRoute = ts`
  import bcrypt from 'bcryptjs';

  function checkPassword(password: string, hash: string) {
    return bcrypt.compareSync(password, hash);
  }

  export async function POST(request: Request) {
    const { password, hash } = await request.json();
    return Response.json({ ok: checkPassword(password, hash) });
  }
`;

untypedTester().run('no-blocking-call-in-async', rule, {
  valid: [
    {
      name: 'module scope and start-up code',
      code: ts`
        import fs from 'node:fs';
        import express from 'express';
        import Database from 'better-sqlite3';

        const config = JSON.parse(fs.readFileSync('config.json', 'utf8'));
        const db = new Database('app.db');
        db.pragma('journal_mode = WAL');
        const app = express();

        async function main() {
          fs.mkdirSync(config.uploads, { recursive: true });
          db.exec('create table if not exists t (id integer)');
          app.listen(3000, async () => {
            fs.writeFileSync('server.pid', String(process.pid));
          });
        }

        async function migrate() {
          db.exec('alter table t add column name text');
        }

        migrate().then(main).catch(console.error);
        (async () => {
          fs.writeFileSync('started', '1');
        })();
      `,
    },
    {
      name: 'a synchronous function nobody serving calls',
      code: ts`
        import { readFileSync, existsSync } from 'node:fs';
        export function loadTemplates(dir: string) {
          return existsSync(dir) ? readFileSync(dir + '/index.html', 'utf8') : '';
        }
        const templates = loadTemplates('views');
      `,
    },
    {
      name: 'results cached once per process',
      code: ts`
        import fs from 'node:fs';
        let errorPage: Buffer | undefined;
        let manifest: string | undefined;
        export async function renderError() {
          errorPage ??= fs.readFileSync('error.html');
          return errorPage;
        }
        export async function readManifest() {
          if (!manifest) {
            manifest = fs.readFileSync('manifest.json', 'utf8');
          }
          return manifest;
        }
        export class Assets {
          private html?: string;
          async index() {
            return this.html ?? (this.html = fs.readFileSync('index.html', 'utf8'));
          }
        }
      `,
    },
    {
      name: 'lookalikes: same names on objects that are not blocking APIs',
      code: ts`
        import { open } from 'sqlite';
        import { promises as fsp, readFile } from 'node:fs';
        import { readFileSync } from './virtual-fs';

        const fs = { readFileSync: (f: string) => f, existsSync: () => true };
        const cache = { querySync: (q: string) => q, compareSync: () => true };
        const Atomics = { wait: () => 'ok' };

        export async function handler() {
          const db = await open({ filename: 'app.db' });
          await db.prepare('select 1');
          await db.all('select 1');
          fs.readFileSync('x');
          fs.existsSync();
          cache.querySync('select 1');
          cache.compareSync();
          Atomics.wait();
          readFileSync('x');
          await fsp.readFile('x');
          readFile('x', () => {});
        }
      `,
    },
    {
      name: 'better-sqlite3 backup() is asynchronous',
      code: ts`
        import Database from 'better-sqlite3';
        const db = new Database('app.db');
        export async function backup() {
          await db.backup('backup.db');
        }
      `,
    },
    {
      name: 'test files',
      filename: 'src/__tests__/store.ts',
      code: ts`
        import fs from 'node:fs';
        export async function fixture() { return fs.readFileSync('fixture.json'); }
      `,
    },
    {
      name: 'scripts',
      filename: 'scripts/seed.ts',
      code: ts`
        import Database from 'better-sqlite3';
        export async function seed() { new Database('app.db').exec('insert into t values (1)'); }
      `,
    },
    {
      name: 'a shebang script',
      code: ts`
        #!/usr/bin/env node
        import { execSync } from 'node:child_process';
        export async function release() { execSync('git tag v1'); }
      `,
    },
    {
      name: 'tool configuration',
      filename: 'vite.config.ts',
      code: ts`
        import fs from 'node:fs';
        export default async () => ({ define: { VERSION: fs.readFileSync('VERSION', 'utf8') } });
      `,
    },
    {
      name: 'migrations',
      filename: 'server/migrations/20240101-add-index.js',
      code: ts`
        const { execFileSync } = require('child_process');
        module.exports = { up: async () => { execFileSync('node', ['scripts/backfill.js']); } };
      `,
    },
    {
      name: 'worker-thread code',
      code: ts`
        import { parentPort } from 'node:worker_threads';
        import Database from 'better-sqlite3';
        const db = new Database('app.db', { readonly: true });
        parentPort?.on('message', async (id: number) => {
          parentPort?.postMessage(db.prepare('select * from books where id = ?').get(id));
        });
      `,
    },
    {
      name: 'NestJS lifecycle hooks run once',
      code: ts`
        import { Controller } from '@nestjs/common';
        import { readdirSync } from 'node:fs';
        @Controller()
        export class I18nController {
          private locales: string[] = [];
          async onModuleInit() {
            this.locales = readdirSync('locales');
          }
          constructor() {
            this.locales = readdirSync('locales');
          }
        }
      `,
    },
    {
      name: 'the allow option',
      options: [{ allow: [{ from: 'package', package: 'fs', name: ['existsSync'] }, 'hashSync', { from: 'file', name: 'checkPassword' }] }],
      code: ts`
        import fs from 'node:fs';
        import bcrypt from 'bcrypt';
        function checkPassword(p: string, h: string) { return bcrypt.compareSync(p, h); }
        export async function upload(dir: string, p: string, h: string) {
          if (!fs.existsSync(dir)) return bcrypt.hashSync(p, 10);
          return checkPassword(p, h);
        }
      `,
    },
    {
      name: 'a project without a database library',
      filename: noDatabaseFile,
      code: fsInAsync,
    },
  ],
  invalid: [
    {
      name: 'better-sqlite3 statements in an async function',
      code: ts`
        import Database from 'better-sqlite3';

        const db = new Database('app.db');
        const byId = db.prepare('select * from books where id = ?');

        export async function listBooks(limit: number) {
          const books = db.prepare('select * from books limit ?').all(limit);
          const first = await byId.get(1);
          const ids = db.prepare('select id from books').pluck().all();
          return { books, first, ids };
        }
      `,
      errors: [
        {
          messageId: 'blockingCall',
          data: { what: 'better-sqlite3 `Statement.all()`', context: inAsync, advice: driverAdvice },
          line: 7,
          column: 17,
          endLine: 7,
          endColumn: 69,
        },
        {
          messageId: 'awaitedBlockingCall',
          data: { what: 'better-sqlite3 `Statement.get()`', context: inAsync, advice: driverAdvice },
          line: 8,
          column: 17,
          endColumn: 34,
        },
        { messageId: 'blockingCall', line: 9, column: 15 },
      ],
    },
    {
      name: 'a better-sqlite3 transaction function, called',
      code: ts`
        import Database from 'better-sqlite3';
        const db = new Database('app.db');
        const insert = db.prepare('insert into events (name) values (?)');
        const insertMany = db.transaction((names: string[]) => {
          for (const name of names) insert.run(name);
        });
        export async function record(names: string[]) {
          insertMany(names);
          insertMany.immediate(names);
        }
      `,
      errors: [
        { messageId: 'blockingCall', data: { what: 'a better-sqlite3 transaction function', context: inAsync, advice: driverAdvice }, line: 8, column: 3 },
        { messageId: 'blockingCall', line: 9, column: 3 },
      ],
    },
    {
      name: 'node:sqlite, a parameter typed DatabaseSync',
      code: ts`
        import { DatabaseSync } from 'node:sqlite';
        export async function count(db: DatabaseSync) {
          return db.prepare('select count(*) as n from books').get();
        }
        export const purge = async () => new DatabaseSync('app.db').exec('delete from sessions');
      `,
      errors: [
        { messageId: 'blockingCall', data: { what: 'node:sqlite `StatementSync.get()`', context: inAsync, advice: driverAdvice }, line: 3, column: 10 },
        { messageId: 'blockingCall', data: { what: 'node:sqlite `DatabaseSync.exec()`', context: inAsync, advice: driverAdvice }, line: 5, column: 34 },
      ],
    },
    {
      name: 'pg-native querySync',
      code: ts`
        import Client from 'pg-native';
        const client = new Client();
        client.connectSync('postgres://localhost/app');
        export async function getBook(id: number) {
          const [book] = client.querySync('select * from books where id = $1', [id]);
          const other = Client();
          other.connectSync();
          return book;
        }
      `,
      errors: [
        { messageId: 'blockingCall', data: { what: 'pg-native `Client.querySync()`', context: inAsync, advice: driverAdvice }, line: 5, column: 18 },
        { messageId: 'blockingCall', data: { what: 'pg-native `Client.connectSync()`', context: inAsync, advice: driverAdvice }, line: 7, column: 3 },
      ],
    },
    {
      name: 'sync-mysql through require',
      code: ts`
        const MySql = require('sync-mysql');
        const connection = new MySql({ host: 'localhost' });
        module.exports.list = async () => connection.query('select * from books');
      `,
      errors: [{ messageId: 'blockingCall', data: { what: 'sync-mysql `MySql.query()`', context: inAsync, advice: driverAdvice }, line: 3, column: 35 }],
    },
    {
      name: 'fs in an async function, with the promise API suggested',
      code: fsInAsync,
      errors: [
        {
          messageId: 'blockingCall',
          data: { what: '`fs.readFileSync()`', context: inAsync, advice: fsAdvice },
          line: 4,
          column: 16,
          suggestions: [
            {
              messageId: 'useAsyncForm',
              data: { replacement: "await fs.promises.readFile(file, 'utf8')" },
              output: fsInAsync.replace("fs.readFileSync(file, 'utf8')", "await fs.promises.readFile(file, 'utf8')"),
            },
          ],
        },
        {
          messageId: 'blockingCall',
          line: 5,
          column: 10,
          suggestions: [
            {
              messageId: 'useAsyncForm',
              data: { replacement: 'await fs.promises.readFile(file)' },
              output: fsInAsync.replace('fs.readFileSync(file).toString()', '(await fs.promises.readFile(file)).toString()'),
            },
          ],
        },
      ],
    },
    {
      name: 'a named fs import: the promise function imported',
      code: namedFsInAsync,
      errors: [
        {
          messageId: 'blockingCall',
          line: 5,
          column: 10,
          suggestions: [
            {
              messageId: 'useAsyncForm',
              data: { replacement: "await readFile(path.join('views', file), 'utf8')" },
              output: namedFsInAsync
                .replace("import path from 'node:path';", "import path from 'node:path';\nimport { readFile } from 'node:fs/promises';")
                .replace('return readFileSync(', 'return await readFile('),
            },
          ],
        },
      ],
    },
    {
      name: 'zlib: the promisified callback form',
      code: zlibInAsync,
      errors: [
        {
          messageId: 'blockingCall',
          data: {
            what: '`zlib.gzipSync()`',
            context: inAsync,
            advice: 'Use the callback or promisified form, which runs on the libuv thread pool.',
          },
          line: 4,
          column: 10,
          suggestions: [
            {
              messageId: 'useAsyncForm',
              data: { replacement: 'await promisify(zlib.gzip)(Buffer.from(JSON.stringify(events)))' },
              output: zlibInAsync
                .replace("import * as zlib from 'node:zlib';", "import * as zlib from 'node:zlib';\nimport { promisify } from 'node:util';")
                .replace('return zlib.gzipSync(', 'return await promisify(zlib.gzip)('),
            },
          ],
        },
      ],
    },
    {
      name: 'a synchronous helper reached from a Next.js route handler',
      filename: 'src/app/api/auth/login/route.ts',
      code: helperInRoute,
      errors: [
        {
          messageId: 'blockingHelper',
          data: {
            helper: 'checkPassword',
            what: '`bcryptjs.compareSync()`',
            through: '',
            context: 'in a Next.js route handler',
            advice: 'Use the asynchronous `hash`/`compare`, which run off the event loop.',
          },
          line: 9,
          column: 30,
          endColumn: 59,
        },
      ],
    },
    {
      name: 'helpers through helpers, in an express handler that is not async',
      code: ts`
        import express from 'express';
        import { execSync } from 'node:child_process';
        const router = express.Router();
        const version = () => gitDescribe();
        function gitDescribe() {
          return execSync('git describe').toString();
        }
        router.get('/version', (req, res) => {
          res.send(version());
        });
        router.post('/deploy', function deploy(req, res) {
          execSync('make deploy');
          res.sendStatus(204);
        });
      `,
      errors: [
        {
          messageId: 'blockingHelper',
          data: {
            helper: 'version',
            what: '`child_process.execSync()`',
            through: ' (through `gitDescribe()`)',
            context: 'in an express request handler',
            advice: 'Use the asynchronous `child_process` functions (`execFile`, `spawn`).',
          },
          line: 9,
          column: 12,
        },
        { messageId: 'blockingCall', line: 12, column: 3, suggestions: [] },
      ],
    },
    {
      name: 'fastify plugin, koa router, hono, tRPC, BullMQ, GraphQL resolvers, NestJS',
      code: ts`
        import type { FastifyInstance } from 'fastify';
        import Router from '@koa/router';
        import { Hono } from 'hono';
        import { initTRPC } from '@trpc/server';
        import { Worker } from 'bullmq';
        import { ApolloServer } from '@apollo/server';
        import { Controller, Get } from '@nestjs/common';
        import crypto from 'node:crypto';
        import fs from 'fs-extra';

        export default async function routes(app: FastifyInstance) {
          app.get('/a', () => fs.pathExistsSync('a'));
        }
        const router = new Router();
        router.get('/b', (ctx) => { ctx.body = fs.readJsonSync('b.json'); });
        new Hono().get('/c', (c) => c.json(fs.readJsonSync('c.json')));
        const t = initTRPC.create();
        export const appRouter = t.router({ d: t.procedure.query(() => fs.readJsonSync('d.json')) });
        new Worker('mail', (job) => crypto.pbkdf2Sync(job.data, 'salt', 100000, 64, 'sha512'));
        new ApolloServer({ resolvers: { Query: { e: () => fs.readJsonSync('e.json') } } });
        @Controller('f')
        export class FilesController {
          @Get()
          list() {
            return fs.readdirSync('files');
          }
        }
      `,
      errors: [
        { messageId: 'blockingCall', data: { what: '`fs-extra.pathExistsSync()`', context: 'in a fastify request handler', advice: fsAdvice }, line: 12, column: 23 },
        { messageId: 'blockingCall', data: { what: '`fs-extra.readJsonSync()`', context: 'in a @koa/router request handler', advice: fsAdvice }, line: 15, column: 40 },
        { messageId: 'blockingCall', data: { what: '`fs-extra.readJsonSync()`', context: 'in a hono request handler', advice: fsAdvice }, line: 16, column: 36 },
        { messageId: 'blockingCall', data: { what: '`fs-extra.readJsonSync()`', context: 'in a tRPC procedure', advice: fsAdvice }, line: 18, column: 64 },
        {
          messageId: 'blockingCall',
          data: {
            what: '`crypto.pbkdf2Sync()`',
            context: 'in a bullmq job processor',
            advice: 'Use the callback or promisified form, which runs on the libuv thread pool.',
          },
          line: 19,
          column: 29,
        },
        { messageId: 'blockingCall', data: { what: '`fs-extra.readJsonSync()`', context: 'in a GraphQL resolver', advice: fsAdvice }, line: 20, column: 51 },
        { messageId: 'blockingCall', data: { what: '`fs-extra.readdirSync()`', context: 'in a method of a @Controller() class', advice: fsAdvice }, line: 25, column: 12 },
      ],
    },
    {
      name: 'Atomics.wait and deasync',
      code: ts`
        import deasync from 'deasync';
        const sleep = deasync((ms: number, done: () => void) => setTimeout(done, ms));
        export async function throttle(flag: Int32Array) {
          Atomics.wait(flag, 0, 0, 100);
          sleep(100);
          deasync.sleep(100);
        }
      `,
      errors: [
        { messageId: 'blockingCall', data: { what: '`Atomics.wait()`', context: inAsync, advice: '`Atomics.waitAsync` waits without blocking.' }, line: 4, column: 3 },
        { messageId: 'blockingCall', data: { what: 'a function made by `deasync()`', context: inAsync, advice: 'Await the asynchronous function instead.' }, line: 5, column: 3 },
        { messageId: 'blockingCall', data: { what: '`deasync.sleep()`', context: inAsync, advice: 'Await the asynchronous function instead.' }, line: 6, column: 3 },
      ],
    },
    {
      name: 'a server action',
      filename: 'src/app/actions.ts',
      code: ts`
        'use server';
        import { writeFileSync } from 'node:fs';
        export function saveDraft(text: string) {
          writeFileSync('draft.txt', text);
        }
      `,
      errors: [{ messageId: 'blockingCall', data: { what: '`fs.writeFileSync()`', context: 'in a Next.js server action', advice: fsAdvice }, line: 4, column: 3 }],
    },
    {
      name: 'a handler that is not async, on a router exported by a project module (no framework named in the file)',
      filename: path.join(fixturesDir, 'serving', 'routes.ts'),
      code: ts`
        import { execSync } from 'node:child_process';
        import { router } from './router';
        router.get('/version', (req, res) => {
          res.send(execSync('git describe').toString());
        });
      `,
      errors: [{ messageId: 'blockingCall', data: { what: '`child_process.execSync()`', context: 'in an express request handler', advice: 'Use the asynchronous `child_process` functions (`execFile`, `spawn`).' }, line: 4, column: 12 }],
    },
    {
      name: 'an async function called from a request handler is not start-up code',
      code: ts`
        import fs from 'node:fs';
        import express from 'express';
        const app = express();
        async function render(name: string) {
          return fs.readFileSync(name, 'utf8');
        }
        app.get('/', async (req, res) => res.send(await render('index.html')));
        app.listen(3000);
      `,
      errors: [{ messageId: 'blockingCall', line: 5, column: 10, suggestions: [{ messageId: 'useAsyncForm', output: ts`
        import fs from 'node:fs';
        import express from 'express';
        const app = express();
        async function render(name: string) {
          return await fs.promises.readFile(name, 'utf8');
        }
        app.get('/', async (req, res) => res.send(await render('index.html')));
        app.listen(3000);
      ` }] }],
    },
  ],
});

typedTester().run('no-blocking-call-in-async (type information)', rule, {
  valid: [],
  invalid: [
    {
      name: 'a parameter typed with better-sqlite3 types, as the fixture project sees it',
      filename: path.join(fixturesDir, 'blocking.ts'),
      code: ts`
        import type Database from 'better-sqlite3';
        export async function list(db: Database.Database) {
          return db.prepare('select * from books').all();
        }
      `,
      errors: [{ messageId: 'blockingCall', data: { what: 'better-sqlite3 `Statement.all()`', context: inAsync, advice: driverAdvice }, line: 3, column: 10 }],
    },
  ],
});

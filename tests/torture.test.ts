/**
 * Every rule must lint any syntactically valid input without throwing: odd shapes, TSX,
 * decorators, `any`, CommonJS, deep nesting and large files.
 */
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';

import plugin from '../eslint-plugin.js';

const ruleIds = Object.keys(plugin.rules);

function lint(code: string, filename = 'torture.ts'): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(
    code,
    [
      {
        files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.cjs'],
        languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
        plugins: { 'async-db': plugin as never },
        rules: Object.fromEntries(ruleIds.map((id) => [`async-db/${id}`, 'error'])),
      },
    ],
    filename,
  );
}

/** Fails on any message that is a crash or a parse error rather than a finding. */
function expectNoCrash(messages: Linter.LintMessage[]): void {
  const fatal = messages.filter((m) => m.fatal === true || m.ruleId === null);
  expect(fatal).toEqual([]);
}

const deeplyNested = (depth: number): string => {
  let code = `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\n`;
  code += 'await prisma.$transaction(async (tx) => {\n';
  for (let i = 0; i < depth; i += 1) code += `if (x${String(i)}) { const f${String(i)} = async () => {\n`;
  code += 'await prisma.user.findMany(); await fetch("u");\n';
  for (let i = 0; i < depth; i += 1) code += '}; }\n';
  code += '});\n';
  return code;
};

const largeFile = (): string => {
  const lines = [`import knex from 'knex';`, `import axios from 'axios';`, `const db = knex({ client: 'pg' });`];
  for (let i = 0; lines.length < 5000; i += 1) {
    lines.push(
      `export async function handler${String(i)}(id: number) {`,
      `  return db.transaction(async (trx) => {`,
      `    const row = await trx('books').where({ id }).first();`,
      `    await db('audit').insert({ id });`,
      `    await axios.post('/hook', row);`,
      `    return row;`,
      `  });`,
      `}`,
    );
  }
  return lines.join('\n');
};

describe('rules never throw', () => {
  const inputs: Record<string, { code: string; filename?: string }> = {
    'empty file': { code: '' },
    'comments only': { code: '// nothing here\n/* still nothing */\n' },
    'shebang and directives': { code: '#!/usr/bin/env node\n"use strict";\n' },
    'TSX component': {
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export function Page({ id }: { id: number }) {
  return <button onClick={async () => prisma.$transaction(async (tx) => { await prisma.user.delete({ where: { id } }); })}>x</button>;
}`,
      filename: 'page.tsx',
    },
    decorators: {
      code: `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
@Injectable()
export class S {
  constructor(@InjectRepository(User) private readonly repo: Repository<User>, private ds: DataSource) {}
  @Decorated() async run(@Body() body: any) {
    return this.ds.transaction(async (m) => { await this.repo.save(body); await m.save(body); });
  }
}`,
    },
    'any everywhere': {
      code: `const db: any = require('knex')({});
const x: any = db.transaction(async (t: any) => { await (db as any)('t'); await (t as any)[name](); await x?.y?.(); });`,
    },
    CommonJS: {
      code: `const { Pool } = require('pg');
const pool = new Pool();
module.exports = async function (req, res) {
  const client = await pool.connect();
  await client.query('BEGIN');
  await pool.query('select 1');
  await client.query('COMMIT');
};`,
      filename: 'handler.cjs',
    },
    'odd shapes': {
      code: `import { Kysely } from 'kysely';
const db = new Kysely<any>({} as any);
db.transaction().execute();
db.transaction().execute(123 as any);
(db as any).transaction?.()?.execute?.(async function* (trx: any) { yield await trx; });
const { [key]: computed } = db; computed?.();
new (class extends (null as any) {})();
label: for await (const row of db.selectFrom('t').stream()) { break label; }
this?.x; super_: { }
await db.transaction().execute(async () => { await import('x'); await (async () => 1)(); });`,
    },
    'region without end': {
      code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({});
export async function f() { const conn = await pool.getConnection(); await conn.beginTransaction(); await pool.query('x'); }`,
    },
    // Found by the fuzzer: a method call on a binding initialised by a call on itself, and a
    // helper returning a call of itself, looked up as project class instances without end.
    'bindings and helpers defined by calls on themselves, in a transaction': {
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  await client.query('BEGIN');
  const x = x.a();
  const y = z.b(); const z = y.c();
  function rows() { return rows().next(); }
  await rows().next();
  await x.q(); await y.q(); await z.q();
  await client.query('COMMIT');
}`,
    },
    'self-referencing bindings': {
      code: `let a = b; let b = a; const c = c2(); function c2() { return c; }
class A extends A {} const d = d;`,
    },
  };
  for (const [name, input] of Object.entries(inputs)) {
    it(name, () => {
      expectNoCrash(lint(input.code, input.filename));
    });
  }

  // Function forms without a body, or with an unusual one, where the rules look for project
  // helpers and transaction wrappers: each is called inside a transaction.
  const bodiless: Record<string, { code: string; filename?: string; expected: Array<[string, number]> }> = {
    'overload signatures of a project transaction wrapper': {
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function $transaction<R>(client: PrismaClient, fn: (tx: unknown) => Promise<R>): Promise<R>;
export async function $transaction<R>(client: PrismaClient, fn: (tx: unknown) => Promise<R>, options: object): Promise<R>;
export async function $transaction<R>(client: PrismaClient, fn: (tx: unknown) => Promise<R>): Promise<R> {
  return client.$transaction((tx) => fn(tx));
}
export async function pay() {
  await $transaction(prisma, async () => { await fetch('/charge'); });
}`,
      expected: [['async-db/no-unrelated-await-in-transaction', 9]],
    },
    'declare function called as a wrapper and as a helper': {
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
declare function withTx(fn: () => Promise<void>): Promise<void>;
declare function audit(): Promise<void>;
export async function pay() {
  await withTx(async () => { await fetch('/x'); });
  await prisma.$transaction(async (tx) => { await audit(); await tx.user.count(); });
}`,
      expected: [],
    },
    'overloaded helper called inside a transaction': {
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
function count(): Promise<number>;
function count(where: object): Promise<number>;
function count(where?: object) { return prisma.user.count({ where }); }
export async function run() {
  await prisma.$transaction(async (tx) => { await count(); await tx.user.findMany(); });
}`,
      expected: [['async-db/no-outer-client-in-transaction', 7]],
    },
    'abstract, overloaded and declared class members': {
      code: `import { PrismaClient } from '@prisma/client';
abstract class Base {
  abstract run(fn: () => Promise<void>): Promise<void>;
  declare readonly client: PrismaClient;
  load(): Promise<void>;
  load(id?: number): Promise<void> { return Promise.resolve(); }
}
export class Service extends Base {
  private prisma = new PrismaClient();
  async run(fn: () => Promise<void>) { await fn(); }
  async go() {
    await this.prisma.$transaction(async (tx) => { await this.load(); await this.run(async () => {}); await this.client.user.count(); });
  }
}`,
      // The declared field is a PrismaClient, not the handle.
      expected: [['async-db/no-outer-client-in-transaction', 12]],
    },
    'a .d.ts file': {
      code: `import type { PrismaClient } from '@prisma/client';
export declare function withTx<R>(fn: (tx: PrismaClient) => Promise<R>): Promise<R>;
export declare class Repo { transaction(fn: () => Promise<void>): Promise<void>; }
declare module 'x' { export function y(): void; }`,
      filename: 'types.d.ts',
      expected: [],
    },
    'methods of interfaces and object types': {
      code: `import { PrismaClient } from '@prisma/client';
interface Tx { run(fn: () => Promise<void>): Promise<void>; query: () => Promise<void> }
type Db = { transaction(fn: (t: Tx) => Promise<void>): Promise<void> };
declare const tx: Tx; declare const db: Db;
const prisma = new PrismaClient();
export async function go() {
  await db.transaction(async (t) => { await t.run(async () => {}); });
  await prisma.$transaction(async () => { await tx.run(async () => { await tx.query(); }); });
}`,
      expected: [],
    },
    'getters, setters, generators, static blocks and accessor fields': {
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
class Store {
  static #instance: Store;
  static { Store.#instance = new Store(); }
  accessor client = prisma;
  get db() { return prisma; }
  set db(value) { void value; }
  *rows() { yield prisma.user.findMany(); }
  async *stream() { yield await prisma.user.findMany(); }
  async go() {
    await prisma.$transaction(async (tx) => {
      await this.db.user.count();
      for (const row of this.rows()) await row;
      for await (const row of this.stream()) void row;
      await tx.user.count();
    });
  }
}
export { Store };`,
      // The generator methods query through the outer client.
      expected: [
        ['async-db/no-outer-client-in-transaction', 14],
        ['async-db/no-outer-client-in-transaction', 15],
      ],
    },
  };
  for (const [name, input] of Object.entries(bodiless)) {
    it(name, () => {
      const messages = lint(input.code, input.filename);
      expectNoCrash(messages);
      expect(messages.map((m) => [m.ruleId, m.line])).toEqual(input.expected);
    });
  }

  it('deeply nested code (80 levels of blocks and closures)', () => {
    const messages = lint(deeplyNested(80));
    expectNoCrash(messages);
    expect(messages.map((m) => [m.ruleId, m.line])).toEqual([
      ['async-db/no-outer-client-in-transaction', 84],
      ['async-db/no-unrelated-await-in-transaction', 84],
    ]);
  });

  it('a 5,000-line file', () => {
    const messages = lint(largeFile());
    expectNoCrash(messages);
    // Every generated handler has one outer-client query and one unrelated await.
    const count = (id: string): number => messages.filter((m) => m.ruleId === `async-db/${id}`).length;
    const handlers = (largeFile().split('\n').length - 3) / 8;
    expect(count('no-outer-client-in-transaction')).toBe(handlers);
    expect(count('no-unrelated-await-in-transaction')).toBe(handlers);
  });
});

describe('plain JavaScript with ESLint’s default parser', () => {
  it('finds the same pitfalls without typescript-eslint (no parser services)', () => {
    const linter = new Linter({ configType: 'flat' });
    const code = `const { Pool } = require('pg');
const pool = new Pool();
async function transfer() {
  const client = await pool.connect();
  await client.query('BEGIN');
  await pool.query('UPDATE accounts SET balance = 0');
  await fetch('http://127.0.0.1:1/notify');
  await client.query('COMMIT');
}
module.exports = { transfer };`;
    const messages = linter.verify(
      code,
      [
        {
          files: ['**/*.js'],
          languageOptions: { sourceType: 'commonjs' },
          plugins: { 'async-db': plugin as never },
          rules: Object.fromEntries(ruleIds.map((id) => [`async-db/${id}`, 'error'])),
        },
      ],
      'transfer.js',
    );
    expect(messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([
      ['async-db/require-pool-limits', 2, 14],
      ['async-db/no-outer-client-in-transaction', 6, 9],
      ['async-db/no-unrelated-await-in-transaction', 7, 3],
    ]);
  });
});

/**
 * The blocking rule's text gates: a file failing them is never looked at node by node, and an
 * imported module failing them is never parsed. They must let through every module that can hold
 * a blocking call (the rule's tests prove the calls are then found) and stop the lookalikes that
 * made every file of a large project pass: project helpers named `*Sync`, `regex.exec()`,
 * `await db.transaction(…)` of an async library, type-only imports.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { activeLibraries } from '../orm/activation.js';
import { blockingText, directText, fileMayBlock } from '../orm/blocking-gates.js';
import { fileMayServe } from '../orm/serving.js';
import type { LibraryId } from '../orm/catalog/index.js';
import { importedSpecifiers } from '../orm/modules/parse.js';

const librariesOf = (ids: LibraryId[]): ReadonlySet<LibraryId> => activeLibraries('/nowhere/file.ts', ids, {});

describe('blockingText: what a module calling a blocking API contains', () => {
  const pg = librariesOf(['pg']);
  const sqlite = librariesOf(['better-sqlite3']);

  it.each([
    ["import fs from 'node:fs';\nfs.readFileSync(p);", true],
    ["const { gzipSync } = require('zlib');", true],
    ["import bcrypt from 'bcryptjs';\nbcrypt.hashSync(pw, 10);", true],
    ["import deasync from 'deasync';\nconst wait = deasync(fn);", true],
    ['Atomics.wait(view, 0, 0, 10);', true],
    // A project helper named like a Sync function, without the module it would come from.
    ["import { findUpSync } from './find-up';\nfindUpSync('x');", false],
    ['export const timeSync = (name, fn) => fn();', false],
    // The package, but nothing of it that blocks.
    ["import { spawn } from 'child_process';\nspawn('ls');", false],
    ["import crypto from 'node:crypto';\ncrypto.randomBytes(16);", false],
    ['Atomics.add(view, 0, 1);', false],
  ])('pg project: %j → %s', (text, expected) => {
    expect(blockingText(pg).test(text)).toBe(expected);
  });

  it('names the active drivers’ client methods, type arguments allowed', () => {
    const text = 'const rows = db.prepare<[number], Row>(sql).all(1);';
    expect(blockingText(sqlite).test(text)).toBe(true);
    expect(blockingText(pg).test(text)).toBe(false);
    // Text cannot tell a regex's `exec` from a database's: the gate lets it through, resolution decides.
    expect(blockingText(sqlite).test('const match = /x/.exec(line);')).toBe(true);
    expect(blockingText(pg).test('const match = /x/.exec(line);')).toBe(false);
  });
});

describe('directText: also what holding a driver object made elsewhere takes', () => {
  const sqlite = librariesOf(['better-sqlite3']);

  it.each([
    ['const insertMany = db.transaction((rows) => rows.forEach(insert));', true],
    ['insertMany.immediate(rows);', true],
    ["import type { Statement } from 'better-sqlite3';\nfunction run(s: Statement) { return s.all(); }", true],
    // An async library's transaction, awaited: not a better-sqlite3 transaction function.
    ['const result = await db.transaction(async (tx) => tx.insert(books));', false],
    // The type name without the library that declares it.
    ["import type { Statement } from './ast';\nfunction visit(s: Statement) {}", false],
  ])('%j → %s', (text, expected) => {
    expect(directText(sqlite).test(text)).toBe(expected);
  });
});

describe('fileMayBlock and importedSpecifiers: one module further, by text', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'async-db-gates-'));
  const write = (name: string, text: string): string => {
    const file = path.join(folder, name);
    fs.writeFileSync(file, text);
    return file;
  };
  afterAll(() => { fs.rmSync(folder, { recursive: true, force: true }); });
  const pg = librariesOf(['pg']);

  write('hash.ts', "import crypto from 'node:crypto';\nexport const key = (s: string) => crypto.pbkdf2Sync(s, 'salt', 1e5, 32, 'sha256');\n");
  write('types.ts', "export interface Shape { id: number }\n");
  const token = write('token.ts', "import type { Shape } from './types';\nimport { key } from './hash';\nexport const sign = (s: Shape) => key(String(s.id));\n");
  const onlyTypes = write('only-types.ts', "import type { key } from './hash';\nexport type K = typeof key;\n");
  const route = write('route.ts', "import { sign } from './token';\nexport const handler = async () => sign({ id: 1 });\n");

  it('lists the modules a text imports values from, not type-only imports', () => {
    expect(importedSpecifiers(token)).toEqual(['./hash']);
    expect(importedSpecifiers(onlyTypes)).toEqual([]);
  });

  it('passes a module that blocks itself or imports one that does, and stops there', () => {
    expect(fileMayBlock(pg, path.join(folder, 'hash.ts'))).toBe(true);
    expect(fileMayBlock(pg, token)).toBe(true);
    expect(fileMayBlock(pg, route)).toBe(false);
    expect(fileMayBlock(pg, onlyTypes)).toBe(false);
    expect(fileMayBlock(pg, undefined)).toBe(false);
  });
});

describe('fileMayServe: could any code of a file run while serving', () => {
  it.each([
    ['an async function', 'export async function page() {}', 'src/page.ts', true],
    ['a NestJS controller without async methods', "import { Controller, Get } from '@nestjs/common';\n@Controller() class A { @Get() list() { return []; } }", 'src/a.controller.ts', true],
    ['a BullMQ worker', "const { Worker } = require('bullmq');\nnew Worker('q', (job) => job.data);", 'src/worker.js', true],
    ['a Next.js route file', 'export function GET() { return new Response(); }', 'app/api/books/route.ts', true],
    ['a server action', "'use server';\nexport function save() {}", 'src/actions.ts', true],
    ['a router exported by a project module', "import { router } from './router';\nrouter.get('/v', (req, res) => res.end());", 'src/routes.ts', true],
    ['a procedure builder from a project module', "import { publicProcedure } from '../trpc';\nexport const r = publicProcedure.query(() => 1);", 'src/r.ts', true],
    ['types and constants', "import type { Book } from './book';\nexport const pageSize = 20;\nexport type Page = Book[];", 'src/types.ts', false],
    ['a synchronous utility using a Map', 'const cache = new Map();\nexport function read(key: string) { return cache.get(key); }', 'src/cache.ts', false],
    ['an entity class', "import { Entity, Column } from 'typeorm';\n@Entity() export class Book { @Column() title!: string; }", 'src/book.ts', false],
  ])('%s', (_name, text, file, expected) => {
    expect(fileMayServe(text, file)).toBe(expected);
  });
});

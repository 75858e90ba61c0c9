/**
 * docs/ci.md's commands, run as written: every fenced block marked `<!-- checked: <id> -->` is
 * taken from the page and run on a copy of the fixture app (fixtures/app) with the plugin from
 * dist/ (`npm run build` first), so the page shows only commands that work and say what it says.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const appDir = path.join(root, 'fixtures', 'app');
const doc = fs.readFileSync(path.join(root, 'docs', 'ci.md'), 'utf8');
const ruleIds = ['no-outer-client-in-transaction', 'no-pool-per-request', 'no-unrelated-await-in-transaction', 'require-pool-limits', 'require-transaction-option'].map((id) => `async-db/${id}`);

interface Block {
  language: string;
  code: string;
}

/** The page's checked blocks by id. */
function checkedBlocks(markdown: string): Map<string, Block> {
  const blocks = new Map<string, Block>();
  for (const match of markdown.matchAll(/<!-- checked: ([\w-]+) -->\n```(\w+)\n([\s\S]*?)```/g)) {
    const [, id = '', language = '', code = ''] = match;
    blocks.set(id, { language, code });
  }
  return blocks;
}

const blocks = checkedBlocks(doc);

function block(id: string): Block {
  const found = blocks.get(id);
  if (!found) throw new Error(`docs/ci.md has no block marked <!-- checked: ${id} -->`);
  return found;
}

/** A block's shell commands: `sh` lines without comments, or a workflow's `run:` steps after `npm ci`. */
function commandsOf(id: string): string[] {
  const { language, code } = block(id);
  const lines = code.split('\n');
  if (language === 'yaml') {
    return lines.flatMap((line) => /^\s*(?:- )?run: (.+)$/.exec(line)?.[1] ?? []).filter((command) => command !== 'npm ci');
  }
  return lines.map((line) => line.replace(/\s+#\s.*$/, '').trim()).filter((line) => line !== '' && !line.startsWith('#'));
}

const copies: string[] = [];

/**
 * A copy of the fixture app with the page's configuration. Its node_modules links this
 * repository's: `eslint-plugin-async-db` is the checkout (its exports point into dist/), ESLint,
 * typescript-eslint and the SARIF formatter are its dev dependencies.
 */
function appCopy(config = block('config').code): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'async-db-ci-docs-'));
  copies.push(dir);
  // generated/ is the Prisma client the app's Prisma variant imports (written by its postinstall).
  for (const entry of ['package.json', 'tsconfig.json', 'src', 'generated']) {
    if (fs.existsSync(path.join(appDir, entry))) fs.cpSync(path.join(appDir, entry), path.join(dir, entry), { recursive: true });
  }
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(modules);
  // Not .cache: the page's cache location is node_modules/.cache, which must stay in the copy.
  for (const entry of fs.readdirSync(path.join(root, 'node_modules'))) {
    if (entry !== '.cache') fs.symlinkSync(path.join(root, 'node_modules', entry), path.join(modules, entry));
  }
  fs.symlinkSync(root, path.join(modules, 'eslint-plugin-async-db'));
  fs.writeFileSync(path.join(dir, 'eslint.config.mjs'), config);
  return dir;
}

interface Run {
  command: string;
  status: number;
  output: string;
}

function sh(dir: string, command: string): Run {
  const result = spawnSync('sh', ['-c', command], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { command, status: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
}

/** Files named in ESLint's stylish output, relative to the copy. */
function reportedFiles(dir: string, output: string): string[] {
  return [...new Set(output.split('\n').filter((line) => line.startsWith(dir)).map((line) => path.relative(dir, line.trim())))].sort();
}

function readSarif(file: string): { ruleIds: string[]; results: number } {
  const sarif = JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string; runs: { results: { ruleId?: string }[] }[] };
  expect(sarif.version).toBe('2.1.0');
  const results = sarif.runs.flatMap((run) => run.results);
  return { ruleIds: [...new Set(results.map((result) => result.ruleId ?? ''))].sort(), results: results.length };
}

/** A pg query through the pool while a checked-out client's transaction is open: a new violation. */
const newViolation = `
import pgNew from 'pg';

const poolNew = new pgNew.Pool({ max: 5, connectionTimeoutMillis: 1000 });

export async function restockNew(bookId: number) {
  const client = await poolNew.connect();
  await client.query('BEGIN');
  await poolNew.query('UPDATE inventory SET quantity = quantity + 1 WHERE book_id = $1', [bookId]);
  await client.query('COMMIT');
  client.release();
}
`;

beforeAll(() => {
  if (!fs.existsSync(path.join(root, 'dist', 'eslint-plugin.js'))) throw new Error('dist/ is missing: run `npm run build` first');
});

afterAll(() => {
  for (const dir of copies) fs.rmSync(dir, { recursive: true, force: true });
});

describe('docs/ci.md', { timeout: 180_000 }, () => {
  it('marks the blocks this test runs', () => {
    expect([...blocks.keys()].sort()).toEqual(['cache', 'config', 'max-warnings', 'prune', 'sarif', 'suppress', 'workflow']);
    expect(block('config').code).toContain('asyncDb.configs.recommended');
  });

  it('workflow: the lint step fails on the findings and writes SARIF', () => {
    const dir = appCopy();
    const commands = commandsOf('workflow');
    expect(commands).toEqual([expect.stringContaining('npx eslint . --max-warnings 0 -f @microsoft/eslint-formatter-sarif -o eslint.sarif')]);
    for (const command of commands) expect(sh(dir, command).status).toBe(1);
    const sarif = readSarif(path.join(dir, 'eslint.sarif'));
    expect(sarif.ruleIds).toEqual(ruleIds);
  });

  it('sarif: valid SARIF with results for the plugin rules', () => {
    const dir = appCopy();
    const [command = ''] = commandsOf('sarif');
    const run = sh(dir, command);
    expect(run.status, run.output).toBe(1);
    const plain = sh(dir, 'npx eslint .');
    const findings = Number(/✖ (\d+) problems?/.exec(plain.output)?.[1]);
    const sarif = readSarif(path.join(dir, 'results.sarif'));
    expect(sarif.ruleIds).toEqual(ruleIds);
    expect(sarif.results).toBe(findings);
  });

  it('suppress: the recorded violations pass, a new one fails', () => {
    const dir = appCopy();
    const [suppressAll = '', lint = ''] = commandsOf('suppress');
    expect(suppressAll).toBe('npx eslint . --suppress-all');
    const first = sh(dir, suppressAll);
    expect(first.status, first.output).toBe(0);
    const suppressions = JSON.parse(fs.readFileSync(path.join(dir, 'eslint-suppressions.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(suppressions)).toContain('src/data/pg/pitfall.ts');
    const clean = sh(dir, lint);
    expect(clean.status, clean.output).toBe(0);
    // One more violation of a recorded rule in a file that has one already.
    fs.appendFileSync(path.join(dir, 'src', 'data', 'pg', 'pitfall.ts'), newViolation);
    const again = sh(dir, lint);
    expect(again.status, again.output).toBe(1);
    expect(reportedFiles(dir, again.output)).toEqual(['src/data/pg/pitfall.ts']);
    expect(again.output).toContain('async-db/no-outer-client-in-transaction');
  });

  it('prune: a fixed violation exits 2 until the suppressions are pruned', () => {
    const dir = appCopy();
    const [suppressAll = '', lint = ''] = commandsOf('suppress');
    expect(sh(dir, suppressAll).status).toBe(0);
    fs.copyFileSync(path.join(dir, 'src', 'data', 'pg', 'clean.ts'), path.join(dir, 'src', 'data', 'pg', 'pitfall.ts'));
    const stale = sh(dir, lint);
    expect(stale.status, stale.output).toBe(2);
    expect(stale.output).toContain('--prune-suppressions');
    const [prune = ''] = commandsOf('prune');
    const pruned = sh(dir, prune);
    expect(pruned.status, pruned.output).toBe(0);
    const suppressions = JSON.parse(fs.readFileSync(path.join(dir, 'eslint-suppressions.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(suppressions)).not.toContain('src/data/pg/pitfall.ts');
    expect(Object.keys(suppressions).length).toBeGreaterThan(0);
    expect(sh(dir, lint).status).toBe(0);
  });

  it('max-warnings: a warning fails the run', () => {
    // The page's configuration with the plugin's rules set to "warn".
    const warn = `${block('config').code.replace('export default [', 'const config = [')}\nexport default [...config, { rules: ${JSON.stringify(Object.fromEntries(ruleIds.map((id) => [id, 'warn'])))} }];\n`;
    const dir = appCopy(warn);
    const plain = sh(dir, 'npx eslint .');
    expect(plain.status, plain.output).toBe(0);
    expect(plain.output).toMatch(/\(0 errors, \d+ warnings\)/);
    const [command = ''] = commandsOf('max-warnings');
    const strict = sh(dir, command);
    expect(strict.status, strict.output).toBe(1);
    expect(strict.output).toContain('ESLint found too many warnings (maximum: 0)');
  });

  it('cache: a cached run gives the same results; a change in an imported module is not seen (the caveat)', () => {
    const dir = appCopy();
    const [command = ''] = commandsOf('cache');
    const first = sh(dir, command);
    const second = sh(dir, command);
    expect(first.status).toBe(1);
    expect(second).toEqual(first);
    expect(fs.readdirSync(path.join(dir, 'node_modules', '.cache', 'eslint')).length).toBe(1);

    // orders.ts reports `db` as the outer Prisma client because of what db.ts exports.
    const demo = path.join(dir, 'src', 'cache-demo');
    fs.mkdirSync(demo);
    fs.writeFileSync(path.join(demo, 'db.ts'), "import { PrismaClient } from '@prisma/client';\n\nexport const db = new PrismaClient();\n");
    fs.writeFileSync(
      path.join(demo, 'orders.ts'),
      [
        "import { db } from './db.js';",
        '',
        'export async function placeOrder(bookId: number) {',
        '  await db.$transaction(async (tx) => {',
        '    await tx.inventory.update({ where: { bookId }, data: { quantity: { decrement: 1 } } });',
        '    await db.order.create({ data: { bookId } });',
        '  });',
        '}',
        '',
      ].join('\n'),
    );
    for (const strategy of ['', ' --cache-strategy content']) {
      fs.writeFileSync(path.join(demo, 'db.ts'), "import { PrismaClient } from '@prisma/client';\n\nexport const db = new PrismaClient();\n");
      expect(reportedFiles(dir, sh(dir, `${command}${strategy}`).output)).toContain('src/cache-demo/orders.ts');
      // db is no longer a database client: a fresh run has nothing to report in orders.ts ...
      fs.writeFileSync(path.join(demo, 'db.ts'), 'export const db = { $transaction: async (fn: (x: unknown) => Promise<void>) => fn(null), order: { create: async (row: unknown) => row } };\n');
      expect(reportedFiles(dir, sh(dir, 'npx eslint src/cache-demo').output)).toEqual([]);
      // ... while the cached result of the unchanged orders.ts still reports it.
      expect(reportedFiles(dir, sh(dir, `${command}${strategy}`).output)).toContain('src/cache-demo/orders.ts');
    }
  });
});

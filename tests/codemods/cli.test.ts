/**
 * The `async-db` command on temporary git repositories: list, help, usage errors, the dirty-tree
 * refusal, --dry, --diff, --json, exit codes, the project's own ESLint config and its ignores.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runOptions } from '../../codemods/cli.js';
import { codemods } from '../../codemods/registry.js';
import type { Report } from '../../codemods/run.js';
import { fixtureText, root, run, snapshot, tempProject } from './project.js';

const prisma = fixtureText('use-transaction-handle', 'prisma-tx.input.ts');
const prismaFixed = fixtureText('use-transaction-handle', 'prisma-tx.output.ts');
const fsZlib = fixtureText('sync-to-async', 'fs-zlib.input.ts');
const fsZlibFixed = fixtureText('sync-to-async', 'fs-zlib.output.ts');
const pgPool = fixtureText('add-pool-limits', 'pg-pool.input.ts');

describe('async-db list and help', () => {
  it('lists every codemod with the rules it fixes', async () => {
    const result = await run(root, 'list');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(codemods.length);
    for (const codemod of codemods) {
      const line = lines.find((text) => text.startsWith(`${codemod.id} `));
      for (const rule of Object.keys(codemod.rules)) expect(line).toContain(rule);
    }
  });

  it('prints help for every command', async () => {
    for (const command of ['list', 'fix', ...codemods.map((codemod) => codemod.id)]) {
      const result = await run(root, command, '--help');
      expect(result.code, command).toBe(0);
      expect(result.stdout).toContain(`Usage: async-db ${command}`);
    }
    expect((await run(root, '--help')).stdout).toContain('Usage: async-db <command>');
  });

  it('has the flags docs/codemods.md and --help list, and no other', async () => {
    const doc = fs.readFileSync(path.join(root, 'docs', 'codemods.md'), 'utf8');
    const table = doc.slice(doc.indexOf('## Flags'), doc.indexOf('## Exit codes'));
    const documented = [...table.matchAll(/^\| `--([a-z-]+)/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual(Object.keys(runOptions).sort());
    const help = (await run(root, 'fix', '--help')).stdout;
    for (const flag of Object.keys(runOptions)) expect(help).toContain(`--${flag}`);
  });

  it('exits 2 on bad usage', async () => {
    expect((await run(root)).code).toBe(2);
    expect((await run(root, 'no-such-codemod')).code).toBe(2);
    expect((await run(root, 'fix', '--no-such-flag')).code).toBe(2);
    expect((await run(root, 'fix', '--json')).code).toBe(2);
    expect((await run(root, 'fix', 'no/such/path.ts', '--dry')).code).toBe(2);
    expect((await run(root, 'list', 'src')).code).toBe(2);
  });
});

describe('async-db fix', () => {
  it('refuses a work tree with uncommitted changes without --force, and lists them', async () => {
    const dir = tempProject({ 'src/orders.ts': prisma, 'src/notes.ts': '// notes\n' });
    fs.appendFileSync(path.join(dir, 'src/notes.ts'), '// more\n');
    const before = snapshot(dir);
    const refused = await run(dir, 'fix');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('uncommitted changes');
    expect(refused.stderr).toContain(path.join('src', 'notes.ts'));
    expect(snapshot(dir)).toEqual(before);
    const forced = await run(dir, 'fix', '--force');
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'src/orders.ts'), 'utf8')).toBe(prismaFixed);
  });

  it('writes nothing with --dry, and says what it would fix', async () => {
    const dir = tempProject({ 'src/orders.ts': prisma, 'src/export.ts': fsZlib });
    const before = snapshot(dir);
    const result = await run(dir, 'fix', '--dry');
    expect(snapshot(dir)).toEqual(before);
    expect(result.stdout).toContain('Would fix 5 findings in 2 files (use-transaction-handle 2, sync-to-async 3)');
    expect(result.stdout).toContain('Dry run: nothing written.');
  });

  it('prints a unified diff that git applies to the same result as a real run', async () => {
    const dir = tempProject({ 'src/orders.ts': prisma, 'src/export.ts': fsZlib });
    const result = await run(dir, 'fix', '--dry', '--diff');
    expect(result.stdout).toMatch(/^--- a\/src\/export\.ts\n\+\+\+ b\/src\/export\.ts\n@@ -\d+,\d+ \+\d+,\d+ @@\n/);
    expect(result.stdout).toContain('\n-    await prisma.order.create({\n');
    expect(result.stdout).toContain('\n+    await tx.order.create({\n');
    expect(result.stderr).toContain('Would fix 5 findings');
    fs.writeFileSync(path.join(dir, '..', `${path.basename(dir)}.diff`), result.stdout);
    execFileSync('git', ['apply', path.join(dir, '..', `${path.basename(dir)}.diff`)], { cwd: dir });
    expect(fs.readFileSync(path.join(dir, 'src/orders.ts'), 'utf8')).toBe(prismaFixed);
    expect(fs.readFileSync(path.join(dir, 'src/export.ts'), 'utf8')).toBe(fsZlibFixed);
  });

  it('writes a JSON report: files changed, counts per codemod and rule, what is left and why, errors, timings', async () => {
    const dir = tempProject({ 'src/orders.ts': prisma, 'src/export.ts': fsZlib, 'src/db.ts': pgPool });
    const result = await run(dir, 'fix', '--json', 'report/async-db.json');
    expect(result.code).toBe(1);
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'report/async-db.json'), 'utf8')) as Report;
    expect(report.files).toEqual({ scanned: 3, ignored: 0, changed: ['src/db.ts', 'src/export.ts', 'src/orders.ts'] });
    expect(report.codemods).toEqual({
      'use-transaction-handle': { fixed: 2, left: 0 },
      'add-pool-limits': { fixed: 2, left: 0 },
      'hoist-unrelated-await': { fixed: 0, left: 0 },
      'hoist-pool': { fixed: 0, left: 0 },
      'sync-to-async': { fixed: 3, left: 1 },
      'eager-load': { fixed: 0, left: 0 },
    });
    expect(report.rules['no-blocking-call-in-async']).toMatchObject({ codemod: 'sync-to-async', fixed: 3, left: 1 });
    expect(report.left).toEqual([expect.objectContaining({ file: 'src/export.ts', line: 18, rule: 'no-blocking-call-in-async', codemod: 'sync-to-async' })]);
    expect(report.left[0]?.reason).toMatch(/no drop-in asynchronous form/);
    expect(report.errors).toEqual([]);
    expect(report.lint).toEqual({ config: "the plugin's recommended preset (no ESLint config found), untyped", typed: false });
    expect(report.timings.totalMs).toBeGreaterThanOrEqual(0);
    expect(result.stdout).toContain('Left 1:\n  src/export.ts:18:10 no-blocking-call-in-async (sync-to-async): ');
  });

  it('exits 0 when everything found was fixed, and a second run changes nothing', async () => {
    const dir = tempProject({ 'src/orders.ts': prisma });
    expect((await run(dir, 'fix')).code).toBe(0);
    const after = snapshot(dir);
    const again = await run(dir, 'fix', '--force');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Fixed 0 findings in 0 files');
    expect(snapshot(dir)).toEqual(after);
  });

  it('exits 2 when the project\'s ESLint config does not load', async () => {
    const dir = tempProject({ 'eslint.config.mjs': "import 'no-such-package';\nexport default [];\n", 'src/orders.ts': prisma });
    const result = await run(dir, 'fix', '--dry');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^async-db fix: cannot load eslint\.config\.mjs: .*no-such-package/);
  });

  it('checks the libraries --libraries names instead of the package.json ones', async () => {
    const dir = tempProject({ 'src/orders.ts': prisma });
    const none = await run(dir, 'fix', '--dry', '--libraries', 'pg,mysql2');
    expect(none.stdout).toContain('Would fix 0 findings');
    const prismaOnly = await run(dir, 'fix', '--dry', '--libraries', 'prisma');
    expect(prismaOnly.stdout).toContain('Would fix 2 findings');
    const unknown = await run(dir, 'fix', '--dry', '--libraries', 'prisma,hibernate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown library hibernate; library ids: ');
  });

  it('takes no unused disable directive for a failed lint (only some rules run)', async () => {
    const withDirective = prisma.replace('const prisma =', '// eslint-disable-next-line no-console\nconst prisma =');
    const dir = tempProject({ 'src/orders.ts': withDirective });
    const result = await run(dir, 'fix');
    expect(result.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'src/orders.ts'), 'utf8')).toBe(prismaFixed.replace('const prisma =', '// eslint-disable-next-line no-console\nconst prisma ='));
  });

  it('runs one codemod on the paths given, leaving other rules alone', async () => {
    const dir = tempProject({ 'src/orders.ts': prisma, 'src/db.ts': pgPool });
    const result = await run(dir, 'add-pool-limits', 'src/db.ts', 'src/orders.ts');
    expect(result.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'src/orders.ts'), 'utf8')).toBe(prisma);
    expect(fs.readFileSync(path.join(dir, 'src/db.ts'), 'utf8')).toBe(fixtureText('add-pool-limits', 'pg-pool.output.ts'));
  });

  it("lints with the project's ESLint config and skips what it and git ignore", async () => {
    const dir = tempProject({
      'eslint.config.mjs': "import parser from '@typescript-eslint/parser';\nexport default [{ ignores: ['generated/**'] }, { files: ['**/*.ts'], languageOptions: { parser } }];\n",
      '.gitignore': 'node_modules\nbuild/\n',
      'src/orders.ts': prisma,
      'generated/orders.ts': prisma,
      'build/orders.ts': prisma,
    });
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
    const result = await run(dir, 'fix', '--dry', '--json', 'report.json');
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')) as Report;
    expect(report.lint.config).toBe('eslint.config.mjs, untyped');
    // eslint.config.mjs is a source file too; generated/ is ESLint's to ignore, build/ git's.
    expect(report.files).toEqual({ scanned: 2, ignored: 1, changed: ['src/orders.ts'] });
    expect(result.code).toBe(0);
  });

  it('lints with types when the project has a tsconfig.json and no ESLint config; files outside it without', async () => {
    const dir = tempProject({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', target: 'ES2022', types: [] }, include: ['src'] }),
      '.gitignore': 'node_modules\n',
      'src/orders.ts': prisma,
      'scripts/orders.ts': prisma,
    });
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
    const result = await run(dir, 'fix', '--json', 'report.json', '--force');
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')) as Report;
    expect(report.lint).toEqual({ config: "the plugin's recommended-type-checked preset (no ESLint config found), typed (tsconfig.json)", typed: true });
    expect(report.files.changed).toEqual(['scripts/orders.ts', 'src/orders.ts']);
    expect(fs.readFileSync(path.join(dir, 'src/orders.ts'), 'utf8')).toBe(prismaFixed);
    expect(result.code).toBe(0);
    const untyped = await run(dir, 'fix', '--dry', '--untyped', '--json', 'untyped.json');
    expect((JSON.parse(fs.readFileSync(path.join(dir, 'untyped.json'), 'utf8')) as Report).lint.typed).toBe(false);
    expect(untyped.code).toBe(0);
  });

  it('lints with types from the tsconfig --tsconfig names; refuses a missing one, or one with --untyped', async () => {
    const dir = tempProject({
      'config/tsconfig.app.json': JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', target: 'ES2022', types: [] }, include: ['../src'] }),
      '.gitignore': 'node_modules\n',
      'src/orders.ts': prisma,
    });
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
    const result = await run(dir, 'fix', '--dry', '--tsconfig', 'config/tsconfig.app.json', '--json', 'report.json');
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')) as Report;
    expect(report.lint).toEqual({ config: "the plugin's recommended-type-checked preset (no ESLint config found), typed (config/tsconfig.app.json)", typed: true });
    expect(report.codemods['use-transaction-handle']).toEqual({ fixed: 2, left: 0 });
    expect(result.code).toBe(0);
    const missing = await run(dir, 'fix', '--dry', '--tsconfig', 'tsconfig.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such tsconfig file: tsconfig.json');
    const both = await run(dir, 'fix', '--dry', '--untyped', '--tsconfig', 'config/tsconfig.app.json');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--tsconfig and --untyped contradict each other');
  });

  it("with the project's ESLint config, --tsconfig gives its TypeScript files types; files outside that tsconfig as configured", async () => {
    const dir = tempProject({
      'eslint.config.mjs': "import parser from '@typescript-eslint/parser';\nexport default [{ files: ['**/*.ts'], languageOptions: { parser } }];\n",
      'tsconfig.app.json': JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', target: 'ES2022', types: [] }, include: ['src'] }),
      '.gitignore': 'node_modules\n',
      'src/orders.ts': prisma,
      'scripts/orders.ts': prisma,
    });
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
    const result = await run(dir, 'fix', '--dry', '--tsconfig', 'tsconfig.app.json', '--json', 'report.json');
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')) as Report;
    expect(report.lint).toEqual({ config: 'eslint.config.mjs, typed', typed: true });
    expect(report.files.changed).toEqual(['scripts/orders.ts', 'src/orders.ts']);
    expect(report.errors).toEqual([]);
    expect(result.code).toBe(0);
  });

  it("formats the changed files with the project's Prettier (--format), and only those", async () => {
    const untouched = 'export const  odd = { a:1 }\n';
    const dir = tempProject({
      '.prettierrc.json': JSON.stringify({ singleQuote: true, printWidth: 60 }),
      '.prettierignore': 'src/ignored/\n',
      '.gitignore': 'node_modules\n',
      'src/orders.ts': prisma,
      'src/ignored/orders.ts': prisma,
      'src/untouched.ts': untouched,
    });
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
    const result = await run(dir, 'fix', '--format');
    expect(result.code).toBe(0);
    const prettier = await import('prettier');
    const expected = await prettier.format(prismaFixed, { singleQuote: true, printWidth: 60, filepath: path.join(dir, 'src/orders.ts') });
    expect(expected).not.toBe(prismaFixed);
    expect(fs.readFileSync(path.join(dir, 'src/orders.ts'), 'utf8')).toBe(expected);
    expect(fs.readFileSync(path.join(dir, 'src/ignored/orders.ts'), 'utf8')).toBe(prismaFixed);
    expect(fs.readFileSync(path.join(dir, 'src/untouched.ts'), 'utf8')).toBe(untouched);
  });

  it('refuses a --cpus that is not a whole number of workers', async () => {
    for (const value of ['0', 'two', '1.5']) {
      const result = await run(root, 'fix', '--dry', '--cpus', value);
      expect(result.code, value).toBe(2);
      expect(result.stderr).toContain('--cpus takes a whole number of workers');
    }
  });

  it('refuses --format where the project has no Prettier', async () => {
    const dir = tempProject({ 'src/orders.ts': prisma });
    const before = snapshot(dir);
    const result = await run(dir, 'fix', '--format');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--format runs the project's Prettier, and none is installed here");
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('async-db --cpus (worker threads: the built command)', () => {
  // Workers load codemods/worker.js, so this runs the command built from these sources; into its
  // own folder, as other tests read dist/ meanwhile.
  const build = path.join(root, '.test-build');
  beforeAll(() => {
    fs.rmSync(build, { recursive: true, force: true });
    execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--outDir', build], { cwd: root });
  }, 180_000);
  afterAll(() => {
    fs.rmSync(build, { recursive: true, force: true });
  });

  const runBuilt = (cwd: string, ...args: string[]): { code: number; stdout: string } => {
    const result = spawnSync(process.execPath, [path.join(build, 'codemods', 'bin.js'), ...args], { cwd, encoding: 'utf8' });
    return { code: result.status ?? -1, stdout: result.stdout };
  };

  it('gives the same report, diff and files with --cpus 3 as one after the other', () => {
    const files = { 'src/orders.ts': prisma, 'src/export.ts': fsZlib, 'src/db.ts': pgPool, 'src/notes.ts': '// notes\n', 'src/broken.ts': 'export const = ;\n' };
    const serialDir = tempProject(files);
    const parallelDir = tempProject(files);
    const serial = runBuilt(serialDir, 'fix', '--force', '--diff', '--json', 'report.json');
    const parallel = runBuilt(parallelDir, 'fix', '--force', '--diff', '--cpus', '3', '--json', 'report.json');
    const report = (dir: string): Partial<Report> => {
      const all: Partial<Report> = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')) as Report;
      delete all.timings;
      return all;
    };
    expect(report(parallelDir)).toEqual(report(serialDir));
    expect(report(parallelDir).errors).toEqual([expect.objectContaining({ file: 'src/broken.ts', error: expect.stringMatching(/^does not parse/) as unknown })]);
    expect(report(parallelDir).files?.changed).toEqual(['src/db.ts', 'src/export.ts', 'src/orders.ts']);
    expect(parallel.stdout).toBe(serial.stdout);
    expect(parallel.stdout).toContain('+++ b/src/orders.ts');
    expect(parallel.code).toBe(1);
    expect(serial.code).toBe(1);
    const texts = (dir: string): Record<string, string> => {
      const all = snapshot(dir);
      delete all['report.json'];
      return all;
    };
    expect(texts(parallelDir)).toEqual(texts(serialDir));
    expect(texts(parallelDir)['src/orders.ts']).toBe(prismaFixed);
  });
});

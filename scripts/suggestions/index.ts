/**
 * `npm run suggestions`: every suggestion (and autofix) the rules offer, applied one at a time,
 * must leave code that parses, and in the fixture app code that type-checks as well as before.
 *
 *   npm run suggestions                      the test inputs and the fixture app
 *   npm run suggestions -- --repos DIR       also every repository folder in DIR (untyped, `recommended`)
 *   npm run suggestions -- --skip-tests      without the test inputs (they run the whole test suite)
 *   npm run suggestions -- … --json FILE     every checked suggestion
 *
 * - Test inputs: the test suite runs with a setup file (record-tests.ts) that checks the
 *   suggestions of every text a test lints, asserted or not, RuleTester case or not.
 * - Fixture app: fixtures/app/src with the `all` preset; each edited file is type-checked with the
 *   app's tsconfig and node_modules and must gain no type error (app.ts).
 * - Repositories: each folder of DIR linted as scripts/bench/lint-run.mjs does, without type
 *   information, libraries activated by each project's package.json; each result must parse.
 *
 * Exit code 1 when an edit does not parse or adds a type error, or the test suite fails.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import tsParser from '@typescript-eslint/parser';
import { ESLint, Linter } from 'eslint';

import plugin from '../../eslint-plugin.js';
import { checkFixtureApp } from './app.js';
import type { AppReport } from './app.js';
import { editsOf, parseError } from './fixes.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const { values: args } = parseArgs({
  options: {
    repos: { type: 'string' },
    'skip-tests': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});

interface TestInputs {
  exitCode: number | null;
  /** Distinct texts the tests linted (file name and text). */
  inputs: number;
  withEdits: number;
  edits: number;
  /** Edits beyond record-tests.ts's limit per text, not parsed. */
  unchecked: number;
  byMessageId: Record<string, number>;
  failures: { filename: string; rule: string; messageId: string; line: number; error: string; output: string }[];
}

/** Runs the test suite with the recording setup file and sums up what it recorded. */
async function checkTestInputs(): Promise<TestInputs> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'async-db-suggestions-'));
  const config = path.join(root, 'scripts', 'suggestions', 'vitest.config.ts');
  const child = spawn('npx', ['vitest', 'run', '--config', config, '--reporter=dot'], {
    cwd: root,
    env: { ...process.env, ASYNC_DB_SUGGESTIONS_OUT: out, NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  // The suite's own summary: its file and test counts.
  for (const line of log.split('\n')) if (/^\s*(Test Files|Tests|Duration|FAIL)\b/.test(line)) console.log(`  vitest: ${line.trim()}`);

  const result: TestInputs = { exitCode, inputs: 0, withEdits: 0, edits: 0, unchecked: 0, byMessageId: {}, failures: [] };
  for (const file of fs.readdirSync(out)) {
    for (const line of fs.readFileSync(path.join(out, file), 'utf8').split('\n')) {
      if (!line) continue;
      const entry = JSON.parse(line) as {
        filename: string;
        edits: number;
        unchecked: number;
        byMessageId: Record<string, number>;
        failures: Omit<TestInputs['failures'][number], 'filename'>[];
      };
      result.inputs += 1;
      if (entry.edits > 0) result.withEdits += 1;
      result.edits += entry.edits;
      result.unchecked += entry.unchecked;
      for (const [id, n] of Object.entries(entry.byMessageId)) {
        // RuleTester registers the rule under its own plugin and the run's name
        // (`@rule-tester/no-outer-client-in-transaction (knex)`): the rule id is the first word.
        const rule = /^(?:.*\/)?([\w-]+)[^/]*\/([\w-]+)$/.exec(id);
        const key = rule ? `${rule[1] ?? ''}/${rule[2] ?? ''}` : id;
        result.byMessageId[key] = (result.byMessageId[key] ?? 0) + n;
      }
      result.failures.push(...entry.failures.map((failure) => ({ filename: entry.filename, ...failure })));
    }
  }
  fs.rmSync(out, { recursive: true, force: true });
  return result;
}

interface RepoSuggestion {
  file: string;
  line: number;
  rule: string;
  messageId: string;
  desc: string;
  parseError?: string;
}

interface RepoReport {
  repo: string;
  files: number;
  parseErrors: number;
  findings: number;
  suggestions: RepoSuggestion[];
}

const sourcePatterns = ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'];
const ignores = ['**/node_modules/**', '**/dist/**', '**/build/**', '**/.next/**', '**/*.d.ts', '**/*.min.js'];

/** Lints one repository untyped with `recommended` and parses each suggestion's result. */
async function checkRepository(dir: string): Promise<RepoReport> {
  const config: Linter.Config = { files: sourcePatterns, linterOptions: { reportUnusedDisableDirectives: 'off' }, languageOptions: { parser: tsParser } };
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    errorOnUnmatchedPattern: false,
    warnIgnored: false,
    overrideConfig: [{ ignores }, config, { files: sourcePatterns, ...(plugin.configs.recommended as Linter.Config) }],
  });
  const linter = new Linter({ configType: 'flat', cwd: dir });
  const report: RepoReport = { repo: path.basename(dir), files: 0, parseErrors: 0, findings: 0, suggestions: [] };
  for (const result of await eslint.lintFiles(['.'])) {
    report.files += 1;
    if (result.messages.some((m) => m.fatal === true)) report.parseErrors += 1;
    const findings = result.messages.filter((m) => m.ruleId?.startsWith('async-db/') === true);
    report.findings += findings.length;
    if (!findings.some((m) => m.fix || (m.suggestions?.length ?? 0) > 0)) continue;
    const text = fs.readFileSync(result.filePath, 'utf8');
    for (const edit of editsOf(text, findings)) {
      const error = parseError(linter, edit.output, config, result.filePath);
      report.suggestions.push({
        file: path.relative(dir, result.filePath),
        line: edit.line,
        rule: edit.rule,
        messageId: edit.messageId,
        desc: edit.desc,
        ...(error ? { parseError: error } : {}),
      });
    }
  }
  return report;
}

function printApp(app: AppReport): void {
  console.log(`Fixture app: ${String(app.files)} files, ${String(app.findings)} findings, TypeScript ${app.typescript}`);
  for (const s of app.suggestions) {
    const result = s.parseError ? `DOES NOT PARSE: ${s.parseError}` : s.newTypeErrors.length > 0 ? `NEW TYPE ERRORS: ${s.newTypeErrors.join('; ')}` : 'parses, no new type error';
    console.log(`  ${s.file}:${String(s.line)} ${s.rule} ${s.messageId} "${s.desc}"${s.extra ? ' (extra input)' : ''}: ${result}`);
  }
}

async function main(): Promise<number> {
  let failed = false;
  const report: { date: string; node: string; tests?: TestInputs; app?: AppReport; repos?: RepoReport[] } = {
    date: new Date().toISOString(),
    node: process.version,
  };

  if (!args['skip-tests']) {
    console.log('Test inputs: the test suite with scripts/suggestions/record-tests.ts');
    const tests = await checkTestInputs();
    report.tests = tests;
    console.log(
      `  ${String(tests.inputs)} distinct texts linted, ${String(tests.withEdits)} with suggestions, ${String(tests.edits)} suggestions and fixes applied (${String(tests.unchecked)} more over the limit per text), ` +
        `${String(tests.failures.length)} do not parse; by message: ${Object.entries(tests.byMessageId).map(([id, n]) => `${id} ${String(n)}`).join(', ')}`,
    );
    for (const f of tests.failures) console.log(`  DOES NOT PARSE ${f.filename}:${String(f.line)} ${f.rule} ${f.messageId}: ${f.error}\n${f.output}`);
    if (tests.exitCode !== 0) console.log(`  the test suite failed (exit code ${String(tests.exitCode)})`);
    failed ||= tests.failures.length > 0 || tests.exitCode !== 0;
  }

  const app = await checkFixtureApp();
  report.app = app;
  printApp(app);
  failed ||= app.suggestions.some((s) => s.parseError !== undefined || s.newTypeErrors.length > 0);

  if (args.repos) {
    const reposDir = path.resolve(args.repos);
    report.repos = [];
    const folders = fs
      .readdirSync(reposDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    for (const name of folders) {
      const repo = await checkRepository(path.join(reposDir, name));
      report.repos.push(repo);
      const broken = repo.suggestions.filter((s) => s.parseError !== undefined);
      console.log(
        `Repository ${repo.repo}: ${String(repo.files)} files (${String(repo.parseErrors)} not parsed), ${String(repo.findings)} findings, ` +
          `${String(repo.suggestions.length)} suggestions, ${String(broken.length)} do not parse`,
      );
      for (const s of repo.suggestions) {
        console.log(`  ${s.file}:${String(s.line)} ${s.rule} ${s.messageId} "${s.desc}": ${s.parseError ? `DOES NOT PARSE: ${s.parseError}` : 'parses'}`);
      }
      failed ||= broken.length > 0;
    }
  }

  const appBroken = app.suggestions.filter((s) => s.parseError !== undefined || s.newTypeErrors.length > 0).length;
  const repoSuggestions = report.repos?.flatMap((r) => r.suggestions) ?? [];
  console.log(
    `suggestions: ${report.tests ? `tests ${String(report.tests.edits)} applied, ${String(report.tests.failures.length)} do not parse; ` : ''}` +
      `fixture app ${String(app.suggestions.length)} applied, ${String(appBroken)} do not parse or add a type error` +
      (report.repos ? `; repositories ${String(repoSuggestions.length)} applied, ${String(repoSuggestions.filter((s) => s.parseError !== undefined).length)} do not parse` : ''),
  );
  if (args.json) fs.writeFileSync(args.json, JSON.stringify(report, null, 2) + '\n');
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);

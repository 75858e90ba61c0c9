/**
 * `npm run demo`: lints the bundled fixture app (fixtures/app/src, a bookstore API written once per
 * database library in a pitfall and a clean variant) with the plugin's `all` preset, and prints each
 * finding next to the runtime effect its scenario measured on real PostgreSQL / MariaDB servers.
 *
 *   npm run demo                        measurements from the last full run (docs/runtime/results.json)
 *   npm run demo -- --measure           measure now: runs `npm run verify -- --quick` first (~3 min)
 *   npm run demo -- --results FILE      measurements from a `npm run verify -- --json FILE` run
 *
 * Exit code 0 when the findings on pitfall files equal the app's `// async-db-expect:` comments and
 * clean files have none; 1 otherwise.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import type { Linter } from 'eslint';

import { listSourceFiles, readExpectations } from '../fixtures/app/verify/expectations.js';
import { headlines } from '../fixtures/app/verify/headlines.js';
import { scenarioInfo } from '../fixtures/app/verify/report.js';
import type { VerifyResults } from '../fixtures/app/verify/report.js';
import plugin from '../eslint-plugin.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const appSrc = path.join(root, 'fixtures', 'app', 'src');
const savedResults = path.join(root, 'docs', 'runtime', 'results.json');

const { values: args } = parseArgs({ options: { measure: { type: 'boolean', default: false }, results: { type: 'string' } } });

const tty = process.stdout.isTTY;
const bold = (text: string) => (tty ? `\u001b[1m${text}\u001b[22m` : text);
const dim = (text: string) => (tty ? `\u001b[2m${text}\u001b[22m` : text);

/** Runs the quick verification (pg and mysql2) and returns the path of its results. */
async function measure(): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'async-db-demo-')), 'results.json');
  console.log(bold('Measuring: npm run verify -- --quick (throwaway PostgreSQL and MariaDB, pg and mysql2, about 3 minutes)'));
  const child = spawn('npm', ['run', '--silent', 'verify', '--', '--quick', '--json', file], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let pending = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    // Scenario headers and check results only; the full log is what `npm run verify` prints.
    for (const line of lines) if (/^▶|^\s+(ok|FAIL) /.test(line)) console.log(dim(line.replace(/^\s+/, '  ')));
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (!fs.existsSync(file)) throw new Error(`the verification wrote no results (exit code ${String(code)})`);
  console.log('');
  return file;
}

function loadResults(file: string): VerifyResults | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as VerifyResults;
  } catch {
    return undefined;
  }
}

/** The marked pitfall lines of `files`, by rule. */
function expectations(files: string[]): Map<string, { file: string; line: number }[]> {
  const byRule = new Map<string, { file: string; line: number }[]>();
  for (const file of files) {
    for (const { line, rule } of readExpectations(file)) byRule.set(rule, [...(byRule.get(rule) ?? []), { file, line }]);
  }
  return byRule;
}

/** src/data/<library>/<file>.ts → library id. */
const libraryOf = (file: string) => /[/\\]data[/\\]([^/\\]+)[/\\]/.exec(file)?.[1] ?? '';
const isPitfallFile = (file: string) => path.basename(file) === 'pitfall.ts';

async function main(): Promise<number> {
  const resultsFile = args.measure ? await measure() : args.results ? path.resolve(args.results) : savedResults;
  const results = loadResults(resultsFile);

  const files = listSourceFiles(appSrc);
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    ignore: false,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, ...(plugin.configs.all as Linter.Config) }],
  });
  const started = process.hrtime.bigint();
  const lintResults = await eslint.lintFiles(files);
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;

  const findings = lintResults.flatMap((result) =>
    result.messages.map((message) => ({
      file: result.filePath,
      line: message.line,
      column: message.column,
      rule: (message.ruleId ?? 'parse error').replace(/^async-db\//, ''),
      message: message.message,
    })),
  );
  const expected = expectations(files);
  const pitfallFiles = files.filter(isPitfallFile);
  console.log(
    bold(`eslint-plugin-async-db on the bookstore app: fixtures/app/src, ${files.length} files`) +
      ` (${pitfallFiles.length} libraries with a pitfall and a clean variant), preset \`all\`, ${elapsedMs.toFixed(0)} ms`,
  );
  if (results) {
    const servers = results.servers.map((s) => s.version).join(', ');
    console.log(
      dim(
        `Measured effects: ${results.mode} run of ${results.date.slice(0, 10)} on ${results.machine.cpus} × ${results.machine.cpu ?? 'CPU'}, ${servers} ` +
          `(${path.relative(root, resultsFile)}; details in docs/runtime.md)`,
      ),
    );
  } else {
    console.log(dim(`No measurements found at ${path.relative(root, resultsFile)}: run \`npm run demo -- --measure\` or \`npm run verify\`.`));
  }

  const rules = new Set([...findings.map((f) => f.rule), ...expected.keys()]);
  const existing = new Set(Object.keys(plugin.rules));
  let mismatches = 0;
  for (const rule of [...rules].sort((a, b) => Number(existing.has(b)) - Number(existing.has(a)) || a.localeCompare(b))) {
    const found = findings.filter((f) => f.rule === rule);
    const marked = expected.get(rule) ?? [];
    const scenarios = Object.entries(scenarioInfo).filter(([, info]) => info.rule === rule);
    console.log('');
    if (existing.has(rule)) {
      console.log(bold(`● ${rule}`) + ` — ${found.length} finding${found.length === 1 ? '' : 's'} on ${marked.length} marked pitfall line${marked.length === 1 ? '' : 's'}`);
      for (const f of found.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)) {
        const where = `${path.relative(path.join(root, 'fixtures', 'app'), f.file)}:${f.line}:${f.column}`;
        const isMarked = marked.some((m) => m.file === f.file && m.line === f.line);
        if (!isMarked) mismatches += 1;
        console.log(`  ${where}${isMarked ? '' : '  ← not a marked pitfall line'}`);
        // The message's first sentence says what goes wrong; the rest (the fix) is on the rule's page.
        console.log(dim(`    ${f.message.split(/(?<=\.)\s/)[0] ?? f.message}`));
      }
      for (const m of marked) {
        if (found.some((f) => f.file === m.file && f.line === m.line)) continue;
        mismatches += 1;
        console.log(`  ${path.relative(path.join(root, 'fixtures', 'app'), m.file)}:${m.line}  ← marked pitfall line not reported`);
      }
    } else {
      const libraries = [...new Set(marked.map((m) => libraryOf(m.file)))].sort();
      console.log(bold(`○ ${rule}`) + ` — rule not written yet; ${marked.length} marked pitfall lines (${libraries.join(', ')})`);
    }
    for (const [id] of scenarios) {
      const lines = results ? headlines(results, id) : [];
      console.log(dim(`  measured, scenario ${id}${lines.length === 0 ? ': not in these results' : ':'}`));
      for (const h of lines) {
        const passed = h.checks.filter((c) => c.passed).length;
        const mark = passed === h.checks.length ? '✓' : '✗';
        console.log(`    ${h.library.padEnd(15)} ${mark} ${passed}/${h.checks.length} checks  ${h.text}`);
      }
    }
  }

  const cleanFiles = files.filter((f) => path.basename(f) === 'clean.ts');
  const cleanFindings = findings.filter((f) => !isPitfallFile(f.file));
  console.log('');
  console.log(
    cleanFindings.length === 0
      ? bold(`Clean variants: no findings in ${cleanFiles.length} files.`)
      : bold(`${cleanFindings.length} findings outside pitfall files (clean code must have none): listed above.`),
  );
  if (mismatches > 0) console.log(bold(`${mismatches} differences between the findings and the marked pitfall lines.`));
  return mismatches === 0 && cleanFindings.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`demo: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);

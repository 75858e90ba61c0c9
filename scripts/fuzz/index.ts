/**
 * `npm run fuzz`: lints seeded, generated database-shaped programs (every catalog library, every
 * transaction form, composed with unusual syntax, some mutated) with the plugin's `all` preset,
 * and fails when a rule throws or a suggestion does not parse. Each program's id is its seed.
 *
 *   npm run fuzz -- --seeds 1000                  seeds 0 … 999
 *   npm run fuzz -- --seeds 1 --start 5123        reproduce one program
 *   npm run fuzz -- --strict                      ASYNC_DB_STRICT=1: internal failures throw (strict failures)
 *   npm run fuzz -- --corpus DIR                  mutants of the files under DIR that use a database library
 *   npm run fuzz -- --save-crashes DIR            where failing programs are written (default: a temp folder)
 *   npm run fuzz -- --json FILE                   the figures as JSON
 *   npm run fuzz -- --time-limit 60               stop starting programs after 60 s
 *   npm run fuzz -- --typed-every 10              every 10th seed with type information (0: none)
 *   npm run fuzz -- --plugin FILE                 the plugin entry (default dist/eslint-plugin.js; run `npm run build` first)
 *
 * Exit code 1 on a crash, an unparsable suggestion or (with --strict) a strict failure.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { collectCorpus } from './corpus.js';
import { runSeeds } from './programs.js';
import type { RunResult } from './programs.js';
import { loadPlugin } from './run.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const { values: args } = parseArgs({
  options: {
    seeds: { type: 'string', default: '100' },
    start: { type: 'string', default: '0' },
    strict: { type: 'boolean', default: false },
    corpus: { type: 'string' },
    'save-crashes': { type: 'string' },
    json: { type: 'string' },
    'time-limit': { type: 'string' },
    'typed-every': { type: 'string', default: '10' },
    'mutation-rate': { type: 'string', default: '0.3' },
    plugin: { type: 'string', default: path.join(root, 'dist', 'eslint-plugin.js') },
    quiet: { type: 'boolean', default: false },
  },
});

const count = (text: string | undefined, name: string): number => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} takes a whole number, not ${String(text)}`);
    process.exit(2);
  }
  return value;
};

// memo.ts reads the setting when the plugin loads: set it first.
if (args.strict) process.env.ASYNC_DB_STRICT = '1';
else delete process.env.ASYNC_DB_STRICT;

const pluginEntry = path.resolve(args.plugin);
if (!fs.existsSync(pluginEntry)) {
  console.error(`no plugin at ${pluginEntry}: run \`npm run build\` first, or pass --plugin`);
  process.exit(2);
}
const plugin = await loadPlugin(pluginEntry);
const saveCrashes = path.resolve(args['save-crashes'] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'async-db-fuzz-crashes-')));
const corpus = args.corpus === undefined ? undefined : collectCorpus(args.corpus);
if (corpus?.length === 0) {
  console.error(`no file under ${String(args.corpus)} uses a catalog library`);
  process.exit(2);
}
const seeds = count(args.seeds, 'seeds');
const start = count(args.start, 'start');
const progressEvery = Math.max(100, Math.min(5000, Math.round(seeds / 20)));

const result = runSeeds(plugin, {
  start,
  seeds,
  strict: args.strict,
  saveCrashes,
  typedEvery: count(args['typed-every'], 'typed-every'),
  mutationRate: Number(args['mutation-rate']),
  ...(corpus ? { corpus } : {}),
  ...(args['time-limit'] !== undefined ? { timeLimit: Number(args['time-limit']) } : {}),
  onProgress: (done, totals) => {
    if (args.quiet || done % progressEvery !== 0) return;
    const failures = totals.failures.length;
    const mb = Math.round(process.memoryUsage().rss / 2 ** 20);
    console.error(`  ${done.toLocaleString('en')} programs, ${totals.findings.toLocaleString('en')} findings, ${String(failures)} failures, ${String(mb)} MB`);
  },
});

if (args.strict) confirmStrict(result);
report(result);

/**
 * With --strict, a throw whose stack shows the resolver's failure policy is a strict failure.
 * Others (a stack overflow hides the policy's frame) are run again without ASYNC_DB_STRICT in a
 * child process: a throw that disappears there is a strict failure too, one that stays a crash.
 */
function confirmStrict({ totals }: RunResult): void {
  const crashes = totals.failures.filter((f) => f.kind === 'crash');
  const seedsToCheck = [...new Set(crashes.map((f) => f.seed))].slice(0, 50);
  for (const seed of seedsToCheck) {
    const json = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'async-db-fuzz-confirm-')), 'result.json');
    const child = [
      fileURLToPath(import.meta.url),
      ...['--seeds', '1', '--start', String(seed), '--typed-every', args['typed-every'], '--mutation-rate', args['mutation-rate'], '--plugin', pluginEntry],
      ...['--json', json, '--quiet', '--save-crashes', path.dirname(json)],
      ...(args.corpus === undefined ? [] : ['--corpus', args.corpus]),
    ];
    const env = { ...process.env };
    delete env.ASYNC_DB_STRICT;
    spawnSync(process.execPath, [...process.execArgv, ...child], { env, stdio: 'ignore' });
    let again: { failures: { kind: string; file: string }[] } | undefined;
    try {
      again = JSON.parse(fs.readFileSync(json, 'utf8')) as { failures: { kind: string; file: string }[] };
    } catch {
      again = undefined;
    }
    if (!again) continue;
    for (const failure of crashes.filter((f) => f.seed === seed)) {
      if (!again.failures.some((f) => f.kind === 'crash' && f.file === failure.file)) {
        failure.kind = 'strict';
        failure.message = `${failure.message} (no throw without ASYNC_DB_STRICT)`;
      }
    }
  }
}

function report({ totals, ruleIds, first, last, seconds }: RunResult): void {
  const n = (value: number) => value.toLocaleString('en');
  const crashes = totals.failures.filter((f) => f.kind === 'crash');
  const strict = totals.failures.filter((f) => f.kind === 'strict');
  const unparsable = totals.failures.filter((f) => f.kind === 'suggestion');
  const seedRange = last >= first ? `seeds ${String(first)}–${String(last)}` : 'no seeds';
  const strictPart = args.strict ? `, ${n(strict.length)} strict failures` : '';
  console.log(
    `fuzz: ${n(totals.programs)} programs (${n(totals.files)} files) ${seedRange}, ${n(crashes.length)} crashes${strictPart}, ${n(unparsable.length)} unparsable suggestions, ${n(totals.findings)} findings, ${n(totals.suggestionsApplied + totals.fixesApplied)} suggestions applied, ${seconds.toFixed(1)} s`,
  );
  console.log(
    `  ${corpus ? `corpus mutants of ${n(corpus.length)} files` : `generated, ${n(totals.mutatedPrograms)} with mutated files`}; typed ${n(totals.typedPrograms)} programs; espree ${n(totals.espreeFiles)} files; unparsable inputs skipped ${n(totals.unparsableInputs)}; ASYNC_DB_STRICT ${args.strict ? '1' : 'unset'}`,
  );
  console.log('  findings by rule:');
  const width = Math.max(...ruleIds.map((id) => id.length), ...Object.keys(totals.perLibrary).map((id) => id.length));
  for (const id of ruleIds) console.log(`    ${id.padEnd(width)}  ${n(totals.perRule[id] ?? 0).padStart(9)}`);
  console.log('  programs by library:');
  for (const [id, programs] of Object.entries(totals.perLibrary)) console.log(`    ${id.padEnd(width)}  ${n(programs).padStart(9)}`);
  for (const failure of totals.failures.slice(0, 20)) {
    console.log(`\n[${failure.kind}] seed ${String(failure.seed)} ${failure.file}${failure.rule ? ` (${failure.rule})` : ''}: ${failure.message}`);
    console.log(failure.stack.split('\n').slice(0, 12).map((line) => `    ${line}`).join('\n'));
    console.log(`  saved in ${failure.savedTo ?? '?'}; reproduce: npm run fuzz -- --seeds 1 --start ${String(failure.seed)}${args.strict ? ' --strict' : ''}${args.corpus ? ` --corpus ${args.corpus}` : ''}${args['typed-every'] === '10' ? '' : ` --typed-every ${args['typed-every']}`}${args['mutation-rate'] === '0.3' ? '' : ` --mutation-rate ${args['mutation-rate']}`}`);
  }
  if (totals.failures.length > 0) console.log(`\nfailing programs saved under ${saveCrashes}`);
  if (args.json !== undefined) {
    const json = {
      programs: totals.programs,
      files: totals.files,
      seeds: { first, last },
      seconds: Number(seconds.toFixed(1)),
      strict: args.strict,
      corpus: corpus ? corpus.length : null,
      crashes: crashes.length,
      strictFailures: strict.length,
      unparsableSuggestions: unparsable.length,
      findings: totals.findings,
      suggestionsApplied: totals.suggestionsApplied,
      fixesApplied: totals.fixesApplied,
      typedPrograms: totals.typedPrograms,
      espreeFiles: totals.espreeFiles,
      mutatedPrograms: totals.mutatedPrograms,
      unparsableInputs: totals.unparsableInputs,
      perRule: totals.perRule,
      perLibrary: totals.perLibrary,
      failures: totals.failures,
    };
    fs.writeFileSync(args.json, `${JSON.stringify(json, null, 2)}\n`);
  }
  process.exitCode = totals.failures.length > 0 ? 1 : 0;
}

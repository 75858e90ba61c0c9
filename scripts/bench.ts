/**
 * `npm run bench`: the plugin's lint-time cost on real repositories, measured as the design asks:
 * ESLint's `stats`, only the plugin's preset enabled, plugin rule time / (parse time + rule time).
 *
 *   npm run bench -- --repos DIR                 every repository folder in DIR, untyped
 *   npm run bench -- --repos DIR --only a,b      some of them
 *   npm run bench -- --repos DIR --runs 3        the mean of 3 runs
 *   npm run bench -- --repos DIR --compare P     alternate runs with another build's entry file P
 *   npm run bench -- --repos DIR --typed         also on top of typescript-eslint's recommended-type-checked
 *   npm run bench -- --repos DIR --memory        peak RSS with and without the plugin
 *   npm run bench -- --repos DIR --concurrency   ESLint's multithreaded mode: same findings? speed-up
 *   npm run bench -- ... --markdown FILE         the tables, as in docs/performance.md
 *   npm run bench -- ... --json FILE             every figure and finding
 *
 * DIR holds one folder per repository (their source and manifests; no node_modules needed). The
 * plugin measured is `dist/` (run `npm run build` first) unless `--plugin` names another entry.
 * Each lint runs in its own process (scripts/bench/lint-run.mjs). Exit code 1 when a run crashed.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runner = path.join(root, 'scripts', 'bench', 'lint-run.mjs');

const { values: args } = parseArgs({
  options: {
    repos: { type: 'string' },
    only: { type: 'string' },
    runs: { type: 'string', default: '1' },
    plugin: { type: 'string', default: path.join(root, 'dist', 'eslint-plugin.js') },
    compare: { type: 'string' },
    preset: { type: 'string', default: 'recommended' },
    typed: { type: 'boolean', default: false },
    memory: { type: 'boolean', default: false },
    concurrency: { type: 'boolean', default: false },
    markdown: { type: 'string' },
    json: { type: 'string' },
  },
});

if (!args.repos) {
  console.error('usage: npm run bench -- --repos DIR [--only a,b] [--runs N] [--compare ENTRY] [--typed] [--memory] [--concurrency] [--markdown FILE] [--json FILE]');
  process.exit(2);
}
const reposDir = path.resolve(args.repos);
const only = args.only?.split(',');
const repos = fs
  .readdirSync(reposDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && (!only || only.includes(entry.name)))
  .map((entry) => entry.name)
  .sort();
const runs = Math.max(1, Number(args.runs));

interface LintRun {
  wallMs: number;
  maxRssKb: number;
  files: { file: string; parseMs: number; ruleMs: Record<string, number> }[];
  messages: { file: string; line: number; column: number; ruleId: string | null; fatal: boolean; message: string; suggestions: number }[];
}

interface RunOptions {
  root: string;
  plugin: string;
  mode: 'untyped' | 'typed' | 'baseline' | 'typed-baseline';
  concurrency?: 'off' | 'auto';
  preset?: string;
}

const crashes: { repo: string; mode: string; error: string }[] = [];

async function lint(options: RunOptions): Promise<LintRun | undefined> {
  try {
    const { stdout } = await run(process.execPath, [runner, JSON.stringify(options)], {
      cwd: root,
      maxBuffer: 1 << 30,
      env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=8192' },
    });
    return JSON.parse(stdout) as LintRun;
  } catch (error) {
    const text = error instanceof Error ? ((error as { stderr?: string }).stderr ?? error.message) : String(error);
    crashes.push({ repo: path.basename(options.root), mode: options.mode, error: text.trim().split('\n').slice(0, 12).join('\n') });
    return undefined;
  }
}

const isPluginRule = (ruleId: string) => ruleId.startsWith('async-db/');

interface Cost {
  files: number;
  wallMs: number;
  parseMs: number;
  pluginMs: number;
  otherRulesMs: number;
  perRuleMs: Record<string, number>;
}

function costOf(result: LintRun): Cost {
  const cost: Cost = { files: result.files.length, wallMs: result.wallMs, parseMs: 0, pluginMs: 0, otherRulesMs: 0, perRuleMs: {} };
  for (const file of result.files) {
    cost.parseMs += file.parseMs;
    for (const [ruleId, ms] of Object.entries(file.ruleMs)) {
      if (isPluginRule(ruleId)) {
        cost.pluginMs += ms;
        cost.perRuleMs[ruleId] = (cost.perRuleMs[ruleId] ?? 0) + ms;
      } else {
        cost.otherRulesMs += ms;
      }
    }
  }
  return cost;
}

function mean(costs: Cost[]): Cost {
  const total: Cost = { files: costs[0]?.files ?? 0, wallMs: 0, parseMs: 0, pluginMs: 0, otherRulesMs: 0, perRuleMs: {} };
  for (const cost of costs) {
    total.wallMs += cost.wallMs / costs.length;
    total.parseMs += cost.parseMs / costs.length;
    total.pluginMs += cost.pluginMs / costs.length;
    total.otherRulesMs += cost.otherRulesMs / costs.length;
    for (const [ruleId, ms] of Object.entries(cost.perRuleMs)) total.perRuleMs[ruleId] = (total.perRuleMs[ruleId] ?? 0) + ms / costs.length;
  }
  return total;
}

/** The design's measure: plugin rule time over parse time plus every rule's time. */
const share = (cost: Cost) => cost.pluginMs / (cost.parseMs + cost.pluginMs + cost.otherRulesMs);

function sum(costs: Cost[]): Cost {
  const total: Cost = { files: 0, wallMs: 0, parseMs: 0, pluginMs: 0, otherRulesMs: 0, perRuleMs: {} };
  for (const cost of costs) {
    total.files += cost.files;
    total.wallMs += cost.wallMs;
    total.parseMs += cost.parseMs;
    total.pluginMs += cost.pluginMs;
    total.otherRulesMs += cost.otherRulesMs;
    for (const [ruleId, ms] of Object.entries(cost.perRuleMs)) total.perRuleMs[ruleId] = (total.perRuleMs[ruleId] ?? 0) + ms;
  }
  return total;
}

const findingKey = (message: LintRun['messages'][number]) => `${message.file}:${String(message.line)}:${String(message.column)} ${message.ruleId ?? ''} ${message.message}`;
const findingsOf = (result: LintRun) => result.messages.filter((message) => message.ruleId !== null && isPluginRule(message.ruleId));

interface RepoReport {
  repo: string;
  untyped?: Cost;
  before?: Cost;
  typed?: Cost;
  typedBaseline?: Cost;
  findings: Record<string, number>;
  findingList: string[];
  /** With type information: the findings, and how they differ from the untyped run's. */
  typedFindings?: { count: number; onlyTyped: string[]; onlyUntyped: string[] };
  parseErrors: number;
  memory?: { withoutPluginKb: number; withPluginKb: number };
  concurrency?: { serialMs: number; parallelMs: number; identical: boolean; onlySerial: string[]; onlyParallel: string[] };
}

const reports: RepoReport[] = [];
for (const repo of repos) {
  const repoRoot = path.join(reposDir, repo);
  const report: RepoReport = { repo, findings: {}, findingList: [], parseErrors: 0 };
  const after: Cost[] = [];
  const before: Cost[] = [];
  let last: LintRun | undefined;
  for (let index = 0; index < runs; index++) {
    // Alternating the two builds spreads the machine's drift over both.
    const result = await lint({ root: repoRoot, plugin: args.plugin, mode: 'untyped', preset: args.preset });
    if (result) {
      after.push(costOf(result));
      last = result;
    }
    if (args.compare) {
      const previous = await lint({ root: repoRoot, plugin: args.compare, mode: 'untyped', preset: args.preset });
      if (previous) before.push(costOf(previous));
    }
  }
  if (after.length > 0) report.untyped = mean(after);
  if (before.length > 0) report.before = mean(before);
  if (last) {
    for (const message of findingsOf(last)) report.findings[message.ruleId ?? ''] = (report.findings[message.ruleId ?? ''] ?? 0) + 1;
    report.findingList = findingsOf(last).map(findingKey);
    report.parseErrors = last.messages.filter((message) => message.fatal).length;
  }
  if (args.typed) {
    const typedBaseline = await lint({ root: repoRoot, plugin: args.plugin, mode: 'typed-baseline' });
    const typed = await lint({ root: repoRoot, plugin: args.plugin, mode: 'typed' });
    if (typedBaseline) report.typedBaseline = costOf(typedBaseline);
    if (typed) {
      report.typed = costOf(typed);
      const typedList = findingsOf(typed).map(findingKey);
      report.typedFindings = {
        count: typedList.length,
        onlyTyped: typedList.filter((key) => !report.findingList.includes(key)),
        onlyUntyped: report.findingList.filter((key) => !typedList.includes(key)),
      };
    }
  }
  if (args.memory) {
    const without = await lint({ root: repoRoot, plugin: args.plugin, mode: 'baseline' });
    if (without && last) report.memory = { withoutPluginKb: without.maxRssKb, withPluginKb: last.maxRssKb };
  }
  if (args.concurrency && last) {
    const parallel = await lint({ root: repoRoot, plugin: args.plugin, mode: 'untyped', concurrency: 'auto', preset: args.preset });
    if (parallel) {
      const serialSet = new Set(last.messages.map(findingKey));
      const parallelSet = new Set(parallel.messages.map(findingKey));
      const onlySerial = [...serialSet].filter((key) => !parallelSet.has(key));
      const onlyParallel = [...parallelSet].filter((key) => !serialSet.has(key));
      report.concurrency = {
        serialMs: last.wallMs,
        parallelMs: parallel.wallMs,
        identical: onlySerial.length === 0 && onlyParallel.length === 0,
        onlySerial,
        onlyParallel,
      };
    }
  }
  reports.push(report);
  const cost = report.untyped;
  console.error(
    `${repo}: ${cost ? `${String(cost.files)} files, plugin ${(100 * share(cost)).toFixed(1)} %` : 'crashed'}` +
      (report.before ? `, before ${(100 * share(report.before)).toFixed(1)} %` : '') +
      (report.typed && report.typedBaseline ? `, typed ${(100 * share(report.typed)).toFixed(1)} %` : ''),
  );
}

const percent = (value: number) => `${(100 * value).toFixed(1)} %`;
const ms = (value: number) => Math.round(value).toLocaleString('en-US');
const seconds = (value: number) => (value / 1000).toFixed(1);
const mib = (kb: number) => Math.round(kb / 1024).toLocaleString('en-US');

const lines: string[] = [];
const measured = reports.filter((report) => report.untyped);
const total = sum(measured.map((report) => report.untyped as Cost));
const totalBefore = args.compare ? sum(measured.filter((report) => report.before).map((report) => report.before as Cost)) : undefined;

lines.push(`| repository | files | wall s | parse ms | async-db ms | ${totalBefore ? 'before | ' : ''}share |`);
lines.push(`|---|---:|---:|---:|---:|${totalBefore ? '---:|' : ''}---:|`);
for (const report of measured) {
  const cost = report.untyped as Cost;
  lines.push(
    `| ${report.repo} | ${ms(cost.files)} | ${seconds(cost.wallMs)} | ${ms(cost.parseMs)} | ${ms(cost.pluginMs)} | ${totalBefore ? `${report.before ? percent(share(report.before)) : '–'} | ` : ''}${percent(share(cost))} |`,
  );
}
lines.push(
  `| **all ${String(measured.length)}** | **${ms(total.files)}** | **${seconds(total.wallMs)}** | **${ms(total.parseMs)}** | **${ms(total.pluginMs)}** | ${totalBefore ? `**${percent(share(totalBefore))}** | ` : ''}**${percent(share(total))}** |`,
);
lines.push('');
lines.push('| rule | ms | share |');
lines.push('|---|---:|---:|');
for (const [ruleId, time] of Object.entries(total.perRuleMs).sort()) {
  lines.push(`| ${ruleId} | ${ms(time)} | ${percent(time / (total.parseMs + total.pluginMs + total.otherRulesMs))} |`);
}

if (args.typed) {
  const typedReports = reports.filter((report) => report.typed && report.typedBaseline);
  lines.push('');
  lines.push('| repository (typed) | parse ms | typescript-eslint rules ms | async-db ms | share of the typed run |');
  lines.push('|---|---:|---:|---:|---:|');
  for (const report of typedReports) {
    const typed = report.typed as Cost;
    lines.push(`| ${report.repo} | ${ms(typed.parseMs)} | ${ms(typed.otherRulesMs)} | ${ms(typed.pluginMs)} | ${percent(share(typed))} |`);
  }
  const typedTotal = sum(typedReports.map((report) => report.typed as Cost));
  lines.push(`| **all ${String(typedReports.length)}** | **${ms(typedTotal.parseMs)}** | **${ms(typedTotal.otherRulesMs)}** | **${ms(typedTotal.pluginMs)}** | **${percent(share(typedTotal))}** |`);
  lines.push('');
  lines.push('| rule (typed) | ms | share |');
  lines.push('|---|---:|---:|');
  for (const [ruleId, time] of Object.entries(typedTotal.perRuleMs).sort()) {
    lines.push(`| ${ruleId} | ${ms(time)} | ${percent(time / (typedTotal.parseMs + typedTotal.pluginMs + typedTotal.otherRulesMs))} |`);
  }
}

if (args.memory) {
  lines.push('');
  lines.push('| repository | peak RSS without the plugin, MiB | with, MiB |');
  lines.push('|---|---:|---:|');
  for (const report of reports) {
    if (report.memory) lines.push(`| ${report.repo} | ${mib(report.memory.withoutPluginKb)} | ${mib(report.memory.withPluginKb)} |`);
  }
}

if (args.concurrency) {
  lines.push('');
  lines.push('| repository | serial s | `--concurrency=auto` s | speed-up | same findings |');
  lines.push('|---|---:|---:|---:|---|');
  for (const report of reports) {
    const concurrency = report.concurrency;
    if (concurrency) {
      lines.push(
        `| ${report.repo} | ${seconds(concurrency.serialMs)} | ${seconds(concurrency.parallelMs)} | ${(concurrency.serialMs / concurrency.parallelMs).toFixed(2)}× | ${concurrency.identical ? 'yes' : `no (${String(concurrency.onlySerial.length)} only serial, ${String(concurrency.onlyParallel.length)} only parallel)`} |`,
      );
    }
  }
}

lines.push('');
const findingTotal = reports.reduce((count, report) => count + report.findingList.length, 0);
const typedReports = reports.filter((report) => report.typedFindings);
const typedNote = typedReports.length > 0
  ? ` With type information: ${String(typedReports.reduce((count, report) => count + (report.typedFindings?.count ?? 0), 0))} on ${typedReports.map((report) => report.repo).join(', ')}` +
    ` (${String(typedReports.reduce((count, report) => count + (report.typedFindings?.onlyTyped.length ?? 0), 0))} found only typed, ` +
    `${String(typedReports.reduce((count, report) => count + (report.typedFindings?.onlyUntyped.length ?? 0), 0))} only untyped).`
  : '';
lines.push(`Findings: ${String(findingTotal)}; crashes: ${String(crashes.length)}.${typedNote}`);

const markdown = lines.join('\n') + '\n';
process.stdout.write(markdown);
if (args.markdown) fs.writeFileSync(args.markdown, markdown);
if (args.json) fs.writeFileSync(args.json, JSON.stringify({ reports, crashes }, null, 2) + '\n');
for (const crash of crashes) console.error(`CRASH ${crash.repo} (${crash.mode}):\n${crash.error}`);
process.exit(crashes.length > 0 ? 1 : 0);

/**
 * `async-db`: the codemods as a command. `async-db list`, `async-db fix [paths…]`,
 * `async-db <codemod> [paths…]`; flags and exit codes in docs/codemods.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { projectFormatter } from './format.js';
import { libraryIds, lintSetup } from './lint-setup.js';
import type { SetupOptions } from './lint-setup.js';
import { sourceFiles, uncommittedFiles } from './project.js';
import { codemodById, codemods } from './registry.js';
import type { Codemod } from './registry.js';
import { emptyReport, runCodemods } from './run.js';
import type { Report, RunOptions } from './run.js';
import { runInWorkers, workersAvailable } from './workers.js';
import type { WorkerSetup } from './workers.js';

export const exitCodes = { clean: 0, left: 1, usage: 2 } as const;

const runFlags = `Flags:
  --dry          write nothing (with --diff or --json: see what would change)
  --diff         print a unified diff of each changed file on stdout (the summary goes to stderr)
  --json FILE    write a report: files changed, per codemod and rule the findings fixed and left
                 (with reasons), errors, timings
  --force        run on a git work tree with uncommitted changes
  --untyped      without an ESLint config, lint without type information even where a
                 tsconfig.json is (faster on large monorepos)
  --libraries L  the libraries to check, comma-separated (prisma,pg …), instead of those the
                 package.json files depend on
  --tsconfig F   type information from this tsconfig file (with or without an ESLint config)
  --format       run the project's Prettier on the files that change
  --cpus N       lint and rewrite files in N worker threads (default 1: one after the other)
  --help         this text

Paths default to the current folder: its source files (.js .jsx .mjs .cjs .ts .tsx .mts .cts)
minus what git and ESLint ignore. Files are linted with the project's ESLint config when there
is one, else with the plugin's recommended preset (typed when the folder has a tsconfig.json).
Exit codes: 0 everything found was fixed, 1 findings are left or a file failed, 2 bad usage,
uncommitted changes without --force, or an ESLint config that does not load.`;

const usage = `Usage: async-db <command> [paths…] [flags]

Commands:
  list               every codemod and the rules it fixes
  fix [paths…]       lint the paths with the plugin and apply to each finding the codemod that fixes it
  <codemod> [paths…] run one codemod (see \`async-db list\`)

Run \`async-db <command> --help\` for a command's flags.`;

const listUsage = `Usage: async-db list

Lists every codemod, one a line, with the rules whose findings it fixes.`;

const fixUsage = `Usage: async-db fix [paths…] [flags]

Lints the paths with the plugin's rules and applies to each finding the edit its rule suggests,
through the codemod that covers the rule; lists at the end what is left, each with why.

${runFlags}`;

const codemodUsage = (codemod: Codemod): string => `Usage: async-db ${codemod.id} [paths…] [flags]

${codemod.summary}.
Fixes: ${Object.keys(codemod.rules).join(', ')}.

${runFlags}`;

export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether stderr is a terminal (progress on one line rather than plain lines). */
  isTTY: boolean;
}

const defaultOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  isTTY: process.stderr.isTTY,
};

function listText(): string {
  const width = Math.max(...codemods.map((codemod) => codemod.id.length));
  return codemods.map((codemod) => `${codemod.id.padEnd(width)}  fixes ${Object.keys(codemod.rules).join(', ')}: ${codemod.summary}\n`).join('');
}

function summary(report: Report): string {
  const lines: string[] = [];
  const fixed = Object.values(report.codemods).reduce((sum, codemod) => sum + codemod.fixed, 0);
  const perCodemod = Object.entries(report.codemods)
    .filter(([, counts]) => counts.fixed > 0)
    .map(([id, counts]) => `${id} ${String(counts.fixed)}`);
  const verb = report.dry ? 'Would fix' : 'Fixed';
  lines.push(
    `${verb} ${String(fixed)} finding${fixed === 1 ? '' : 's'} in ${String(report.files.changed.length)} file${report.files.changed.length === 1 ? '' : 's'}` +
      `${perCodemod.length > 0 ? ` (${perCodemod.join(', ')})` : ''}; ${String(report.files.scanned)} files linted with ${report.lint.config}.` +
      (report.dry ? ' Dry run: nothing written.' : ''),
  );
  if (report.left.length > 0) {
    lines.push(`Left ${String(report.left.length)}:`);
    for (const left of report.left) {
      lines.push(`  ${left.file}:${String(left.line)}:${String(left.column)} ${left.rule}${left.codemod ? ` (${left.codemod})` : ''}: ${left.reason}`);
    }
  }
  if (report.errors.length > 0) {
    lines.push(`Failed ${String(report.errors.length)} (left unchanged):`);
    for (const { file, error } of report.errors) lines.push(`  ${file}: ${error}`);
  }
  return `${lines.join('\n')}\n`;
}

function progress(output: Output): (done: number, total: number, file: string, fixed: number, error?: string) => void {
  let lastLine = 0;
  const started = performance.now();
  return (done, total, file, fixed, error) => {
    if (output.isTTY) {
      const perSecond = Math.round(done / Math.max(0.001, (performance.now() - started) / 1000));
      output.err(`\r\x1b[K[${String(done)}/${String(total)}, ${String(perSecond)} files/s] ${file}`);
      if (done === total) output.err('\r\x1b[K');
      return;
    }
    if (error !== undefined) output.err(`[${String(done)}/${String(total)}] ${file}: failed: ${error}\n`);
    else if (fixed > 0) output.err(`[${String(done)}/${String(total)}] ${file}: ${String(fixed)} fixed\n`);
    else if (done - lastLine >= 100 || done === total) output.err(`[${String(done)}/${String(total)}] files\n`);
    else return;
    lastLine = done;
  };
}

/** Runs the command; resolves to its exit code. */
export async function main(argv: readonly string[], cwd = process.cwd(), output: Output = defaultOutput): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? output.err : output.out)(`${usage}\n`);
    return command === undefined ? exitCodes.usage : exitCodes.clean;
  }
  const codemod = codemodById(command);
  if (command !== 'list' && command !== 'fix' && !codemod) {
    output.err(`async-db: unknown command or codemod \`${command}\`\n\n${usage}\n`);
    return exitCodes.usage;
  }
  let parsed: ReturnType<typeof parseRunArgs>;
  try {
    parsed = parseRunArgs(rest);
  } catch (error) {
    output.err(`async-db ${command}: ${error instanceof Error ? error.message : String(error)}\nRun \`async-db ${command} --help\`.\n`);
    return exitCodes.usage;
  }
  const { values, positionals } = parsed;
  if (command === 'list') {
    if (values.help) output.out(`${listUsage}\n`);
    else if (positionals.length > 0) {
      output.err(`async-db list takes no paths\n\n${listUsage}\n`);
      return exitCodes.usage;
    } else output.out(listText());
    return exitCodes.clean;
  }
  if (values.help) {
    output.out(`${codemod ? codemodUsage(codemod) : fixUsage}\n`);
    return exitCodes.clean;
  }
  const paths = positionals.length > 0 ? positionals : ['.'];
  const { files, missing } = sourceFiles(cwd, paths);
  if (missing.length > 0) {
    output.err(`async-db ${command}: no such file or folder: ${missing.join(', ')}\n`);
    return exitCodes.usage;
  }
  if (!values.dry && !values.force) {
    const dirty = uncommittedFiles(cwd);
    if (dirty.length > 0) {
      output.err(
        `async-db ${command}: the git work tree has uncommitted changes; commit or stash them first (or pass --force, or --dry):\n${dirty.map((file) => `  ${file}\n`).join('')}`,
      );
      return exitCodes.usage;
    }
  }
  const selected = codemod ? [codemod] : codemods;
  const libraries = values.libraries?.split(',').map((id) => id.trim()).filter(Boolean);
  const unknownLibraries = libraries?.filter((id) => !libraryIds.includes(id)) ?? [];
  if (unknownLibraries.length > 0 || libraries?.length === 0) {
    output.err(`async-db ${command}: unknown library ${unknownLibraries.join(', ') || '(none given)'}; library ids: ${libraryIds.join(', ')}\n`);
    return exitCodes.usage;
  }
  const tsconfig = values.tsconfig === undefined ? undefined : path.resolve(cwd, values.tsconfig);
  if (tsconfig !== undefined && (!fs.existsSync(tsconfig) || values.untyped)) {
    output.err(`async-db ${command}: ${values.untyped ? '--tsconfig and --untyped contradict each other' : `no such tsconfig file: ${values.tsconfig ?? ''}`}\n`);
    return exitCodes.usage;
  }
  const cpus = values.cpus === undefined ? 1 : Number(values.cpus);
  if (!Number.isInteger(cpus) || cpus < 1 || cpus > 256) {
    output.err(`async-db ${command}: --cpus takes a whole number of workers, 1 to 256, not ${values.cpus ?? ''}\n`);
    return exitCodes.usage;
  }
  if (cpus > 1 && !workersAvailable()) {
    output.err(`async-db ${command}: --cpus needs worker threads, and the command's worker module is missing (dist/codemods/worker.js)\n`);
    return exitCodes.usage;
  }
  const format = values.format ? await projectFormatter(cwd) : undefined;
  if (values.format && !format) {
    output.err(`async-db ${command}: --format runs the project's Prettier, and none is installed here (npm install --save-dev prettier)\n`);
    return exitCodes.usage;
  }
  const mode = codemod ? 'codemod' : 'fix';
  const setupOptions: SetupOptions = {
    untyped: values.untyped === true,
    ...(libraries ? { libraries } : {}),
    ...(tsconfig !== undefined ? { tsconfig } : {}),
  };
  let setup: Awaited<ReturnType<typeof lintSetup>>;
  try {
    // Also with workers: a config that does not load is a usage error here, once.
    setup = await lintSetup(cwd, selected, mode, setupOptions);
  } catch (error) {
    output.err(`async-db ${command}: ${error instanceof Error ? error.message : String(error)}\n`);
    return exitCodes.usage;
  }
  const options: RunOptions = {
    cwd,
    files,
    selected,
    setup,
    dry: values.dry === true,
    ...(format ? { format } : {}),
    ...(values.diff ? { onDiff: (diff: string) => { output.out(diff); } } : {}),
    onProgress: progress(output),
  };
  const empty = emptyReport(command, paths, values.dry === true, selected);
  const workerSetup: WorkerSetup = {
    cwd,
    codemods: selected.map((chosen) => chosen.id),
    mode,
    setup: setupOptions,
    dry: values.dry === true,
    format: format !== undefined,
    wantDiff: values.diff === true,
  };
  const report = cpus > 1 && files.length > 1 ? await runInWorkers(options, empty, workerSetup, cpus) : await runCodemods(options, empty);
  (values.diff ? output.err : output.out)(summary(report));
  if (values.json !== undefined) {
    const file = path.resolve(cwd, values.json);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  }
  return report.left.length > 0 || report.errors.length > 0 ? exitCodes.left : exitCodes.clean;
}

/** The flags of `fix` and of a codemod (docs/codemods.md lists the same). */
export const runOptions = {
  dry: { type: 'boolean' },
  diff: { type: 'boolean' },
  json: { type: 'string' },
  force: { type: 'boolean' },
  untyped: { type: 'boolean' },
  libraries: { type: 'string' },
  tsconfig: { type: 'string' },
  format: { type: 'boolean' },
  cpus: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseRunArgs(args: readonly string[]) {
  return parseArgs({ args: [...args], allowPositionals: true, strict: true, options: runOptions });
}

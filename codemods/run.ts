/**
 * One run of the command over files: each file linted, the codemods' edits applied and checked
 * (apply.ts), the result written atomically unless dry, and everything counted for the report.
 */
import fs from 'node:fs';
import path from 'node:path';

import { fixText } from './apply.js';
import type { FileResult, FixedFinding, LeftFinding } from './apply.js';
import { unifiedDiff } from './diff.js';
import type { FormatText } from './format.js';
import type { LintSetup } from './lint-setup.js';
import type { Codemod } from './registry.js';
import { writeFileAtomic } from './write.js';

export interface RunOptions {
  readonly cwd: string;
  readonly files: readonly string[];
  readonly selected: readonly Codemod[];
  readonly setup: LintSetup;
  readonly dry: boolean;
  /** Formats a changed file's new text (`--format`). */
  readonly format?: FormatText;
  /** Called with each changed file's unified diff. */
  readonly onDiff?: (diff: string) => void;
  readonly onProgress?: (done: number, total: number, file: string, fixed: number, error?: string) => void;
}

export interface RuleCount {
  /** The codemod that covers the rule, or null when none does yet. */
  codemod: string | null;
  fixed: number;
  left: number;
  /** Why findings were left, with how many. */
  reasons: Record<string, number>;
}

export interface Report {
  command: string;
  paths: string[];
  dry: boolean;
  lint: { config: string; typed: boolean };
  files: { scanned: number; ignored: number; changed: string[] };
  codemods: Record<string, { fixed: number; left: number }>;
  rules: Record<string, RuleCount>;
  left: (LeftFinding & { file: string })[];
  errors: { file: string; error: string }[];
  timings: { totalMs: number; perFileMs: number };
}

export function emptyReport(command: string, paths: readonly string[], dry: boolean, selected: readonly Codemod[]): Report {
  return {
    command,
    paths: [...paths],
    dry,
    lint: { config: '', typed: false },
    files: { scanned: 0, ignored: 0, changed: [] },
    codemods: Object.fromEntries(selected.map((codemod) => [codemod.id, { fixed: 0, left: 0 }])),
    rules: {},
    left: [],
    errors: [],
    timings: { totalMs: 0, perFileMs: 0 },
  };
}

function ruleCount(report: Report, finding: FixedFinding | LeftFinding): RuleCount {
  report.rules[finding.rule] ??= { codemod: finding.codemod ?? null, fixed: 0, left: 0, reasons: {} };
  return report.rules[finding.rule] as RuleCount;
}

function count(report: Report, file: string, fixed: readonly FixedFinding[], left: readonly LeftFinding[]): void {
  for (const finding of fixed) {
    ruleCount(report, finding).fixed++;
    const codemod = report.codemods[finding.codemod];
    if (codemod) codemod.fixed++;
  }
  for (const finding of left) {
    const rule = ruleCount(report, finding);
    rule.left++;
    rule.reasons[finding.reason] = (rule.reasons[finding.reason] ?? 0) + 1;
    const codemod = finding.codemod === undefined ? undefined : report.codemods[finding.codemod];
    if (codemod) codemod.left++;
    report.left.push({ file, ...finding });
  }
}

/** The result with its output formatted; when the formatter fails, the file as it was, its fixes left. */
async function formatted(result: FileResult, text: string, file: string, format: FormatText): Promise<FileResult> {
  try {
    return { ...result, output: await format(file, result.output) };
  } catch (error) {
    const reason = `Prettier failed on the rewritten file (${(error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''}): file left unchanged`;
    return {
      output: text,
      fixed: [],
      left: [...result.left, ...result.fixed.map((finding) => ({ ...finding, message: '', reason }))],
      error: reason,
    };
  }
}

/** What one file came to: computed where the file is processed (here or in a worker), counted here. */
export interface FileOutcome {
  readonly relative: string;
  /** ESLint ignores the file. */
  readonly ignored: boolean;
  /** A lint was set up for it (it counts as scanned, even if it then failed). */
  readonly linted: boolean;
  readonly fixed: readonly FixedFinding[];
  readonly left: readonly LeftFinding[];
  readonly changed: boolean;
  /** The unified diff of a changed file, when asked for. */
  readonly diff?: string;
  readonly error?: string;
}

export type FileOptions = Pick<RunOptions, 'cwd' | 'selected' | 'setup' | 'dry' | 'format'> & { readonly wantDiff: boolean };

/** A file's path as the report names it: relative to the folder the command runs in, with `/`. */
export function reportPath(cwd: string, file: string): string {
  return path.relative(cwd, file).split(path.sep).join('/');
}

/** Lints one file, applies the codemods' edits and, unless dry, writes the result atomically. */
export async function processFile(file: string, options: FileOptions): Promise<FileOutcome> {
  const relative = reportPath(options.cwd, file);
  let linted = false;
  try {
    const lint = await options.setup.linterFor(file);
    if (!lint) return { relative, ignored: true, linted: false, fixed: [], left: [], changed: false };
    linted = true;
    const text = fs.readFileSync(file, 'utf8');
    let result = fixText(text, lint, options.selected);
    if (result.output !== text && options.format) result = await formatted(result, text, file, options.format);
    const changed = result.output !== text;
    if (changed && !options.dry) writeFileAtomic(file, result.output);
    return {
      relative,
      ignored: false,
      linted,
      fixed: result.fixed,
      left: result.left,
      changed,
      ...(changed && options.wantDiff ? { diff: unifiedDiff(relative, text, result.output) } : {}),
      ...(result.error !== undefined ? { error: result.error } : {}),
    };
  } catch (error) {
    return { relative, ignored: false, linted, fixed: [], left: [], changed: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Counts one file's outcome into the report (in the order of the files, whoever processed them). */
export function recordOutcome(report: Report, outcome: FileOutcome, onDiff?: (diff: string) => void): void {
  if (outcome.ignored) {
    report.files.ignored++;
    return;
  }
  if (outcome.linted) report.files.scanned++;
  count(report, outcome.relative, outcome.fixed, outcome.left);
  if (outcome.changed) {
    report.files.changed.push(outcome.relative);
    if (outcome.diff !== undefined) onDiff?.(outcome.diff);
  }
  if (outcome.error !== undefined) report.errors.push({ file: outcome.relative, error: outcome.error });
}

export function finishReport(report: Report, lint: Report['lint'], started: number, files: number): Report {
  report.lint = lint;
  report.timings.totalMs = Math.round(performance.now() - started);
  report.timings.perFileMs = files > 0 ? Math.round((report.timings.totalMs / files) * 10) / 10 : 0;
  return report;
}

export async function runCodemods(options: RunOptions, report: Report): Promise<Report> {
  const started = performance.now();
  const fileOptions: FileOptions = { ...options, wantDiff: options.onDiff !== undefined };
  let done = 0;
  for (const file of options.files) {
    const outcome = await processFile(file, fileOptions);
    recordOutcome(report, outcome, options.onDiff);
    options.onProgress?.(++done, options.files.length, outcome.relative, outcome.changed ? outcome.fixed.length : 0, outcome.error);
  }
  // Read after the files: with a project config, whether it is typed shows as files are linted.
  return finishReport(report, { config: options.setup.description, typed: options.setup.typed }, started, options.files.length);
}

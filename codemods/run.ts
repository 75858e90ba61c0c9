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

export async function runCodemods(options: RunOptions, report: Report): Promise<Report> {
  const started = performance.now();
  let done = 0;
  for (const file of options.files) {
    const relative = path.relative(options.cwd, file).split(path.sep).join('/');
    let fixedHere = 0;
    let errorHere: string | undefined;
    try {
      const lint = await options.setup.linterFor(file);
      if (!lint) {
        report.files.ignored++;
      } else {
        report.files.scanned++;
        const text = fs.readFileSync(file, 'utf8');
        let result = fixText(text, lint, options.selected);
        if (result.output !== text && options.format) result = await formatted(result, text, file, options.format);
        count(report, relative, result.fixed, result.left);
        if (result.error !== undefined) errorHere = result.error;
        if (result.output !== text) {
          fixedHere = result.fixed.length;
          report.files.changed.push(relative);
          options.onDiff?.(unifiedDiff(relative, text, result.output));
          if (!options.dry) writeFileAtomic(file, result.output);
        }
      }
    } catch (error) {
      errorHere = error instanceof Error ? error.message : String(error);
    }
    if (errorHere !== undefined) report.errors.push({ file: relative, error: errorHere });
    options.onProgress?.(++done, options.files.length, relative, fixedHere, errorHere);
  }
  // Read after the files: with a project config, whether it is typed shows as files are linted.
  report.lint = { config: options.setup.description, typed: options.setup.typed };
  report.timings.totalMs = Math.round(performance.now() - started);
  report.timings.perFileMs = options.files.length > 0 ? Math.round((report.timings.totalMs / options.files.length) * 10) / 10 : 0;
  return report;
}

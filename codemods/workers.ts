/**
 * `--cpus N`: the files spread over N worker threads, each with its own lint setup (ESLint, the
 * parser and, typed, its own TypeScript program). Files are handed out one at a time as workers
 * finish (files differ a lot in cost); outcomes are counted in the order of the files, so the
 * report, the diff and the summary are those of a serial run.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

import type { SetupOptions } from './lint-setup.js';
import { finishReport, recordOutcome, reportPath } from './run.js';
import type { FileOutcome, Report, RunOptions } from './run.js';

/** What a worker needs to set up the same lint as the command. */
export interface WorkerSetup {
  readonly cwd: string;
  readonly codemods: readonly string[];
  readonly mode: 'fix' | 'codemod';
  readonly setup: SetupOptions;
  readonly dry: boolean;
  readonly format: boolean;
  readonly wantDiff: boolean;
}

export type ToWorker = { readonly type: 'file'; readonly index: number; readonly file: string } | { readonly type: 'done' };
export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'outcome'; readonly index: number; readonly outcome: FileOutcome }
  | { readonly type: 'lint'; readonly lint: Report['lint'] };

const workerFile = new URL('./worker.js', import.meta.url);

/** Whether worker threads can run here: the built command (dist/) has worker.js; the TypeScript sources do not. */
export function workersAvailable(): boolean {
  return fs.existsSync(fileURLToPath(workerFile));
}

export async function runInWorkers(options: RunOptions, report: Report, setup: WorkerSetup, cpus: number): Promise<Report> {
  const started = performance.now();
  const total = options.files.length;
  const outcomes: (FileOutcome | undefined)[] = new Array<FileOutcome | undefined>(total);
  let nextFile = 0;
  let nextToRecord = 0;
  let done = 0;
  let lint: Report['lint'] = { config: '', typed: false };
  const record = (index: number, outcome: FileOutcome): void => {
    outcomes[index] = outcome;
    options.onProgress?.(++done, total, outcome.relative, outcome.changed ? outcome.fixed.length : 0, outcome.error);
    for (let ready = outcomes[nextToRecord]; ready !== undefined && nextToRecord < total; ready = outcomes[nextToRecord]) {
      recordOutcome(report, ready, options.onDiff);
      nextToRecord++;
    }
  };
  const runWorker = (): Promise<void> =>
    new Promise((resolve) => {
      const worker = new Worker(workerFile, { workerData: setup });
      let current: { index: number; file: string } | undefined;
      let finished = false;
      const handOut = (): void => {
        if (nextFile < total) {
          const index = nextFile++;
          current = { index, file: options.files[index] as string };
          worker.postMessage({ type: 'file', ...current } satisfies ToWorker);
        } else {
          current = undefined;
          worker.postMessage({ type: 'done' } satisfies ToWorker);
        }
      };
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'outcome') record(message.index, message.outcome);
        if (message.type === 'lint') {
          // Typed wins: a project config shows it is typed only in the workers that linted TypeScript.
          if (message.lint.typed || lint.config === '') lint = message.lint;
          finished = true;
          return;
        }
        handOut();
      });
      // A worker that fails (it could not set up, or crashed) fails the file it had; the other
      // workers take the rest.
      const fail = (error: unknown): void => {
        if (finished) return;
        finished = true;
        if (current) {
          record(current.index, {
            relative: reportPath(options.cwd, current.file),
            ignored: false,
            linted: false,
            fixed: [],
            left: [],
            changed: false,
            error: `worker failed: ${error instanceof Error ? error.message : String(error)}`,
          });
          current = undefined;
        }
        resolve();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (!finished) fail(new Error(`exited with code ${String(code)}`));
        resolve();
      });
    });
  await Promise.all(Array.from({ length: Math.min(cpus, Math.max(1, total)) }, runWorker));
  // Files no worker could take (every worker failed): each is an error, not silently skipped.
  for (; nextFile < total; nextFile++) {
    const file = options.files[nextFile] as string;
    record(nextFile, { relative: reportPath(options.cwd, file), ignored: false, linted: false, fixed: [], left: [], changed: false, error: 'no worker left to process it' });
  }
  return finishReport(report, lint, started, total);
}

/**
 * The runner: writes a program into a fresh folder as a small project (package.json naming its
 * libraries, a tsconfig.json for typed runs), lints each file on its own with ESLint's Linter and
 * the plugin's `all` preset, and checks every suggestion and fix by applying it and parsing the
 * result. A rule that throws makes ESLint throw: that is caught per file and recorded.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import tsParser from '@typescript-eslint/parser';
import { parse } from '@typescript-eslint/typescript-estree';
import { Linter } from 'eslint';

import { libraryIds } from '../../orm/catalog/index.js';
import type { Program, SourceFile } from './generate.js';

// A strict failure is told from a crash by the resolver's failure policy in its stack.
Error.stackTraceLimit = 200;

export interface Plugin {
  readonly rules: Readonly<Record<string, unknown>>;
  readonly configs: Readonly<Record<string, Linter.Config>>;
}

export interface Failure {
  /** A crash found with --strict may turn out to be a strict failure (index.ts). */
  kind: 'crash' | 'strict' | 'suggestion';
  readonly seed: number;
  readonly file: string;
  readonly rule: string | undefined;
  message: string;
  readonly stack: string;
  /** Where the program was saved for reproduction. */
  savedTo?: string;
}

export interface Totals {
  programs: number;
  files: number;
  typedPrograms: number;
  espreeFiles: number;
  mutatedPrograms: number;
  corpusPrograms: number;
  /** Inputs the parser rejected (mutants that parse for one parser only, generator slips). */
  unparsableInputs: number;
  findings: number;
  suggestionsApplied: number;
  fixesApplied: number;
  perRule: Record<string, number>;
  perLibrary: Record<string, number>;
  failures: Failure[];
  lintMs: number;
}

export const emptyTotals = (ruleIds: readonly string[]): Totals => ({
  programs: 0,
  files: 0,
  typedPrograms: 0,
  espreeFiles: 0,
  mutatedPrograms: 0,
  corpusPrograms: 0,
  unparsableInputs: 0,
  findings: 0,
  suggestionsApplied: 0,
  fixesApplied: 0,
  perRule: Object.fromEntries(ruleIds.map((id) => [id, 0])),
  perLibrary: Object.fromEntries(libraryIds.map((id) => [id, 0])),
  failures: [],
  lintMs: 0,
});

/** Loads the plugin entry (dist/eslint-plugin.js by default); ASYNC_DB_STRICT must be set before. */
export async function loadPlugin(entry: string): Promise<Plugin> {
  const module = (await import(pathToFileURL(entry).href)) as { default: Plugin };
  return module.default;
}

const tsconfig = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    jsx: 'preserve',
    strict: true,
    allowJs: true,
    experimentalDecorators: true,
    skipLibCheck: true,
    noEmit: true,
    allowImportingTsExtensions: true,
  },
  include: ['**/*'],
};

const jsxOf = (file: string) => /\.[jt]sx$/.test(file);

/** A failure policy frame of the resolver (orm/memo): without ASYNC_DB_STRICT it answers nothing. */
const policyFrame = /[/\\]orm[/\\]memo\.[jt]s/;

export class Runner {
  private readonly base: string;
  private sequence = 0;

  constructor(
    private readonly plugin: Plugin,
    private readonly options: { readonly strict: boolean; readonly saveCrashes: string },
  ) {
    this.base = fs.mkdtempSync(path.join(os.tmpdir(), 'async-db-fuzz-'));
  }

  get ruleIds(): string[] {
    return Object.keys(this.plugin.rules);
  }

  /** Writes the program, lints each file, checks suggestions; adds to `totals`. */
  run(program: Program, totals: Totals): Failure[] {
    this.sequence += 1;
    const dir = path.join(this.base, `p${String(this.sequence)}-${String(program.seed)}`);
    writeProject(dir, program);
    const failures: Failure[] = [];
    const start = performance.now();
    for (const file of program.files) {
      if (file.context === true) continue;
      failures.push(...this.lintFile(dir, program, file, totals));
      totals.files += 1;
      if (file.parser === 'espree') totals.espreeFiles += 1;
    }
    totals.lintMs += performance.now() - start;
    totals.programs += 1;
    if (program.typed) totals.typedPrograms += 1;
    if (program.mutated.length > 0) totals.mutatedPrograms += 1;
    if (program.origin === 'corpus') totals.corpusPrograms += 1;
    for (const id of program.libraries) totals.perLibrary[id] = (totals.perLibrary[id] ?? 0) + 1;
    if (failures.length > 0) {
      const saved = this.save(program, failures);
      for (const failure of failures) failure.savedTo = saved;
      totals.failures.push(...failures);
    }
    fs.rmSync(dir, { recursive: true, force: true });
    return failures;
  }

  /** Removes the working folder. */
  dispose(): void {
    fs.rmSync(this.base, { recursive: true, force: true });
  }

  private config(dir: string, program: Program, file: SourceFile): Linter.Config[] {
    const ext = path.extname(file.path).slice(1);
    const jsx = jsxOf(file.path);
    const languageOptions: Linter.LanguageOptions =
      file.parser === 'espree'
        ? { ecmaVersion: 'latest', sourceType: ext === 'cjs' ? 'commonjs' : 'module', parserOptions: { ecmaFeatures: { jsx } } }
        : {
            parser: tsParser,
            sourceType: ext === 'cjs' ? 'commonjs' : 'module',
            parserOptions: { ecmaFeatures: { jsx }, ...(program.typed ? { projectService: true, tsconfigRootDir: dir } : {}) },
          };
    const preset = this.plugin.configs.all;
    if (!preset) throw new Error('the plugin has no `all` preset');
    return [
      { files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'], languageOptions, linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' } },
      preset,
      ...(program.settings ? [{ settings: { 'async-db': { libraries: libraryIds } } }] : []),
    ];
  }

  private lintFile(dir: string, program: Program, file: SourceFile, totals: Totals): Failure[] {
    const filename = path.join(dir, file.path);
    const linter = new Linter({ cwd: dir });
    let messages: Linter.LintMessage[];
    try {
      messages = linter.verify(file.text, this.config(dir, program, file), { filename });
    } catch (error) {
      return [this.failure(program, file, error)];
    }
    if (messages.some((m) => m.fatal === true)) {
      totals.unparsableInputs += 1;
      return [];
    }
    const failures: Failure[] = [];
    for (const message of messages) {
      // Only the plugin's findings: inline directives of real files may name rules not loaded here.
      if (!message.ruleId?.startsWith('async-db/')) continue;
      const rule = message.ruleId.slice('async-db/'.length);
      totals.findings += 1;
      totals.perRule[rule] = (totals.perRule[rule] ?? 0) + 1;
      const edits = [...(message.fix ? [{ fix: message.fix, what: 'fix' }] : []), ...(message.suggestions ?? []).map((s) => ({ fix: s.fix, what: `suggestion "${s.desc}"` }))];
      for (const { fix, what } of edits) {
        const output = file.text.slice(0, fix.range[0]) + fix.text + file.text.slice(fix.range[1]);
        if (what === 'fix') totals.fixesApplied += 1;
        else totals.suggestionsApplied += 1;
        try {
          parse(output, { jsx: jsxOf(file.path) });
        } catch (error) {
          failures.push({
            kind: 'suggestion',
            seed: program.seed,
            file: file.path,
            rule,
            message: `${what} at ${String(message.line)}:${String(message.column)} does not parse: ${(error as Error).message}`,
            stack: `--- replaced [${String(fix.range[0])}, ${String(fix.range[1])}) with ---\n${fix.text}\n--- around the edit ---\n${output.slice(Math.max(0, fix.range[0] - 200), fix.range[0] + fix.text.length + 200)}`,
          });
        }
      }
    }
    return failures;
  }

  private failure(program: Program, file: SourceFile, error: unknown): Failure {
    const err = error instanceof Error ? error : new Error(String(error));
    const rule = /Rule: "async-db\/([\w-]+)"/.exec(err.message)?.[1];
    const stack = err.stack ?? err.message;
    const strict = this.options.strict && policyFrame.test(stack);
    return { kind: strict ? 'strict' : 'crash', seed: program.seed, file: file.path, rule, message: err.message.split('\n')[0] ?? '', stack };
  }

  /** Saves the program and what failed, to reproduce with `--seeds 1 --start SEED`. */
  private save(program: Program, failures: readonly Failure[]): string {
    const dir = path.join(this.options.saveCrashes, `seed-${String(program.seed)}${this.options.strict ? '-strict' : ''}`);
    writeProject(dir, program);
    const report = failures.map((f) => `[${f.kind}] ${f.file} ${f.rule ?? ''}\n${f.message}\n${f.stack}\n`).join('\n');
    fs.writeFileSync(path.join(dir, 'FAILURE.txt'), `seed ${String(program.seed)} (${program.origin}${program.mutated.length > 0 ? `, mutated: ${program.mutated.join(', ')}` : ''})\n\n${report}`);
    return dir;
  }
}

export function writeProject(dir: string, program: Program): void {
  fs.mkdirSync(dir, { recursive: true });
  const dependencies = Object.fromEntries(program.dependencies.map((name) => [name, '*']));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `fuzz-${String(program.seed)}`, private: true, type: 'module', dependencies }, null, 2));
  if (program.typed) fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  for (const file of program.files) {
    const target = path.join(dir, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.text);
  }
}

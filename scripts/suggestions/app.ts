/**
 * The fixture app's suggestions, applied one at a time and checked twice: the result parses, and
 * the TypeScript compiler finds no type error in that file that it did not find before.
 *
 * The app (fixtures/app, with its own tsconfig and node_modules) is linted as `npm run demo` does:
 * the `all` preset, libraries activated by the app's package.json. Type checking runs in-process on
 * one language service over the app's program, with the edited file's text swapped in, so each
 * check re-checks that file only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import tsParser from '@typescript-eslint/parser';
import { ESLint, Linter } from 'eslint';
import ts from 'typescript';

import { listSourceFiles } from '../../fixtures/app/verify/expectations.js';
import plugin from '../../eslint-plugin.js';
import { editsOf, parseError } from './fixes.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const appDir = path.join(root, 'fixtures', 'app');

/**
 * Inputs the app lacks, type-checked in the app's program as if they were among its sources (they
 * exist only in memory): the app's unrelated awaits all use a value computed inside their
 * transaction, which gets no suggestion, so without this the move-before-transaction suggestion
 * would go unchecked here.
 */
export const extraInputs: Readonly<Record<string, string>> = {
  'src/suggestion-inputs.ts': `import knexFactory from 'knex';

const knex = knexFactory({ client: 'pg', pool: { min: 0, max: 5 }, acquireConnectionTimeout: 2000 });

async function exchangeRate(currency: string): Promise<number> {
  const response = await fetch(\`http://127.0.0.1:4010/rates/\${currency}\`);
  return Number(await response.text());
}

export async function priceBook(id: number, currency: string): Promise<void> {
  await knex.transaction(async (trx) => {
    const rate = await exchangeRate(currency);
    await fetch('http://127.0.0.1:4010/audit', { method: 'POST' });
    await trx('books').where({ id }).update({ price_cents: knex.raw('price_cents * ?', [rate]) });
  });
}
`,
};

export interface AppSuggestion {
  /** Relative to fixtures/app. */
  readonly file: string;
  readonly line: number;
  readonly rule: string;
  readonly messageId: string;
  readonly desc: string;
  /** The parse error of the edited file, if any. */
  readonly parseError?: string;
  /** Type errors in the edited file that were not there before. */
  readonly newTypeErrors: readonly string[];
  /** From {@link extraInputs} rather than the app's sources. */
  readonly extra: boolean;
}

export interface AppReport {
  readonly files: number;
  readonly findings: number;
  /** Type errors, before any edit, in the files that have suggestions (the app type-checks: 0). */
  readonly typeErrorsBefore: number;
  readonly suggestions: readonly AppSuggestion[];
  readonly typescript: string;
}

/** A language service over the app's tsconfig whose files' texts can be replaced in memory. */
function appLanguageService(extraFiles: readonly string[]): {
  diagnostics: (file: string) => string[];
  setText: (file: string, text: string | undefined) => void;
} {
  const configFile = path.join(appDir, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(configFile, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!parsed) throw new Error(`cannot read ${configFile}`);
  const overrides = new Map<string, string>();
  const versions = new Map<string, number>();
  const rootNames = [...parsed.fileNames, ...extraFiles];
  const readFile = (file: string) => overrides.get(file) ?? ts.sys.readFile(file);
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => parsed.options,
    getScriptFileNames: () => rootNames,
    getScriptVersion: (file) => String(versions.get(file) ?? 0),
    getScriptSnapshot: (file) => {
      const text = readFile(file);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => appDir,
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: (file) => overrides.has(file) || ts.sys.fileExists(file),
    readFile,
    readDirectory: (...args) => ts.sys.readDirectory(...args),
    directoryExists: (dir) => ts.sys.directoryExists(dir),
    getDirectories: (dir) => ts.sys.getDirectories(dir),
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());
  return {
    diagnostics: (file) =>
      [...service.getSyntacticDiagnostics(file), ...service.getSemanticDiagnostics(file)]
        .filter((d) => d.category === ts.DiagnosticCategory.Error)
        .map((d) => `TS${String(d.code)}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`),
    setText: (file, text) => {
      if (text === undefined) overrides.delete(file);
      else overrides.set(file, text);
      versions.set(file, (versions.get(file) ?? 0) + 1);
    },
  };
}

/** What `after` has that `before` has not, counting repeats (positions shift, so messages are compared). */
function added(before: readonly string[], after: readonly string[]): string[] {
  const remaining = new Map<string, number>();
  for (const d of before) remaining.set(d, (remaining.get(d) ?? 0) + 1);
  return after.filter((d) => {
    const left = remaining.get(d) ?? 0;
    remaining.set(d, left - 1);
    return left <= 0;
  });
}

/** Lints the app (and {@link extraInputs}), applies every suggestion and fix, parses and type-checks each result. */
export async function checkFixtureApp(): Promise<AppReport> {
  if (!fs.existsSync(path.join(appDir, 'node_modules'))) {
    throw new Error('fixtures/app/node_modules is missing: run `npm --prefix fixtures/app ci --no-audit --no-fund`');
  }
  const config: Linter.Config = { files: ['**/*.ts'], languageOptions: { parser: tsParser }, ...(plugin.configs.all as Linter.Config) };
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, ignore: false, overrideConfig: [config] });
  const files = listSourceFiles(path.join(appDir, 'src'));
  const extras = Object.entries(extraInputs).map(([file, text]) => ({ file: path.join(appDir, file), text }));
  const results = [
    ...(await eslint.lintFiles(files)),
    ...(await Promise.all(extras.map(({ file, text }) => eslint.lintText(text, { filePath: file })))).flat(),
  ];

  const service = appLanguageService(extras.map((extra) => extra.file));
  for (const { file, text } of extras) service.setText(file, text);
  const linter = new Linter({ configType: 'flat', cwd: root });
  const suggestions: AppSuggestion[] = [];
  let findings = 0;
  const withEdits = results.flatMap((result) => {
    findings += result.messages.length;
    const extra = extras.find((e) => e.file === result.filePath);
    const text = extra?.text ?? fs.readFileSync(result.filePath, 'utf8');
    const edits = editsOf(text, result.messages);
    return edits.length > 0 ? [{ file: result.filePath, extra, edits }] : [];
  });
  // Every file's diagnostics before any edit come from one program; each edit then costs one
  // program that re-checks the edited file only.
  const before = new Map(withEdits.map(({ file }) => [file, service.diagnostics(file)]));
  const typeErrorsBefore = [...before.values()].reduce((sum, list) => sum + list.length, 0);
  for (const { file, extra, edits } of withEdits) {
    for (const edit of edits) {
      const error = parseError(linter, edit.output, config, file);
      service.setText(file, edit.output);
      const newTypeErrors = added(before.get(file) ?? [], service.diagnostics(file));
      service.setText(file, extra?.text);
      suggestions.push({
        file: path.relative(appDir, file),
        line: edit.line,
        rule: edit.rule,
        messageId: edit.messageId,
        desc: edit.desc,
        ...(error ? { parseError: error } : {}),
        newTypeErrors,
        extra: extra !== undefined,
      });
    }
  }
  return { files: files.length, findings, typeErrorsBefore, suggestions, typescript: ts.version };
}

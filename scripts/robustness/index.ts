/**
 * `npm run robustness`: lints a corpus of parser test fixtures (every unusual syntax the parsers
 * know) with the plugin's `all` preset and every catalogued library active, without type
 * information, and reports what a rule must never do on valid code: throw, or offer a suggestion
 * (or autofix) whose result no longer parses.
 *
 *   npm run robustness -- --corpus DIR [--corpus DIR …]   lint every source file under each DIR
 *   npm run robustness -- … --preamble                     prepend database code to each file (below)
 *   npm run robustness -- … --strict                       ASYNC_DB_STRICT=1: internal failures throw
 *   npm run robustness -- … --limit N                      the first N files only
 *   npm run robustness -- … --json FILE                    every figure, crash and failure
 *
 * Each file (.ts .tsx .mts .cts .js .jsx .mjs .cjs) is linted on its own with typescript-eslint's
 * parser; JavaScript files once more with ESLint's default parser (espree). Files the parser rejects
 * are skipped (the corpora hold error fixtures on purpose). A rule that throws is a crash, recorded
 * with the file and the stack. Every suggestion and autofix of every finding is applied separately
 * and the result parsed again with the same parser.
 *
 * The fixtures never import a database library, so most of the rules' work would not run on them.
 * `--preamble` puts a database preamble generated from the catalog (scripts/robustness/preamble.ts)
 * in front of each file, one library per file in turn: imports, clients, and transactions holding
 * queries and I/O, so that resolution and reporting run among each file's syntax. Findings reported
 * in a file's own code (after the preamble) are listed: that code uses no database object.
 *
 * `--strict` makes a question that fails inside the plugin throw (see docs/architecture.md,
 * "Failures") instead of answering nothing: what would otherwise be a silent miss is a crash here.
 *
 * The corpus is fetched, never committed. The fixtures of typescript-eslint and of Babel's parser:
 *
 *   git clone --depth 1 https://github.com/typescript-eslint/typescript-eslint /tmp/tse
 *   git clone --depth 1 https://github.com/babel/babel /tmp/babel
 *   mkdir -p corpus/typescript-eslint corpus/babel
 *   git -C /tmp/tse archive HEAD $(git -C /tmp/tse ls-tree -r --name-only HEAD packages \
 *     | grep -oE '^packages/[^/]+/tests/fixtures/|^packages/ast-spec/src/.*fixtures/' | sort -u) \
 *     | tar -x -C corpus/typescript-eslint
 *   git -C /tmp/babel archive HEAD packages/babel-parser/test/fixtures | tar -x -C corpus/babel
 *   npm run robustness -- --corpus corpus/typescript-eslint --corpus corpus/babel
 *
 * Exit code 1 when a rule crashed or an edit does not parse.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';

import { libraryIds } from '../../orm/catalog/index.js';
import type { LibraryId } from '../../orm/catalog/index.js';
import { editsOf, parseError } from '../suggestions/fixes.js';
import { databasePreamble, withPreamble } from './preamble.js';

const { values: args } = parseArgs({
  options: {
    corpus: { type: 'string', multiple: true },
    preamble: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    limit: { type: 'string' },
    json: { type: 'string' },
  },
});

const sourceExtensions = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);
const javascriptExtensions = new Set(['.js', '.jsx', '.mjs', '.cjs']);
type ParserName = 'typescript-eslint' | 'espree';

interface Crash {
  file: string;
  parser: ParserName;
  rule: string;
  message: string;
  stack: string;
}

interface EditFailure {
  file: string;
  parser: ParserName;
  line: number;
  rule: string;
  messageId: string;
  desc: string;
  error: string;
}

interface Finding {
  file: string;
  parser: ParserName;
  line: number;
  rule: string;
  message: string;
}

/** Every source file under `dir`, sorted. */
function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full);
      } else if (entry.isFile() && sourceExtensions.has(path.extname(entry.name))) {
        out.push(full);
      }
    }
  };
  walk(dir);
  return out.sort();
}

/** The rule a crash came from: ESLint adds it to the error it rethrows. */
function crashedRule(error: unknown): string {
  if (error && typeof error === 'object' && 'ruleId' in error && typeof error.ruleId === 'string') return error.ruleId;
  return /Rule: "([^"]+)"/.exec(String(error instanceof Error ? error.message : error))?.[1] ?? '(unknown)';
}

async function main(): Promise<number> {
  const corpora = (args.corpus ?? []).map((dir) => path.resolve(dir));
  if (corpora.length === 0) {
    console.error('usage: npm run robustness -- --corpus DIR [--corpus DIR …] [--preamble] [--strict] [--limit N] [--json FILE]');
    return 2;
  }
  // Read once when the plugin's modules load, so it is set before importing them.
  if (args.strict) process.env.ASYNC_DB_STRICT = '1';
  const { default: plugin } = await import('../../eslint-plugin.js');
  const all = plugin.configs.all as Linter.Config;

  const settings = { 'async-db': { libraries: libraryIds } };
  // Fixture comments must neither disable the rules nor configure others.
  const linterOptions: Linter.Config['linterOptions'] = { noInlineConfig: true, reportUnusedDisableDirectives: 'off' };
  const parserOptions = { ecmaFeatures: { jsx: true } };
  // `**/*` alone matches no file in a flat config: each extension is named.
  const patterns = [...sourceExtensions].map((extension) => `**/*${extension}`);
  const base = { ...all, files: patterns, settings, linterOptions };
  const typescriptConfig: Linter.Config = { ...base, languageOptions: { parser: tsParser, parserOptions } };
  const espreeConfig: Linter.Config = { ...base, languageOptions: { parserOptions } };
  // Many Babel fixtures are scripts (`with`, legacy octals, `yield` as a name): espree parses a
  // .js or .jsx file as a module first (ESLint's default), then as a script.
  const espreeScriptConfig: Linter.Config = { ...base, languageOptions: { sourceType: 'script', parserOptions } };

  /** How a parser reads a file: the configs to try in turn, and whether the preamble must use `require`. */
  const variantsOf = (parser: ParserName, extension: string): { config: Linter.Config; commonjs: boolean }[] => {
    if (parser === 'typescript-eslint') return [{ config: typescriptConfig, commonjs: extension === '.cjs' }];
    const variants = [{ config: espreeConfig, commonjs: extension === '.cjs' }];
    if (extension === '.js' || extension === '.jsx') variants.push({ config: espreeScriptConfig, commonjs: true });
    return variants;
  };

  const limit = args.limit ? Number(args.limit) : Infinity;
  const corpus = corpora.flatMap((dir) => sourceFiles(dir).map((file) => ({ dir, file }))).slice(0, limit);
  const linters = new Map(corpora.map((dir) => [dir, new Linter({ configType: 'flat', cwd: dir })]));

  const counts = { files: corpus.length, passes: 0, parsed: 0, rejected: 0, findings: 0, edits: 0 };
  const passesByParser: Record<ParserName, { passes: number; parsed: number; asScript: number }> = {
    'typescript-eslint': { passes: 0, parsed: 0, asScript: 0 },
    espree: { passes: 0, parsed: 0, asScript: 0 },
  };
  const byRule: Record<string, number> = {};
  const crashes: Crash[] = [];
  const editFailures: EditFailure[] = [];
  const inFixtureCode: Finding[] = [];
  const preambleFiles: Partial<Record<LibraryId, number>> = {};
  const slowest: { file: string; parser: ParserName; ms: number }[] = [];
  const started = performance.now();

  for (const [index, { dir, file }] of corpus.entries()) {
    const linter = linters.get(dir) ?? new Linter({ configType: 'flat', cwd: dir });
    const original = fs.readFileSync(file, 'utf8');
    const extension = path.extname(file);
    // One library's preamble per file, in turn (see preamble.ts).
    const library = libraryIds[index % libraryIds.length] ?? 'prisma';
    if (args.preamble) preambleFiles[library] = (preambleFiles[library] ?? 0) + 1;
    const relative = path.relative(path.dirname(dir), file);
    const parsers: ParserName[] = javascriptExtensions.has(extension) ? ['typescript-eslint', 'espree'] : ['typescript-eslint'];

    for (const parser of parsers) {
      counts.passes += 1;
      passesByParser[parser].passes += 1;
      let outcome: { text: string; preambleLines: number; config: Linter.Config; messages: Linter.LintMessage[] } | undefined;
      for (const [attempt, { config, commonjs }] of variantsOf(parser, extension).entries()) {
        const preamble = args.preamble ? databasePreamble(library, commonjs) : '';
        const text = args.preamble ? withPreamble(original, preamble) : original;
        const lintStarted = performance.now();
        let messages: Linter.LintMessage[];
        try {
          messages = linter.verify(text, [config], file);
        } catch (error) {
          const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
          crashes.push({ file: relative, parser, rule: crashedRule(error), message: stack.split('\n')[0] ?? '', stack: stack.split('\n').slice(0, 20).join('\n') });
          break;
        }
        const ms = performance.now() - lintStarted;
        if (slowest.length < 10 || ms > (slowest.at(-1)?.ms ?? 0)) {
          slowest.push({ file: relative, parser, ms });
          slowest.sort((a, b) => b.ms - a.ms).splice(10);
        }
        if (messages.some((message) => message.fatal === true)) continue;
        // A message of no rule that is not a parse error is a fault of this script's configuration.
        const unexpected = messages.find((message) => message.ruleId === null);
        if (unexpected) throw new Error(`${relative}: ${unexpected.message}`);
        if (attempt > 0) passesByParser[parser].asScript += 1;
        outcome = { text, preambleLines: preamble.split('\n').length - 1, config, messages };
        break;
      }
      if (!outcome) {
        counts.rejected += 1;
        continue;
      }
      counts.parsed += 1;
      passesByParser[parser].parsed += 1;
      for (const message of outcome.messages) {
        const rule = message.ruleId ?? '(none)';
        byRule[rule] = (byRule[rule] ?? 0) + 1;
        counts.findings += 1;
        if (args.preamble && message.line > outcome.preambleLines) {
          inFixtureCode.push({ file: relative, parser, line: message.line - outcome.preambleLines, rule, message: message.message });
        }
      }
      for (const edit of editsOf(outcome.text, outcome.messages)) {
        counts.edits += 1;
        const error = parseError(linter, edit.output, outcome.config, file);
        if (error) editFailures.push({ file: relative, parser, line: edit.line, rule: edit.rule, messageId: edit.messageId, desc: edit.desc, error });
      }
    }
    if ((index + 1) % 1000 === 0) console.error(`  ${String(index + 1)} of ${String(corpus.length)} files, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const seconds = (performance.now() - started) / 1000;

  const mode = [args.preamble ? 'preamble' : 'plain', args.strict ? 'strict' : ''].filter(Boolean).join(', ');
  console.log(`Corpus: ${corpora.map((dir) => `${dir} (${String(corpus.filter((f) => f.dir === dir).length)} files)`).join(', ')}`);
  for (const [parser, figures] of Object.entries(passesByParser)) {
    if (figures.passes === 0) continue;
    const asScript = figures.asScript > 0 ? ` (${String(figures.asScript)} of them as scripts)` : '';
    console.log(`  ${parser}: ${String(figures.passes)} files, ${String(figures.parsed)} parsed${asScript}`);
  }
  if (args.preamble) console.log(`Preambles: ${Object.entries(preambleFiles).map(([id, n]) => `${id} ${String(n)}`).join(', ')}`);
  console.log(`Findings by rule: ${Object.keys(byRule).length === 0 ? 'none' : Object.entries(byRule).map(([rule, n]) => `${rule} ${String(n)}`).join(', ')}`);
  console.log(`Slowest: ${slowest.slice(0, 3).map((s) => `${s.file} (${s.parser}) ${s.ms.toFixed(0)} ms`).join(', ')}`);
  for (const crash of crashes) console.log(`CRASH ${crash.file} (${crash.parser}) ${crash.rule}\n${crash.stack}\n`);
  for (const failure of editFailures) {
    console.log(`EDIT DOES NOT PARSE ${failure.file}:${String(failure.line)} (${failure.parser}) ${failure.rule} ${failure.messageId} "${failure.desc}": ${failure.error}`);
  }
  for (const finding of inFixtureCode.slice(0, 50)) console.log(`IN FIXTURE CODE ${finding.file}:${String(finding.line)} (${finding.parser}) ${finding.rule}: ${finding.message}`);
  console.log(
    `robustness: ${String(counts.files)} files, ${String(counts.passes)} lint passes, ${String(counts.parsed)} parsed, ${String(counts.rejected)} rejected by the parser, ` +
      `${String(crashes.length)} crashes, ${String(counts.findings)} findings (${String(inFixtureCode.length)} in fixture code), ` +
      `${String(counts.edits)} suggestions and fixes applied, ${String(editFailures.length)} do not parse [${mode}, ${seconds.toFixed(0)} s]`,
  );

  if (args.json) {
    const report = {
      date: new Date().toISOString(),
      node: process.version,
      mode: { preamble: args.preamble, strict: args.strict },
      corpora: corpora.map((dir) => ({ dir, files: corpus.filter((f) => f.dir === dir).length })),
      ...counts,
      passesByParser,
      seconds,
      findingsByRule: byRule,
      preambleFiles,
      crashes,
      editFailures,
      inFixtureCode,
      slowest,
    };
    fs.writeFileSync(args.json, JSON.stringify(report, null, 2) + '\n');
  }
  return crashes.length > 0 || editFailures.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);

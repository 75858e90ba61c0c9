/**
 * One measured lint run, in its own process so that its peak memory is its own:
 *
 *   node scripts/bench/lint-run.mjs '<options JSON>'
 *
 * Options: { root, plugin, mode: 'untyped' | 'typed' | 'baseline' | 'typed-baseline',
 * concurrency: 'off' | 'auto' | number, libraries?: string[] }. Prints one JSON object on stdout:
 * per-file parse and rule times from ESLint's `stats`, every message (findings and fatal errors),
 * the wall time and the process's peak RSS.
 *
 * `baseline` lints with no rule at all (what ESLint costs anyway: parsing); `typed-baseline` with
 * typescript-eslint's `recommended-type-checked` only. The plugin's modes add its preset to those.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { ESLint } from 'eslint';

const options = JSON.parse(process.argv[2]);
const root = path.resolve(options.root);
const typed = options.mode === 'typed' || options.mode === 'typed-baseline';
const withPlugin = options.mode === 'untyped' || options.mode === 'typed';

const sourceFiles = ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'];
const ignores = ['**/node_modules/**', '**/dist/**', '**/build/**', '**/.next/**', '**/*.d.ts', '**/*.min.js'];

/**
 * The config is a module on disk, not objects passed to the API: ESLint's multithreaded mode
 * clones its options to each worker, and plugin objects cannot be cloned.
 */
function writeConfig() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'async-db-bench-'));
  const file = path.join(folder, 'eslint.config.mjs');
  const tseslintUrl = import.meta.resolve('typescript-eslint');
  const pluginUrl = pathToFileURL(path.resolve(options.plugin)).href;
  const settings = options.libraries ? { 'async-db': { libraries: options.libraries } } : {};
  const lines = [
    `import tseslint from ${JSON.stringify(tseslintUrl)};`,
    withPlugin ? `import asyncDb from ${JSON.stringify(pluginUrl)};` : '',
    'export default [',
    `  { ignores: ${JSON.stringify(ignores)} },`,
    '  {',
    `    files: ${JSON.stringify(sourceFiles)},`,
    '    linterOptions: { reportUnusedDisableDirectives: "off" },',
    `    settings: ${JSON.stringify(settings)},`,
    '    languageOptions: {',
    '      parser: tseslint.parser,',
    typed
      ? `      parserOptions: { projectService: { allowDefaultProject: ['*.js'] }, tsconfigRootDir: ${JSON.stringify(root)} },`
      : '',
    '    },',
    '  },',
    typed ? `  ...tseslint.configs.recommendedTypeChecked.map((c) => ({ ...c, files: ${JSON.stringify(sourceFiles)} })),` : '',
    // The typed preset lints every file with the type checker: JavaScript files outside any
    // tsconfig get none, as in a user's project.
    typed ? `  { files: ['**/*.{js,jsx,mjs,cjs}'], ...tseslint.configs.disableTypeChecked },` : '',
    withPlugin ? `  { files: ${JSON.stringify(sourceFiles)}, ...asyncDb.configs[${JSON.stringify(typed ? 'recommended-type-checked' : options.preset ?? 'recommended')}] },` : '',
    '];',
  ];
  fs.writeFileSync(file, lines.filter(Boolean).join('\n') + '\n');
  return { folder, file };
}

const config = writeConfig();
const started = performance.now();
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: config.file,
  stats: true,
  cache: false,
  errorOnUnmatchedPattern: false,
  warnIgnored: false,
  concurrency: options.concurrency ?? 'off',
});
const results = await eslint.lintFiles(['.']);
const wallMs = performance.now() - started;
fs.rmSync(config.folder, { recursive: true, force: true });

const files = [];
const messages = [];
for (const result of results) {
  const relative = path.relative(root, result.filePath);
  let parseMs = 0;
  const ruleMs = {};
  for (const pass of result.stats?.times.passes ?? []) {
    parseMs += pass.parse?.total ?? 0;
    for (const [ruleId, time] of Object.entries(pass.rules ?? {})) ruleMs[ruleId] = (ruleMs[ruleId] ?? 0) + time.total;
  }
  files.push({ file: relative, parseMs, ruleMs });
  for (const message of result.messages) {
    messages.push({
      file: relative,
      line: message.line,
      column: message.column,
      ruleId: message.ruleId,
      fatal: message.fatal === true,
      message: message.message,
      suggestions: message.suggestions?.length ?? 0,
    });
  }
}

process.stdout.write(
  JSON.stringify({ root, mode: options.mode, wallMs, maxRssKb: process.resourceUsage().maxRSS, files, messages }) + '\n',
);

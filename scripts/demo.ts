/**
 * `npm run demo`: lints the bundled example code in fixtures/ with the recommended preset and
 * prints every finding with its message, which says what goes wrong at runtime.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import type { Linter } from 'eslint';

import plugin from '../eslint-plugin.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'fixtures', 'examples');

const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts', '**/*.tsx'],
      languageOptions: { parser: tsParser },
      ...(plugin.configs.recommended as Linter.Config),
    },
  ],
});

const started = process.hrtime.bigint();
const results = await eslint.lintFiles([target]);
const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;

const bold = (text: string): string => (process.stdout.isTTY ? `\u001b[1m${text}\u001b[22m` : text);
let findings = 0;
const byRule = new Map<string, number>();
for (const result of results.sort((a, b) => a.filePath.localeCompare(b.filePath))) {
  const relative = path.relative(root, result.filePath);
  if (result.messages.length === 0) {
    console.log(`${bold(relative)}: clean`);
    continue;
  }
  console.log(bold(relative));
  for (const message of result.messages) {
    findings += 1;
    const rule = message.ruleId ?? 'parse error';
    byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
    console.log(`  ${String(message.line)}:${String(message.column)}  ${rule}`);
    console.log(`    ${message.message}`);
  }
}
console.log('');
console.log(`${String(findings)} findings in ${String(results.length)} files (${elapsedMs.toFixed(0)} ms)`);
for (const [rule, count] of [...byRule].sort()) console.log(`  ${rule}: ${String(count)}`);

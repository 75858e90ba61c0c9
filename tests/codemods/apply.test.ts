/**
 * The shared parts under the codemods: applying edits with checks (a file whose edit would not
 * parse, or would not silence its finding, stays byte-for-byte as it was), overlapping edits over
 * several passes, atomic writes, unified diffs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { fixText } from '../../codemods/apply.js';
import { unifiedDiff } from '../../codemods/diff.js';
import type { LintText } from '../../codemods/findings.js';
import { presetLintText } from '../../codemods/lint-setup.js';
import { codemodById } from '../../codemods/registry.js';
import { writeFileAtomic } from '../../codemods/write.js';
import { fixtureText, root, run, tempProject } from './project.js';

const useHandle = codemodById('use-transaction-handle');
const syncToAsync = codemodById('sync-to-async');
if (!useHandle || !syncToAsync) throw new Error('codemods missing');
const prismaFile = path.join(root, 'codemods', 'use-transaction-handle', '__testfixtures__', 'prisma-tx.input.ts');
const prisma = fixtureText('use-transaction-handle', 'prisma-tx.input.ts');
const lintPrisma = presetLintText(prismaFile, { 'async-db/no-outer-client-in-transaction': 'error' }, root);

/** The rules' findings with every suggestion's text changed by `edit`. */
const withSuggestionText =
  (lint: LintText, edit: (text: string) => string): LintText =>
  (text) =>
    lint(text).map((message) => ({ ...message, suggestions: message.suggestions?.map((s) => ({ ...s, fix: { ...s.fix, text: edit(s.fix.text) } })) }));

describe('fixText', () => {
  it('applies every finding of a file in one pass when the edits do not overlap', () => {
    const result = fixText(prisma, lintPrisma, [useHandle]);
    expect(result.output).toBe(fixtureText('use-transaction-handle', 'prisma-tx.output.ts'));
    expect(result.fixed.map((finding) => `${String(finding.line)} ${finding.rule}/${finding.messageId}`)).toEqual([
      '9 no-outer-client-in-transaction/outerClient',
      '10 no-outer-client-in-transaction/outerClient',
    ]);
    expect(result.error).toBeUndefined();
  });

  it('keeps a byte order mark, counting the rules\' ranges after it as ESLint does', () => {
    const result = fixText(`\uFEFF${prisma}`, lintPrisma, [useHandle]);
    expect(result.output).toBe(`\uFEFF${fixtureText('use-transaction-handle', 'prisma-tx.output.ts')}`);
  });

  it('leaves a file byte-for-byte unchanged when an edit would not parse', () => {
    const result = fixText(prisma, withSuggestionText(lintPrisma, (text) => `${text} )(`), [useHandle]);
    expect(result.output).toBe(prisma);
    expect(result.fixed).toEqual([]);
    expect(result.error).toMatch(/^the edits of no-outer-client-in-transaction would not parse \(9:\d+ .*\): file left unchanged$/);
    expect(result.left.map((finding) => [finding.line, finding.reason])).toEqual([
      [9, `its edit failed the check: ${String(result.error)}`],
      [10, `its edit failed the check: ${String(result.error)}`],
    ]);
  });

  it('leaves a file unchanged when an edit does not silence its finding', () => {
    // `prisma` replaced by `prisma`: parses, and the rule still reports it.
    const result = fixText(prisma, withSuggestionText(lintPrisma, () => 'prisma'), [useHandle]);
    expect(result.output).toBe(prisma);
    expect(result.error).toMatch(/no-outer-client-in-transaction\/outerClient is still reported after its edit/);
  });

  it('reports a file that does not parse, unchanged', () => {
    const result = fixText(`${prisma}\n}}`, lintPrisma, [useHandle]);
    expect(result.output).toBe(`${prisma}\n}}`);
    expect(result.error).toMatch(/^does not parse: /);
  });

  it('applies overlapping edits over several passes (two suggestions adding the same import)', () => {
    const file = path.join(root, 'codemods', 'sync-to-async', '__testfixtures__', 'named.ts');
    const text = "import { readFileSync } from 'node:fs';\n\nexport async function load(): Promise<string> {\n  return readFileSync('a', 'utf8') + readFileSync('b', 'utf8');\n}\n";
    const lint = presetLintText(file, { 'async-db/no-blocking-call-in-async': 'error' }, root, { 'async-db': { libraries: ['pg'] } });
    const result = fixText(text, lint, [syncToAsync]);
    expect(result.output).toBe(
      "import { readFileSync } from 'node:fs';\nimport { readFile } from 'node:fs/promises';\n\nexport async function load(): Promise<string> {\n  return await readFile('a', 'utf8') + await readFile('b', 'utf8');\n}\n",
    );
    expect(result.fixed).toHaveLength(2);
    expect(fixText(result.output, lint, [syncToAsync]).output).toBe(result.output);
  });
});

describe('the command on a file that fails', () => {
  it('reports it, leaves it unchanged and exits 1', async () => {
    const broken = `${prisma}\n}}`;
    const dir = tempProject({ 'src/broken.ts': broken, 'src/orders.ts': prisma });
    const result = await run(dir, 'use-transaction-handle');
    expect(result.code).toBe(1);
    expect(fs.readFileSync(path.join(dir, 'src/broken.ts'), 'utf8')).toBe(broken);
    expect(result.stdout).toMatch(/Failed 1 \(left unchanged\):\n {2}src\/broken\.ts: does not parse: /);
    expect(fs.readFileSync(path.join(dir, 'src/orders.ts'), 'utf8')).toBe(fixtureText('use-transaction-handle', 'prisma-tx.output.ts'));
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file, keeps its mode and leaves no temporary file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'async-db-write-'));
    const file = path.join(dir, 'a.ts');
    fs.writeFileSync(file, 'old', { mode: 0o640 });
    writeFileAtomic(file, 'new');
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(dir)).toEqual(['a.ts']);
  });
});

describe('unifiedDiff', () => {
  it('writes hunks with three lines of context', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', ''].join('\n');
    const after = before.replace('2\n', 'two\n').replace('9\n', 'nine\n');
    expect(unifiedDiff('x.ts', before, after)).toBe(
      ['--- a/x.ts', '+++ b/x.ts', '@@ -1,10 +1,10 @@', ' 1', '-2', '+two', ' 3', ' 4', ' 5', ' 6', ' 7', ' 8', '-9', '+nine', ' 10', ''].join('\n'),
    );
    expect(unifiedDiff('x.ts', before, before)).toBe('');
  });
});

/**
 * `async-db fix --dry --json` on a copy of the fixture app's sources (libraries activated by the
 * app's package.json, no ESLint config: the recommended preset): it changes nothing on disk, fails
 * on no file, and counts per codemod exactly the findings of the rules it covers whose rule offers
 * one edit of the codemod's kind, counted here by linting the app with ESLint directly.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import type { Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

import { codemods } from '../../codemods/registry.js';
import type { Report } from '../../codemods/run.js';
import plugin from '../../eslint-plugin.js';
import { root, run, snapshot } from './project.js';

const app = path.join(root, 'fixtures', 'app');
let dir = '';
let report: Report;
let exitCode = -1;
let expected: Record<string, { fixable: number; other: number }>;

/** Per codemod: findings of its rules with exactly one edit of its kind, and the others. */
async function countFindings(): Promise<typeof expected> {
  const config: Linter.Config[] = [
    { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
    { files: ['**/*.ts'], ...(plugin.configs.recommended as Linter.Config) },
  ];
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config });
  const counts = Object.fromEntries(codemods.map((codemod) => [codemod.id, { fixable: 0, other: 0 }]));
  for (const result of await eslint.lintFiles(['src'])) {
    for (const message of result.messages) {
      const rule = message.ruleId?.replace(/^async-db\//, '') ?? '';
      const codemod = codemods.find((candidate) => Object.hasOwn(candidate.rules, rule));
      const counted = codemod ? counts[codemod.id] : undefined;
      if (!codemod || !counted) continue;
      const kinds = codemod.rules[rule]?.suggestions ?? [];
      const offered = (message.suggestions ?? []).filter((suggestion) => kinds.includes(suggestion.messageId ?? ''));
      if (offered.length === 1) counted.fixable++;
      else counted.other++;
    }
  }
  return counts;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'async-db-app-'));
  fs.cpSync(path.join(app, 'src'), path.join(dir, 'src'), { recursive: true });
  fs.copyFileSync(path.join(app, 'package.json'), path.join(dir, 'package.json'));
  const before = snapshot(dir);
  const result = await run(dir, 'fix', '--dry', '--json', path.join(os.tmpdir(), `${path.basename(dir)}.json`));
  exitCode = result.code;
  expect(snapshot(dir)).toEqual(before);
  report = JSON.parse(fs.readFileSync(path.join(os.tmpdir(), `${path.basename(dir)}.json`), 'utf8')) as Report;
  expected = await countFindings();
}, 120_000);

describe('async-db fix --dry on the fixture app', () => {
  it('reads every source file and fails on none', () => {
    expect(report.errors).toEqual([]);
    expect(report.files.scanned).toBeGreaterThan(20);
    expect(report.lint.typed).toBe(false);
  });

  it('counts per codemod the findings its rules offer one edit for', () => {
    for (const codemod of codemods) {
      expect(report.codemods[codemod.id], codemod.id).toEqual({ fixed: expected[codemod.id]?.fixable, left: expected[codemod.id]?.other });
    }
    expect(Object.values(report.codemods).reduce((sum, counts) => sum + counts.fixed, 0)).toBeGreaterThan(0);
  });

  it('lists what is left, each with a reason, and exits 1 for it', () => {
    expect(report.left.length).toBeGreaterThan(0);
    expect(report.left.filter((finding) => finding.reason === '')).toEqual([]);
    expect(exitCode).toBe(1);
  });
});

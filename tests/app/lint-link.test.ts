/**
 * The lint link between the fixture app and the rules: every line of a pitfall file that carries
 * `// async-db-expect: <rule-id>` must be reported by that rule, nothing else may be reported in
 * fixtures/app/src, and clean files must have no findings. Rules that do not exist yet are skipped.
 *
 * `knownMisses` lists expected findings a rule does not produce yet; each entry is asserted to still
 * be missed, so fixing the rule turns this test red until the entry is removed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import type { Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

import plugin from '../../eslint-plugin.js';
import { listSourceFiles, readExpectations } from '../../fixtures/app/verify/expectations.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const appSrc = path.join(root, 'fixtures', 'app', 'src');
const existingRules = new Set(Object.keys(plugin.rules));

interface KnownMiss {
  /** Path relative to fixtures/app/src. */
  file: string;
  rule: string;
  /** A fragment of the expected line, so the entry survives line shifts. */
  line: string;
  why: string;
}

const knownMisses: KnownMiss[] = [];

/** `line:rule` keys of the expectations written in a file. */
function expectations(file: string): Set<string> {
  return new Set(readExpectations(file).map((e) => `${String(e.line)}:${e.rule}`));
}

function lineOf(file: string, fragment: string): number {
  const index = fs.readFileSync(file, 'utf8').split('\n').findIndex((text) => text.includes(fragment));
  return index + 1;
}

describe('fixture app ↔ rules', () => {
  const files = listSourceFiles(appSrc);
  const findings = new Map<string, Set<string>>();

  beforeAll(async () => {
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      ignore: false,
      overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, ...(plugin.configs.all as Linter.Config) }],
    });
    for (const result of await eslint.lintFiles(files)) {
      const keys = new Set<string>();
      for (const message of result.messages) {
        keys.add(`${String(message.line)}:${(message.ruleId ?? `parse error: ${message.message}`).replace(/^async-db\//, '')}`);
      }
      findings.set(result.filePath, keys);
    }
  }, 60_000);

  it('has pitfall files with expectations for the rules that exist', () => {
    const pitfallFiles = files.filter((f) => f.endsWith(`${path.sep}pitfall.ts`));
    expect(pitfallFiles.length).toBeGreaterThan(0);
    for (const file of pitfallFiles) expect(expectations(file).size, path.relative(appSrc, file)).toBeGreaterThan(0);
  });

  for (const file of files) {
    const relative = path.relative(appSrc, file);
    it(`${relative}: findings equal the async-db-expect comments`, () => {
      const misses = knownMisses.filter((m) => m.file === relative).map((m) => `${String(lineOf(file, m.line))}:${m.rule}`);
      const expected = [...expectations(file)].filter((key) => existingRules.has(key.split(':')[1] ?? '') && !misses.includes(key));
      const actual = [...(findings.get(file) ?? [])];
      expect(actual.sort(), 'findings (line:rule)').toEqual(expected.sort());
      if (path.basename(file) === 'clean.ts') expect(expectations(file).size).toBe(0);
    });
  }

  for (const miss of knownMisses) {
    it(`known miss still missed: ${miss.file} ${miss.rule} (${miss.why})`, () => {
      const file = path.join(appSrc, miss.file);
      const line = lineOf(file, miss.line);
      expect(line, 'the line of the known miss').toBeGreaterThan(0);
      expect(expectations(file).has(`${String(line)}:${miss.rule}`), 'the line carries the expectation').toBe(true);
      if (!existingRules.has(miss.rule)) return;
      expect(findings.get(file)?.has(`${String(line)}:${miss.rule}`), 'the rule now reports it: remove this knownMisses entry').toBe(false);
    });
  }
});

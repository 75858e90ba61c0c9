import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { RuleTester } from '@typescript-eslint/rule-tester';
import type { RunTests } from '@typescript-eslint/rule-tester';
import type { TSUtils } from '@typescript-eslint/utils';
import type { RuleModule } from '@typescript-eslint/utils/ts-eslint';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** Folder with a tsconfig.json and real files for typed and multi-file cases. */
export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** Stable text of a plain test case (keys sorted), or undefined when it holds functions, RegExps, parsers. */
function serialize(value: unknown): string | undefined {
  // Set inside the replacer, which the compiler does not follow: hence the widened type.
  let plain = true as boolean;
  const text = JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || inner === undefined || typeof inner !== 'object' || Array.isArray(inner)) {
      if (typeof inner === 'function' || typeof inner === 'symbol' || typeof inner === 'bigint') plain = false;
      return inner;
    }
    if (Object.getPrototypeOf(inner) !== Object.prototype) {
      plain = false;
      return null;
    }
    return Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
  return plain ? text : undefined;
}

/** The first line that tells cases apart: not blank, not a comment, not an import. */
function summaryOf(code: string): string {
  const lines = code.split('\n').map((line) => line.trim().replace(/\s+/g, ' '));
  const meaningful =
    lines.find((line) => line !== '' && !/^(\/\/|\/\*|\*)/.test(line) && !/^import\b|^(const|let|var) .*= require\(/.test(line)) ??
    lines.find((line) => line !== '') ??
    '';
  return meaningful.length > 60 ? `${meaningful.slice(0, 59)}…` : meaningful;
}

/**
 * Names the cases that have none: `[index] first meaningful line`. RuleTester would name them by
 * their whole code, and vitest prints multi-line names in its reports. Identical cases get the
 * same name (the index of the first), so RuleTester still reports them as duplicates.
 */
function withNames<Case extends { readonly code: string; readonly name?: string }>(cases: readonly Case[]): Case[] {
  const firstIndex = new Map<string, number>();
  return cases.map((item, index) => {
    if (item.name !== undefined && item.name !== '') return item;
    const key = serialize(item) ?? `unserializable ${String(index)}`;
    if (!firstIndex.has(key)) firstIndex.set(key, index);
    return { ...item, name: `[${String(firstIndex.get(key) ?? index)}] ${summaryOf(item.code)}` };
  });
}

/** typescript-eslint's RuleTester with short names for unnamed cases. */
class NamingRuleTester extends RuleTester {
  override run<MessageIds extends string, Options extends readonly unknown[]>(
    ruleName: string,
    rule: RuleModule<MessageIds, Options>,
    test: RunTests<TSUtils.NoInfer<MessageIds>, TSUtils.NoInfer<Options>>,
  ): void {
    const valid = test.valid.map((item) => (typeof item === 'string' ? { code: item } : item));
    super.run(ruleName, rule, { ...test, valid: withNames(valid), invalid: withNames(test.invalid) });
  }
}

/**
 * Untyped runs: the TypeScript parser without a program, every library active (no package.json
 * decides in tests; each case names its imports).
 */
export function untypedTester(): RuleTester {
  return new NamingRuleTester({
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
  });
}

/** Typed runs against the fixtures project. */
export function typedTester(): RuleTester {
  return new NamingRuleTester({
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.ts*'] },
        tsconfigRootDir: fixturesDir,
      },
    },
  });
}

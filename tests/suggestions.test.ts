/**
 * Every suggestion the rules offer on the fixture app, applied on its own, leaves code that
 * parses and that the TypeScript compiler finds no new error in (scripts/suggestions/app.ts).
 * Each rule that has suggestions must offer at least one, so these checks cannot pass on nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import plugin from '../eslint-plugin.js';
import { checkFixtureApp } from '../scripts/suggestions/app.js';
import type { AppReport } from '../scripts/suggestions/app.js';

describe('fixture app suggestions', () => {
  let report: AppReport;

  beforeAll(async () => {
    report = await checkFixtureApp();
  }, 120_000);

  it('parse', () => {
    expect(report.suggestions.filter((s) => s.parseError !== undefined)).toEqual([]);
  });

  it('add no type error', () => {
    expect(report.typeErrorsBefore).toBe(0);
    expect(report.suggestions.filter((s) => s.newTypeErrors.length > 0)).toEqual([]);
  });

  it('cover each rule', () => {
    const rules = Object.entries(plugin.rules)
      .filter(([, rule]) => rule.meta.hasSuggestions === true)
      .map(([id]) => id);
    expect(rules.length).toBeGreaterThan(0);
    const missing = rules.filter((id) => !Object.hasOwn(noSuggestionOnTheApp, id) && !report.suggestions.some((s) => s.rule === id));
    expect(missing).toEqual([]);
  });

  it('offer none where none is expected (the list below stays true)', () => {
    expect(report.suggestions.filter((s) => Object.hasOwn(noSuggestionOnTheApp, s.rule)).map((s) => s.rule)).toEqual([]);
  });
});

/**
 * Rules whose findings on the fixture app have no suggestion to offer, with why; their
 * suggestions are applied on their own test inputs (rules/<id>.test.ts) instead.
 */
const noSuggestionOnTheApp: Record<string, string> = {
  'no-blocking-call-in-async':
    "the app's blocking calls are synchronous drivers (better-sqlite3, pg-native), which have no asynchronous drop-in; the fs, zlib and crypto suggestions are applied in the rule's tests",
  'no-pool-per-request':
    "the app's pool-per-request variants make their pool from the URL the function is given and hand it to a helper (`clean.getBook(pool, id)`): one shared instance would not behave the same, so `hoistPool` is not offered; it is applied in the rule's tests and the hoist-pool fixtures",
  'no-query-in-loop':
    "its one suggestion loads a TypeORM lazy relation awaited per item with the items' query, and the app declares no lazy relation; the suggestion is applied in the rule's tests and the eager-load fixtures",
};

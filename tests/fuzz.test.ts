/**
 * A bounded run of the fuzzer (`npm run fuzz`): 200 generated database-shaped programs, every
 * 10th with type information, linted with the `all` preset. No rule may throw, every suggestion
 * must parse, and every rule and every catalog library must be reached, so the generator cannot
 * silently stop exercising one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import plugin from '../eslint-plugin.js';
import { libraryIds } from '../orm/catalog/index.js';
import { runSeeds } from '../scripts/fuzz/programs.js';
import type { Plugin } from '../scripts/fuzz/run.js';

const saveCrashes = fs.mkdtempSync(path.join(os.tmpdir(), 'async-db-fuzz-test-'));

const result = runSeeds(plugin as unknown as Plugin, {
  start: 0,
  seeds: 200,
  // vitest.config.ts sets ASYNC_DB_STRICT=1: a failing internal question throws.
  strict: process.env.ASYNC_DB_STRICT === '1',
  saveCrashes,
  typedEvery: 10,
  mutationRate: 0.3,
});

afterAll(() => {
  if (result.totals.failures.length === 0) fs.rmSync(saveCrashes, { recursive: true, force: true });
});

const failures = (kind: string) => result.totals.failures.filter((f) => f.kind === kind).map((f) => `seed ${String(f.seed)} ${f.file} ${f.rule ?? ''}: ${f.message}`);

describe('fuzz', () => {
  it('no crash', () => {
    expect(result.totals.programs).toBe(200);
    expect(failures('crash')).toEqual([]);
    expect(failures('strict')).toEqual([]);
  });

  it('suggestions parse', () => {
    expect(failures('suggestion')).toEqual([]);
    expect(result.totals.suggestionsApplied).toBeGreaterThan(0);
  });

  it('every rule reached', () => {
    const silent = result.ruleIds.filter((id) => (result.totals.perRule[id] ?? 0) === 0);
    expect(silent).toEqual([]);
  });

  it('every library reached', () => {
    const missing = libraryIds.filter((id) => (result.totals.perLibrary[id] ?? 0) === 0);
    expect(missing).toEqual([]);
  });

  it('inputs parse', () => {
    // Generated files parse; only some mutants of JavaScript files are rejected by espree.
    expect(result.totals.unparsableInputs).toBeLessThan(result.totals.files / 20);
  });
});

/**
 * `npm run consumer` (scripts/consumer/run.mjs) as a test: the packed plugin installed from the
 * registry into fresh projects with the oldest and the newest supported peers, linting
 * fixtures/consumer-app with each configuration the README shows. Each scenario is one test.
 * Takes a few minutes: real `npm install`s (from the local npm cache when it has the versions).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Scenario {
  name: string;
  passed: boolean;
  details: string;
}

let scenarios: Scenario[] = [];
let log = '';

beforeAll(async () => {
  const json = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'async-db-consumer-test-')), 'results.json');
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'consumer', 'run.mjs'), '--json', json], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  await new Promise((resolve) => child.on('close', resolve));
  if (fs.existsSync(json)) scenarios = (JSON.parse(fs.readFileSync(json, 'utf8')) as { results: Scenario[] }).results;
  fs.rmSync(path.dirname(json), { recursive: true, force: true });
}, 900_000);

describe('consumer install', () => {
  it('ran every scenario', () => {
    const names = scenarios.map((scenario) => scenario.name);
    expect(names, log).not.toContain('setup');
    for (const expected of [
      /^pack: /,
      /^package: publint/,
      /^package: @arethetypeswrong/,
      ...['oldest', 'newest'].flatMap((set) => [
        new RegExp(`^${set} JavaScript only \\(`),
        new RegExp(`^${set} untyped TypeScript `),
        new RegExp(`^${set} typed \\(projectService\\) `),
        new RegExp(`^${set} eslint\\.config\\.cjs `),
        new RegExp(`^${set} TypeScript: one copy`),
        new RegExp(`^${set} JavaScript only: one copy`),
        new RegExp(`^${set} async-db command `),
      ]),
    ]) {
      expect(names.some((name) => expected.test(name)), `${String(expected)}\n${log}`).toBe(true);
    }
  });

  it('passes every scenario', () => {
    const failed = scenarios.filter((scenario) => !scenario.passed).map((scenario) => `${scenario.name} — ${scenario.details}`);
    expect(failed, log).toEqual([]);
    expect(scenarios.length).toBeGreaterThan(0);
  });
});

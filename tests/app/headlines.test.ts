/**
 * The one-line summaries `npm run demo` prints under each rule (fixtures/app/verify/headlines.ts):
 * pitfall against clean, in the scenario's terms, from the results JSON.
 */
import { describe, expect, it } from 'vitest';

import { headlines } from '../../fixtures/app/verify/headlines.js';
import type { VerifyResults } from '../../fixtures/app/verify/report.js';

type Run = VerifyResults['runs'][number];

function run(over: Partial<Run> & Pick<Run, 'scenario' | 'library' | 'variant'>, label: string, statuses: Record<string, number> = {}): Run {
  return {
    books: null,
    connections: 5,
    requests: 100,
    ok: 100,
    errors: 0,
    timeouts: 0,
    rps: 100,
    p50_ms: 10,
    p99_ms: 20,
    max_ms: 30,
    queries_per_request: 3,
    loop_delay_p99_ms: 12.5,
    peak_connections: 5,
    idle_in_transaction_peak: null,
    correct_responses: 100,
    details: { label, statuses },
    ...over,
  };
}

const check = (scenario: string, library: string, passed: boolean) => ({ scenario, library, expectation: 'e', measured: 'm', passed });

const results: VerifyResults = {
  mode: 'full',
  date: '2026-11-21T13:21:37.385Z',
  duration_sec: 100,
  machine: { cpus: 2, cpu: 'CPU', memory_gb: 24, os: 'linux', node: 'v20.20.2' },
  servers: [{ kind: 'postgres', version: 'PostgreSQL 18.4' }],
  runs: [
    run({ scenario: 'query-in-loop', library: 'pg', variant: 'pitfall', books: 20, queries_per_request: 41, rps: 60 }, '20 books'),
    run({ scenario: 'query-in-loop', library: 'pg', variant: 'clean', books: 20, rps: 300 }, '20 books'),
    run({ scenario: 'query-in-loop', library: 'pg', variant: 'pitfall', books: 100, queries_per_request: 201, rps: 21.456 }, '100 books'),
    run({ scenario: 'query-in-loop', library: 'pg', variant: 'clean', books: 100, rps: 306 }, '100 books'),
    run({ scenario: 'outer-client-in-transaction', library: 'pg', variant: 'pitfall', connections: 4, requests: 300 }, '4 conns < pool'),
    run({ scenario: 'outer-client-in-transaction', library: 'pg', variant: 'pitfall', connections: 20, requests: 140, ok: 0, errors: 100, timeouts: 40 }, '20 conns > pool 5'),
    run({ scenario: 'outer-client-in-transaction', library: 'pg', variant: 'clean', connections: 20, requests: 300 }, '20 conns > pool 5'),
    run({ scenario: 'pool-acquire-timeout', library: 'knex', variant: 'pitfall', requests: 12, ok: 0, timeouts: 12 }, '12 conns, pool 3, locked'),
    run({ scenario: 'pool-acquire-timeout', library: 'knex', variant: 'clean', requests: 12, ok: 0, errors: 10, timeouts: 2, max_ms: 1025 }, '12 conns, pool 3, locked', { '503': 10 }),
    run({ scenario: 'pool-per-request', library: 'pg', variant: 'pitfall', connections: 5, peak_connections: 17 }, '5 conns'),
    run({ scenario: 'pool-per-request', library: 'pg', variant: 'pitfall', connections: 25, peak_connections: 75, p50_ms: 564 }, '25 conns'),
    run({ scenario: 'pool-per-request', library: 'pg', variant: 'clean', connections: 25, peak_connections: 5, p50_ms: 60 }, '25 conns'),
  ],
  checks: [check('query-in-loop', 'pg', true), check('query-in-loop', 'pg', true), check('outer-client-in-transaction', 'pg', false), check('query-in-loop', 'mysql2', true)],
  skipped: [],
};

describe('headlines', () => {
  it('N+1: the 100-book run, queries per request and req/s', () => {
    expect(headlines(results, 'query-in-loop')).toEqual([
      {
        library: 'pg',
        text: '100 books: pitfall 201 queries/request, 21.5 req/s; clean 3, 306 req/s',
        checks: [check('query-in-loop', 'pg', true), check('query-in-loop', 'pg', true)],
      },
    ]);
  });

  it('outer client: the run above pool size, not the one below it', () => {
    expect(headlines(results, 'outer-client-in-transaction').map((h) => [h.text, h.checks.length])).toEqual([
      ['20 conns > pool 5: pitfall 140/140 orders failed or timed out; clean 0/300', 1],
    ]);
  });

  it('acquire timeout: hung requests against 503 answers and the slowest answer', () => {
    expect(headlines(results, 'pool-acquire-timeout').map((h) => `${h.library}: ${h.text}`)).toEqual([
      'knex: 12 conns, pool 3, locked: pitfall 12/12 requests hung until the deadline; clean 10 answered 503 within 1,025 ms',
    ]);
  });

  it('pool per request: the highest load', () => {
    expect(headlines(results, 'pool-per-request').map((h) => h.text)).toEqual([
      '25 conns: pitfall peak 75 connections, p50 564 ms; clean 5, 60 ms',
    ]);
  });

  it('nothing for a scenario without runs, or without both variants', () => {
    expect(headlines(results, 'pool-limits')).toEqual([]);
    const onlyPitfall: VerifyResults = { ...results, runs: results.runs.filter((r) => r.variant === 'pitfall') };
    expect(headlines(onlyPitfall, 'query-in-loop')).toEqual([]);
  });
});

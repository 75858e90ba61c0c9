/**
 * The runtime report (fixtures/app/verify/report.ts): a pure function from the results JSON of
 * `npm run verify -- --json FILE` to docs/runtime.md and one SVG per scenario.
 */
import { describe, expect, it } from 'vitest';

import { formatNumber, renderReport } from '../../fixtures/app/verify/report.js';
import type { VerifyResults } from '../../fixtures/app/verify/report.js';

type Run = VerifyResults['runs'][number];

function run(over: Partial<Run> & Pick<Run, 'scenario' | 'library' | 'variant'>, label: string): Run {
  return {
    books: null,
    connections: 20,
    requests: 100,
    ok: 100,
    errors: 0,
    timeouts: 0,
    rps: 100,
    p50_ms: 10,
    p99_ms: 20,
    max_ms: 30,
    queries_per_request: null,
    loop_delay_p99_ms: 12.5,
    peak_connections: 5,
    idle_in_transaction_peak: null,
    correct_responses: 100,
    details: { label },
    ...over,
  };
}

function results(): VerifyResults {
  return {
    mode: 'full',
    date: '2026-11-21T13:21:37.385Z',
    duration_sec: 271.4,
    machine: { cpus: 2, cpu: 'AMD EPYC', memory_gb: 24, os: '6.18.44', node: 'v20.20.2' },
    servers: [
      { kind: 'postgres', version: 'PostgreSQL 18.4' },
      { kind: 'mariadb', version: 'MariaDB 10.11.19' },
    ],
    runs: [
      run({ scenario: 'query-in-loop', library: 'pg', variant: 'pitfall', books: 20, connections: 5, rps: 62.75, queries_per_request: 41 }, '20 books'),
      run({ scenario: 'query-in-loop', library: 'pg', variant: 'clean', books: 20, connections: 5, rps: 320.28, queries_per_request: 3 }, '20 books'),
      run({ scenario: 'query-in-loop', library: 'mysql2', variant: 'pitfall', books: 100, connections: 5, rps: 28.7, queries_per_request: 201 }, '100 books'),
      run({ scenario: 'query-in-loop', library: 'mysql2', variant: 'clean', books: 100, connections: 5, rps: 1243.86, queries_per_request: 3 }, '100 books'),
      run({ scenario: 'outer-client-in-transaction', library: 'pg', variant: 'pitfall', requests: 140, ok: 0, errors: 140, rps: 9.88 }, '20 conns > pool 5'),
      run({ scenario: 'outer-client-in-transaction', library: 'pg', variant: 'clean', requests: 300, ok: 300, rps: 214.7 }, '20 conns > pool 5'),
    ],
    checks: [
      { scenario: 'identical-json', library: 'pg', expectation: 'clean: JSON byte-identical to the clean variant', measured: 'identical', passed: true },
      { scenario: 'query-in-loop', library: 'pg', expectation: '20 books, pitfall: queries per request ≈ 41', measured: '41', passed: true },
      { scenario: 'outer-client-in-transaction', library: 'pg', expectation: 'clean, same load: no request fails', measured: '1 | 300 failed', passed: false },
    ],
    skipped: [],
  };
}

const bars = (svg: string, variant?: string) => svg.match(new RegExp(`<rect class="bar ${variant ?? '[a-z]+'}"`, 'g'))?.length ?? 0;
const texts = (svg: string, cls: string) => [...svg.matchAll(new RegExp(`<text class="${cls}"[^>]*>([^<]*)</text>`, 'g'))].map((m) => m[1]);

describe('runtime report', () => {
  it('lists the notes of a results file under the run facts', () => {
    const { markdown } = renderReport({ ...results(), notes: ['TypeORM re-run after a driver fix.'] });
    expect(markdown).toContain('- **Checks:** 2 passed, 1 failed\n- **Note:** TypeORM re-run after a driver fix.\n');
    expect(renderReport(results()).markdown).not.toContain('**Note:**');
  });

  it('formats numbers without the locale', () => {
    expect(formatNumber(1243.86)).toBe('1,243.86');
    expect(formatNumber(3)).toBe('3');
    expect(formatNumber(0.5)).toBe('0.5');
    expect(formatNumber(2.004, 2)).toBe('2');
  });

  it('writes the intro with machine, servers, date, checks and how to reproduce', () => {
    const { markdown } = renderReport(results());
    expect(markdown.startsWith('# Runtime verification: the measured cost of each pitfall\n')).toBe(true);
    expect(markdown).toContain('- **Run:** full mode, 2026-11-21 13:21 UTC, 271.4 s\n');
    expect(markdown).toContain('- **Machine:** 2 × AMD EPYC, 24 GB, Linux 6.18.44, Node v20.20.2\n');
    expect(markdown).toContain('- **Servers:** PostgreSQL 18.4, MariaDB 10.11.19\n');
    expect(markdown).toContain('- **Checks:** 2 passed, 1 failed\n');
    expect(markdown).toContain('Reproduce with `npm run verify`');
    expect(markdown).toContain('- [`query-in-loop`](#query-in-loop): ');
  });

  it('writes one table per scenario, leaving out the columns null for the whole scenario', () => {
    const { markdown } = renderReport(results());
    expect(markdown).toContain(
      '| library | variant | run | books | connections | requests | ok | errors | timeouts | req/s | p50 ms | p99 ms | queries/request | loop delay p99 ms | peak connections |\n' +
        '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n' +
        '| pg | pitfall | 20 books | 20 | 5 | 100 | 100 | 0 | 0 | 62.75 | 10 | 20 | 41 | 12.5 | 5 |\n',
    );
    expect(markdown).toContain('| mysql2 | clean | 100 books | 100 | 5 | 100 | 100 | 0 | 0 | 1,243.86 | 10 | 20 | 3 | 12.5 | 5 |\n');
    // No books and no queries/request in the outer-client runs: those columns are left out there.
    expect(markdown).toContain(
      '| library | variant | run | connections | requests | ok | errors | timeouts | req/s | p50 ms | p99 ms | loop delay p99 ms | peak connections |\n',
    );
    expect(markdown).toContain('| pg | pitfall | 20 conns > pool 5 | 20 | 140 | 0 | 140 | 0 | 9.88 | 10 | 20 | 12.5 | 5 |\n');
    expect(markdown).not.toContain('idle-in-transaction peak |');
  });

  it('gives each scenario its predicted effect, chart, rule link and checks', () => {
    const { markdown } = renderReport(results(), { rulePages: ['no-outer-client-in-transaction'] });
    expect(markdown).toContain('<a id="query-in-loop"></a>\n\n## `query-in-loop`\n');
    expect(markdown).toContain('**Predicted effect:** pitfall queries per request ≈ 1 + 2 × books');
    expect(markdown).toContain('![query-in-loop: queries per request (log scale), requests per second, pitfall vs clean](runtime/query-in-loop.svg)\n');
    expect(markdown).toContain('*2 × AMD EPYC, 24 GB, Linux 6.18.44, Node v20.20.2 · PostgreSQL 18.4, MariaDB 10.11.19 · 2026-11-21 13:21 UTC*\n');
    expect(markdown).toContain('Rule: [`async-db/no-outer-client-in-transaction`](rules/no-outer-client-in-transaction.md).');
    expect(markdown).toContain('Rule: `async-db/no-query-in-loop`.');
    expect(markdown).toContain('| pg | 20 books, pitfall: queries per request ≈ 41 | 41 | passed |\n');
    expect(markdown).toContain('| pg | clean, same load: no request fails | 1 \\| 300 failed | **FAILED** |\n');
    expect(markdown).toContain('**Checks:** 0 of 1 passed.');
    // A scenario with checks only: a section, no table and no chart.
    expect(markdown).toContain('## `identical-json`');
    expect(markdown).not.toContain('runtime/identical-json.svg');
    // Scenarios in the harness's order.
    expect(markdown.indexOf('## `identical-json`')).toBeLessThan(markdown.indexOf('## `query-in-loop`'));
    expect(markdown.indexOf('## `query-in-loop`')).toBeLessThan(markdown.indexOf('## `outer-client-in-transaction`'));
  });

  it('draws grouped bars, pitfall vs clean, with values, labels, title and caption', () => {
    const { svgs } = renderReport(results());
    expect(Object.keys(svgs)).toEqual(['query-in-loop', 'outer-client-in-transaction']);
    const q = svgs['query-in-loop'] ?? '';
    expect(q.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(q.trimEnd().endsWith('</svg>')).toBe(true);
    expect(q).not.toMatch(/@import|url\(|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    // Two panels (queries per request, req/s) × two groups × two variants.
    expect(texts(q, 'panel-title')).toEqual(['queries per request (log scale)', 'requests per second']);
    expect(bars(q)).toBe(8);
    expect(bars(q, 'pitfall')).toBe(4);
    expect(bars(q, 'clean')).toBe(4);
    // Rounded to three significant digits or so on the bars (the table has all of them).
    expect(texts(q, 'value')).toEqual(['41', '3', '201', '3', '62.8', '320', '28.7', '1,244']);
    expect(texts(q, 'group-label')).toEqual(['pg', '20 books', 'mysql2', '100 books', 'pg', '20 books', 'mysql2', '100 books']);
    expect(texts(q, 'axis-label')).toEqual(['queries', 'req/s']);
    expect(texts(q, 'title')[0]).toBe('query-in-loop: authors and genres loaded per book (N+1) in GET /books');
    expect(texts(q, 'caption')).toEqual([
      'Machine: 2 × AMD EPYC, 24 GB, Linux 6.18.44, Node v20.20.2',
      'Servers: PostgreSQL 18.4, MariaDB 10.11.19 · 2026-11-21 13:21 UTC · full run',
    ]);
    // The taller bar is the larger value.
    const heights = [...q.matchAll(/<rect class="bar [a-z]+"[^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(heights[0]).toBeGreaterThan(heights[1] ?? Infinity);
    expect(heights[7]).toBeGreaterThan(heights[6] ?? Infinity);

    const o = svgs['outer-client-in-transaction'] ?? '';
    expect(bars(o)).toBe(2);
    expect(texts(o, 'value')).toEqual(['100%', '0%']);
    expect(texts(o, 'axis-label')).toEqual(['%']);
  });

  it('shows the published benchmark only when seed-sync-vs-async ran', () => {
    expect(renderReport(results()).markdown).not.toContain('Beside the published benchmark');
    const withSync = results();
    withSync.runs.push(
      run({ scenario: 'seed-sync-vs-async', library: 'pg-native', variant: 'pitfall', books: 20, connections: 5, rps: 30.5, queries_per_request: 41 }, '20 books, sync N+1'),
      run({ scenario: 'seed-sync-vs-async', library: 'pg', variant: 'pitfall', books: 20, connections: 5, rps: 60, queries_per_request: 41 }, '20 books, async N+1'),
      run({ scenario: 'seed-sync-vs-async', library: 'pg', variant: 'clean', books: 20, connections: 5, rps: 300.25, queries_per_request: 3 }, '20 books, async eager'),
    );
    const { markdown, svgs } = renderReport(withSync);
    expect(markdown).toContain('### Beside the published benchmark');
    expect(markdown).toContain('| 20 | sync driver, lazy loading | 22.06 | 213 | 409 | sync N+1 | 30.5 | 10 | 20 |\n');
    expect(markdown).toContain('| 20 | async driver, eager loading | 74.62 | 51 | 191 | async eager | 300.25 | 10 | 20 |\n');
    expect(markdown).toContain('| 100 | sync driver, lazy loading | 5.5 | 819 | 1,499 | sync N+1 | – | – | – |\n');
    expect(markdown).toContain('| 20 | async N+1 | node-postgres (`pg`) pool, authors and genres per book | 41 | 60 | 0.2× | 10 | 20 |\n');
    expect(markdown).toContain('(async eager against sync N+1, the published comparison): 9.8× with 20 books; published: 3.4× with 20 books.');
    expect(markdown).toContain('(async eager against async N+1, both node-postgres): 5× with 20 books.');
    expect(markdown).not.toContain('PITFALLS.md');
    expect(bars(svgs['seed-sync-vs-async'] ?? '')).toBe(3);
  });

  it('is deterministic: same JSON, same bytes', () => {
    const a = renderReport(results(), { rulePages: ['no-outer-client-in-transaction'] });
    const b = renderReport(JSON.parse(JSON.stringify(results())) as VerifyResults, { rulePages: ['no-outer-client-in-transaction'] });
    expect(b.markdown).toBe(a.markdown);
    expect(b.svgs).toEqual(a.svgs);
    expect(JSON.stringify(Object.keys(b.svgs))).toBe(JSON.stringify(Object.keys(a.svgs)));
  });
});

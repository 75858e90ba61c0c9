/**
 * Rule-wide behaviour: options, the unknown-await switch, the move suggestion's limits.
 * Per-library forms and lookalikes are in tests/libraries/<library>.test.ts.
 */
import rule from './no-unrelated-await-in-transaction.js';
import { untypedTester } from '../tests/rule-tester.js';

const header = `import knex from 'knex';
import axios from 'axios';
const db = knex({ client: 'pg' });
`;

untypedTester().run('no-unrelated-await-in-transaction (options)', rule, {
  valid: [
    // An await the rule cannot classify is not reported by default.
    { code: `${header}import { price } from 'pricing';\nawait db.transaction(async (trx) => { await price(1); });` },
    // The libraries option turns other libraries off.
    { code: `${header}await db.transaction(async (trx) => { await axios.get('/x'); });`, options: [{ libraries: ['prisma'] }] },
    // Awaits after the transaction resolved are fine.
    { code: `${header}await db.transaction(async (trx) => trx('t').insert({}));\nawait axios.get('/x');` },
    // Queries on the handle, alone or combined.
    { code: `${header}await db.transaction(async (trx) => { await Promise.all([trx('a').first(), trx('b').first()]); });` },
    // Promise.all over a map: the awaits inside the callback are checked where they are.
    { code: `${header}await db.transaction(async (trx) => { await Promise.all(ids.map((id) => trx('a').where({ id }))); });` },
    // A function that only defines (does not await) I/O inside the transaction.
    { code: `${header}await db.transaction(async (trx) => { const later = () => axios.get('/x'); await trx('t').insert({}); return later; });` },
    // A shadowed global \`fetch\` is not the network.
    { code: `${header}const fetch = async (id: number) => trx0(id);\nawait db.transaction(async (trx) => { await fetch(1); });` },
  ],
  invalid: [
    {
      code: `${header}import { price } from 'pricing';\nawait db.transaction(async (trx) => { await price(1); });`,
      options: [{ reportUnknown: true }],
      errors: [{ messageId: 'unknownAwait', data: { library: 'Knex' }, line: 5, column: 39, endLine: 5, endColumn: 53 }],
    },
    {
      // One unrelated element makes the whole Promise.all wait for it.
      code: `${header}await db.transaction(async (trx) => {
  await Promise.all([trx('a').first(), axios.get('/x')]);
});`,
      errors: [{ messageId: 'unrelatedAwait', data: { what: 'an HTTP request (axios)', library: 'Knex' }, line: 5, column: 3, endLine: 5, endColumn: 57 }],
    },
    {
      // Uses the handle's result: nothing to move.
      code: `${header}await db.transaction(async (trx) => {
  const row = await trx('a').first();
  await axios.post('/x', row);
});`,
      errors: [{ messageId: 'unrelatedAwait', line: 6, column: 3, endLine: 6, endColumn: 30 }],
    },
    {
      // Independent of the transaction: the suggestion moves it before.
      code: `${header}export async function f() {
  await db.transaction(async (trx) => {
    await trx('a').insert({});
    const rate = await axios.get('/rate');
    await trx('b').insert({ rate });
  });
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 7,
          column: 18,
          endLine: 7,
          endColumn: 42,
          suggestions: [
            {
              messageId: 'moveBeforeTransaction',
              output: `${header}export async function f() {
  const rate = await axios.get('/rate');
  await db.transaction(async (trx) => {
    await trx('a').insert({});
    await trx('b').insert({ rate });
  });
}`,
            },
          ],
        },
      ],
    },
    {
      // The moved declaration would clash with a name already in the outer block: no suggestion.
      code: `${header}export async function f() {
  const rate = 1;
  await db.transaction(async (trx) => {
    const rate = await axios.get('/rate');
    await trx('b').insert({ rate });
  });
  return rate;
}`,
      errors: [{ messageId: 'unrelatedAwait', line: 7, column: 18, endLine: 7, endColumn: 42 }],
    },
    {
      // \`for await\` over a stream inside a synchronous transaction.
      code: `import Database from 'better-sqlite3';
const db = new Database(':memory:');
const insert = db.transaction(async (rows: AsyncIterable<unknown>) => {
  for await (const row of rows) db.prepare('insert into t values (?)').run(row);
});`,
      errors: [{ messageId: 'awaitInSynchronousTransaction', data: { library: 'better-sqlite3' }, line: 4, column: 3, endLine: 4, endColumn: 81 }],
    },
  ],
});

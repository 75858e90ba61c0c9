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
              messageId: 'moveBeforeTransactionReordering',
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
      // The first statement moves before the transaction, the last after it: both without reordering.
      code: `${header}export async function f(id: number) {
  await db.transaction(async (trx) => {
    const rate = await axios.get('/rate');
    await trx('b').insert({ id, rate });
    await axios.post('/hooks/b', { id });
  });
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 6,
          column: 18,
          endLine: 6,
          endColumn: 42,
          suggestions: [
            {
              messageId: 'moveBeforeTransaction',
              output: `${header}export async function f(id: number) {
  const rate = await axios.get('/rate');
  await db.transaction(async (trx) => {
    await trx('b').insert({ id, rate });
    await axios.post('/hooks/b', { id });
  });
}`,
            },
          ],
        },
        {
          messageId: 'unrelatedAwait',
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 41,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `${header}export async function f(id: number) {
  await axios.post('/hooks/b', { id });
  await db.transaction(async (trx) => {
    const rate = await axios.get('/rate');
    await trx('b').insert({ id, rate });
  });
}`,
            },
            {
              messageId: 'moveAfterTransaction',
              output: `${header}export async function f(id: number) {
  await db.transaction(async (trx) => {
    const rate = await axios.get('/rate');
    await trx('b').insert({ id, rate });
  });
  await axios.post('/hooks/b', { id });
}`,
            },
          ],
        },
      ],
    },
    {
      // A variable of the function assigned inside: read after the commit it has its value, read
      // before the transaction it would not.
      code: `${header}export async function f(id: number) {
  let count = 0;
  await db.transaction(async (trx) => {
    count = await trx('b').where({ id }).delete();
    await axios.post('/hooks/b', { count });
  });
  return count;
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 44,
          suggestions: [
            {
              messageId: 'moveAfterTransaction',
              output: `${header}export async function f(id: number) {
  let count = 0;
  await db.transaction(async (trx) => {
    count = await trx('b').where({ id }).delete();
  });
  await axios.post('/hooks/b', { count });
  return count;
}`,
            },
          ],
        },
      ],
    },
    {
      // The transaction's promise is returned, not awaited by a statement: nothing runs "after"
      // it in this function, so only the move before is offered (as the reordering form).
      code: `${header}export async function f(id: number) {
  return db.transaction(async (trx) => {
    await trx('b').insert({ id });
    await axios.post('/hooks/b', { id });
  });
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 41,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `${header}export async function f(id: number) {
  await axios.post('/hooks/b', { id });
  return db.transaction(async (trx) => {
    await trx('b').insert({ id });
  });
}`,
            },
          ],
        },
      ],
    },
    {
      // The function around the transaction is not async: an \`await\` cannot move into it.
      code: `${header}export function f(id: number) {
  return db.transaction(async (trx) => {
    await axios.post('/hooks/b', { id });
    await trx('b').insert({ id });
  });
}`,
      errors: [{ messageId: 'unrelatedAwait', line: 6, column: 5, endLine: 6, endColumn: 41 }],
    },
    {
      // \`this\` in a non-arrow callback is not the \`this\` outside it.
      code: `${header}export class Books {
  hooks = axios.create();
  async save(id: number) {
    await db.transaction(async function (this: any, trx) {
      await this.notify(id);
      await trx('b').insert({ id });
      await axios.post('/hooks/b', this.payload);
    });
  }
}`,
      errors: [{ messageId: 'unrelatedAwait', line: 10, column: 7, endLine: 10, endColumn: 49 }],
    },
    {
      // A declaration moved before the transaction would put \`rate\` of the module (read above
      // the transaction in the same function) in its temporal dead zone.
      code: `${header}const rate = 1;
export async function f() {
  console.log(rate);
  await db.transaction(async (trx) => {
    const rate = await axios.get('/rate');
    await trx('b').insert({ rate });
  });
}`,
      errors: [{ messageId: 'unrelatedAwait', line: 8, column: 18, endLine: 8, endColumn: 42 }],
    },
    {
      // A single statement: before is safe; after would leave an empty transaction.
      code: `${header}export async function f(id: number) {
  await db.transaction(async (trx) => {
    await axios.post('/hooks/b', { id });
  });
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 41,
          suggestions: [
            {
              messageId: 'moveBeforeTransaction',
              output: `${header}export async function f(id: number) {
  await axios.post('/hooks/b', { id });
  await db.transaction(async (trx) => {
  });
}`,
            },
          ],
        },
      ],
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

/**
 * Rule-wide behaviour: options, activation, typed runs. Per-library forms and lookalikes are in
 * tests/libraries/<library>.test.ts.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import rule from './no-outer-client-in-transaction.js';
import { fixturesDir, typedTester, untypedTester } from '../tests/rule-tester.js';

const noDatabaseFile = path.join(path.dirname(fileURLToPath(import.meta.url)), '../tests/activation/no-database/file.ts');

const prismaEscape = `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
const load = () => prisma.book.findMany();
export const run = () =>
  prisma.$transaction(async (tx) => {
    await load();
    return prisma.order.count();
  });`;

untypedTester().run('no-outer-client-in-transaction (options and activation)', rule, {
  valid: [
    // The `libraries` option limits the rule to the listed libraries.
    { code: prismaEscape, options: [{ libraries: ['pg'] }] },
    // So does the shared setting.
    { code: prismaEscape, settings: { 'async-db': { libraries: ['knex'] } } },
    // A project that depends on no database library: the rule does nothing.
    { code: prismaEscape, filename: noDatabaseFile },
    // ... unless told which libraries to check (covered in invalid below).
    // Helpers are not followed with checkHelpers: false (the direct query is still reported, see invalid).
  ],
  invalid: [
    {
      code: prismaEscape,
      errors: [
        { messageId: 'outerClientInHelper', line: 6, column: 11, endLine: 6, endColumn: 15 },
        {
          messageId: 'outerClient',
          line: 7,
          column: 12,
          endLine: 7,
          endColumn: 30,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: prismaEscape.replace('return prisma.order', 'return tx.order'),
            },
          ],
        },
      ],
    },
    {
      code: prismaEscape,
      options: [{ checkHelpers: false }],
      errors: [
        {
          messageId: 'outerClient',
          line: 7,
          suggestions: [{ messageId: 'useHandle', output: prismaEscape.replace('return prisma.order', 'return tx.order') }],
        },
      ],
    },
    {
      // An explicit option wins over the package.json that lists no database library.
      code: prismaEscape,
      filename: noDatabaseFile,
      options: [{ libraries: ['prisma'], checkHelpers: false }],
      errors: [
        {
          messageId: 'outerClient',
          line: 7,
          suggestions: [{ messageId: 'useHandle', output: prismaEscape.replace('return prisma.order', 'return tx.order') }],
        },
      ],
    },
  ],
});

const typedFile = path.join(fixturesDir, 'ambient', 'use-with-db.ts');

typedTester().run('no-outer-client-in-transaction (type information)', rule, {
  valid: [
    {
      // Without types the callback parameter is unknown: nothing is claimed.
      code: `import { withDb } from './with-db.js';
const other = { transaction: async (fn: (t: unknown) => Promise<void>) => fn(null) };
await withDb(async (db) => other.transaction(async () => { await db('books').first(); }));`,
      filename: typedFile,
    },
  ],
  invalid: [
    {
      // `db` has no annotation here; its type (Knex, from the helper's signature) identifies it.
      code: `import { withDb } from './with-db.js';
await withDb(async (db) =>
  db.transaction(async (trx) => {
    await trx('orders').insert({ id: 1 });
    await db('audit').insert({ id: 1 });
  }),
);`,
      filename: typedFile,
      errors: [
        {
          messageId: 'outerClient',
          line: 5,
          column: 11,
          endLine: 5,
          endColumn: 13,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import { withDb } from './with-db.js';
await withDb(async (db) =>
  db.transaction(async (trx) => {
    await trx('orders').insert({ id: 1 });
    await trx('audit').insert({ id: 1 });
  }),
);`,
            },
          ],
        },
      ],
    },
  ],
});

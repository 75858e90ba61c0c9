/**
 * Clients and helpers imported from project-local modules. The imported files are real files under
 * tests/fixtures/cross-file/; the database packages they import are not installed, so a client is
 * known by where it is made (`new PrismaClient()` imported from '@prisma/client'), not by its type.
 * Each suite runs three times: without type information (the resolver parses the imported files
 * itself, with oxc-parser and with its fallback, typescript-estree) and with it (projectService;
 * the program resolves the imports).
 */
import path from 'node:path';

import type { InvalidTestCase, RuleTester, ValidTestCase } from '@typescript-eslint/rule-tester';
import { afterAll, beforeAll, describe } from 'vitest';

import { useModuleParser } from '../orm/modules/parse.js';

import noOuterClient from '../rules/no-outer-client-in-transaction.js';
import type { MessageId as OuterMessageId, Options as OuterOptions } from '../rules/no-outer-client-in-transaction.js';
import noUnrelatedAwait from '../rules/no-unrelated-await-in-transaction.js';
import type { MessageId as AwaitMessageId, Options as AwaitOptions } from '../rules/no-unrelated-await-in-transaction.js';
import { fixturesDir, typedTester, untypedTester } from './rule-tester.js';

/** Real files: typed runs need the linted file to exist inside a tsconfig project. */
const checkout = path.join(fixturesDir, 'cross-file', 'checkout.ts');
const actions = path.join(fixturesDir, 'cross-file', 'aliased', 'src', 'actions.ts');

/** Imported modules are parsed with oxc-parser when it is installed; this mode runs the fallback. */
const fallbackMode = 'untyped, modules parsed by typescript-estree';

const testers: readonly (readonly [string, RuleTester])[] = [
  ['untyped', untypedTester()],
  [fallbackMode, untypedTester()],
  ['typed', typedTester()],
];

const outerValid: ValidTestCase<OuterOptions>[] = [
  {
    name: 'the handle, a helper that takes the handle, and a helper that does not query',
    filename: checkout,
    code: `import { prisma } from './db/prisma-client';
import { findUserWith, formatUser } from './services/users';
export async function checkout(id: number) {
  await prisma.$transaction(async (tx) => {
    const user = await findUserWith(tx, id);
    await tx.order.create({ data: { userId: id, name: formatUser(user) } });
  });
}`,
  },
  {
    name: 'the imported client and helper outside the transaction',
    filename: checkout,
    code: `import { prisma } from './db/prisma-client';
import { findUser } from './services/users';
export async function checkout(id: number) {
  const user = await findUser(id);
  await prisma.$transaction(async (tx) => {
    await tx.order.create({ data: { userId: user.id } });
  });
  await prisma.auditLog.create({ data: { id } });
}`,
  },
  {
    name: 'lookalikes: a local module exporting non-clients named prisma, db and pool, and helpers over them',
    filename: checkout,
    code: `import { prisma } from './db/prisma-client';
import { prisma as fakePrisma, db as fakeDb, pool as fakePool } from './db/fake';
import { findUser, recordOrder } from './services/fake-users';
export async function checkout(id: number) {
  await prisma.$transaction(async (tx) => {
    await fakePrisma.user.findUnique({ where: { id } });
    await fakeDb('orders').insert({ id });
    await fakePool.get('primary')?.query('SELECT 1');
    await findUser(id);
    await recordOrder({ id });
  });
  await fakePrisma.$transaction(async (tx) => {
    await fakePrisma.user.count();
  });
}`,
  },
  {
    name: 'a Prisma helper called inside a Knex transaction (another library)',
    filename: checkout,
    code: `import db from './db/knex';
import { findUser } from './services/users';
export async function checkout(id: number) {
  await db.transaction(async (trx) => {
    await findUser(id);
    await trx('orders').insert({ id });
  });
}`,
  },
  {
    name: 'an import that does not resolve to a file',
    filename: checkout,
    code: `import { prisma } from './db/missing';
export async function checkout(id: number) {
  await prisma.$transaction(async (tx) => {
    await prisma.user.findUnique({ where: { id } });
  });
}`,
  },
];

const outerInvalid: InvalidTestCase<OuterMessageId, OuterOptions>[] = [
  {
    name: 'the outer client imported from a local module, and through a barrel',
    filename: checkout,
    code: `import { prisma } from './db/prisma-client';
import { prisma as client } from './db';
export async function checkout(id: number) {
  await prisma.$transaction(async (tx) => {
    await prisma.user.update({ where: { id }, data: { seen: true } });
    await client.order.create({ data: { userId: id } });
  });
}`,
    errors: [
      {
        messageId: 'outerClient',
        line: 5,
        column: 11,
        endLine: 5,
        endColumn: 29,
        suggestions: [
          {
            messageId: 'useHandle',
            data: { replacement: 'tx' },
            output: `import { prisma } from './db/prisma-client';
import { prisma as client } from './db';
export async function checkout(id: number) {
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id }, data: { seen: true } });
    await client.order.create({ data: { userId: id } });
  });
}`,
          },
        ],
      },
      {
        messageId: 'outerClient',
        line: 6,
        column: 11,
        endLine: 6,
        endColumn: 30,
        suggestions: [
          {
            messageId: 'useHandle',
            data: { replacement: 'tx' },
            output: `import { prisma } from './db/prisma-client';
import { prisma as client } from './db';
export async function checkout(id: number) {
  await prisma.$transaction(async (tx) => {
    await prisma.user.update({ where: { id }, data: { seen: true } });
    await tx.order.create({ data: { userId: id } });
  });
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'imported helpers (a function and a const arrow) that close over the outer client',
    filename: checkout,
    code: `import { prisma } from './db/prisma-client';
import { countUsers, findUser } from './services/users';
export async function checkout(id: number) {
  await prisma.$transaction(async (tx) => {
    const user = await findUser(id);
    const total = await countUsers();
    await tx.order.create({ data: { userId: user.id, rank: total } });
  });
}`,
    errors: [
      {
        messageId: 'outerClientInHelper',
        data: { helper: 'findUser', library: 'Prisma', client: 'prisma' },
        line: 5,
        column: 24,
        endLine: 5,
        endColumn: 32,
      },
      {
        messageId: 'outerClientInHelper',
        data: { helper: 'countUsers', library: 'Prisma', client: 'prisma' },
        line: 6,
        column: 25,
        endLine: 6,
        endColumn: 35,
      },
    ],
  },
  {
    name: 'Knex: the default export of a local module, a barrel re-export of it, and a helper over it',
    filename: checkout,
    code: `import db from './db/knex';
import { db as knex } from './db';
import { recordOrder } from './services/orders';
export async function checkout(id: number) {
  await db.transaction(async (trx) => {
    await db('orders').insert({ id });
    await knex('audit').insert({ id });
    await recordOrder({ id });
  });
}`,
    errors: [
      {
        messageId: 'outerClient',
        line: 6,
        column: 11,
        endLine: 6,
        endColumn: 13,
        suggestions: [
          {
            messageId: 'useHandle',
            data: { replacement: 'trx' },
            output: `import db from './db/knex';
import { db as knex } from './db';
import { recordOrder } from './services/orders';
export async function checkout(id: number) {
  await db.transaction(async (trx) => {
    await trx('orders').insert({ id });
    await knex('audit').insert({ id });
    await recordOrder({ id });
  });
}`,
          },
        ],
      },
      {
        messageId: 'outerClient',
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 15,
        suggestions: [
          {
            messageId: 'useHandle',
            data: { replacement: 'trx' },
            output: `import db from './db/knex';
import { db as knex } from './db';
import { recordOrder } from './services/orders';
export async function checkout(id: number) {
  await db.transaction(async (trx) => {
    await db('orders').insert({ id });
    await trx('audit').insert({ id });
    await recordOrder({ id });
  });
}`,
          },
        ],
      },
      {
        messageId: 'outerClientInHelper',
        data: { helper: 'recordOrder', library: 'Knex', client: 'db' },
        line: 8,
        column: 11,
        endLine: 8,
        endColumn: 22,
      },
    ],
  },
  {
    name: 'pg: a pool exported by module.exports from a local module',
    filename: checkout,
    code: `import { pool } from './db/pool';
export async function checkout(id: number) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await pool.query('INSERT INTO orders (id) VALUES ($1)', [id]);
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}`,
    errors: [
      {
        messageId: 'outerClient',
        line: 6,
        column: 11,
        endLine: 6,
        endColumn: 21,
        suggestions: [
          {
            messageId: 'useHandle',
            data: { replacement: 'client' },
            output: `import { pool } from './db/pool';
export async function checkout(id: number) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('INSERT INTO orders (id) VALUES ($1)', [id]);
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'tsconfig paths: `@/lib/db` and a helper imported through `@/lib/audit`',
    filename: actions,
    code: `import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
export async function placeOrder(id: number) {
  await db.$transaction(async (tx) => {
    await tx.order.create({ data: { id } });
    await db.user.update({ where: { id }, data: { orders: { increment: 1 } } });
    await audit('order');
  });
}`,
    errors: [
      {
        messageId: 'outerClient',
        line: 6,
        column: 11,
        endLine: 6,
        endColumn: 25,
        suggestions: [
          {
            messageId: 'useHandle',
            data: { replacement: 'tx' },
            output: `import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
export async function placeOrder(id: number) {
  await db.$transaction(async (tx) => {
    await tx.order.create({ data: { id } });
    await tx.user.update({ where: { id }, data: { orders: { increment: 1 } } });
    await audit('order');
  });
}`,
          },
        ],
      },
      {
        messageId: 'outerClientInHelper',
        data: { helper: 'audit', library: 'Prisma', client: 'db' },
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 16,
      },
    ],
  },
];

const awaitValid: ValidTestCase<AwaitOptions>[] = [
  {
    name: 'an imported helper that only queries, and one that does no I/O',
    filename: checkout,
    code: `import { prisma } from './db/prisma-client';
import { findUserWith, formatUser } from './services/users';
export async function checkout(id: number) {
  await prisma.$transaction(async (tx) => {
    const user = await findUserWith(tx, id);
    formatUser(user);
  });
}`,
  },
  {
    name: 'an imported helper doing HTTP, called after the transaction',
    filename: checkout,
    code: `import { prisma } from './db/prisma-client';
import { notifyUser } from './services/users';
export async function checkout(id: number) {
  await prisma.$transaction(async (tx) => {
    await tx.order.create({ data: { userId: id } });
  });
  await notifyUser(id);
}`,
  },
];

const awaitInvalid: InvalidTestCase<AwaitMessageId, AwaitOptions>[] = [
  {
    name: 'an imported helper that does HTTP inside the transaction',
    filename: checkout,
    code: `import { prisma } from './db/prisma-client';
import { notifyUser } from './services/users';
export async function checkout(id: number) {
  await prisma.$transaction(async (tx) => {
    await tx.order.create({ data: { userId: id } });
    await notifyUser(id);
  });
}`,
    errors: [
      {
        messageId: 'unrelatedAwait',
        data: { what: '`notifyUser()`, which awaits an HTTP request (axios),', library: 'Prisma' },
        line: 6,
        column: 5,
        endLine: 6,
        endColumn: 25,
        suggestions: [
          {
            messageId: 'moveBeforeTransactionReordering',
            output: `import { prisma } from './db/prisma-client';
import { notifyUser } from './services/users';
export async function checkout(id: number) {
  await notifyUser(id);
  await prisma.$transaction(async (tx) => {
    await tx.order.create({ data: { userId: id } });
  });
}`,
          },
          {
            messageId: 'moveAfterTransaction',
            output: `import { prisma } from './db/prisma-client';
import { notifyUser } from './services/users';
export async function checkout(id: number) {
  await prisma.$transaction(async (tx) => {
    await tx.order.create({ data: { userId: id } });
  });
  await notifyUser(id);
}`,
          },
        ],
      },
    ],
  },
];

for (const [mode, tester] of testers) {
  describe(mode, () => {
    if (mode === fallbackMode) {
      beforeAll(() => {
        useModuleParser('typescript-estree');
      });
      afterAll(() => {
        useModuleParser('auto');
      });
    }
    tester.run(`no-outer-client-in-transaction across files (${mode})`, noOuterClient, {
      valid: outerValid,
      invalid: outerInvalid,
    });
    tester.run(`no-unrelated-await-in-transaction across files (${mode})`, noUnrelatedAwait, {
      valid: awaitValid,
      invalid: awaitInvalid,
    });
  });
}

// With types, an object whose origin syntax cannot follow (a field of an injected dependencies
// object) is confirmed by its type's declaration: here a client generated into the project.
const dependencies = `import { prisma } from './db/prisma-client';
import type { Deps } from './services/deps';
export async function checkout(deps: Deps) {
  await prisma.$transaction(async (tx) => {
    await deps.db.$executeRawUnsafe('DELETE FROM sessions');
  });
}`;

typedTester().run('no-outer-client-in-transaction: a client known only by its type (typed)', noOuterClient, {
  valid: [],
  invalid: [
    {
      name: 'deps.db typed as the generated PrismaClient',
      filename: checkout,
      code: dependencies,
      errors: [
        {
          messageId: 'outerClient',
          line: 5,
          column: 11,
          endLine: 5,
          endColumn: 36,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'tx' },
              output: `import { prisma } from './db/prisma-client';
import type { Deps } from './services/deps';
export async function checkout(deps: Deps) {
  await prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe('DELETE FROM sessions');
  });
}`,
            },
          ],
        },
      ],
    },
  ],
});

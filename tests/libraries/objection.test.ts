/**
 * Objection: `Person.transaction(async (trx) => ...)`, `transaction(Person.knex(), async (trx) => ...)`,
 * `Person.startTransaction()` regions, and Objection models inside Knex transactions. Queries carry
 * the transaction as an argument (`Person.query(trx)`) or by `.transacting(trx)`.
 */
import noOuterClient from '../../rules/no-outer-client-in-transaction.js';
import noUnrelatedAwait from '../../rules/no-unrelated-await-in-transaction.js';
import requireTransactionOption from '../../rules/require-transaction-option.js';
import { untypedTester } from '../rule-tester.js';

const ruleTester = untypedTester();

ruleTester.run('require-transaction-option (objection)', requireTransactionOption, {
  valid: [
    {
      name: 'the transaction passed to query(), relatedQuery() and by transacting()',
      code: `import { Model } from 'objection';
class Person extends Model {}
export async function save() {
  await Person.transaction(async (trx) => {
    await Person.query(trx).insert({ name: 'Ada' });
    await Person.relatedQuery('pets', trx).for(1).insert({ name: 'Rex' });
    await Person.query().insert({ name: 'Bob' }).transacting(trx);
    await Person.query().findById(1).patch({ age: 3 }).transacting(trx);
  });
}`,
    },
    {
      name: 'queries outside the transaction',
      code: `import { Model } from 'objection';
class Person extends Model {}
export async function save() {
  const people = await Person.query();
  await Person.transaction(async (trx) => {
    await Person.query(trx).insert(people);
  });
  await Person.query().delete();
}`,
    },
    {
      name: 'region: queries after commit',
      code: `import { Model } from 'objection';
class Person extends Model {}
export async function save() {
  const trx = await Person.startTransaction();
  await Person.query(trx).insert({});
  await trx.commit();
  await Person.query().delete();
}`,
    },
    {
      name: 'lookalike: a class with static query() and transaction() that is not an Objection model',
      code: `class Person {
  static query(trx?: unknown) { return []; }
  static async transaction(fn: (trx: unknown) => Promise<void>) { await fn({}); }
}
export async function save() {
  await Person.transaction(async (trx) => {
    await Person.query();
  });
}`,
    },
    {
      name: 'lookalike: Model from another package',
      code: `import { Model } from 'backbone';
import { Model as ObjectionModel } from 'objection';
class Person extends Model {}
class Pet extends ObjectionModel {}
export async function save() {
  await Pet.transaction(async (trx) => {
    await Person.query();
    await Pet.query(trx);
  });
}`,
    },
    {
      name: 'lookalike: an Objection model queried inside a non-database transaction()',
      code: `import { Model } from 'objection';
class Person extends Model {}
const store = { transaction: async (fn) => fn() };
export async function save(unknownDb, cache: Map<string, unknown>) {
  await store.transaction(async (trx) => {
    await Person.query();
  });
  await unknownDb.transaction(async (trx) => {
    await Person.query();
    cache.get('x');
  });
}`,
    },
    {
      name: 'a model bound to the transaction with bindKnex()',
      code: `import { Model } from 'objection';
class Person extends Model {}
export async function save() {
  await Person.transaction(async (trx) => {
    const BoundPerson = Person.bindKnex(trx);
    await BoundPerson.query().insert({});
  });
}`,
    },
  ],
  invalid: [
    {
      name: 'Person.query() without the transaction inside Person.transaction()',
      code: `import { Model } from 'objection';
class Person extends Model {}
export async function save() {
  await Person.transaction(async (trx) => {
    await Person.query().insert({ name: 'Ada' });
  });
}`,
      errors: [
        {
          messageId: 'missingTransactionArgument',
          data: { call: 'Person.query()', library: 'Objection', position: 'first' },
          line: 5,
          column: 11,
          endLine: 5,
          endColumn: 23,
          suggestions: [
            {
              messageId: 'addTransaction',
              data: { handle: 'trx' },
              output: `import { Model } from 'objection';
class Person extends Model {}
export async function save() {
  await Person.transaction(async (trx) => {
    await Person.query(trx).insert({ name: 'Ada' });
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'another model, relatedQuery() without its second argument, and a subclass of a base model',
      code: `import { Model } from 'objection';
class BaseModel extends Model {}
class Person extends BaseModel {}
class Animal extends BaseModel {}
export async function save(id: number) {
  await Person.transaction(async (trx) => {
    await Animal.query().where('ownerId', id).delete();
    await Person.relatedQuery('pets').for(id).insert({ name: 'Rex' });
  });
}`,
      errors: [
        {
          messageId: 'missingTransactionArgument',
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 23,
          suggestions: [
            {
              messageId: 'addTransaction',
              data: { handle: 'trx' },
              output: `import { Model } from 'objection';
class BaseModel extends Model {}
class Person extends BaseModel {}
class Animal extends BaseModel {}
export async function save(id: number) {
  await Person.transaction(async (trx) => {
    await Animal.query(trx).where('ownerId', id).delete();
    await Person.relatedQuery('pets').for(id).insert({ name: 'Rex' });
  });
}`,
            },
          ],
        },
        {
          messageId: 'missingTransactionArgument',
          data: { call: 'Person.relatedQuery()', library: 'Objection', position: 'second' },
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 30,
          suggestions: [
            {
              messageId: 'addTransaction',
              data: { handle: 'trx' },
              output: `import { Model } from 'objection';
class BaseModel extends Model {}
class Person extends BaseModel {}
class Animal extends BaseModel {}
export async function save(id: number) {
  await Person.transaction(async (trx) => {
    await Animal.query().where('ownerId', id).delete();
    await Person.relatedQuery('pets', trx).for(id).insert({ name: 'Rex' });
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: "transaction(Person.knex(), cb) imported from 'objection'",
      code: `import { Model, transaction } from 'objection';
class Person extends Model {}
export async function save() {
  await transaction(Person.knex(), async (trx) => {
    await Person.query().patch({ active: false });
  });
}`,
      errors: [
        {
          messageId: 'missingTransactionArgument',
          line: 5,
          column: 11,
          endLine: 5,
          endColumn: 23,
          suggestions: [
            {
              messageId: 'addTransaction',
              data: { handle: 'trx' },
              output: `import { Model, transaction } from 'objection';
class Person extends Model {}
export async function save() {
  await transaction(Person.knex(), async (trx) => {
    await Person.query(trx).patch({ active: false });
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'CommonJS: require("objection") destructured and as a namespace',
      code: `const { Model } = require('objection');
const objection = require('objection');
class Person extends Model {}
class Pet extends objection.Model {}
module.exports = async function save() {
  await objection.transaction(Person.knex(), async (trx) => {
    await Pet.query().insert({});
  });
};`,
      filename: 'save.cjs',
      errors: [
        {
          messageId: 'missingTransactionArgument',
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'addTransaction',
              data: { handle: 'trx' },
              output: `const { Model } = require('objection');
const objection = require('objection');
class Person extends Model {}
class Pet extends objection.Model {}
module.exports = async function save() {
  await objection.transaction(Person.knex(), async (trx) => {
    await Pet.query(trx).insert({});
  });
};`,
            },
          ],
        },
      ],
    },
    {
      name: 'an Objection model inside a Knex transaction',
      code: `import Knex from 'knex';
import { Model } from 'objection';
const knex = Knex({ client: 'pg' });
Model.knex(knex);
class Person extends Model {}
export async function save() {
  await knex.transaction(async (trx) => {
    await trx('audit').insert({});
    await Person.query().insert({});
  });
}`,
      errors: [
        {
          messageId: 'missingTransactionArgument',
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 23,
          suggestions: [
            {
              messageId: 'addTransaction',
              data: { handle: 'trx' },
              output: `import Knex from 'knex';
import { Model } from 'objection';
const knex = Knex({ client: 'pg' });
Model.knex(knex);
class Person extends Model {}
export async function save() {
  await knex.transaction(async (trx) => {
    await trx('audit').insert({});
    await Person.query(trx).insert({});
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'region: Person.startTransaction() … trx.commit()',
      code: `import { Model } from 'objection';
class Person extends Model {}
export async function save() {
  const trx = await Person.startTransaction();
  await Person.query().insert({});
  await trx.commit();
}`,
      errors: [
        {
          messageId: 'missingTransactionArgument',
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'addTransaction',
              data: { handle: 'trx' },
              output: `import { Model } from 'objection';
class Person extends Model {}
export async function save() {
  const trx = await Person.startTransaction();
  await Person.query(trx).insert({});
  await trx.commit();
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'callback without a handle: reported without a suggestion',
      code: `import { Model } from 'objection';
class Person extends Model {}
export async function save() {
  await Person.transaction(async () => {
    await Person.query().findById(1);
  });
}`,
      errors: [
        { messageId: 'missingTransactionArgument', line: 5, column: 11, endLine: 5, endColumn: 23, suggestions: [] },
      ],
    },
    {
      name: 'a static method querying through `this` inside a transaction callback',
      code: `import { Model } from 'objection';
export class Person extends Model {
  static async rename(id: number, name: string) {
    return this.transaction(async (trx) => {
      await this.query().findById(id).patch({ name });
    });
  }
}`,
      errors: [
        {
          messageId: 'missingTransactionArgument',
          line: 5,
          column: 13,
          endLine: 5,
          endColumn: 23,
          suggestions: [
            {
              messageId: 'addTransaction',
              data: { handle: 'trx' },
              output: `import { Model } from 'objection';
export class Person extends Model {
  static async rename(id: number, name: string) {
    return this.transaction(async (trx) => {
      await this.query(trx).findById(id).patch({ name });
    });
  }
}`,
            },
          ],
        },
      ],
    },
  ],
});

ruleTester.run('no-outer-client-in-transaction (objection)', noOuterClient, {
  valid: [
    {
      name: 'Objection model queries are require-transaction-option’s, not this rule’s',
      code: `import { Model } from 'objection';
class Person extends Model {}
export async function save() {
  await Person.transaction(async (trx) => {
    await Person.query().insert({});
    await Person.query(trx).insert({});
  });
}`,
    },
    {
      name: 'a nested transaction on the handle',
      code: `import { Model, transaction } from 'objection';
class Person extends Model {}
export async function save() {
  await transaction(Person.knex(), async (trx) => {
    await trx.transaction(async (inner) => {
      await Person.query(inner).insert({});
    });
  });
}`,
    },
  ],
  invalid: [
    {
      name: 'the outer Knex instance inside transaction(knex, cb)',
      code: `import Knex from 'knex';
import { transaction } from 'objection';
const knex = Knex({ client: 'pg' });
export async function save() {
  await transaction(knex, async (trx) => {
    await knex('audit').insert({});
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'trx' },
              output: `import Knex from 'knex';
import { transaction } from 'objection';
const knex = Knex({ client: 'pg' });
export async function save() {
  await transaction(knex, async (trx) => {
    await trx('audit').insert({});
  });
}`,
            },
          ],
        },
      ],
    },
  ],
});

ruleTester.run('no-unrelated-await-in-transaction (objection)', noUnrelatedAwait, {
  valid: [
    {
      name: 'model queries with the transaction',
      code: `import { Model } from 'objection';
class Person extends Model {}
export async function save() {
  await Person.transaction(async (trx) => {
    const person = await Person.query(trx).findById(1);
    await person.$query(trx).patch({ seen: true });
  });
  await fetch('https://hooks.example.com');
}`,
    },
  ],
  invalid: [
    {
      name: 'fetch inside Person.transaction(), moved before it',
      code: `import { Model } from 'objection';
class Person extends Model {}
export async function save(id: number) {
  await Person.transaction(async (trx) => {
    await Person.query(trx).findById(id).patch({ seen: true });
    const res = await fetch('https://api.example.com/people/' + id);
  });
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { what: 'an HTTP request (fetch)', library: 'Objection' },
          line: 6,
          column: 17,
          endLine: 6,
          endColumn: 68,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `import { Model } from 'objection';
class Person extends Model {}
export async function save(id: number) {
  const res = await fetch('https://api.example.com/people/' + id);
  await Person.transaction(async (trx) => {
    await Person.query(trx).findById(id).patch({ seen: true });
  });
}`,
            },
          ],
        },
      ],
    },
  ],
});

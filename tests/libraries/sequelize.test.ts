/**
 * Sequelize (v6, sequelize-typescript, NestJS `@nestjs/sequelize`) against the three transaction
 * rules.
 *
 * - require-transaction-option: model statics, instances and `sequelize.query` inside a managed
 *   (`sequelize.transaction(async (t) => ...)`) or unmanaged (`const t = await
 *   sequelize.transaction()`) transaction without `{ transaction: t }` in the right argument.
 * - no-outer-client-in-transaction: Sequelize objects carry the transaction as an option, so they
 *   are require-transaction-option's; this rule stays silent on them.
 * - no-unrelated-await-in-transaction: HTTP, timers and helpers awaited inside the transaction.
 */
import path from 'node:path';

import noOuterClientInTransaction from '../../rules/no-outer-client-in-transaction.js';
import noUnrelatedAwaitInTransaction from '../../rules/no-unrelated-await-in-transaction.js';
import requireTransactionOption from '../../rules/require-transaction-option.js';
import { fixturesDir, untypedTester } from '../rule-tester.js';

const ruleTester = untypedTester();

ruleTester.run('require-transaction-option', requireTransactionOption, {
  valid: [
    // every query carries the transaction in its options argument
    {
      code: `
import { DataTypes, Model, QueryTypes, Sequelize, Transaction } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');

class User extends Model {}
User.init({ name: DataTypes.STRING, active: DataTypes.BOOLEAN }, { sequelize });

export async function rename(id: number, name: string) {
  await sequelize.transaction(async (t) => {
    const user = await User.findByPk(id, { transaction: t, lock: Transaction.LOCK.UPDATE });
    await User.findAll({ where: { active: true }, transaction: t });
    await User.create({ name }, { transaction: t });
    await User.update({ name }, { where: { id }, transaction: t });
    await User.destroy({ where: { active: false }, transaction: t });
    await User.count({ transaction: t });
    await User.increment('logins', { by: 1, where: { id }, transaction: t });
    await sequelize.query('UPDATE stats SET n = n + 1', { transaction: t, type: QueryTypes.UPDATE });
    await user?.save({ transaction: t });
    await user?.reload({ transaction: t });
  });
}
`,
    },
    // the handle named transaction (shorthand), options in a variable or spread
    {
      code: `
import { DataTypes, Model, QueryTypes, Sequelize, Transaction } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');

class User extends Model {}
User.init({ name: DataTypes.STRING, active: DataTypes.BOOLEAN }, { sequelize });

export async function f(id: number, extra: object) {
  await sequelize.transaction(async (transaction) => {
    await User.findAll({ transaction });
    const options = { where: { id }, transaction };
    await User.destroy(options);
    await User.update({ active: false }, { ...extra, where: { id } });
    const draft = User.build({ name: 'draft' });
    draft.set('active', true);
  });
}
`,
    },
    // queries before and after the transaction need no option
    {
      code: `
import { DataTypes, Model, QueryTypes, Sequelize, Transaction } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');

class User extends Model {}
User.init({ name: DataTypes.STRING, active: DataTypes.BOOLEAN }, { sequelize });

export async function f(id: number) {
  const user = await User.findByPk(id);
  const t = await sequelize.transaction();
  await User.update({ active: true }, { where: { id }, transaction: t });
  await t.commit();
  await User.findAll();
  await sequelize.transaction(async (tx) => {
    await sequelize.query('SELECT 1', { transaction: tx });
  });
  return user?.save();
}
`,
    },
    // Sequelize.useCLS() at the top level: queries join the transaction by themselves
    {
      code: `
import { createNamespace } from 'cls-hooked';
import { Model, Sequelize } from 'sequelize';

Sequelize.useCLS(createNamespace('app'));
const sequelize = new Sequelize('postgres://localhost/app');
class User extends Model {}

export async function f() {
  await sequelize.transaction(async () => {
    await User.findAll();
    await sequelize.query('SELECT 1');
  });
}
`,
    },
    // multi-file: useCLS() in the module that makes the Sequelize instance
    {
      code: `
import { sequelize } from './db-cls.js';
import { User } from './models.js';

export async function register(name: string) {
  await sequelize.transaction(async () => {
    await User.create({ name });
  });
}
`,
      filename: path.join(fixturesDir, 'sequelize/register.ts'),
    },
    // lookalikes: Model from another package, a local class with transaction() and findAll(), a plain object named sequelize
    {
      code: `
import { Model } from 'backbone';

class Repo {
  async transaction(fn: (t: object) => Promise<void>) {
    await fn({});
  }
  async findAll() {
    return [];
  }
  async save() {}
}
class Todo extends Model {}
const repo = new Repo();
const sequelize = {
  transaction: async (fn: (t: object) => Promise<void>) => fn({}),
  query: async (sql: string) => sql,
};
const models = new Map<string, Repo>();

export async function f() {
  await repo.transaction(async (t) => {
    await repo.findAll();
    await repo.save();
  });
  await sequelize.transaction(async (t) => {
    await sequelize.query('SELECT 1');
    await Todo.findAll();
    await models.get('User')?.findAll();
  });
}
`,
    },
    // lookalikes: an untyped parameter and a value typed any
    {
      code: `
export async function f(db, legacy: any) {
  await db.transaction(async (t) => {
    await db.models.User.findAll();
    await db.query('SELECT 1');
  });
  await legacy.transaction(async (t) => {
    await legacy.model('User').create({});
  });
}
`,
    },
    // a model of another library inside a Sequelize transaction
    {
      code: `
import { Model as ObjectionModel } from 'objection';
import { Sequelize } from 'sequelize';

class Person extends ObjectionModel {}
const sequelize = new Sequelize('postgres://localhost/app');

export async function f() {
  await sequelize.transaction(async (t) => {
    await Person.query().findById(1);
  });
}
`,
    },
  ],
  invalid: [
    // class model (extends Model + init) in a managed transaction
    {
      code: `
import { DataTypes, Model, QueryTypes, Sequelize, Transaction } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');

class User extends Model {}
User.init({ name: DataTypes.STRING, active: DataTypes.BOOLEAN }, { sequelize });

export async function register(name: string) {
  await sequelize.transaction(async (t) => {
    await User.create({ name });
  });
}
`,
      errors: [
        {
          messageId: 'missingTransactionOption', data: { call: 'User.create()', library: 'Sequelize', property: 'transaction', handle: 't', position: 'second' }, line: 11, column: 11, endLine: 11, endColumn: 22,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `
import { DataTypes, Model, QueryTypes, Sequelize, Transaction } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');

class User extends Model {}
User.init({ name: DataTypes.STRING, active: DataTypes.BOOLEAN }, { sequelize });

export async function register(name: string) {
  await sequelize.transaction(async (t) => {
    await User.create({ name }, { transaction: t });
  });
}
`,
            },
          ],
        },
      ],
    },
    // options object without the transaction, no options at all, isolation level argument
    {
      code: `
import { DataTypes, Model, QueryTypes, Sequelize, Transaction } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');

class User extends Model {}
User.init({ name: DataTypes.STRING, active: DataTypes.BOOLEAN }, { sequelize });

export async function f(id: number) {
  await sequelize.transaction({ isolationLevel: Transaction.ISOLATION_LEVELS.SERIALIZABLE }, async (t) => {
    await User.findAll({ where: { active: true } });
    await User.count();
    await User.update({ active: false }, { where: { id } });
    await sequelize.query('SELECT 1', { type: QueryTypes.SELECT });
  });
}
`,
      errors: [
        {
          messageId: 'missingTransactionOption', line: 11, column: 11, endLine: 11, endColumn: 23,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `
import { DataTypes, Model, QueryTypes, Sequelize, Transaction } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');

class User extends Model {}
User.init({ name: DataTypes.STRING, active: DataTypes.BOOLEAN }, { sequelize });

export async function f(id: number) {
  await sequelize.transaction({ isolationLevel: Transaction.ISOLATION_LEVELS.SERIALIZABLE }, async (t) => {
    await User.findAll({ where: { active: true }, transaction: t });
    await User.count();
    await User.update({ active: false }, { where: { id } });
    await sequelize.query('SELECT 1', { type: QueryTypes.SELECT });
  });
}
`,
            },
          ],
        },
        {
          messageId: 'missingTransactionOption', line: 12, column: 11, endLine: 12, endColumn: 21,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `
import { DataTypes, Model, QueryTypes, Sequelize, Transaction } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');

class User extends Model {}
User.init({ name: DataTypes.STRING, active: DataTypes.BOOLEAN }, { sequelize });

export async function f(id: number) {
  await sequelize.transaction({ isolationLevel: Transaction.ISOLATION_LEVELS.SERIALIZABLE }, async (t) => {
    await User.findAll({ where: { active: true } });
    await User.count({ transaction: t });
    await User.update({ active: false }, { where: { id } });
    await sequelize.query('SELECT 1', { type: QueryTypes.SELECT });
  });
}
`,
            },
          ],
        },
        {
          messageId: 'missingTransactionOption', line: 13, column: 11, endLine: 13, endColumn: 22,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `
import { DataTypes, Model, QueryTypes, Sequelize, Transaction } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');

class User extends Model {}
User.init({ name: DataTypes.STRING, active: DataTypes.BOOLEAN }, { sequelize });

export async function f(id: number) {
  await sequelize.transaction({ isolationLevel: Transaction.ISOLATION_LEVELS.SERIALIZABLE }, async (t) => {
    await User.findAll({ where: { active: true } });
    await User.count();
    await User.update({ active: false }, { where: { id }, transaction: t });
    await sequelize.query('SELECT 1', { type: QueryTypes.SELECT });
  });
}
`,
            },
          ],
        },
        {
          messageId: 'missingTransactionOption', line: 14, column: 11, endLine: 14, endColumn: 26,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `
import { DataTypes, Model, QueryTypes, Sequelize, Transaction } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');

class User extends Model {}
User.init({ name: DataTypes.STRING, active: DataTypes.BOOLEAN }, { sequelize });

export async function f(id: number) {
  await sequelize.transaction({ isolationLevel: Transaction.ISOLATION_LEVELS.SERIALIZABLE }, async (t) => {
    await User.findAll({ where: { active: true } });
    await User.count();
    await User.update({ active: false }, { where: { id } });
    await sequelize.query('SELECT 1', { type: QueryTypes.SELECT, transaction: t });
  });
}
`,
            },
          ],
        },
      ],
    },
    // sequelize.define() and sequelize.models.X
    {
      code: `
import { DataTypes, Sequelize } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');
const Post = sequelize.define('Post', { title: DataTypes.STRING });

export async function f(id: number) {
  await sequelize.transaction(async (t) => {
    await Post.findByPk(id);
    await sequelize.models.Comment.destroy({ where: { postId: id } });
  });
}
`,
      errors: [
        {
          messageId: 'missingTransactionOption', line: 9, column: 11, endLine: 9, endColumn: 24,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `
import { DataTypes, Sequelize } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');
const Post = sequelize.define('Post', { title: DataTypes.STRING });

export async function f(id: number) {
  await sequelize.transaction(async (t) => {
    await Post.findByPk(id, { transaction: t });
    await sequelize.models.Comment.destroy({ where: { postId: id } });
  });
}
`,
            },
          ],
        },
        {
          messageId: 'missingTransactionOption', line: 10, column: 11, endLine: 10, endColumn: 43,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `
import { DataTypes, Sequelize } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');
const Post = sequelize.define('Post', { title: DataTypes.STRING });

export async function f(id: number) {
  await sequelize.transaction(async (t) => {
    await Post.findByPk(id);
    await sequelize.models.Comment.destroy({ where: { postId: id }, transaction: t });
  });
}
`,
            },
          ],
        },
      ],
    },
    // unmanaged transaction: const t = await sequelize.transaction() ... t.commit()
    {
      code: `
import { DataTypes, Model, QueryTypes, Sequelize, Transaction } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');

class User extends Model {}
User.init({ name: DataTypes.STRING, active: DataTypes.BOOLEAN }, { sequelize });

export async function f(name: string) {
  const t = await sequelize.transaction();
  await User.create({ name });
  await sequelize.query('UPDATE stats SET n = n + 1');
  await t.commit();
}
`,
      errors: [
        {
          messageId: 'missingTransactionOption', line: 11, column: 9, endLine: 11, endColumn: 20,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `
import { DataTypes, Model, QueryTypes, Sequelize, Transaction } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');

class User extends Model {}
User.init({ name: DataTypes.STRING, active: DataTypes.BOOLEAN }, { sequelize });

export async function f(name: string) {
  const t = await sequelize.transaction();
  await User.create({ name }, { transaction: t });
  await sequelize.query('UPDATE stats SET n = n + 1');
  await t.commit();
}
`,
            },
          ],
        },
        {
          messageId: 'missingTransactionOption', line: 12, column: 9, endLine: 12, endColumn: 24,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `
import { DataTypes, Model, QueryTypes, Sequelize, Transaction } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');

class User extends Model {}
User.init({ name: DataTypes.STRING, active: DataTypes.BOOLEAN }, { sequelize });

export async function f(name: string) {
  const t = await sequelize.transaction();
  await User.create({ name });
  await sequelize.query('UPDATE stats SET n = n + 1', { transaction: t });
  await t.commit();
}
`,
            },
          ],
        },
      ],
    },
    // instances read inside the transaction, then saved without it
    {
      code: `
import { DataTypes, Model, QueryTypes, Sequelize, Transaction } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');

class User extends Model {}
User.init({ name: DataTypes.STRING, active: DataTypes.BOOLEAN }, { sequelize });

export async function rename(id: number, name: string) {
  await sequelize.transaction(async (t) => {
    const user = await User.findByPk(id, { transaction: t });
    if (!user) return;
    user.set('name', name);
    await user.save();
    await user.update({ active: true });
    const draft = User.build({ name });
    await draft.save({ validate: true });
  });
}
`,
      errors: [
        {
          messageId: 'missingTransactionOption', line: 14, column: 11, endLine: 14, endColumn: 20,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `
import { DataTypes, Model, QueryTypes, Sequelize, Transaction } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');

class User extends Model {}
User.init({ name: DataTypes.STRING, active: DataTypes.BOOLEAN }, { sequelize });

export async function rename(id: number, name: string) {
  await sequelize.transaction(async (t) => {
    const user = await User.findByPk(id, { transaction: t });
    if (!user) return;
    user.set('name', name);
    await user.save({ transaction: t });
    await user.update({ active: true });
    const draft = User.build({ name });
    await draft.save({ validate: true });
  });
}
`,
            },
          ],
        },
        {
          messageId: 'missingTransactionOption', line: 15, column: 11, endLine: 15, endColumn: 22,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `
import { DataTypes, Model, QueryTypes, Sequelize, Transaction } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');

class User extends Model {}
User.init({ name: DataTypes.STRING, active: DataTypes.BOOLEAN }, { sequelize });

export async function rename(id: number, name: string) {
  await sequelize.transaction(async (t) => {
    const user = await User.findByPk(id, { transaction: t });
    if (!user) return;
    user.set('name', name);
    await user.save();
    await user.update({ active: true }, { transaction: t });
    const draft = User.build({ name });
    await draft.save({ validate: true });
  });
}
`,
            },
          ],
        },
        {
          messageId: 'missingTransactionOption', line: 17, column: 11, endLine: 17, endColumn: 21,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `
import { DataTypes, Model, QueryTypes, Sequelize, Transaction } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');

class User extends Model {}
User.init({ name: DataTypes.STRING, active: DataTypes.BOOLEAN }, { sequelize });

export async function rename(id: number, name: string) {
  await sequelize.transaction(async (t) => {
    const user = await User.findByPk(id, { transaction: t });
    if (!user) return;
    user.set('name', name);
    await user.save();
    await user.update({ active: true });
    const draft = User.build({ name });
    await draft.save({ validate: true, transaction: t });
  });
}
`,
            },
          ],
        },
      ],
    },
    // the option in the wrong argument
    {
      code: `
import { DataTypes, Model, QueryTypes, Sequelize, Transaction } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');

class User extends Model {}
User.init({ name: DataTypes.STRING, active: DataTypes.BOOLEAN }, { sequelize });

export async function f(id: number, name: string) {
  await sequelize.transaction(async (t) => {
    await User.create({ name, transaction: t });
    await User.update({ name, transaction: t }, { where: { id } });
  });
}
`,
      errors: [
        { messageId: 'transactionOptionInWrongArgument', data: { call: 'User.create()', library: 'Sequelize', property: 'transaction', handle: 't', position: 'second' }, line: 11, column: 23, endLine: 11, endColumn: 47 },
        { messageId: 'transactionOptionInWrongArgument', data: { call: 'User.update()', library: 'Sequelize', property: 'transaction', handle: 't', position: 'second' }, line: 12, column: 23, endLine: 12, endColumn: 47 },
      ],
    },
    // queries in callbacks inside the transaction
    {
      code: `
import { DataTypes, Model, QueryTypes, Sequelize, Transaction } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');

class User extends Model {}
User.init({ name: DataTypes.STRING, active: DataTypes.BOOLEAN }, { sequelize });

export async function f(ids: number[]) {
  await sequelize.transaction(async (transaction) => {
    await Promise.all(ids.map((id) => User.findByPk(id)));
  });
}
`,
      errors: [
        {
          messageId: 'missingTransactionOption', line: 11, column: 39, endLine: 11, endColumn: 52,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 'transaction' },
              output: `
import { DataTypes, Model, QueryTypes, Sequelize, Transaction } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');

class User extends Model {}
User.init({ name: DataTypes.STRING, active: DataTypes.BOOLEAN }, { sequelize });

export async function f(ids: number[]) {
  await sequelize.transaction(async (transaction) => {
    await Promise.all(ids.map((id) => User.findByPk(id, { transaction: transaction })));
  });
}
`,
            },
          ],
        },
      ],
    },
    // NestJS: @InjectModel(User) model and the Sequelize instance injected by type
    {
      code: `
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/sequelize';
import { Sequelize } from 'sequelize-typescript';
import { User } from './user.model';

@Injectable()
export class UsersService {
  constructor(
    @InjectModel(User) private readonly userModel: typeof User,
    private readonly sequelize: Sequelize,
  ) {}

  async create(name: string) {
    return this.sequelize.transaction(async (t) => {
      const user = await this.userModel.create({ name });
      await this.sequelize.query('UPDATE stats SET n = n + 1');
      return user;
    });
  }
}
`,
      errors: [
        {
          messageId: 'missingTransactionOption', line: 16, column: 26, endLine: 16, endColumn: 47,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/sequelize';
import { Sequelize } from 'sequelize-typescript';
import { User } from './user.model';

@Injectable()
export class UsersService {
  constructor(
    @InjectModel(User) private readonly userModel: typeof User,
    private readonly sequelize: Sequelize,
  ) {}

  async create(name: string) {
    return this.sequelize.transaction(async (t) => {
      const user = await this.userModel.create({ name }, { transaction: t });
      await this.sequelize.query('UPDATE stats SET n = n + 1');
      return user;
    });
  }
}
`,
            },
          ],
        },
        {
          messageId: 'missingTransactionOption', line: 17, column: 13, endLine: 17, endColumn: 33,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/sequelize';
import { Sequelize } from 'sequelize-typescript';
import { User } from './user.model';

@Injectable()
export class UsersService {
  constructor(
    @InjectModel(User) private readonly userModel: typeof User,
    private readonly sequelize: Sequelize,
  ) {}

  async create(name: string) {
    return this.sequelize.transaction(async (t) => {
      const user = await this.userModel.create({ name });
      await this.sequelize.query('UPDATE stats SET n = n + 1', { transaction: t });
      return user;
    });
  }
}
`,
            },
          ],
        },
      ],
    },
    // NestJS: @InjectConnection() and a model from sequelize-typescript with decorators
    {
      code: `
import { InjectConnection } from '@nestjs/sequelize';
import { Column, Model, Sequelize, Table } from 'sequelize-typescript';

@Table
export class Account extends Model {
  @Column
  declare balance: number;
}

export class AccountsService {
  constructor(@InjectConnection() private readonly db: Sequelize) {}

  async deposit(id: number, amount: number) {
    await this.db.transaction(async (t) => {
      await Account.increment('balance', { by: amount, where: { id } });
    });
  }
}
`,
      errors: [
        {
          messageId: 'missingTransactionOption', line: 16, column: 13, endLine: 16, endColumn: 30,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `
import { InjectConnection } from '@nestjs/sequelize';
import { Column, Model, Sequelize, Table } from 'sequelize-typescript';

@Table
export class Account extends Model {
  @Column
  declare balance: number;
}

export class AccountsService {
  constructor(@InjectConnection() private readonly db: Sequelize) {}

  async deposit(id: number, amount: number) {
    await this.db.transaction(async (t) => {
      await Account.increment('balance', { by: amount, where: { id }, transaction: t });
    });
  }
}
`,
            },
          ],
        },
      ],
    },
    // CommonJS: destructured require, and the module object itself
    {
      code: `
const { Sequelize, Model, DataTypes } = require('sequelize');
const S = require('sequelize');

const sequelize = new Sequelize('sqlite::memory:');
const other = new S('sqlite::memory:');
class User extends Model {}
User.init({ name: DataTypes.STRING }, { sequelize });
class Log extends S.Model {}

async function f() {
  await sequelize.transaction(async (t) => {
    await User.findAll();
  });
  await other.transaction(async (t) => {
    await Log.findOne({ where: { id: 1 } });
  });
}
`,
      errors: [
        {
          messageId: 'missingTransactionOption', line: 13, column: 11, endLine: 13, endColumn: 23,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `
const { Sequelize, Model, DataTypes } = require('sequelize');
const S = require('sequelize');

const sequelize = new Sequelize('sqlite::memory:');
const other = new S('sqlite::memory:');
class User extends Model {}
User.init({ name: DataTypes.STRING }, { sequelize });
class Log extends S.Model {}

async function f() {
  await sequelize.transaction(async (t) => {
    await User.findAll({ transaction: t });
  });
  await other.transaction(async (t) => {
    await Log.findOne({ where: { id: 1 } });
  });
}
`,
            },
          ],
        },
        {
          messageId: 'missingTransactionOption', line: 16, column: 11, endLine: 16, endColumn: 22,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `
const { Sequelize, Model, DataTypes } = require('sequelize');
const S = require('sequelize');

const sequelize = new Sequelize('sqlite::memory:');
const other = new S('sqlite::memory:');
class User extends Model {}
User.init({ name: DataTypes.STRING }, { sequelize });
class Log extends S.Model {}

async function f() {
  await sequelize.transaction(async (t) => {
    await User.findAll();
  });
  await other.transaction(async (t) => {
    await Log.findOne({ where: { id: 1 }, transaction: t });
  });
}
`,
            },
          ],
        },
      ],
    },
    // aliases and destructuring
    {
      code: `
import { Sequelize as Orm } from 'sequelize';

const sequelize = new Orm('postgres://localhost/app');
const db = sequelize;
const { models } = sequelize;

export async function f() {
  await db.transaction(async (t) => {
    await models.User.count();
  });
}
`,
      errors: [
        {
          messageId: 'missingTransactionOption', line: 10, column: 11, endLine: 10, endColumn: 28,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `
import { Sequelize as Orm } from 'sequelize';

const sequelize = new Orm('postgres://localhost/app');
const db = sequelize;
const { models } = sequelize;

export async function f() {
  await db.transaction(async (t) => {
    await models.User.count({ transaction: t });
  });
}
`,
            },
          ],
        },
      ],
    },
    // multi-file: the instance and models from local modules
    {
      code: `
import { sequelize } from './db.js';
import { Post, User } from './models.js';

export async function register(name: string) {
  await sequelize.transaction(async (t) => {
    await User.create({ name });
    await Post.create({ title: name }, { transaction: t });
  });
}
`,
      filename: path.join(fixturesDir, 'sequelize/register.ts'),
      errors: [
        {
          messageId: 'missingTransactionOption', line: 7, column: 11, endLine: 7, endColumn: 22,
          suggestions: [
            {
              messageId: 'addTransaction', data: { handle: 't' },
              output: `
import { sequelize } from './db.js';
import { Post, User } from './models.js';

export async function register(name: string) {
  await sequelize.transaction(async (t) => {
    await User.create({ name }, { transaction: t });
    await Post.create({ title: name }, { transaction: t });
  });
}
`,
            },
          ],
        },
      ],
    },
  ],
});

ruleTester.run('no-outer-client-in-transaction', noOuterClientInTransaction, {
  valid: [
    // Sequelize model and instance calls are require-transaction-option's
    {
      code: `
import { DataTypes, Model, QueryTypes, Sequelize, Transaction } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');

class User extends Model {}
User.init({ name: DataTypes.STRING, active: DataTypes.BOOLEAN }, { sequelize });

export async function f(id: number) {
  await sequelize.transaction(async (t) => {
    await User.findAll();
    await sequelize.query('SELECT 1');
    const user = await User.findByPk(id, { transaction: t });
    await user?.save();
  });
}
`,
    },
    // unmanaged transaction with every query bound to it
    {
      code: `
import { DataTypes, Model, QueryTypes, Sequelize, Transaction } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');

class User extends Model {}
User.init({ name: DataTypes.STRING, active: DataTypes.BOOLEAN }, { sequelize });

export async function f(name: string) {
  const t = await sequelize.transaction();
  await User.create({ name }, { transaction: t });
  await t.commit();
}
`,
    },
  ],
  invalid: [
  ],
});

ruleTester.run('no-unrelated-await-in-transaction', noUnrelatedAwaitInTransaction, {
  valid: [
    // only queries inside; I/O before and after
    {
      code: `
import { DataTypes, Model, QueryTypes, Sequelize, Transaction } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');

class User extends Model {}
User.init({ name: DataTypes.STRING, active: DataTypes.BOOLEAN }, { sequelize });

export async function f(id: number) {
  const res = await fetch('https://example.com/profile');
  await sequelize.transaction(async (t) => {
    await User.update({ name: 'x' }, { where: { id }, transaction: t });
    await Promise.all([User.count({ transaction: t }), sequelize.query('SELECT 1', { transaction: t })]);
  });
  await fetch('https://example.com/done');
  return res;
}
`,
    },
    // lookalikes: a plain object named sequelize, a local sleep without a timer
    {
      code: `
const sequelize = { transaction: async (fn: (t: object) => Promise<void>) => fn({}) };
async function sleep(_ms: number) {}

export async function f() {
  await sequelize.transaction(async (t) => {
    await fetch('https://example.com');
    await sleep(10);
  });
}
`,
    },
  ],
  invalid: [
    // fetch inside a managed transaction: moved before it
    {
      code: `
import { DataTypes, Model, QueryTypes, Sequelize, Transaction } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');

class User extends Model {}
User.init({ name: DataTypes.STRING, active: DataTypes.BOOLEAN }, { sequelize });

export async function register(name: string) {
  await sequelize.transaction(async (t) => {
    await User.create({ name }, { transaction: t });
    await fetch('https://example.com/hooks/user-created', { method: 'POST' });
  });
}
`,
      errors: [
        {
          messageId: 'unrelatedAwait', data: { what: 'an HTTP request (fetch)', library: 'Sequelize' }, line: 12, column: 5, endLine: 12, endColumn: 78,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `
import { DataTypes, Model, QueryTypes, Sequelize, Transaction } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');

class User extends Model {}
User.init({ name: DataTypes.STRING, active: DataTypes.BOOLEAN }, { sequelize });

export async function register(name: string) {
  await fetch('https://example.com/hooks/user-created', { method: 'POST' });
  await sequelize.transaction(async (t) => {
    await User.create({ name }, { transaction: t });
  });
}
`,
            },
            {
              messageId: 'moveAfterTransaction',
              output: `
import { DataTypes, Model, QueryTypes, Sequelize, Transaction } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');

class User extends Model {}
User.init({ name: DataTypes.STRING, active: DataTypes.BOOLEAN }, { sequelize });

export async function register(name: string) {
  await sequelize.transaction(async (t) => {
    await User.create({ name }, { transaction: t });
  });
  await fetch('https://example.com/hooks/user-created', { method: 'POST' });
}
`,
            },
          ],
        },
      ],
    },
    // axios with the isolation-level form; a result computed inside cannot move
    {
      code: `
import { DataTypes, Model, QueryTypes, Sequelize, Transaction } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');

class User extends Model {}
User.init({ name: DataTypes.STRING, active: DataTypes.BOOLEAN }, { sequelize });

import axios from 'axios';

export async function f(id: number) {
  await sequelize.transaction({ isolationLevel: Transaction.ISOLATION_LEVELS.SERIALIZABLE }, async (t) => {
    const rates = await axios.get('https://example.com/rates');
    const user = await User.findByPk(id, { transaction: t });
    await axios.post('https://example.com/audit', { user });
    await User.update({ rate: rates.data.rate }, { where: { id }, transaction: t });
  });
}
`,
      errors: [
        {
          messageId: 'unrelatedAwait', line: 13, column: 19, endLine: 13, endColumn: 63,
          suggestions: [
            {
              messageId: 'moveBeforeTransaction',
              output: `
import { DataTypes, Model, QueryTypes, Sequelize, Transaction } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');

class User extends Model {}
User.init({ name: DataTypes.STRING, active: DataTypes.BOOLEAN }, { sequelize });

import axios from 'axios';

export async function f(id: number) {
  const rates = await axios.get('https://example.com/rates');
  await sequelize.transaction({ isolationLevel: Transaction.ISOLATION_LEVELS.SERIALIZABLE }, async (t) => {
    const user = await User.findByPk(id, { transaction: t });
    await axios.post('https://example.com/audit', { user });
    await User.update({ rate: rates.data.rate }, { where: { id }, transaction: t });
  });
}
`,
            },
          ],
        },
        { messageId: 'unrelatedAwait', line: 15, column: 5, endLine: 15, endColumn: 60 },
      ],
    },
    // unmanaged transaction: a sleep and a helper that calls fetch
    {
      code: `
import { DataTypes, Model, QueryTypes, Sequelize, Transaction } from 'sequelize';

const sequelize = new Sequelize('postgres://localhost/app');

class User extends Model {}
User.init({ name: DataTypes.STRING, active: DataTypes.BOOLEAN }, { sequelize });

async function notify(name: string) {
  await fetch(\`https://example.com/notify/\${name}\`);
}

export async function f(name: string) {
  const t = await sequelize.transaction();
  await User.create({ name }, { transaction: t });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await notify(name);
  await t.commit();
}
`,
      errors: [
        { messageId: 'unrelatedAwait', line: 16, column: 3, endLine: 16, endColumn: 60 },
        { messageId: 'unrelatedAwait', line: 17, column: 3, endLine: 17, endColumn: 21 },
      ],
    },
    // Sequelize.useCLS() does not shorten the transaction: still reported
    {
      code: `
import { createNamespace } from 'cls-hooked';
import got from 'got';
import { Model, Sequelize } from 'sequelize';

Sequelize.useCLS(createNamespace('app'));
const sequelize = new Sequelize('postgres://localhost/app');
class User extends Model {}

export async function f() {
  await sequelize.transaction(async () => {
    await User.findAll();
    await got.post('https://example.com');
  });
}
`,
      errors: [
        {
          messageId: 'unrelatedAwait', line: 13, column: 5, endLine: 13, endColumn: 42,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `
import { createNamespace } from 'cls-hooked';
import got from 'got';
import { Model, Sequelize } from 'sequelize';

Sequelize.useCLS(createNamespace('app'));
const sequelize = new Sequelize('postgres://localhost/app');
class User extends Model {}

export async function f() {
  await got.post('https://example.com');
  await sequelize.transaction(async () => {
    await User.findAll();
  });
}
`,
            },
            {
              messageId: 'moveAfterTransaction',
              output: `
import { createNamespace } from 'cls-hooked';
import got from 'got';
import { Model, Sequelize } from 'sequelize';

Sequelize.useCLS(createNamespace('app'));
const sequelize = new Sequelize('postgres://localhost/app');
class User extends Model {}

export async function f() {
  await sequelize.transaction(async () => {
    await User.findAll();
  });
  await got.post('https://example.com');
}
`,
            },
          ],
        },
      ],
    },
  ],
});

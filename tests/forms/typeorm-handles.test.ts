/**
 * TypeORM transaction handles.
 *
 * - Repositories of a transaction's manager are handles, not the outer client: repositories of
 *   `queryRunner.manager` or of the `dataSource.transaction()` callback's manager held in a const,
 *   `withRepository()`, `getCustomRepository()`, a manager destructured from the query runner, and
 *   query builders given the query runner. The outer data source and its repositories used inside
 *   stay reported; a builder given another query runner, or that runner's own `query()`, is told
 *   to use the transaction's runner instead.
 * - Active record inside a transaction: `BaseEntity` statics and the rows they make or find
 *   (`create()`, `new User()`, `findOneBy()`, `find()`) run on the default connection.
 */
import noOuterClientInTransaction from '../../rules/no-outer-client-in-transaction.js';
import requireTransactionOption from '../../rules/require-transaction-option.js';
import { untypedTester } from '../rule-tester.js';

const ruleTester = untypedTester();

ruleTester.run('no-outer-client-in-transaction: repositories of a transaction’s manager are handles', noOuterClientInTransaction, {
  valid: [
    {
      name: 'a repository of queryRunner.manager held in a const and used later',
      code: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function rename(id: number, name: string) {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  try {
    const users = queryRunner.manager.getRepository(User);
    const user = await users.findOneByOrFail({ id });
    await users.save({ ...user, name });
    await queryRunner.commitTransaction();
  } catch (error) {
    await queryRunner.rollbackTransaction();
    throw error;
  } finally {
    await queryRunner.release();
  }
}`,
    },
    {
      name: 'a repository taken from the query runner before startTransaction()',
      code: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function touch(id: number) {
  const queryRunner = dataSource.createQueryRunner();
  const users = queryRunner.manager.getRepository(User);
  await queryRunner.connect();
  await queryRunner.startTransaction();
  await users.increment({ id }, 'logins', 1);
  await queryRunner.commitTransaction();
}`,
    },
    {
      name: 'a repository of the callback’s manager held in a const, used in closures',
      code: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function touchAll(ids: number[]) {
  await dataSource.transaction(async (manager) => {
    const users = manager.getRepository(User);
    const touch = async (id: number) => users.update(id, { touchedAt: new Date() });
    for (const id of ids) await touch(id);
    await Promise.all(ids.map((id) => users.delete(id)));
  });
}`,
    },
    {
      name: 'queryRunner.manager held in a const',
      code: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  const m = queryRunner.manager;
  await m.getRepository(User).find();
  await m.save(User, { name: 'x' });
  await queryRunner.commitTransaction();
}`,
    },
    {
      name: 'manager.withRepository(dataSource.getRepository(User)) in the callback and the region',
      code: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  await dataSource.transaction(async (manager) => {
    await manager.withRepository(dataSource.getRepository(User)).find();
  });
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  await queryRunner.manager.withRepository(dataSource.getRepository(User)).find();
  const repo = queryRunner.manager.withRepository(dataSource.getRepository(User));
  await repo.delete({ id: 1 });
  await queryRunner.commitTransaction();
}`,
    },
    {
      name: 'NestJS: withRepository() of an injected repository and of an injected custom repository',
      code: `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';

export class UserRepository extends Repository<User> {
  findActive() {
    return this.findBy({ active: true });
  }
}

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly userRepository: UserRepository,
    private readonly dataSource: DataSource,
  ) {}

  async f() {
    await this.dataSource.transaction(async (manager) => {
      const users = manager.withRepository(this.users);
      await users.find();
      const custom = manager.withRepository(this.userRepository);
      await custom.findActive();
      await custom.save({ name: 'x' });
    });
  }
}`,
    },
    {
      name: 'custom repositories obtained through manager.getCustomRepository()',
      code: `import { DataSource, EntityRepository, Repository } from 'typeorm';
import { User } from './user.entity';

@EntityRepository(User)
class UserRepository extends Repository<User> {}

const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  await dataSource.transaction(async (manager) => {
    const users = manager.getCustomRepository(UserRepository);
    await users.find();
    await manager.getCustomRepository(UserRepository).save({});
  });
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  await queryRunner.manager.getCustomRepository(UserRepository).find();
  await queryRunner.commitTransaction();
}`,
    },
    {
      name: 'query builders of the outer data source bound to the query runner',
      code: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  await dataSource.getRepository(User).createQueryBuilder('u', queryRunner).where('u.id = :id', { id: 1 }).getMany();
  await dataSource.createQueryBuilder(User, 'u', queryRunner).getOne();
  await dataSource.manager.createQueryBuilder(User, 'u', queryRunner).getMany();
  await dataSource.createQueryBuilder(queryRunner).select('1').getRawOne();
  await queryRunner.commitTransaction();
}`,
    },
    {
      name: 'manager.createQueryBuilder(User, alias, queryRunner) and a module-level repository given the runner',
      code: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
export async function f() {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  const manager = dataSource.manager;
  await manager.createQueryBuilder(User, 'u', queryRunner).getMany();
  await users.createQueryBuilder('u', queryRunner).getCount();
  await queryRunner.commitTransaction();
}`,
    },
    {
      name: 'query builders of the handle’s repositories',
      code: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  await dataSource.transaction(async (manager) => {
    const users = manager.getRepository(User);
    await users.createQueryBuilder('u').where('u.active = :a', { a: true }).getMany();
  });
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  const qb = queryRunner.manager.getRepository(User).createQueryBuilder('u');
  await qb.getMany();
  await queryRunner.manager.createQueryBuilder(User, 'u').getCount();
  await queryRunner.rollbackTransaction();
}`,
    },
    {
      name: 'NestJS: withRepository(this.users) and this.users.createQueryBuilder(alias, queryRunner) in a region',
      code: `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
  ) {}

  async f(id: number) {
    const queryRunner = this.dataSource.createQueryRunner();
    await queryRunner.connect();
    await queryRunner.startTransaction();
    const users = queryRunner.manager.withRepository(this.users);
    await users.softDelete(id);
    await this.users.createQueryBuilder('u', queryRunner).getMany();
    await queryRunner.commitTransaction();
  }
}`,
    },
    {
      name: 'dataSource.manager.transaction(): repositories of its handle and an alias of it',
      code: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  await dataSource.manager.transaction(async (em) => {
    const repo = em.getRepository(User);
    const m = em;
    await m.getRepository(User).find();
    await repo.save({});
  });
}`,
    },
    {
      name: 'CommonJS: repositories of the callback’s manager',
      code: `const { DataSource } = require('typeorm');
const { User } = require('./user.entity');
const dataSource = new DataSource({ type: 'postgres' });
async function f() {
  await dataSource.transaction(async (manager) => {
    const users = manager.getRepository(User);
    await users.find();
    await manager.withRepository(dataSource.getRepository(User)).count();
  });
}
module.exports = { f };`,
    },
    {
      name: 'the outer repository after commitTransaction()',
      code: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  await queryRunner.manager.getRepository(User).update({ id: 1 }, { name: 'x' });
  await queryRunner.commitTransaction();
  await dataSource.getRepository(User).find();
}`,
    },
    {
      name: 'a manager destructured from the query runner, and a repository of it',
      code: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  const { manager } = queryRunner;
  await manager.find(User);
  const users = manager.getRepository(User);
  await users.find();
  await queryRunner.commitTransaction();
}`,
    },
    {
      name: 'a repository const taken from dataSource in the region, used only with builders given the runner',
      code: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  const users = dataSource.getRepository(User);
  const n = await users.createQueryBuilder('u', queryRunner).getCount();
  await users.createQueryBuilder('u', queryRunner).update().set({ n }).execute();
  await queryRunner.commitTransaction();
}`,
    },
  ],
  invalid: [
    {
      name: 'dataSource.getRepository(User).find() inside a query-runner region',
      code: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  await queryRunner.manager.getRepository(User).find();
  await dataSource.getRepository(User).find();
  await queryRunner.commitTransaction();
}`,
      errors: [
        {
          messageId: 'outerClient', line: 9, column: 9, endLine: 9, endColumn: 44,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'queryRunner.manager' },
              output: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  await queryRunner.manager.getRepository(User).find();
  await queryRunner.manager.getRepository(User).find();
  await queryRunner.commitTransaction();
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a repository const taken from dataSource inside the region',
      code: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  const users = dataSource.getRepository(User);
  await users.find();
  await queryRunner.commitTransaction();
}`,
      errors: [
        {
          messageId: 'outerClient', line: 9, column: 9, endLine: 9, endColumn: 19,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'queryRunner.manager.getRepository(User)' },
              output: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  const users = dataSource.getRepository(User);
  await queryRunner.manager.getRepository(User).find();
  await queryRunner.commitTransaction();
}`,
            },
            {
              messageId: 'useHandle', data: { replacement: 'queryRunner.manager.withRepository(users)' },
              output: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  const users = dataSource.getRepository(User);
  await queryRunner.manager.withRepository(users).find();
  await queryRunner.commitTransaction();
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a module-level repository of dataSource used in the region',
      code: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
export async function f() {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  await queryRunner.manager.save(User, { name: 'x' });
  await users.count();
  await queryRunner.commitTransaction();
}`,
      errors: [
        {
          messageId: 'outerClient', line: 10, column: 9, endLine: 10, endColumn: 20,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'queryRunner.manager.getRepository(User)' },
              output: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
export async function f() {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  await queryRunner.manager.save(User, { name: 'x' });
  await queryRunner.manager.getRepository(User).count();
  await queryRunner.commitTransaction();
}`,
            },
            {
              messageId: 'useHandle', data: { replacement: 'queryRunner.manager.withRepository(users)' },
              output: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
export async function f() {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  await queryRunner.manager.save(User, { name: 'x' });
  await queryRunner.manager.withRepository(users).count();
  await queryRunner.commitTransaction();
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'createQueryBuilder() without the runner in the region',
      code: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
export async function f() {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  await users.createQueryBuilder('u').getMany();
  await dataSource.createQueryBuilder(User, 'u').getOne();
  await queryRunner.commitTransaction();
}`,
      errors: [
        {
          messageId: 'outerClient', line: 9, column: 9, endLine: 9, endColumn: 33,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'queryRunner.manager.getRepository(User)' },
              output: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
export async function f() {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  await queryRunner.manager.getRepository(User).createQueryBuilder('u').getMany();
  await dataSource.createQueryBuilder(User, 'u').getOne();
  await queryRunner.commitTransaction();
}`,
            },
            {
              messageId: 'useHandle', data: { replacement: 'queryRunner.manager.withRepository(users)' },
              output: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
export async function f() {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  await queryRunner.manager.withRepository(users).createQueryBuilder('u').getMany();
  await dataSource.createQueryBuilder(User, 'u').getOne();
  await queryRunner.commitTransaction();
}`,
            },
          ],
        },
        {
          messageId: 'outerClient', line: 10, column: 9, endLine: 10, endColumn: 38,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'queryRunner.manager' },
              output: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
export async function f() {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  await users.createQueryBuilder('u').getMany();
  await queryRunner.manager.createQueryBuilder(User, 'u').getOne();
  await queryRunner.commitTransaction();
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'dataSource.manager.find() in the region',
      code: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  await dataSource.manager.find(User);
  await queryRunner.commitTransaction();
}`,
      errors: [
        {
          messageId: 'outerClient', line: 8, column: 9, endLine: 8, endColumn: 32,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'queryRunner.manager' },
              output: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  await queryRunner.manager.find(User);
  await queryRunner.commitTransaction();
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'dataSource.transaction(): the outer repository, its query builder and the data source’s builder',
      code: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
export async function f() {
  await dataSource.transaction(async (manager) => {
    await dataSource.getRepository(User).find();
    await users.createQueryBuilder('u').getMany();
    await dataSource.createQueryBuilder(User, 'u').getMany();
    await dataSource.manager.find(User);
  });
}`,
      errors: [
        {
          messageId: 'outerClient', line: 7, column: 11, endLine: 7, endColumn: 46,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'manager' },
              output: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
export async function f() {
  await dataSource.transaction(async (manager) => {
    await manager.getRepository(User).find();
    await users.createQueryBuilder('u').getMany();
    await dataSource.createQueryBuilder(User, 'u').getMany();
    await dataSource.manager.find(User);
  });
}`,
            },
          ],
        },
        {
          messageId: 'outerClient', line: 8, column: 11, endLine: 8, endColumn: 35,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'manager.getRepository(User)' },
              output: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
export async function f() {
  await dataSource.transaction(async (manager) => {
    await dataSource.getRepository(User).find();
    await manager.getRepository(User).createQueryBuilder('u').getMany();
    await dataSource.createQueryBuilder(User, 'u').getMany();
    await dataSource.manager.find(User);
  });
}`,
            },
            {
              messageId: 'useHandle', data: { replacement: 'manager.withRepository(users)' },
              output: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
export async function f() {
  await dataSource.transaction(async (manager) => {
    await dataSource.getRepository(User).find();
    await manager.withRepository(users).createQueryBuilder('u').getMany();
    await dataSource.createQueryBuilder(User, 'u').getMany();
    await dataSource.manager.find(User);
  });
}`,
            },
          ],
        },
        {
          messageId: 'outerClient', line: 9, column: 11, endLine: 9, endColumn: 40,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'manager' },
              output: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
export async function f() {
  await dataSource.transaction(async (manager) => {
    await dataSource.getRepository(User).find();
    await users.createQueryBuilder('u').getMany();
    await manager.createQueryBuilder(User, 'u').getMany();
    await dataSource.manager.find(User);
  });
}`,
            },
          ],
        },
        {
          messageId: 'outerClient', line: 10, column: 11, endLine: 10, endColumn: 34,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'manager' },
              output: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
export async function f() {
  await dataSource.transaction(async (manager) => {
    await dataSource.getRepository(User).find();
    await users.createQueryBuilder('u').getMany();
    await dataSource.createQueryBuilder(User, 'u').getMany();
    await manager.find(User);
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'dataSource.transaction(): a repository const taken from dataSource',
      code: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  await dataSource.transaction(async (manager) => {
    const users = dataSource.getRepository(User);
    await users.find();
  });
}`,
      errors: [
        {
          messageId: 'outerClient', line: 7, column: 11, endLine: 7, endColumn: 21,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'manager.getRepository(User)' },
              output: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  await dataSource.transaction(async (manager) => {
    const users = dataSource.getRepository(User);
    await manager.getRepository(User).find();
  });
}`,
            },
            {
              messageId: 'useHandle', data: { replacement: 'manager.withRepository(users)' },
              output: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  await dataSource.transaction(async (manager) => {
    const users = dataSource.getRepository(User);
    await manager.withRepository(users).find();
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'CommonJS: a module-level repository in the region',
      code: `const { DataSource } = require('typeorm');
const { User } = require('./user.entity');
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
async function f() {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  await users.delete({ id: 1 });
  await queryRunner.commitTransaction();
}
module.exports = { f };`,
      errors: [
        {
          messageId: 'outerClient', line: 9, column: 9, endLine: 9, endColumn: 21,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'queryRunner.manager.getRepository(User)' },
              output: `const { DataSource } = require('typeorm');
const { User } = require('./user.entity');
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
async function f() {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  await queryRunner.manager.getRepository(User).delete({ id: 1 });
  await queryRunner.commitTransaction();
}
module.exports = { f };`,
            },
            {
              messageId: 'useHandle', data: { replacement: 'queryRunner.manager.withRepository(users)' },
              output: `const { DataSource } = require('typeorm');
const { User } = require('./user.entity');
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
async function f() {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  await queryRunner.manager.withRepository(users).delete({ id: 1 });
  await queryRunner.commitTransaction();
}
module.exports = { f };`,
            },
          ],
        },
      ],
    },
    {
      name: 'NestJS: the injected repository and its builder without the runner in a region',
      code: `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
  ) {}

  async f(id: number) {
    const queryRunner = this.dataSource.createQueryRunner();
    await queryRunner.connect();
    await queryRunner.startTransaction();
    await this.users.softDelete(id);
    await this.dataSource.getRepository(User).createQueryBuilder('u').getMany();
    await queryRunner.commitTransaction();
  }
}`,
      errors: [
        {
          messageId: 'outerClient', line: 17, column: 11, endLine: 17, endColumn: 32,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'queryRunner.manager.getRepository(User)' },
              output: `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
  ) {}

  async f(id: number) {
    const queryRunner = this.dataSource.createQueryRunner();
    await queryRunner.connect();
    await queryRunner.startTransaction();
    await queryRunner.manager.getRepository(User).softDelete(id);
    await this.dataSource.getRepository(User).createQueryBuilder('u').getMany();
    await queryRunner.commitTransaction();
  }
}`,
            },
            {
              messageId: 'useHandle', data: { replacement: 'queryRunner.manager.withRepository(this.users)' },
              output: `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
  ) {}

  async f(id: number) {
    const queryRunner = this.dataSource.createQueryRunner();
    await queryRunner.connect();
    await queryRunner.startTransaction();
    await queryRunner.manager.withRepository(this.users).softDelete(id);
    await this.dataSource.getRepository(User).createQueryBuilder('u').getMany();
    await queryRunner.commitTransaction();
  }
}`,
            },
          ],
        },
        {
          messageId: 'outerClient', line: 18, column: 11, endLine: 18, endColumn: 65,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'queryRunner.manager' },
              output: `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
  ) {}

  async f(id: number) {
    const queryRunner = this.dataSource.createQueryRunner();
    await queryRunner.connect();
    await queryRunner.startTransaction();
    await this.users.softDelete(id);
    await queryRunner.manager.getRepository(User).createQueryBuilder('u').getMany();
    await queryRunner.commitTransaction();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'NestJS: an injected custom repository used directly in the callback',
      code: `import { Injectable } from '@nestjs/common';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';
export class UserRepository extends Repository<User> {
  findActive() {
    return this.findBy({ active: true });
  }
}
@Injectable()
export class UsersService {
  constructor(private readonly userRepository: UserRepository, private readonly dataSource: DataSource) {}
  async f() {
    await this.dataSource.transaction(async (manager) => {
      await this.userRepository.save({ name: 'x' });
    });
  }
}`,
      errors: [
        {
          messageId: 'outerClient', line: 14, column: 13, endLine: 14, endColumn: 37,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'manager.getRepository(User)' },
              output: `import { Injectable } from '@nestjs/common';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';
export class UserRepository extends Repository<User> {
  findActive() {
    return this.findBy({ active: true });
  }
}
@Injectable()
export class UsersService {
  constructor(private readonly userRepository: UserRepository, private readonly dataSource: DataSource) {}
  async f() {
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(User).save({ name: 'x' });
    });
  }
}`,
            },
            {
              messageId: 'useHandle', data: { replacement: 'manager.withRepository(this.userRepository)' },
              output: `import { Injectable } from '@nestjs/common';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';
export class UserRepository extends Repository<User> {
  findActive() {
    return this.findBy({ active: true });
  }
}
@Injectable()
export class UsersService {
  constructor(private readonly userRepository: UserRepository, private readonly dataSource: DataSource) {}
  async f() {
    await this.dataSource.transaction(async (manager) => {
      await manager.withRepository(this.userRepository).save({ name: 'x' });
    });
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'dataSource.manager.getRepository(User).find() in the region',
      code: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  await dataSource.manager.getRepository(User).find();
  await queryRunner.commitTransaction();
}`,
      errors: [
        {
          messageId: 'outerClient',
          data: { client: 'dataSource', library: 'TypeORM', label: 'DataSource' },
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 52,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'queryRunner.manager.getRepository(User)' },
              output: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  await queryRunner.manager.getRepository(User).find();
  await queryRunner.commitTransaction();
}`,
            },
            {
              messageId: 'useHandle',
              data: { replacement: 'queryRunner.manager.withRepository(dataSource.manager.getRepository(User))' },
              output: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  await queryRunner.manager.withRepository(dataSource.manager.getRepository(User)).find();
  await queryRunner.commitTransaction();
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'dataSource.transaction(): dataSource.manager.getRepository(User).find()',
      code: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  await dataSource.transaction(async (manager) => {
    await dataSource.manager.getRepository(User).find();
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 54,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'manager.getRepository(User)' },
              output: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  await dataSource.transaction(async (manager) => {
    await manager.getRepository(User).find();
  });
}`,
            },
            {
              messageId: 'useHandle',
              data: { replacement: 'manager.withRepository(dataSource.manager.getRepository(User))' },
              output: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  await dataSource.transaction(async (manager) => {
    await manager.withRepository(dataSource.manager.getRepository(User)).find();
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'createQueryBuilder() given another query runner in the region: the runner argument is replaced',
      code: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
export async function f() {
  const other = dataSource.createQueryRunner();
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  await users.createQueryBuilder('u', other).getMany();
  await queryRunner.commitTransaction();
}`,
      errors: [
        {
          messageId: 'outerClient',
          data: { client: 'users', library: 'TypeORM', label: 'Repository' },
          line: 10,
          column: 9,
          endLine: 10,
          endColumn: 33,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'queryRunner' },
              output: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
export async function f() {
  const other = dataSource.createQueryRunner();
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  await users.createQueryBuilder('u', queryRunner).getMany();
  await queryRunner.commitTransaction();
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'dataSource.transaction(): builders given another query runner, replaced by manager.queryRunner',
      code: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
export async function f() {
  const other = dataSource.createQueryRunner();
  await dataSource.transaction(async (manager) => {
    await users.createQueryBuilder('u', other).getMany();
    await dataSource.createQueryBuilder(User, 'u', other).getOne();
  });
}`,
      errors: [
        {
          messageId: 'outerClient',
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 35,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'manager.queryRunner' },
              output: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
export async function f() {
  const other = dataSource.createQueryRunner();
  await dataSource.transaction(async (manager) => {
    await users.createQueryBuilder('u', manager.queryRunner).getMany();
    await dataSource.createQueryBuilder(User, 'u', other).getOne();
  });
}`,
            },
          ],
        },
        {
          messageId: 'outerClient',
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 40,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'manager.queryRunner' },
              output: `import { DataSource } from 'typeorm';
import { User } from './user.entity';
const dataSource = new DataSource({ type: 'postgres' });
const users = dataSource.getRepository(User);
export async function f() {
  const other = dataSource.createQueryRunner();
  await dataSource.transaction(async (manager) => {
    await users.createQueryBuilder('u', other).getMany();
    await dataSource.createQueryBuilder(User, 'u', manager.queryRunner).getOne();
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'another query runner’s query() in the region is replaced by the region’s runner',
      code: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  const other = dataSource.createQueryRunner();
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  await other.query('SELECT 1');
  await queryRunner.commitTransaction();
}`,
      errors: [
        {
          messageId: 'outerClient',
          data: { client: 'other', library: 'TypeORM', label: 'QueryRunner' },
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'useHandle',
              data: { replacement: 'queryRunner' },
              output: `import { DataSource } from 'typeorm';
const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  const other = dataSource.createQueryRunner();
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  await queryRunner.query('SELECT 1');
  await queryRunner.commitTransaction();
}`,
            },
          ],
        },
      ],
    },
  ],
});

ruleTester.run('require-transaction-option: TypeORM active record inside a transaction', requireTransactionOption, {
  valid: [
    {
      name: 'a class not extending BaseEntity with a static findOne() and an instance save()',
      code: `import { DataSource } from 'typeorm';
class User {
  static async findOne(_q: unknown) {
    return new User();
  }
  static create(_v: unknown) {
    return new User();
  }
  async save() {
    return this;
  }
}
const dataSource = new DataSource({ type: 'postgres' });
export async function f(id: number) {
  await dataSource.transaction(async (manager) => {
    const u = await User.findOne({ where: { id } });
    await u.save();
    await User.create({}).save();
    await new User().save();
  });
}`,
    },
    {
      name: 'row-like plain objects with save() and remove()',
      code: `import { BaseEntity, DataSource } from 'typeorm';
class User extends BaseEntity {}
const dataSource = new DataSource({ type: 'postgres' });
const draft = { name: 'x', async save() {}, async remove() {} };
export async function f(rows: { save(): Promise<void> }[]) {
  await dataSource.transaction(async (manager) => {
    await draft.save();
    await draft.remove();
    await rows[0]?.save();
    const [first] = rows;
    await first?.save();
    await manager.save(User, { name: 'y' });
  });
}`,
    },
    {
      name: 'active record outside any transaction, before and after it',
      code: `import { BaseEntity, DataSource, Entity } from 'typeorm';
@Entity()
class User extends BaseEntity {}
const dataSource = new DataSource({ type: 'postgres' });
export async function f(id: number) {
  const user = await User.findOneByOrFail({ id });
  await user.reload();
  await User.create({ name: 'x' }).save();
  const [first] = await User.find();
  await first.remove();
  await dataSource.transaction(async (manager) => {
    await manager.update(User, id, { name: 'y' });
  });
  await user.save();
}`,
    },
    {
      name: 'manager.save(user) and the manager’s repository inside the transaction',
      code: `import { BaseEntity, DataSource, Entity } from 'typeorm';
@Entity()
class User extends BaseEntity {}
const dataSource = new DataSource({ type: 'postgres' });
export async function f(id: number) {
  const user = await User.findOneByOrFail({ id });
  await dataSource.transaction(async (manager) => {
    user.name = 'x';
    await manager.save(user);
    await manager.remove(user);
    const fresh = User.create({ name: 'y' });
    await manager.save(fresh);
    const repo = manager.getRepository(User);
    const row = await repo.findOneByOrFail({ id });
    await repo.save(row);
  });
}`,
    },
    {
      name: 'queryRunner.manager.save(row) in a region, row.reload() after commit',
      code: `import { BaseEntity, DataSource, Entity } from 'typeorm';
@Entity()
class User extends BaseEntity {}
const dataSource = new DataSource({ type: 'postgres' });
export async function f(id: number) {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  const user = User.create({ id });
  await queryRunner.manager.save(user);
  await queryRunner.manager.getRepository(User).remove(user);
  await queryRunner.commitTransaction();
  await user.reload();
}`,
    },
    {
      name: 'BaseEntity from another package',
      code: `import { BaseEntity } from 'typeorm-like';
import { DataSource } from 'typeorm';
class User extends BaseEntity {}
const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  await dataSource.transaction(async (manager) => {
    const u = User.create({});
    await u.save();
    const [first] = await User.find();
    await first.remove();
  });
}`,
    },
    {
      name: 'a Map’s get() result with save()',
      code: `import { BaseEntity, DataSource, Entity } from 'typeorm';
@Entity()
class User extends BaseEntity {}
const dataSource = new DataSource({ type: 'postgres' });
const cache = new Map<number, { save(): Promise<void> }>();
export async function f(id: number) {
  await dataSource.transaction(async (manager) => {
    await cache.get(id)?.save();
    await manager.findOneBy(User, { id });
  });
}`,
    },
  ],
  invalid: [
    {
      name: 'statics findOne(), countBy() and save()',
      code: `import { BaseEntity, DataSource, Entity } from 'typeorm';
@Entity()
class User extends BaseEntity {}
const dataSource = new DataSource({ type: 'postgres' });
export async function f(id: number) {
  await dataSource.transaction(async (manager) => {
    await User.findOne({ where: { id } });
    await User.countBy({ active: true });
    await User.save({ id, name: 'x' });
  });
}`,
      errors: [
        {
          messageId: 'queryOutsideHandle', line: 7, column: 11, endLine: 7, endColumn: 23,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'manager.getRepository(User)' },
              output: `import { BaseEntity, DataSource, Entity } from 'typeorm';
@Entity()
class User extends BaseEntity {}
const dataSource = new DataSource({ type: 'postgres' });
export async function f(id: number) {
  await dataSource.transaction(async (manager) => {
    await manager.getRepository(User).findOne({ where: { id } });
    await User.countBy({ active: true });
    await User.save({ id, name: 'x' });
  });
}`,
            },
          ],
        },
        {
          messageId: 'queryOutsideHandle', line: 8, column: 11, endLine: 8, endColumn: 23,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'manager.getRepository(User)' },
              output: `import { BaseEntity, DataSource, Entity } from 'typeorm';
@Entity()
class User extends BaseEntity {}
const dataSource = new DataSource({ type: 'postgres' });
export async function f(id: number) {
  await dataSource.transaction(async (manager) => {
    await User.findOne({ where: { id } });
    await manager.getRepository(User).countBy({ active: true });
    await User.save({ id, name: 'x' });
  });
}`,
            },
          ],
        },
        {
          messageId: 'queryOutsideHandle', line: 9, column: 11, endLine: 9, endColumn: 20,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'manager.getRepository(User)' },
              output: `import { BaseEntity, DataSource, Entity } from 'typeorm';
@Entity()
class User extends BaseEntity {}
const dataSource = new DataSource({ type: 'postgres' });
export async function f(id: number) {
  await dataSource.transaction(async (manager) => {
    await User.findOne({ where: { id } });
    await User.countBy({ active: true });
    await manager.getRepository(User).save({ id, name: 'x' });
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'User.create().save() and a created row’s save()',
      code: `import { BaseEntity, DataSource, Entity } from 'typeorm';
@Entity()
class User extends BaseEntity {}
const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  await dataSource.transaction(async (manager) => {
    await User.create({ name: 'a' }).save();
    const u = User.create({ name: 'b' });
    await u.save();
  });
}`,
      errors: [
        { messageId: 'queryOutsideHandle', line: 7, column: 11, endLine: 7, endColumn: 42, suggestions: [] },
        { messageId: 'queryOutsideHandle', line: 9, column: 11, endLine: 9, endColumn: 17, suggestions: [] },
      ],
    },
    {
      name: 'new User() then remove()',
      code: `import { BaseEntity, DataSource, Entity } from 'typeorm';
@Entity()
class User extends BaseEntity {
  id!: number;
}
const dataSource = new DataSource({ type: 'postgres' });
export async function f(id: number) {
  await dataSource.transaction(async (manager) => {
    const user = new User();
    user.id = id;
    await user.remove();
  });
}`,
      errors: [
        { messageId: 'queryOutsideHandle', line: 11, column: 11, endLine: 11, endColumn: 22, suggestions: [] },
      ],
    },
    {
      name: 'a found row’s reload()',
      code: `import { BaseEntity, DataSource, Entity } from 'typeorm';
@Entity()
class User extends BaseEntity {}
const dataSource = new DataSource({ type: 'postgres' });
export async function f(id: number) {
  await dataSource.transaction(async (manager) => {
    const found = await User.findOneBy({ id });
    await found.reload();
  });
}`,
      errors: [
        {
          messageId: 'queryOutsideHandle', line: 7, column: 25, endLine: 7, endColumn: 39,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'manager.getRepository(User)' },
              output: `import { BaseEntity, DataSource, Entity } from 'typeorm';
@Entity()
class User extends BaseEntity {}
const dataSource = new DataSource({ type: 'postgres' });
export async function f(id: number) {
  await dataSource.transaction(async (manager) => {
    const found = await manager.getRepository(User).findOneBy({ id });
    await found.reload();
  });
}`,
            },
          ],
        },
        { messageId: 'queryOutsideHandle', line: 8, column: 11, endLine: 8, endColumn: 23, suggestions: [] },
      ],
    },
    {
      name: 'a destructured find() result and an indexed findBy() result',
      code: `import { BaseEntity, DataSource, Entity } from 'typeorm';
@Entity()
class User extends BaseEntity {}
const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  await dataSource.transaction(async (manager) => {
    const [first] = await User.find();
    await first.save();
    const users = await User.findBy({});
    await users[0].remove();
  });
}`,
      errors: [
        {
          messageId: 'queryOutsideHandle', line: 7, column: 27, endLine: 7, endColumn: 36,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'manager.getRepository(User)' },
              output: `import { BaseEntity, DataSource, Entity } from 'typeorm';
@Entity()
class User extends BaseEntity {}
const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  await dataSource.transaction(async (manager) => {
    const [first] = await manager.getRepository(User).find();
    await first.save();
    const users = await User.findBy({});
    await users[0].remove();
  });
}`,
            },
          ],
        },
        { messageId: 'queryOutsideHandle', line: 8, column: 11, endLine: 8, endColumn: 21, suggestions: [] },
        {
          messageId: 'queryOutsideHandle', line: 9, column: 25, endLine: 9, endColumn: 36,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'manager.getRepository(User)' },
              output: `import { BaseEntity, DataSource, Entity } from 'typeorm';
@Entity()
class User extends BaseEntity {}
const dataSource = new DataSource({ type: 'postgres' });
export async function f() {
  await dataSource.transaction(async (manager) => {
    const [first] = await User.find();
    await first.save();
    const users = await manager.getRepository(User).findBy({});
    await users[0].remove();
  });
}`,
            },
          ],
        },
        { messageId: 'queryOutsideHandle', line: 10, column: 11, endLine: 10, endColumn: 26, suggestions: [] },
      ],
    },
    {
      name: 'query-runner region: a static finder, the found row’s softRemove() and a static delete()',
      code: `import { BaseEntity, DataSource, Entity } from 'typeorm';
@Entity()
class User extends BaseEntity {}
const dataSource = new DataSource({ type: 'postgres' });
export async function f(id: number) {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  try {
    const user = await User.findOneByOrFail({ id });
    await user.softRemove();
    await User.delete({ id: 0 });
    await queryRunner.commitTransaction();
  } catch (error) {
    await queryRunner.rollbackTransaction();
    throw error;
  }
}`,
      errors: [
        {
          messageId: 'queryOutsideHandle', line: 10, column: 24, endLine: 10, endColumn: 44,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'queryRunner.manager.getRepository(User)' },
              output: `import { BaseEntity, DataSource, Entity } from 'typeorm';
@Entity()
class User extends BaseEntity {}
const dataSource = new DataSource({ type: 'postgres' });
export async function f(id: number) {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  try {
    const user = await queryRunner.manager.getRepository(User).findOneByOrFail({ id });
    await user.softRemove();
    await User.delete({ id: 0 });
    await queryRunner.commitTransaction();
  } catch (error) {
    await queryRunner.rollbackTransaction();
    throw error;
  }
}`,
            },
          ],
        },
        { messageId: 'queryOutsideHandle', line: 11, column: 11, endLine: 11, endColumn: 26, suggestions: [] },
        {
          messageId: 'queryOutsideHandle', line: 12, column: 11, endLine: 12, endColumn: 22,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'queryRunner.manager.getRepository(User)' },
              output: `import { BaseEntity, DataSource, Entity } from 'typeorm';
@Entity()
class User extends BaseEntity {}
const dataSource = new DataSource({ type: 'postgres' });
export async function f(id: number) {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  try {
    const user = await User.findOneByOrFail({ id });
    await user.softRemove();
    await queryRunner.manager.getRepository(User).delete({ id: 0 });
    await queryRunner.commitTransaction();
  } catch (error) {
    await queryRunner.rollbackTransaction();
    throw error;
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'optional chaining and a non-null assertion on a found row',
      code: `import { BaseEntity, DataSource, Entity } from 'typeorm';
@Entity()
class User extends BaseEntity {}
const dataSource = new DataSource({ type: 'postgres' });
export async function f(id: number) {
  await dataSource.transaction(async (manager) => {
    const found = await User.findOne({ where: { id } });
    await found?.remove();
    await found!.recover();
  });
}`,
      errors: [
        {
          messageId: 'queryOutsideHandle', line: 7, column: 25, endLine: 7, endColumn: 37,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'manager.getRepository(User)' },
              output: `import { BaseEntity, DataSource, Entity } from 'typeorm';
@Entity()
class User extends BaseEntity {}
const dataSource = new DataSource({ type: 'postgres' });
export async function f(id: number) {
  await dataSource.transaction(async (manager) => {
    const found = await manager.getRepository(User).findOne({ where: { id } });
    await found?.remove();
    await found!.recover();
  });
}`,
            },
          ],
        },
        { messageId: 'queryOutsideHandle', line: 8, column: 11, endLine: 8, endColumn: 24, suggestions: [] },
        { messageId: 'queryOutsideHandle', line: 9, column: 11, endLine: 9, endColumn: 25, suggestions: [] },
      ],
    },
    {
      name: 'CommonJS: a created row’s save()',
      code: `const { BaseEntity, DataSource } = require('typeorm');
class User extends BaseEntity {}
const dataSource = new DataSource({ type: 'postgres' });
async function f() {
  await dataSource.transaction(async (manager) => {
    const u = User.create({ name: 'x' });
    await u.save();
  });
}`,
      errors: [
        { messageId: 'queryOutsideHandle', line: 7, column: 11, endLine: 7, endColumn: 17, suggestions: [] },
      ],
    },
  ],
});

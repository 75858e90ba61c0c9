/**
 * TypeORM (and NestJS `@nestjs/typeorm`) against the three transaction rules.
 *
 * - no-outer-client-in-transaction: the DataSource, EntityManager and repositories (injected,
 *   `dataSource.getRepository()`, custom subclasses of `Repository`) used inside
 *   `dataSource.transaction()`, `manager.transaction()` or a query-runner region.
 * - require-transaction-option: active-record statics (`class User extends BaseEntity`), which
 *   always run on the default connection.
 * - no-unrelated-await-in-transaction: HTTP, timers, mail and helpers awaited inside them.
 */
import path from 'node:path';

import noOuterClientInTransaction from '../../rules/no-outer-client-in-transaction.js';
import noUnrelatedAwaitInTransaction from '../../rules/no-unrelated-await-in-transaction.js';
import requireTransactionOption from '../../rules/require-transaction-option.js';
import { fixturesDir, untypedTester } from '../rule-tester.js';

const ruleTester = untypedTester();

ruleTester.run('no-outer-client-in-transaction', noOuterClientInTransaction, {
  valid: [
    // every query goes through the handle or a repository taken from it
    {
      code: `
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
  ) {}

  async rename(id: number, name: string) {
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOneByOrFail(User, { id });
      await manager.getRepository(User).save({ ...user, name });
      await manager.withRepository(this.users).update(id, { name });
      await manager.query('UPDATE stats SET renames = renames + 1');
      await manager.createQueryBuilder(User, 'u').where('u.id = :id', { id }).getOne();
      // A nested transaction on the handle is a savepoint on the same connection.
      await manager.transaction(async (inner) => {
        await inner.delete(User, { id: 0 });
      });
    });
  }
}
`,
    },
    // the injected repository outside the transaction, before and after it
    {
      code: `
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
  ) {}

  async rename(id: number, name: string) {
    const user = await this.users.findOneByOrFail({ id });
    await this.dataSource.transaction('SERIALIZABLE', async (manager) => {
      await manager.save(User, { ...user, name });
    });
    return this.users.findOneBy({ id });
  }
}
`,
    },
    // a helper that receives the transaction manager as a parameter
    {
      code: `
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from './audit.entity';

const dataSource = new DataSource({ type: 'postgres' });

async function writeAudit(manager: EntityManager, action: string) {
  await manager.insert(AuditLog, { action });
}

export async function register() {
  await dataSource.transaction(async (manager) => {
    await writeAudit(manager, 'register');
  });
}
`,
    },
    // query runner region: queries through queryRunner and queryRunner.manager; the repository after commit
    {
      code: `
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
  ) {}

  async rename(id: number, name: string) {
    const queryRunner = this.dataSource.createQueryRunner();
    await queryRunner.connect();
    try {
      await queryRunner.startTransaction();
      await queryRunner.manager.update(User, id, { name });
      await queryRunner.query('UPDATE stats SET renames = renames + 1');
      await queryRunner.commitTransaction();
      return await this.users.findOneBy({ id });
    } catch (error) {
      await queryRunner.rollbackTransaction();
      throw error;
    } finally {
      await queryRunner.release();
    }
  }
}
`,
    },
    // typeorm-transactional's own scopes bind injected repositories through CLS
    {
      code: `
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { runInTransaction } from 'typeorm-transactional';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
  ) {}

  async rename(id: number, name: string) {
    await runInTransaction(async () => {
      await this.users.update(id, { name });
      await this.dataSource.query('UPDATE stats SET renames = renames + 1');
    });
  }
}
`,
      filename: path.join(fixturesDir, 'typeorm-transactional/users.service.ts'),
    },
    // active-record statics are require-transaction-option's, not this rule's
    {
      code: `
import { BaseEntity, DataSource, Entity } from 'typeorm';

@Entity()
class User extends BaseEntity {}

const dataSource = new DataSource({ type: 'postgres' });

export async function f() {
  await dataSource.transaction(async (manager) => {
    await User.find();
  });
}
`,
    },
    // lookalike: a local class with transaction(), find() and save()
    {
      code: `
class Store {
  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    return fn(this);
  }
  async find() {
    return [];
  }
  async save(_value: unknown) {}
  async query(_sql: string) {}
}

const store = new Store();

export async function f() {
  await store.transaction(async (tx) => {
    await store.find();
    await store.save({});
    await tx.query('x');
  });
}
`,
    },
    // lookalike: Repository from another package, and a repository-like class not extending TypeORM's
    {
      code: `
import { Repository } from 'redis-om';
import { DataSource } from 'typeorm';

class InMemoryUserRepository {
  private readonly rows = new Map<number, { id: number }>();
  async find() {
    return [...this.rows.values()];
  }
  async save(row: { id: number }) {
    this.rows.set(row.id, row);
  }
  async delete(id: number) {
    this.rows.delete(id);
  }
}

export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: Repository,
    private readonly memory: InMemoryUserRepository,
  ) {}

  async f(ids: number[]) {
    await this.dataSource.transaction(async (manager) => {
      await this.cache.save({ id: 1 });
      await this.cache.remove('1');
      await this.memory.save({ id: 1 });
      await this.memory.find();
      await this.memory.delete(1);
      ids.find((id) => id > 1);
    });
  }
}
`,
    },
    // lookalike: a parameter without a type and a value typed any
    {
      code: `
export async function f(dataSource, legacy: any) {
  await dataSource.transaction(async (manager) => {
    await dataSource.query('x');
    await dataSource.manager.find('User');
  });
  await legacy.transaction(async (manager) => {
    await legacy.getRepository('User').save({});
  });
}
`,
    },
    // another library's client inside a TypeORM transaction is not a TypeORM escape
    {
      code: `
import { DataSource } from 'typeorm';
import { Model } from 'sequelize';

class Legacy extends Model {}
const dataSource = new DataSource({ type: 'postgres' });

export async function f() {
  await dataSource.transaction(async (manager) => {
    await Legacy.findAll();
  });
}
`,
    },
    // multi-file: a helper from a local module that takes the manager
    {
      code: `
import { AppDataSource } from './data-source.js';
import { writeAuditWith } from './audit.js';

export async function register() {
  await AppDataSource.transaction(async (manager) => {
    await writeAuditWith(manager, 'register');
  });
}
`,
      filename: path.join(fixturesDir, 'typeorm/register.ts'),
    },
  ],
  invalid: [
    // injected repository inside dataSource.transaction()
    {
      code: `
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
  ) {}

  async rename(id: number, name: string) {
    await this.dataSource.transaction(async (manager) => {
      await this.users.update(id, { name });
    });
  }
}
`,
      errors: [
        {
          messageId: 'outerClient', data: { library: 'TypeORM', client: 'this.users', label: 'Repository' }, line: 16, column: 13, endLine: 16, endColumn: 30,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'manager.getRepository(User)' },
              output: `
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
  ) {}

  async rename(id: number, name: string) {
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(User).update(id, { name });
    });
  }
}
`,
            },
            {
              messageId: 'useHandle', data: { replacement: 'manager.withRepository(this.users)' },
              output: `
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
  ) {}

  async rename(id: number, name: string) {
    await this.dataSource.transaction(async (manager) => {
      await manager.withRepository(this.users).update(id, { name });
    });
  }
}
`,
            },
          ],
        },
      ],
    },
    // isolation level argument; the data source itself; a repository made from it
    {
      code: `
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
  ) {}

  async rename(id: number, name: string) {
    await this.dataSource.transaction('SERIALIZABLE', async (manager) => {
      await this.dataSource.query('UPDATE stats SET renames = renames + 1');
      await this.dataSource.getRepository(User).update(id, { name });
    });
  }
}
`,
      errors: [
        {
          messageId: 'outerClient', line: 16, column: 13, endLine: 16, endColumn: 34,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'manager' },
              output: `
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
  ) {}

  async rename(id: number, name: string) {
    await this.dataSource.transaction('SERIALIZABLE', async (manager) => {
      await manager.query('UPDATE stats SET renames = renames + 1');
      await this.dataSource.getRepository(User).update(id, { name });
    });
  }
}
`,
            },
          ],
        },
        {
          messageId: 'outerClient', line: 17, column: 13, endLine: 17, endColumn: 55,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'manager' },
              output: `
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
  ) {}

  async rename(id: number, name: string) {
    await this.dataSource.transaction('SERIALIZABLE', async (manager) => {
      await this.dataSource.query('UPDATE stats SET renames = renames + 1');
      await manager.getRepository(User).update(id, { name });
    });
  }
}
`,
            },
          ],
        },
      ],
    },
    // module-level dataSource.getRepository(User)
    {
      code: `
import { DataSource } from 'typeorm';
import { User } from './user.entity';

export const dataSource = new DataSource({ type: 'postgres' });
const userRepository = dataSource.getRepository(User);

export async function rename(id: number, name: string) {
  return dataSource.transaction(async (manager) => {
    await userRepository.update(id, { name });
    return manager.findOneBy(User, { id });
  });
}
`,
      errors: [
        {
          messageId: 'outerClient', line: 10, column: 11, endLine: 10, endColumn: 32,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'manager.getRepository(User)' },
              output: `
import { DataSource } from 'typeorm';
import { User } from './user.entity';

export const dataSource = new DataSource({ type: 'postgres' });
const userRepository = dataSource.getRepository(User);

export async function rename(id: number, name: string) {
  return dataSource.transaction(async (manager) => {
    await manager.getRepository(User).update(id, { name });
    return manager.findOneBy(User, { id });
  });
}
`,
            },
            {
              messageId: 'useHandle', data: { replacement: 'manager.withRepository(userRepository)' },
              output: `
import { DataSource } from 'typeorm';
import { User } from './user.entity';

export const dataSource = new DataSource({ type: 'postgres' });
const userRepository = dataSource.getRepository(User);

export async function rename(id: number, name: string) {
  return dataSource.transaction(async (manager) => {
    await manager.withRepository(userRepository).update(id, { name });
    return manager.findOneBy(User, { id });
  });
}
`,
            },
          ],
        },
      ],
    },
    // custom repository class (extends Repository<User>) injected by type: only withRepository applies
    {
      code: `
import { Injectable } from '@nestjs/common';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UserRepository extends Repository<User> {
  constructor(dataSource: DataSource) {
    super(User, dataSource.createEntityManager());
  }
}

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly dataSource: DataSource,
  ) {}

  async remove(id: number) {
    await this.dataSource.transaction(async (manager) => {
      await this.users.delete(id);
    });
  }
}
`,
      errors: [
        {
          messageId: 'outerClient', line: 22, column: 13, endLine: 22, endColumn: 30,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'manager.getRepository(User)' },
              output: `
import { Injectable } from '@nestjs/common';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UserRepository extends Repository<User> {
  constructor(dataSource: DataSource) {
    super(User, dataSource.createEntityManager());
  }
}

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly dataSource: DataSource,
  ) {}

  async remove(id: number) {
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(User).delete(id);
    });
  }
}
`,
            },
            {
              messageId: 'useHandle', data: { replacement: 'manager.withRepository(this.users)' },
              output: `
import { Injectable } from '@nestjs/common';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UserRepository extends Repository<User> {
  constructor(dataSource: DataSource) {
    super(User, dataSource.createEntityManager());
  }
}

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly dataSource: DataSource,
  ) {}

  async remove(id: number) {
    await this.dataSource.transaction(async (manager) => {
      await manager.withRepository(this.users).delete(id);
    });
  }
}
`,
            },
          ],
        },
      ],
    },
    // inside a custom repository: this.manager.transaction() and a query on this
    {
      code: `
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';

export class UserRepository extends Repository<User> {
  constructor(dataSource: DataSource) {
    super(User, dataSource.createEntityManager());
  }

  async rename(id: number, name: string) {
    await this.manager.transaction(async (em) => {
      await this.update(id, { name });
    });
  }
}
`,
      errors: [
        {
          messageId: 'outerClient', line: 12, column: 13, endLine: 12, endColumn: 24,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'em.getRepository(User)' },
              output: `
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';

export class UserRepository extends Repository<User> {
  constructor(dataSource: DataSource) {
    super(User, dataSource.createEntityManager());
  }

  async rename(id: number, name: string) {
    await this.manager.transaction(async (em) => {
      await em.getRepository(User).update(id, { name });
    });
  }
}
`,
            },
            {
              messageId: 'useHandle', data: { replacement: 'em.withRepository(this)' },
              output: `
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';

export class UserRepository extends Repository<User> {
  constructor(dataSource: DataSource) {
    super(User, dataSource.createEntityManager());
  }

  async rename(id: number, name: string) {
    await this.manager.transaction(async (em) => {
      await em.withRepository(this).update(id, { name });
    });
  }
}
`,
            },
          ],
        },
      ],
    },
    // injected EntityManager: manager.transaction() and the outer manager inside it
    {
      code: `
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { User } from './user.entity';

export class UsersService {
  constructor(@InjectEntityManager() private readonly em: EntityManager) {}

  async create(name: string) {
    await this.em.transaction(async (tx) => {
      await this.em.save(User, { name });
    });
  }
}
`,
      errors: [
        {
          messageId: 'outerClient', data: { library: 'TypeORM', client: 'this.em', label: 'EntityManager' }, line: 11, column: 13, endLine: 11, endColumn: 25,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'tx' },
              output: `
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { User } from './user.entity';

export class UsersService {
  constructor(@InjectEntityManager() private readonly em: EntityManager) {}

  async create(name: string) {
    await this.em.transaction(async (tx) => {
      await tx.save(User, { name });
    });
  }
}
`,
            },
          ],
        },
      ],
    },
    // property injection, and a transaction opened on the repository's manager
    {
      code: `
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from './user.entity';

export class UsersService {
  @InjectRepository(User)
  private readonly users!: Repository<User>;

  async purge() {
    await this.users.manager.transaction(async (m) => {
      await this.users.delete({ active: false });
    });
  }
}
`,
      errors: [
        {
          messageId: 'outerClient', line: 12, column: 13, endLine: 12, endColumn: 30,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'm.getRepository(User)' },
              output: `
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from './user.entity';

export class UsersService {
  @InjectRepository(User)
  private readonly users!: Repository<User>;

  async purge() {
    await this.users.manager.transaction(async (m) => {
      await m.getRepository(User).delete({ active: false });
    });
  }
}
`,
            },
            {
              messageId: 'useHandle', data: { replacement: 'm.withRepository(this.users)' },
              output: `
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from './user.entity';

export class UsersService {
  @InjectRepository(User)
  private readonly users!: Repository<User>;

  async purge() {
    await this.users.manager.transaction(async (m) => {
      await m.withRepository(this.users).delete({ active: false });
    });
  }
}
`,
            },
          ],
        },
      ],
    },
    // nested transaction opened on the outer data source
    {
      code: `
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
  ) {}

  async rename(id: number, name: string) {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(User, id, { name });
      await this.dataSource.transaction(async (other) => {
        await other.query('UPDATE stats SET renames = renames + 1');
      });
    });
  }
}
`,
      errors: [
        { messageId: 'nestedTransaction', data: { library: 'TypeORM', client: 'this.dataSource', handleHint: ' Run it on `manager` (a savepoint) or inline it into this transaction.' }, line: 17, column: 13, endLine: 17, endColumn: 40 },
      ],
    },
    // query runner region begun inside try: the data source and its manager are outside it
    {
      code: `
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
  ) {}

  async rename(id: number, name: string) {
    const queryRunner = this.dataSource.createQueryRunner();
    await queryRunner.connect();
    try {
      await queryRunner.startTransaction();
      await this.dataSource.query('UPDATE stats SET renames = renames + 1');
      await this.dataSource.manager.update(User, id, { name });
      await queryRunner.commitTransaction();
    } catch (error) {
      await queryRunner.rollbackTransaction();
      throw error;
    } finally {
      await queryRunner.release();
    }
  }
}
`,
      errors: [
        {
          messageId: 'outerClient', line: 19, column: 13, endLine: 19, endColumn: 34,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'queryRunner.manager' },
              output: `
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
  ) {}

  async rename(id: number, name: string) {
    const queryRunner = this.dataSource.createQueryRunner();
    await queryRunner.connect();
    try {
      await queryRunner.startTransaction();
      await queryRunner.manager.query('UPDATE stats SET renames = renames + 1');
      await this.dataSource.manager.update(User, id, { name });
      await queryRunner.commitTransaction();
    } catch (error) {
      await queryRunner.rollbackTransaction();
      throw error;
    } finally {
      await queryRunner.release();
    }
  }
}
`,
            },
          ],
        },
        {
          messageId: 'outerClient', line: 20, column: 13, endLine: 20, endColumn: 43,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'queryRunner.manager' },
              output: `
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
  ) {}

  async rename(id: number, name: string) {
    const queryRunner = this.dataSource.createQueryRunner();
    await queryRunner.connect();
    try {
      await queryRunner.startTransaction();
      await this.dataSource.query('UPDATE stats SET renames = renames + 1');
      await queryRunner.manager.update(User, id, { name });
      await queryRunner.commitTransaction();
    } catch (error) {
      await queryRunner.rollbackTransaction();
      throw error;
    } finally {
      await queryRunner.release();
    }
  }
}
`,
            },
          ],
        },
      ],
    },
    // namespace import and CommonJS require
    {
      code: `
import * as typeorm from 'typeorm';
const { DataSource } = require('typeorm');

const primary = new typeorm.DataSource({ type: 'postgres' });
const replica = new DataSource({ type: 'postgres' });

export async function f() {
  await primary.transaction(async (em) => {
    await primary.query('SELECT 1');
  });
  await replica.transaction(async (em) => {
    await replica.query('SELECT 2');
  });
}
`,
      errors: [
        {
          messageId: 'outerClient', line: 10, column: 11, endLine: 10, endColumn: 24,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'em' },
              output: `
import * as typeorm from 'typeorm';
const { DataSource } = require('typeorm');

const primary = new typeorm.DataSource({ type: 'postgres' });
const replica = new DataSource({ type: 'postgres' });

export async function f() {
  await primary.transaction(async (em) => {
    await em.query('SELECT 1');
  });
  await replica.transaction(async (em) => {
    await replica.query('SELECT 2');
  });
}
`,
            },
          ],
        },
        {
          messageId: 'outerClient', line: 13, column: 11, endLine: 13, endColumn: 24,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'em' },
              output: `
import * as typeorm from 'typeorm';
const { DataSource } = require('typeorm');

const primary = new typeorm.DataSource({ type: 'postgres' });
const replica = new DataSource({ type: 'postgres' });

export async function f() {
  await primary.transaction(async (em) => {
    await primary.query('SELECT 1');
  });
  await replica.transaction(async (em) => {
    await em.query('SELECT 2');
  });
}
`,
            },
          ],
        },
      ],
    },
    // aliases, destructuring, an `as any` cast and a renamed import
    {
      code: `
import { DataSource as TypeOrmDataSource, Repository } from 'typeorm';
import { User } from './user.entity';

const dataSource = new TypeOrmDataSource({ type: 'postgres' });
const db = dataSource;
const { manager } = dataSource;
const users: Repository<User> = db.getRepository(User);

export async function f() {
  await db.transaction(async (em) => {
    await manager.find(User);
    await users.count();
    await (db as any).query('SELECT 1');
  });
}
`,
      errors: [
        {
          messageId: 'outerClient', line: 12, column: 11, endLine: 12, endColumn: 23,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'em' },
              output: `
import { DataSource as TypeOrmDataSource, Repository } from 'typeorm';
import { User } from './user.entity';

const dataSource = new TypeOrmDataSource({ type: 'postgres' });
const db = dataSource;
const { manager } = dataSource;
const users: Repository<User> = db.getRepository(User);

export async function f() {
  await db.transaction(async (em) => {
    await em.find(User);
    await users.count();
    await (db as any).query('SELECT 1');
  });
}
`,
            },
          ],
        },
        {
          messageId: 'outerClient', line: 13, column: 11, endLine: 13, endColumn: 22,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'em.getRepository(User)' },
              output: `
import { DataSource as TypeOrmDataSource, Repository } from 'typeorm';
import { User } from './user.entity';

const dataSource = new TypeOrmDataSource({ type: 'postgres' });
const db = dataSource;
const { manager } = dataSource;
const users: Repository<User> = db.getRepository(User);

export async function f() {
  await db.transaction(async (em) => {
    await manager.find(User);
    await em.getRepository(User).count();
    await (db as any).query('SELECT 1');
  });
}
`,
            },
            {
              messageId: 'useHandle', data: { replacement: 'em.withRepository(users)' },
              output: `
import { DataSource as TypeOrmDataSource, Repository } from 'typeorm';
import { User } from './user.entity';

const dataSource = new TypeOrmDataSource({ type: 'postgres' });
const db = dataSource;
const { manager } = dataSource;
const users: Repository<User> = db.getRepository(User);

export async function f() {
  await db.transaction(async (em) => {
    await manager.find(User);
    await em.withRepository(users).count();
    await (db as any).query('SELECT 1');
  });
}
`,
            },
          ],
        },
        {
          messageId: 'outerClient', line: 14, column: 12, endLine: 14, endColumn: 28,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'em' },
              output: `
import { DataSource as TypeOrmDataSource, Repository } from 'typeorm';
import { User } from './user.entity';

const dataSource = new TypeOrmDataSource({ type: 'postgres' });
const db = dataSource;
const { manager } = dataSource;
const users: Repository<User> = db.getRepository(User);

export async function f() {
  await db.transaction(async (em) => {
    await manager.find(User);
    await users.count();
    await (em as any).query('SELECT 1');
  });
}
`,
            },
          ],
        },
      ],
    },
    // TypeORM 0.2 global helpers
    {
      code: `
import { getManager, getRepository } from 'typeorm';
import { User } from './user.entity';

const users = getRepository(User);

export async function f() {
  await getManager().transaction(async (em) => {
    await users.find();
  });
}
`,
      errors: [
        {
          messageId: 'outerClient', line: 9, column: 11, endLine: 9, endColumn: 21,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'em.withRepository(users)' },
              output: `
import { getManager, getRepository } from 'typeorm';
import { User } from './user.entity';

const users = getRepository(User);

export async function f() {
  await getManager().transaction(async (em) => {
    await em.withRepository(users).find();
  });
}
`,
            },
          ],
        },
      ],
    },
    // a local helper that closes over the outer repository
    {
      code: `
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
  ) {}

  private async audit(action: string) {
    await this.users.query('INSERT INTO audit (action) VALUES ($1)', [action]);
  }

  async rename(id: number, name: string) {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(User, id, { name });
      await this.audit('rename');
    });
  }
}
`,
      errors: [
        { messageId: 'outerClientInHelper', data: { helper: 'this.audit', library: 'TypeORM', client: 'this.users' }, line: 21, column: 13, endLine: 21, endColumn: 23 },
      ],
    },
    // multi-file: the data source exported by a local module, and a helper module using it
    {
      code: `
import { AppDataSource } from './data-source.js';
import { writeAudit } from './audit.js';
import { User } from './user.entity.js';

export async function register(name: string) {
  await AppDataSource.transaction(async (manager) => {
    await AppDataSource.getRepository(User).save({ name });
    await writeAudit('register');
  });
}
`,
      filename: path.join(fixturesDir, 'typeorm/register.ts'),
      errors: [
        {
          messageId: 'outerClient', line: 8, column: 11, endLine: 8, endColumn: 49,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'manager' },
              output: `
import { AppDataSource } from './data-source.js';
import { writeAudit } from './audit.js';
import { User } from './user.entity.js';

export async function register(name: string) {
  await AppDataSource.transaction(async (manager) => {
    await manager.getRepository(User).save({ name });
    await writeAudit('register');
  });
}
`,
            },
          ],
        },
        { messageId: 'outerClientInHelper', line: 9, column: 11, endLine: 9, endColumn: 21 },
      ],
    },
  ],
});

ruleTester.run('require-transaction-option', requireTransactionOption, {
  valid: [
    // active record outside the transaction; the entity's repository from the handle inside
    {
      code: `
import { BaseEntity, DataSource, Entity } from 'typeorm';

@Entity()
class User extends BaseEntity {}

const dataSource = new DataSource({ type: 'postgres' });

export async function f() {
  const before = await User.find();
  await dataSource.transaction(async (manager) => {
    await manager.getRepository(User).save(before);
    const fresh = User.create({});
    await manager.save(fresh);
  });
  return User.count();
}
`,
    },
    // Repository queries are no-outer-client-in-transaction's, not this rule's
    {
      code: `
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
  ) {}

  async rename(id: number, name: string) {
    await this.dataSource.transaction(async (manager) => {
      await this.users.update(id, { name });
    });
  }
}
`,
    },
    // typeorm-transactional scope: active record joins the transaction
    {
      code: `
import { BaseEntity } from 'typeorm';
import { runInTransaction } from 'typeorm-transactional';

class User extends BaseEntity {}

export async function f() {
  await runInTransaction(async () => {
    await User.find();
  });
}
`,
      filename: path.join(fixturesDir, 'typeorm-transactional/users.service.ts'),
    },
    // lookalike: BaseEntity from another package, and a local BaseEntity class
    {
      code: `
import { BaseEntity } from 'typeorm-like';
import { DataSource } from 'typeorm';

class Local {
  static async find() {
    return [];
  }
}
class Model extends Local {}
class User extends BaseEntity {}
const dataSource = new DataSource({ type: 'postgres' });

export async function f() {
  await dataSource.transaction(async (manager) => {
    await User.find();
    await Model.find();
  });
}
`,
    },
  ],
  invalid: [
    // active-record statics inside dataSource.transaction()
    {
      code: `
import { BaseEntity, DataSource, Entity } from 'typeorm';

@Entity()
class User extends BaseEntity {}

const dataSource = new DataSource({ type: 'postgres' });

export async function deactivate(id: number) {
  await dataSource.transaction(async (manager) => {
    const user = await User.findOneByOrFail({ id });
    await User.update(id, { active: false });
    await manager.save(user);
  });
}
`,
      errors: [
        {
          messageId: 'queryOutsideHandle', data: { call: 'User.findOneByOrFail()', library: 'TypeORM' }, line: 11, column: 24, endLine: 11, endColumn: 44,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'manager.getRepository(User)' },
              output: `
import { BaseEntity, DataSource, Entity } from 'typeorm';

@Entity()
class User extends BaseEntity {}

const dataSource = new DataSource({ type: 'postgres' });

export async function deactivate(id: number) {
  await dataSource.transaction(async (manager) => {
    const user = await manager.getRepository(User).findOneByOrFail({ id });
    await User.update(id, { active: false });
    await manager.save(user);
  });
}
`,
            },
          ],
        },
        {
          messageId: 'queryOutsideHandle', data: { call: 'User.update()', library: 'TypeORM' }, line: 12, column: 11, endLine: 12, endColumn: 22,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'manager.getRepository(User)' },
              output: `
import { BaseEntity, DataSource, Entity } from 'typeorm';

@Entity()
class User extends BaseEntity {}

const dataSource = new DataSource({ type: 'postgres' });

export async function deactivate(id: number) {
  await dataSource.transaction(async (manager) => {
    const user = await User.findOneByOrFail({ id });
    await manager.getRepository(User).update(id, { active: false });
    await manager.save(user);
  });
}
`,
            },
          ],
        },
      ],
    },
    // isolation level argument and manager.transaction()
    {
      code: `
import { BaseEntity, DataSource } from 'typeorm';

export class Order extends BaseEntity {}
const dataSource = new DataSource({ type: 'postgres' });

export async function f() {
  await dataSource.transaction('SERIALIZABLE', async (manager) => {
    await Order.count();
  });
  await dataSource.manager.transaction(async (em) => {
    await Order.delete({ id: 1 });
  });
}
`,
      errors: [
        {
          messageId: 'queryOutsideHandle', line: 9, column: 11, endLine: 9, endColumn: 22,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'manager.getRepository(Order)' },
              output: `
import { BaseEntity, DataSource } from 'typeorm';

export class Order extends BaseEntity {}
const dataSource = new DataSource({ type: 'postgres' });

export async function f() {
  await dataSource.transaction('SERIALIZABLE', async (manager) => {
    await manager.getRepository(Order).count();
  });
  await dataSource.manager.transaction(async (em) => {
    await Order.delete({ id: 1 });
  });
}
`,
            },
          ],
        },
        {
          messageId: 'queryOutsideHandle', line: 12, column: 11, endLine: 12, endColumn: 23,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'em.getRepository(Order)' },
              output: `
import { BaseEntity, DataSource } from 'typeorm';

export class Order extends BaseEntity {}
const dataSource = new DataSource({ type: 'postgres' });

export async function f() {
  await dataSource.transaction('SERIALIZABLE', async (manager) => {
    await Order.count();
  });
  await dataSource.manager.transaction(async (em) => {
    await em.getRepository(Order).delete({ id: 1 });
  });
}
`,
            },
          ],
        },
      ],
    },
    // CommonJS require of BaseEntity and DataSource
    {
      code: `
const { BaseEntity, DataSource } = require('typeorm');

class Invoice extends BaseEntity {}
const dataSource = new DataSource({ type: 'postgres' });

async function f() {
  await dataSource.transaction(async (manager) => {
    await Invoice.save({ total: 1 });
  });
}
`,
      errors: [
        {
          messageId: 'queryOutsideHandle', line: 9, column: 11, endLine: 9, endColumn: 23,
          suggestions: [
            {
              messageId: 'useHandle', data: { replacement: 'manager.getRepository(Invoice)' },
              output: `
const { BaseEntity, DataSource } = require('typeorm');

class Invoice extends BaseEntity {}
const dataSource = new DataSource({ type: 'postgres' });

async function f() {
  await dataSource.transaction(async (manager) => {
    await manager.getRepository(Invoice).save({ total: 1 });
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

ruleTester.run('no-unrelated-await-in-transaction', noUnrelatedAwaitInTransaction, {
  valid: [
    // only queries awaited inside; I/O before and after
    {
      code: `
import axios from 'axios';
import { DataSource } from 'typeorm';
import { User } from './user.entity';

const dataSource = new DataSource({ type: 'postgres' });

export async function f(id: number) {
  const profile = await axios.get('https://example.com/profile');
  await dataSource.transaction(async (manager) => {
    await manager.update(User, id, { bio: profile.data.bio });
    await Promise.all([manager.count(User), manager.query('SELECT 1')]);
  });
  await fetch('https://example.com/hook');
}
`,
    },
    // lookalikes: local functions named like I/O, unknown awaits are not reported by default
    {
      code: `
import { DataSource } from 'typeorm';

const dataSource = new DataSource({ type: 'postgres' });
const axios = { post: async (_url: string) => ({ data: 1 }) };
async function sleep(_ms: number) {}
async function compute() {
  return 42;
}

export async function f() {
  await dataSource.transaction(async (manager) => {
    await axios.post('https://example.com');
    await sleep(100);
    await compute();
  });
}
`,
    },
  ],
  invalid: [
    // fetch inside dataSource.transaction(): moved before the transaction
    {
      code: `
import { DataSource } from 'typeorm';
import { User } from './user.entity';

const dataSource = new DataSource({ type: 'postgres' });

export async function activate(id: number) {
  await dataSource.transaction(async (manager) => {
    await manager.update(User, id, { active: true });
    await fetch(\`https://example.com/hooks/\${id}\`, { method: 'POST' });
  });
}
`,
      errors: [
        {
          messageId: 'unrelatedAwait', data: { what: 'an HTTP request (fetch)', library: 'TypeORM' }, line: 10, column: 5, endLine: 10, endColumn: 71,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `
import { DataSource } from 'typeorm';
import { User } from './user.entity';

const dataSource = new DataSource({ type: 'postgres' });

export async function activate(id: number) {
  await fetch(\`https://example.com/hooks/\${id}\`, { method: 'POST' });
  await dataSource.transaction(async (manager) => {
    await manager.update(User, id, { active: true });
  });
}
`,
            },
            {
              messageId: 'moveAfterTransaction',
              output: `
import { DataSource } from 'typeorm';
import { User } from './user.entity';

const dataSource = new DataSource({ type: 'postgres' });

export async function activate(id: number) {
  await dataSource.transaction(async (manager) => {
    await manager.update(User, id, { active: true });
  });
  await fetch(\`https://example.com/hooks/\${id}\`, { method: 'POST' });
}
`,
            },
          ],
        },
      ],
    },
    // axios result declared inside a NestJS service method: the declaration moves
    {
      code: `
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';
import axios from 'axios';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
  ) {}

  async sync(id: number) {
    return this.dataSource.transaction(async (manager) => {
      const { data } = await axios.get(\`https://example.com/users/\${id}\`);
      await manager.update(User, id, { name: data.name });
    });
  }
}
`,
      errors: [
        {
          messageId: 'unrelatedAwait', line: 17, column: 24, endLine: 17, endColumn: 74,
          suggestions: [
            {
              messageId: 'moveBeforeTransaction',
              output: `
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { User } from './user.entity';
import axios from 'axios';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
  ) {}

  async sync(id: number) {
    const { data } = await axios.get(\`https://example.com/users/\${id}\`);
    return this.dataSource.transaction(async (manager) => {
      await manager.update(User, id, { name: data.name });
    });
  }
}
`,
            },
          ],
        },
      ],
    },
    // mail, timers/promises sleep and a local helper that calls fetch
    {
      code: `
import nodemailer from 'nodemailer';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { User } from './user.entity';

const dataSource = new DataSource({ type: 'postgres' });
const transporter = nodemailer.createTransport({ host: 'smtp.example.com' });

async function notify(id: number) {
  await fetch(\`https://example.com/notify/\${id}\`);
}

export async function f(id: number) {
  await dataSource.transaction(async (manager) => {
    await manager.update(User, id, { invited: true });
    await transporter.sendMail({ to: 'a@example.com', subject: 'Invited' });
    await sleep(1000);
    await notify(id);
  });
}
`,
      errors: [
        {
          messageId: 'unrelatedAwait', data: { what: 'sending mail (nodemailer)', library: 'TypeORM' }, line: 17, column: 5, endLine: 17, endColumn: 76,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `
import nodemailer from 'nodemailer';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { User } from './user.entity';

const dataSource = new DataSource({ type: 'postgres' });
const transporter = nodemailer.createTransport({ host: 'smtp.example.com' });

async function notify(id: number) {
  await fetch(\`https://example.com/notify/\${id}\`);
}

export async function f(id: number) {
  await transporter.sendMail({ to: 'a@example.com', subject: 'Invited' });
  await dataSource.transaction(async (manager) => {
    await manager.update(User, id, { invited: true });
    await sleep(1000);
    await notify(id);
  });
}
`,
            },
          ],
        },
        {
          messageId: 'unrelatedAwait', data: { what: 'a timer (node:timers/promises)', library: 'TypeORM' }, line: 18, column: 5, endLine: 18, endColumn: 22,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `
import nodemailer from 'nodemailer';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { User } from './user.entity';

const dataSource = new DataSource({ type: 'postgres' });
const transporter = nodemailer.createTransport({ host: 'smtp.example.com' });

async function notify(id: number) {
  await fetch(\`https://example.com/notify/\${id}\`);
}

export async function f(id: number) {
  await sleep(1000);
  await dataSource.transaction(async (manager) => {
    await manager.update(User, id, { invited: true });
    await transporter.sendMail({ to: 'a@example.com', subject: 'Invited' });
    await notify(id);
  });
}
`,
            },
          ],
        },
        {
          messageId: 'unrelatedAwait', data: { what: '`notify()`, which awaits an HTTP request (fetch),', library: 'TypeORM' }, line: 19, column: 5, endLine: 19, endColumn: 21,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `
import nodemailer from 'nodemailer';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { User } from './user.entity';

const dataSource = new DataSource({ type: 'postgres' });
const transporter = nodemailer.createTransport({ host: 'smtp.example.com' });

async function notify(id: number) {
  await fetch(\`https://example.com/notify/\${id}\`);
}

export async function f(id: number) {
  await notify(id);
  await dataSource.transaction(async (manager) => {
    await manager.update(User, id, { invited: true });
    await transporter.sendMail({ to: 'a@example.com', subject: 'Invited' });
    await sleep(1000);
  });
}
`,
            },
            {
              messageId: 'moveAfterTransaction',
              output: `
import nodemailer from 'nodemailer';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { User } from './user.entity';

const dataSource = new DataSource({ type: 'postgres' });
const transporter = nodemailer.createTransport({ host: 'smtp.example.com' });

async function notify(id: number) {
  await fetch(\`https://example.com/notify/\${id}\`);
}

export async function f(id: number) {
  await dataSource.transaction(async (manager) => {
    await manager.update(User, id, { invited: true });
    await transporter.sendMail({ to: 'a@example.com', subject: 'Invited' });
    await sleep(1000);
  });
  await notify(id);
}
`,
            },
          ],
        },
      ],
    },
    // I/O that needs a value read inside the transaction: reported without a move
    {
      code: `
import { DataSource } from 'typeorm';
import { User } from './user.entity';

const dataSource = new DataSource({ type: 'postgres' });

export async function f(id: number) {
  await dataSource.manager.transaction(async (manager) => {
    const user = await manager.findOneByOrFail(User, { id });
    await fetch(\`https://example.com/users/\${user.email}\`);
    await Promise.all([manager.save(user), fetch('https://example.com/audit')]);
  });
}
`,
      errors: [
        { messageId: 'unrelatedAwait', line: 10, column: 5, endLine: 10, endColumn: 59 },
        { messageId: 'unrelatedAwait', line: 11, column: 5, endLine: 11, endColumn: 80 },
      ],
    },
    // query runner region: a sleep and fetch between startTransaction() and commitTransaction()
    {
      code: `
import { DataSource } from 'typeorm';

const dataSource = new DataSource({ type: 'postgres' });

export async function f() {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  try {
    await queryRunner.startTransaction();
    await queryRunner.query('UPDATE jobs SET state = 1');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await fetch('https://example.com');
    await queryRunner.commitTransaction();
  } catch (error) {
    await queryRunner.rollbackTransaction();
  } finally {
    await queryRunner.release();
  }
}
`,
      errors: [
        { messageId: 'unrelatedAwait', line: 12, column: 5, endLine: 12, endColumn: 61 },
        { messageId: 'unrelatedAwait', line: 13, column: 5, endLine: 13, endColumn: 39 },
      ],
    },
    // typeorm-transactional does not shorten the transaction: still reported
    {
      code: `
import { DataSource } from 'typeorm';

const dataSource = new DataSource({ type: 'postgres' });

export async function f() {
  await dataSource.transaction(async (manager) => {
    await manager.query('UPDATE jobs SET state = 1');
    await fetch('https://example.com');
  });
}
`,
      filename: path.join(fixturesDir, 'typeorm-transactional/users.service.ts'),
      errors: [
        {
          messageId: 'unrelatedAwait', line: 9, column: 5, endLine: 9, endColumn: 39,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `
import { DataSource } from 'typeorm';

const dataSource = new DataSource({ type: 'postgres' });

export async function f() {
  await fetch('https://example.com');
  await dataSource.transaction(async (manager) => {
    await manager.query('UPDATE jobs SET state = 1');
  });
}
`,
            },
            {
              messageId: 'moveAfterTransaction',
              output: `
import { DataSource } from 'typeorm';

const dataSource = new DataSource({ type: 'postgres' });

export async function f() {
  await dataSource.transaction(async (manager) => {
    await manager.query('UPDATE jobs SET state = 1');
  });
  await fetch('https://example.com');
}
`,
            },
          ],
        },
      ],
    },
  ],
});

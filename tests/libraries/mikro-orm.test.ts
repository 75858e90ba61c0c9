/**
 * MikroORM against the transaction rules. `em.transactional()` forks the EntityManager and
 * propagates the fork through AsyncLocalStorage, so the global `em` and injected repositories
 * inside it are in the transaction: no-outer-client-in-transaction and require-transaction-option
 * stay silent. no-unrelated-await-in-transaction still applies: the connection is held just the same.
 */
import noOuterClientInTransaction from '../../rules/no-outer-client-in-transaction.js';
import noUnrelatedAwaitInTransaction from '../../rules/no-unrelated-await-in-transaction.js';
import requireTransactionOption from '../../rules/require-transaction-option.js';
import { untypedTester } from '../rule-tester.js';

const ruleTester = untypedTester();

ruleTester.run('no-outer-client-in-transaction', noOuterClientInTransaction, {
  valid: [
    // the global em and an injected repository inside em.transactional() join the transaction
    {
      code: `
import { Injectable } from '@nestjs/common';
import { EntityManager, EntityRepository } from '@mikro-orm/postgresql';
import { InjectRepository } from '@mikro-orm/nestjs';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    private readonly em: EntityManager,
    @InjectRepository(User) private readonly users: EntityRepository<User>,
  ) {}

  async rename(id: number, name: string) {
    await this.em.transactional(async (em) => {
      const user = await this.users.findOneOrFail(id);
      user.name = name;
      await this.em.flush();
      await this.em.nativeUpdate(User, { id }, { renamedAt: new Date() });
      await em.persistAndFlush(user);
      // Nested: joins the same transaction (a savepoint), not a second connection.
      await this.em.transactional(async () => {
        await this.users.nativeDelete({ id: 0 });
      });
    });
  }
}
`,
    },
    // orm.em, a fork, and the repository's entity manager
    {
      code: `
import { MikroORM } from '@mikro-orm/core';
import { User } from './user.entity';

export async function main() {
  const orm = await MikroORM.init();
  const users = orm.em.getRepository(User);
  await orm.em.fork().transactional(async (em) => {
    await orm.em.find(User, {});
    await users.count();
  });
  await users.getEntityManager().transactional(async () => {
    await users.findAll();
  });
}
`,
    },
    // explicit begin / commit / rollback on the em
    {
      code: `
import { Injectable } from '@nestjs/common';
import { EntityManager, EntityRepository } from '@mikro-orm/postgresql';
import { InjectRepository } from '@mikro-orm/nestjs';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    private readonly em: EntityManager,
    @InjectRepository(User) private readonly users: EntityRepository<User>,
  ) {}

  async rename(id: number, name: string) {
    const em = this.em.fork();
    await em.begin();
    try {
      await this.users.nativeUpdate({ id }, { name });
      await this.em.find(User, { id });
      await em.commit();
    } catch (error) {
      await em.rollback();
      throw error;
    }
  }
}
`,
    },
    // CommonJS require and a namespace import
    {
      code: `
const { MikroORM } = require('@mikro-orm/core');
import * as pg from '@mikro-orm/postgresql';

async function main(em: pg.EntityManager) {
  const orm = await MikroORM.init();
  await orm.em.transactional(async () => {
    await orm.em.find('User', {});
  });
  await em.transactional(async () => {
    await em.nativeDelete('User', {});
  });
}
`,
    },
    // lookalike: a local class with transactional() and find()
    {
      code: `
class UnitOfWork {
  async transactional<T>(fn: (uow: UnitOfWork) => Promise<T>) {
    return fn(this);
  }
  async find() {
    return [];
  }
}
const uow = new UnitOfWork();

export async function f() {
  await uow.transactional(async () => {
    await uow.find();
  });
}
`,
    },
  ],
  invalid: [
  ],
});

ruleTester.run('require-transaction-option', requireTransactionOption, {
  valid: [
    // MikroORM queries need no transaction option
    {
      code: `
import { Injectable } from '@nestjs/common';
import { EntityManager, EntityRepository } from '@mikro-orm/postgresql';
import { InjectRepository } from '@mikro-orm/nestjs';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    private readonly em: EntityManager,
    @InjectRepository(User) private readonly users: EntityRepository<User>,
  ) {}

  async rename(id: number, name: string) {
    await this.em.transactional(async () => {
      await this.users.nativeUpdate({ id }, { name });
      await this.em.count(User, {});
    });
  }
}
`,
    },
  ],
  invalid: [
  ],
});

ruleTester.run('no-unrelated-await-in-transaction', noUnrelatedAwaitInTransaction, {
  valid: [
    // only queries inside; HTTP before and after
    {
      code: `
import { Injectable } from '@nestjs/common';
import { EntityManager, EntityRepository } from '@mikro-orm/postgresql';
import { InjectRepository } from '@mikro-orm/nestjs';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    private readonly em: EntityManager,
    @InjectRepository(User) private readonly users: EntityRepository<User>,
  ) {}

  async sync(id: number) {
    const res = await fetch(\`https://example.com/users/\${id}\`);
    const profile = await res.json();
    await this.em.transactional(async (em) => {
      const user = await em.findOneOrFail(User, id);
      user.bio = profile.bio;
      await Promise.all([em.flush(), this.users.count()]);
    });
    await fetch('https://example.com/synced');
  }
}
`,
    },
    // lookalike: fetch inside a local class's transactional()
    {
      code: `
class UnitOfWork {
  async transactional<T>(fn: () => Promise<T>) {
    return fn();
  }
}
const uow = new UnitOfWork();

export async function f() {
  await uow.transactional(async () => {
    await fetch('https://example.com');
  });
}
`,
    },
  ],
  invalid: [
    // fetch inside em.transactional(): moved before it
    {
      code: `
import { Injectable } from '@nestjs/common';
import { EntityManager, EntityRepository } from '@mikro-orm/postgresql';
import { InjectRepository } from '@mikro-orm/nestjs';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    private readonly em: EntityManager,
    @InjectRepository(User) private readonly users: EntityRepository<User>,
  ) {}

  async activate(id: number) {
    await this.em.transactional(async (em) => {
      await em.nativeUpdate(User, { id }, { active: true });
      await fetch(\`https://example.com/hooks/\${id}\`, { method: 'POST' });
    });
  }
}
`,
      errors: [
        {
          messageId: 'unrelatedAwait', data: { what: 'an HTTP request (fetch)', library: 'MikroORM' }, line: 17, column: 7, endLine: 17, endColumn: 73,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `
import { Injectable } from '@nestjs/common';
import { EntityManager, EntityRepository } from '@mikro-orm/postgresql';
import { InjectRepository } from '@mikro-orm/nestjs';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    private readonly em: EntityManager,
    @InjectRepository(User) private readonly users: EntityRepository<User>,
  ) {}

  async activate(id: number) {
    await fetch(\`https://example.com/hooks/\${id}\`, { method: 'POST' });
    await this.em.transactional(async (em) => {
      await em.nativeUpdate(User, { id }, { active: true });
    });
  }
}
`,
            },
            {
              messageId: 'moveAfterTransaction',
              output: `
import { Injectable } from '@nestjs/common';
import { EntityManager, EntityRepository } from '@mikro-orm/postgresql';
import { InjectRepository } from '@mikro-orm/nestjs';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    private readonly em: EntityManager,
    @InjectRepository(User) private readonly users: EntityRepository<User>,
  ) {}

  async activate(id: number) {
    await this.em.transactional(async (em) => {
      await em.nativeUpdate(User, { id }, { active: true });
    });
    await fetch(\`https://example.com/hooks/\${id}\`, { method: 'POST' });
  }
}
`,
            },
          ],
        },
      ],
    },
    // axios result declared inside; a call that needs the entity cannot move
    {
      code: `
import { Injectable } from '@nestjs/common';
import { EntityManager, EntityRepository } from '@mikro-orm/postgresql';
import { InjectRepository } from '@mikro-orm/nestjs';
import { User } from './user.entity';
import axios from 'axios';

@Injectable()
export class UsersService {
  constructor(
    private readonly em: EntityManager,
    @InjectRepository(User) private readonly users: EntityRepository<User>,
  ) {}

  async sync(id: number) {
    return this.em.transactional(async (em) => {
      const { data } = await axios.get(\`https://example.com/users/\${id}\`);
      const user = await this.users.findOneOrFail(id);
      await axios.post('https://example.com/audit', { id: user.id });
      user.name = data.name;
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
import { EntityManager, EntityRepository } from '@mikro-orm/postgresql';
import { InjectRepository } from '@mikro-orm/nestjs';
import { User } from './user.entity';
import axios from 'axios';

@Injectable()
export class UsersService {
  constructor(
    private readonly em: EntityManager,
    @InjectRepository(User) private readonly users: EntityRepository<User>,
  ) {}

  async sync(id: number) {
    const { data } = await axios.get(\`https://example.com/users/\${id}\`);
    return this.em.transactional(async (em) => {
      const user = await this.users.findOneOrFail(id);
      await axios.post('https://example.com/audit', { id: user.id });
      user.name = data.name;
    });
  }
}
`,
            },
          ],
        },
        { messageId: 'unrelatedAwait', line: 19, column: 7, endLine: 19, endColumn: 69 },
      ],
    },
    // orm.em.fork().transactional() with a timers/promises sleep and a helper calling fetch
    {
      code: `
import { MikroORM } from '@mikro-orm/core';
import { setTimeout } from 'node:timers/promises';

async function notify(id: number) {
  await fetch(\`https://example.com/notify/\${id}\`);
}

export async function main(id: number) {
  const orm = await MikroORM.init();
  await orm.em.fork().transactional(async (em) => {
    await em.nativeDelete('Session', { userId: id });
    await setTimeout(250);
    await notify(id);
  });
}
`,
      errors: [
        {
          messageId: 'unrelatedAwait', line: 13, column: 5, endLine: 13, endColumn: 26,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `
import { MikroORM } from '@mikro-orm/core';
import { setTimeout } from 'node:timers/promises';

async function notify(id: number) {
  await fetch(\`https://example.com/notify/\${id}\`);
}

export async function main(id: number) {
  const orm = await MikroORM.init();
  await setTimeout(250);
  await orm.em.fork().transactional(async (em) => {
    await em.nativeDelete('Session', { userId: id });
    await notify(id);
  });
}
`,
            },
          ],
        },
        {
          messageId: 'unrelatedAwait', line: 14, column: 5, endLine: 14, endColumn: 21,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `
import { MikroORM } from '@mikro-orm/core';
import { setTimeout } from 'node:timers/promises';

async function notify(id: number) {
  await fetch(\`https://example.com/notify/\${id}\`);
}

export async function main(id: number) {
  const orm = await MikroORM.init();
  await notify(id);
  await orm.em.fork().transactional(async (em) => {
    await em.nativeDelete('Session', { userId: id });
    await setTimeout(250);
  });
}
`,
            },
            {
              messageId: 'moveAfterTransaction',
              output: `
import { MikroORM } from '@mikro-orm/core';
import { setTimeout } from 'node:timers/promises';

async function notify(id: number) {
  await fetch(\`https://example.com/notify/\${id}\`);
}

export async function main(id: number) {
  const orm = await MikroORM.init();
  await orm.em.fork().transactional(async (em) => {
    await em.nativeDelete('Session', { userId: id });
    await setTimeout(250);
  });
  await notify(id);
}
`,
            },
          ],
        },
      ],
    },
    // CommonJS require, a namespace-typed em, and the repository's entity manager
    {
      code: `
const { MikroORM } = require('@mikro-orm/core');
import * as pg from '@mikro-orm/postgresql';
import { User } from './user.entity';

async function main(em: pg.EntityManager) {
  const orm = await MikroORM.init();
  await orm.em.transactional(async () => {
    await fetch('https://example.com/a');
  });
  await em.transactional(async () => {
    await fetch('https://example.com/b');
  });
  await em.getRepository(User).getEntityManager().transactional(async () => {
    await fetch('https://example.com/c');
  });
}
`,
      errors: [
        {
          messageId: 'unrelatedAwait', line: 9, column: 5, endLine: 9, endColumn: 41,
          suggestions: [
            {
              messageId: 'moveBeforeTransaction',
              output: `
const { MikroORM } = require('@mikro-orm/core');
import * as pg from '@mikro-orm/postgresql';
import { User } from './user.entity';

async function main(em: pg.EntityManager) {
  const orm = await MikroORM.init();
  await fetch('https://example.com/a');
  await orm.em.transactional(async () => {
  });
  await em.transactional(async () => {
    await fetch('https://example.com/b');
  });
  await em.getRepository(User).getEntityManager().transactional(async () => {
    await fetch('https://example.com/c');
  });
}
`,
            },
          ],
        },
        {
          messageId: 'unrelatedAwait', line: 12, column: 5, endLine: 12, endColumn: 41,
          suggestions: [
            {
              messageId: 'moveBeforeTransaction',
              output: `
const { MikroORM } = require('@mikro-orm/core');
import * as pg from '@mikro-orm/postgresql';
import { User } from './user.entity';

async function main(em: pg.EntityManager) {
  const orm = await MikroORM.init();
  await orm.em.transactional(async () => {
    await fetch('https://example.com/a');
  });
  await fetch('https://example.com/b');
  await em.transactional(async () => {
  });
  await em.getRepository(User).getEntityManager().transactional(async () => {
    await fetch('https://example.com/c');
  });
}
`,
            },
          ],
        },
        {
          messageId: 'unrelatedAwait', line: 15, column: 5, endLine: 15, endColumn: 41,
          suggestions: [
            {
              messageId: 'moveBeforeTransaction',
              output: `
const { MikroORM } = require('@mikro-orm/core');
import * as pg from '@mikro-orm/postgresql';
import { User } from './user.entity';

async function main(em: pg.EntityManager) {
  const orm = await MikroORM.init();
  await orm.em.transactional(async () => {
    await fetch('https://example.com/a');
  });
  await em.transactional(async () => {
    await fetch('https://example.com/b');
  });
  await fetch('https://example.com/c');
  await em.getRepository(User).getEntityManager().transactional(async () => {
  });
}
`,
            },
          ],
        },
      ],
    },
    // explicit em.begin() ... em.commit(): a promise-wrapped sleep
    {
      code: `
import { Injectable } from '@nestjs/common';
import { EntityManager, EntityRepository } from '@mikro-orm/postgresql';
import { InjectRepository } from '@mikro-orm/nestjs';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    private readonly em: EntityManager,
    @InjectRepository(User) private readonly users: EntityRepository<User>,
  ) {}

  async rename(id: number, name: string) {
    const em = this.em.fork();
    await em.begin();
    await em.nativeUpdate(User, { id }, { name });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await em.commit();
  }
}
`,
      errors: [
        { messageId: 'unrelatedAwait', line: 18, column: 5, endLine: 18, endColumn: 61 },
      ],
    },
  ],
});

/**
 * I/O through RxJS: NestJS's `HttpService` (@nestjs/axios) and `ClientProxy`
 * (@nestjs/microservices) return Observables; `await firstValueFrom(obs)`, `lastValueFrom(obs)` and
 * the deprecated `obs.toPromise()` wait for that request while the transaction's connection sits
 * idle in transaction. Observables that do no I/O (`of`, `from`, a local `Subject`) are silent.
 */
import noUnrelatedAwait from '../../rules/no-unrelated-await-in-transaction.js';
import { untypedTester } from '../rule-tester.js';

const ruleTester = untypedTester();

const http = { what: 'an HTTP request (@nestjs/axios)' };

ruleTester.run('no-unrelated-await-in-transaction (RxJS)', noUnrelatedAwait, {
  valid: [
    {
      name: '`firstValueFrom(of(1))` and `lastValueFrom(from([…]))` do no I/O',
      code: `import { Injectable } from '@nestjs/common';
import { PrismaClient } from '@prisma/client';
import { firstValueFrom, lastValueFrom, of, from } from 'rxjs';

@Injectable()
export class CountersService {
  constructor(private readonly prisma: PrismaClient) {}

  async run() {
    await this.prisma.$transaction(async (tx) => {
      const one = await firstValueFrom(of(1));
      const all = await lastValueFrom(from([1, 2, 3]));
      await tx.counter.update({ where: { id: one }, data: { n: all } });
    });
  }
}`,
    },
    {
      name: '`firstValueFrom` of a local Subject and of its `asObservable()`',
      code: `import { PrismaClient } from '@prisma/client';
import { Subject, firstValueFrom } from 'rxjs';
const prisma = new PrismaClient();
const events = new Subject<number>();
export async function run() {
  await prisma.$transaction(async (tx) => {
    const n = await firstValueFrom(events);
    const m = await firstValueFrom(events.asObservable());
    await tx.user.update({ where: { id: n }, data: { m } });
  });
}`,
    },
    {
      name: 'lookalike: a local function named `firstValueFrom`',
      code: `import { PrismaClient } from '@prisma/client';
import { HttpService } from '@nestjs/axios';
const prisma = new PrismaClient();
async function firstValueFrom<T>(value: T): Promise<T> {
  return value;
}
export async function run(http: HttpService) {
  await prisma.$transaction(async (tx) => {
    await firstValueFrom(tx.user.count());
  });
}`,
    },
    {
      name: 'lookalike: `firstValueFrom` imported from a project module',
      code: `import { PrismaClient } from '@prisma/client';
import { firstValueFrom } from './streams';
const prisma = new PrismaClient();
export async function run() {
  await prisma.$transaction(async (tx) => {
    await firstValueFrom(tx.user.findMany());
  });
}`,
    },
    {
      name: 'the HTTP calls before and after the transaction',
      code: `import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { PrismaClient } from '@prisma/client';
import { firstValueFrom } from 'rxjs';

@Injectable()
export class UsersService {
  constructor(private readonly http: HttpService, private readonly prisma: PrismaClient) {}

  async sync(id: number) {
    const { data } = await firstValueFrom(this.http.get('https://crm.example.com/users/' + id));
    await this.prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { id }, data: { name: data.name } });
    });
    await firstValueFrom(this.http.post('https://crm.example.com/synced', { id }));
  }
}`,
    },
    {
      name: 'lookalike: a local class named HttpService that returns `of()`',
      code: `import { PrismaClient } from '@prisma/client';
import { Observable, firstValueFrom, of } from 'rxjs';
class HttpService {
  get(url: string): Observable<string> {
    return of(url);
  }
}
const prisma = new PrismaClient();
export async function run(http: HttpService) {
  await prisma.$transaction(async (tx) => {
    await firstValueFrom(http.get('x'));
    await tx.user.count();
  });
}`,
    },
    {
      name: 'lookalike: an HttpService imported from a project module',
      code: `import { PrismaClient } from '@prisma/client';
import { firstValueFrom } from 'rxjs';
import { HttpService } from './http.service';
const prisma = new PrismaClient();
export async function run(http: HttpService) {
  await prisma.$transaction(async (tx) => {
    await firstValueFrom(http.get('x'));
    await tx.user.count();
  });
}`,
    },
    {
      name: 'a subscription that is not awaited does not hold the transaction',
      code: `import { PrismaClient } from '@prisma/client';
import { HttpService } from '@nestjs/axios';
const prisma = new PrismaClient();
export async function run(http: HttpService) {
  await prisma.$transaction(async (tx) => {
    http.post('https://crm.example.com/audit', {}).subscribe();
    await tx.user.count();
  });
}`,
    },
    {
      name: 'an Observable made from a query on the handle',
      code: `import { PrismaClient } from '@prisma/client';
import { firstValueFrom, from, map } from 'rxjs';
const prisma = new PrismaClient();
export async function run() {
  await prisma.$transaction(async (tx) => {
    const n = await firstValueFrom(from(tx.user.count()).pipe(map((c) => c + 1)));
    return n;
  });
}`,
    },
    {
      name: 'lookalike: `$transaction` of a local class',
      code: `import { HttpService } from '@nestjs/axios';
import { firstValueFrom } from 'rxjs';
class Store {
  async $transaction(fn: (tx: Store) => Promise<void>) {
    await fn(this);
  }
}
const store = new Store();
export async function run(http: HttpService) {
  await store.$transaction(async () => {
    await firstValueFrom(http.get('https://crm.example.com/ping'));
  });
}`,
    },
    {
      name: 'TypeORM query runner: the ClientProxy call after commit',
      code: `import { DataSource } from 'typeorm';
import { ClientProxy } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
export async function run(dataSource: DataSource, billing: ClientProxy) {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  await queryRunner.query('UPDATE invoices SET paid = true');
  await queryRunner.commitTransaction();
  await queryRunner.release();
  await firstValueFrom(billing.send('charged', {}));
}`,
    },
    {
      name: 'lookalike: a `timer` imported from a project module',
      code: `import { PrismaClient } from '@prisma/client';
import { firstValueFrom } from 'rxjs';
import { timer } from './clock';
const prisma = new PrismaClient();
export async function run(id: number) {
  await prisma.$transaction(async (tx) => {
    await firstValueFrom(timer(1000));
    await tx.user.update({ where: { id }, data: { locked: true } });
  });
}`,
    },
    {
      name: 'an rxjs `timer` subscribed to, not awaited',
      code: `import { PrismaClient } from '@prisma/client';
import { timer } from 'rxjs';
const prisma = new PrismaClient();
export async function run(id: number) {
  await prisma.$transaction(async (tx) => {
    timer(1000).subscribe(() => undefined);
    await tx.user.update({ where: { id }, data: { locked: true } });
  });
}`,
    },
  ],
  invalid: [
    {
      name: 'NestJS + Prisma: `await firstValueFrom(this.http.post(…))`',
      code: `import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { PrismaClient } from '@prisma/client';
import { firstValueFrom } from 'rxjs';

@Injectable()
export class OrdersService {
  constructor(
    private readonly http: HttpService,
    private readonly prisma: PrismaClient,
  ) {}

  async place(userId: number) {
    await this.prisma.$transaction(async (tx) => {
      const order = await tx.order.create({ data: { userId } });
      await firstValueFrom(this.http.post('https://billing.example.com/charge', { userId }));
      return order;
    });
  }
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { ...http, library: 'Prisma' },
          line: 16,
          column: 7,
          endLine: 16,
          endColumn: 93,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { PrismaClient } from '@prisma/client';
import { firstValueFrom } from 'rxjs';

@Injectable()
export class OrdersService {
  constructor(
    private readonly http: HttpService,
    private readonly prisma: PrismaClient,
  ) {}

  async place(userId: number) {
    await firstValueFrom(this.http.post('https://billing.example.com/charge', { userId }));
    await this.prisma.$transaction(async (tx) => {
      const order = await tx.order.create({ data: { userId } });
      return order;
    });
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'NestJS + Prisma: `const { data } = await lastValueFrom(this.http.get(…))` moves with its declaration',
      code: `import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { PrismaClient } from '@prisma/client';
import { lastValueFrom } from 'rxjs';

@Injectable()
export class UsersService {
  constructor(private readonly http: HttpService, private readonly prisma: PrismaClient) {}

  async sync(id: number) {
    return this.prisma.$transaction(async (tx) => {
      const { data } = await lastValueFrom(this.http.get(\`https://crm.example.com/users/\${id}\`));
      await tx.user.update({ where: { id }, data: { name: data.name } });
    });
  }
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { ...http, library: 'Prisma' },
          line: 12,
          column: 24,
          endLine: 12,
          endColumn: 97,
          suggestions: [
            {
              messageId: 'moveBeforeTransaction',
              output: `import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { PrismaClient } from '@prisma/client';
import { lastValueFrom } from 'rxjs';

@Injectable()
export class UsersService {
  constructor(private readonly http: HttpService, private readonly prisma: PrismaClient) {}

  async sync(id: number) {
    const { data } = await lastValueFrom(this.http.get(\`https://crm.example.com/users/\${id}\`));
    return this.prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { id }, data: { name: data.name } });
    });
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'namespace import: `rx.firstValueFrom(this.http.get(…))`',
      code: `import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { PrismaClient } from '@prisma/client';
import * as rx from 'rxjs';

@Injectable()
export class UsersService {
  constructor(private readonly http: HttpService, private readonly prisma: PrismaClient) {}

  async sync(id: number) {
    await this.prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { id }, data: { synced: true } });
      await rx.firstValueFrom(this.http.get('https://crm.example.com/ping'));
    });
  }
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { ...http, library: 'Prisma' },
          line: 13,
          column: 7,
          endLine: 13,
          endColumn: 77,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { PrismaClient } from '@prisma/client';
import * as rx from 'rxjs';

@Injectable()
export class UsersService {
  constructor(private readonly http: HttpService, private readonly prisma: PrismaClient) {}

  async sync(id: number) {
    await rx.firstValueFrom(this.http.get('https://crm.example.com/ping'));
    await this.prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { id }, data: { synced: true } });
    });
  }
}`,
            },
            {
              messageId: 'moveAfterTransaction',
              output: `import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { PrismaClient } from '@prisma/client';
import * as rx from 'rxjs';

@Injectable()
export class UsersService {
  constructor(private readonly http: HttpService, private readonly prisma: PrismaClient) {}

  async sync(id: number) {
    await this.prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { id }, data: { synced: true } });
    });
    await rx.firstValueFrom(this.http.get('https://crm.example.com/ping'));
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'the deprecated `this.http.get(url).toPromise()`',
      code: `import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { PrismaClient } from '@prisma/client';

@Injectable()
export class UsersService {
  constructor(private readonly http: HttpService, private readonly prisma: PrismaClient) {}

  async sync(url: string) {
    await this.prisma.$transaction(async (tx) => {
      await this.http.get(url).toPromise();
      await tx.user.deleteMany();
    });
  }
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { ...http, library: 'Prisma' },
          line: 11,
          column: 7,
          endLine: 11,
          endColumn: 43,
          suggestions: [
            {
              messageId: 'moveBeforeTransaction',
              output: `import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { PrismaClient } from '@prisma/client';

@Injectable()
export class UsersService {
  constructor(private readonly http: HttpService, private readonly prisma: PrismaClient) {}

  async sync(url: string) {
    await this.http.get(url).toPromise();
    await this.prisma.$transaction(async (tx) => {
      await tx.user.deleteMany();
    });
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a `ClientProxy` (@nestjs/microservices): `firstValueFrom(this.billing.send(…))`',
      code: `import { Inject, Injectable } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { PrismaClient } from '@prisma/client';
import { firstValueFrom } from 'rxjs';

@Injectable()
export class PaymentsService {
  constructor(
    @Inject('BILLING') private readonly billing: ClientProxy,
    private readonly prisma: PrismaClient,
  ) {}

  async pay(id: number) {
    await this.prisma.$transaction(async (tx) => {
      await tx.invoice.update({ where: { id }, data: { paid: true } });
      await firstValueFrom(this.billing.send('charge', {}));
    });
  }
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { what: 'an external service (@nestjs/microservices)', library: 'Prisma' },
          line: 16,
          column: 7,
          endLine: 16,
          endColumn: 60,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `import { Inject, Injectable } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { PrismaClient } from '@prisma/client';
import { firstValueFrom } from 'rxjs';

@Injectable()
export class PaymentsService {
  constructor(
    @Inject('BILLING') private readonly billing: ClientProxy,
    private readonly prisma: PrismaClient,
  ) {}

  async pay(id: number) {
    await firstValueFrom(this.billing.send('charge', {}));
    await this.prisma.$transaction(async (tx) => {
      await tx.invoice.update({ where: { id }, data: { paid: true } });
    });
  }
}`,
            },
            {
              messageId: 'moveAfterTransaction',
              output: `import { Inject, Injectable } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { PrismaClient } from '@prisma/client';
import { firstValueFrom } from 'rxjs';

@Injectable()
export class PaymentsService {
  constructor(
    @Inject('BILLING') private readonly billing: ClientProxy,
    private readonly prisma: PrismaClient,
  ) {}

  async pay(id: number) {
    await this.prisma.$transaction(async (tx) => {
      await tx.invoice.update({ where: { id }, data: { paid: true } });
    });
    await firstValueFrom(this.billing.send('charge', {}));
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a module-level ClientProxy from `ClientProxyFactory`: `lastValueFrom(client.emit(…))`',
      code: `import { ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import { PrismaClient } from '@prisma/client';
import { lastValueFrom } from 'rxjs';
const prisma = new PrismaClient();
const client: ClientProxy = ClientProxyFactory.create({ transport: Transport.TCP });
export async function run() {
  await prisma.$transaction(async (tx) => {
    await tx.user.count();
    await lastValueFrom(client.emit('user_counted', {}));
  });
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { what: 'an external service (@nestjs/microservices)', library: 'Prisma' },
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 57,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `import { ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import { PrismaClient } from '@prisma/client';
import { lastValueFrom } from 'rxjs';
const prisma = new PrismaClient();
const client: ClientProxy = ClientProxyFactory.create({ transport: Transport.TCP });
export async function run() {
  await lastValueFrom(client.emit('user_counted', {}));
  await prisma.$transaction(async (tx) => {
    await tx.user.count();
  });
}`,
            },
            {
              messageId: 'moveAfterTransaction',
              output: `import { ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import { PrismaClient } from '@prisma/client';
import { lastValueFrom } from 'rxjs';
const prisma = new PrismaClient();
const client: ClientProxy = ClientProxyFactory.create({ transport: Transport.TCP });
export async function run() {
  await prisma.$transaction(async (tx) => {
    await tx.user.count();
  });
  await lastValueFrom(client.emit('user_counted', {}));
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'an aliased `firstValueFrom` of a piped request',
      code: `import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { PrismaClient } from '@prisma/client';
import { firstValueFrom as first, map } from 'rxjs';

@Injectable()
export class UsersService {
  constructor(private readonly http: HttpService, private readonly prisma: PrismaClient) {}

  async ping(id: number) {
    await this.prisma.$transaction(async (tx) => {
      await first(this.http.get('https://crm.example.com/users/' + id).pipe(map((r) => r.data)));
      await tx.user.count();
    });
  }
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { ...http, library: 'Prisma' },
          line: 12,
          column: 7,
          endLine: 12,
          endColumn: 97,
          suggestions: [
            {
              messageId: 'moveBeforeTransaction',
              output: `import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { PrismaClient } from '@prisma/client';
import { firstValueFrom as first, map } from 'rxjs';

@Injectable()
export class UsersService {
  constructor(private readonly http: HttpService, private readonly prisma: PrismaClient) {}

  async ping(id: number) {
    await first(this.http.get('https://crm.example.com/users/' + id).pipe(map((r) => r.data)));
    await this.prisma.$transaction(async (tx) => {
      await tx.user.count();
    });
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'an Observable made inside the callback, awaited later: no suggestion',
      code: `import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { PrismaClient } from '@prisma/client';
import { firstValueFrom } from 'rxjs';

@Injectable()
export class UsersService {
  constructor(private readonly http: HttpService, private readonly prisma: PrismaClient) {}

  async ping(id: number) {
    await this.prisma.$transaction(async (tx) => {
      const request$ = this.http.get('https://crm.example.com/users/' + id);
      await firstValueFrom(request$);
      await tx.user.count();
    });
  }
}`,
      errors: [
        { messageId: 'unrelatedAwait', data: { ...http, library: 'Prisma' }, line: 13, column: 7, endLine: 13, endColumn: 37, suggestions: [] },
      ],
    },
    {
      name: '`Promise.all` of a query on the handle and a request: no suggestion',
      code: `import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { PrismaClient } from '@prisma/client';
import { firstValueFrom } from 'rxjs';

@Injectable()
export class UsersService {
  constructor(private readonly http: HttpService, private readonly prisma: PrismaClient) {}

  async ping() {
    await this.prisma.$transaction(async (tx) => {
      await Promise.all([tx.user.count(), firstValueFrom(this.http.get('https://crm.example.com/ping'))]);
    });
  }
}`,
      errors: [
        { messageId: 'unrelatedAwait', data: { ...http, library: 'Prisma' }, line: 12, column: 7, endLine: 12, endColumn: 106, suggestions: [] },
      ],
    },
    {
      name: 'CommonJS Prisma: `rx.lastValueFrom(http.get(…))` with `const rx = require("rxjs")`',
      code: `const rx = require('rxjs');
const { HttpService } = require('@nestjs/axios');
const { PrismaClient } = require('@prisma/client');
const prisma = new PrismaClient();
const http = new HttpService();
exports.run = async function run() {
  await prisma.$transaction(async (tx) => {
    await tx.user.count();
    await rx.lastValueFrom(http.get('https://crm.example.com/ping'));
  });
};`,
      filename: 'run.cjs',
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { ...http, library: 'Prisma' },
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 69,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `const rx = require('rxjs');
const { HttpService } = require('@nestjs/axios');
const { PrismaClient } = require('@prisma/client');
const prisma = new PrismaClient();
const http = new HttpService();
exports.run = async function run() {
  await rx.lastValueFrom(http.get('https://crm.example.com/ping'));
  await prisma.$transaction(async (tx) => {
    await tx.user.count();
  });
};`,
            },
            {
              messageId: 'moveAfterTransaction',
              output: `const rx = require('rxjs');
const { HttpService } = require('@nestjs/axios');
const { PrismaClient } = require('@prisma/client');
const prisma = new PrismaClient();
const http = new HttpService();
exports.run = async function run() {
  await prisma.$transaction(async (tx) => {
    await tx.user.count();
  });
  await rx.lastValueFrom(http.get('https://crm.example.com/ping'));
};`,
            },
          ],
        },
      ],
    },
    {
      name: 'NestJS + TypeORM: `dataSource.transaction(async (manager) => …)`',
      code: `import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { DataSource } from 'typeorm';
import { firstValueFrom } from 'rxjs';

@Injectable()
export class UsersService {
  constructor(private readonly http: HttpService, private readonly dataSource: DataSource) {}

  async sync(id: number) {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('UPDATE users SET synced = true WHERE id = $1', [id]);
      await firstValueFrom(this.http.post('https://crm.example.com/sync', { id }));
    });
  }
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { ...http, library: 'TypeORM' },
          line: 13,
          column: 7,
          endLine: 13,
          endColumn: 83,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { DataSource } from 'typeorm';
import { firstValueFrom } from 'rxjs';

@Injectable()
export class UsersService {
  constructor(private readonly http: HttpService, private readonly dataSource: DataSource) {}

  async sync(id: number) {
    await firstValueFrom(this.http.post('https://crm.example.com/sync', { id }));
    await this.dataSource.transaction(async (manager) => {
      await manager.query('UPDATE users SET synced = true WHERE id = $1', [id]);
    });
  }
}`,
            },
            {
              messageId: 'moveAfterTransaction',
              output: `import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { DataSource } from 'typeorm';
import { firstValueFrom } from 'rxjs';

@Injectable()
export class UsersService {
  constructor(private readonly http: HttpService, private readonly dataSource: DataSource) {}

  async sync(id: number) {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('UPDATE users SET synced = true WHERE id = $1', [id]);
    });
    await firstValueFrom(this.http.post('https://crm.example.com/sync', { id }));
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'TypeORM query runner region: no suggestion',
      code: `import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { DataSource } from 'typeorm';
import { firstValueFrom } from 'rxjs';

@Injectable()
export class UsersService {
  constructor(private readonly http: HttpService, private readonly dataSource: DataSource) {}

  async sync(id: number) {
    const queryRunner = this.dataSource.createQueryRunner();
    await queryRunner.connect();
    await queryRunner.startTransaction();
    try {
      await queryRunner.manager.query('UPDATE users SET synced = true WHERE id = $1', [id]);
      await firstValueFrom(this.http.post('https://crm.example.com/sync', { id }));
      await queryRunner.commitTransaction();
    } catch (e) {
      await queryRunner.rollbackTransaction();
    } finally {
      await queryRunner.release();
    }
  }
}`,
      errors: [
        { messageId: 'unrelatedAwait', data: { ...http, library: 'TypeORM' }, line: 16, column: 7, endLine: 16, endColumn: 83, suggestions: [] },
      ],
    },
    {
      name: 'NestJS + injected Knex: `this.knex.transaction(async (trx) => …)`',
      code: `import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import type { Knex } from 'knex';
import { firstValueFrom } from 'rxjs';

@Injectable()
export class UsersService {
  constructor(private readonly http: HttpService, private readonly knex: Knex) {}

  async sync(id: number) {
    await this.knex.transaction(async (trx) => {
      await trx('users').where({ id }).update({ synced: true });
      await firstValueFrom(this.http.post('https://crm.example.com/sync', { id }));
    });
  }
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { ...http, library: 'Knex' },
          line: 13,
          column: 7,
          endLine: 13,
          endColumn: 83,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import type { Knex } from 'knex';
import { firstValueFrom } from 'rxjs';

@Injectable()
export class UsersService {
  constructor(private readonly http: HttpService, private readonly knex: Knex) {}

  async sync(id: number) {
    await firstValueFrom(this.http.post('https://crm.example.com/sync', { id }));
    await this.knex.transaction(async (trx) => {
      await trx('users').where({ id }).update({ synced: true });
    });
  }
}`,
            },
            {
              messageId: 'moveAfterTransaction',
              output: `import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import type { Knex } from 'knex';
import { firstValueFrom } from 'rxjs';

@Injectable()
export class UsersService {
  constructor(private readonly http: HttpService, private readonly knex: Knex) {}

  async sync(id: number) {
    await this.knex.transaction(async (trx) => {
      await trx('users').where({ id }).update({ synced: true });
    });
    await firstValueFrom(this.http.post('https://crm.example.com/sync', { id }));
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'Knex: a request that posts a row read in the transaction: no suggestion',
      code: `import knex from 'knex';
import { HttpService } from '@nestjs/axios';
import { firstValueFrom } from 'rxjs';
const db = knex({ client: 'pg' });
export class Sync {
  constructor(private readonly http: HttpService) {}
  async run(id: number) {
    await db.transaction(async (trx) => {
      const user = await trx('users').where({ id }).first();
      await firstValueFrom(this.http.post('https://crm.example.com/users', user));
    });
  }
}`,
      errors: [
        { messageId: 'unrelatedAwait', data: { ...http, library: 'Knex' }, line: 10, column: 7, endLine: 10, endColumn: 82, suggestions: [] },
      ],
    },
    {
      name: 'CommonJS Knex: destructured `firstValueFrom` and `HttpService` from require',
      code: `const { firstValueFrom } = require('rxjs');
const { HttpService } = require('@nestjs/axios');
const knex = require('knex')({ client: 'pg' });
const http = new HttpService();
async function sync(id) {
  await knex.transaction(async (trx) => {
    await trx('users').where({ id }).update({ synced: true });
    await firstValueFrom(http.get('https://crm.example.com/ping'));
  });
}
module.exports = { sync };`,
      filename: 'sync.js',
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { ...http, library: 'Knex' },
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 67,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `const { firstValueFrom } = require('rxjs');
const { HttpService } = require('@nestjs/axios');
const knex = require('knex')({ client: 'pg' });
const http = new HttpService();
async function sync(id) {
  await firstValueFrom(http.get('https://crm.example.com/ping'));
  await knex.transaction(async (trx) => {
    await trx('users').where({ id }).update({ synced: true });
  });
}
module.exports = { sync };`,
            },
            {
              messageId: 'moveAfterTransaction',
              output: `const { firstValueFrom } = require('rxjs');
const { HttpService } = require('@nestjs/axios');
const knex = require('knex')({ client: 'pg' });
const http = new HttpService();
async function sync(id) {
  await knex.transaction(async (trx) => {
    await trx('users').where({ id }).update({ synced: true });
  });
  await firstValueFrom(http.get('https://crm.example.com/ping'));
}
module.exports = { sync };`,
            },
          ],
        },
      ],
    },
    {
      name: 'Knex region: `lastValueFrom` before commit is reported (no suggestion), after commit it is not',
      code: `import knex from 'knex';
import { HttpService } from '@nestjs/axios';
import { lastValueFrom } from 'rxjs';
const db = knex({ client: 'pg' });
export async function run(http: HttpService) {
  const trx = await db.transaction();
  await trx('users').insert({});
  await lastValueFrom(http.get('https://crm.example.com/ping'));
  await trx.commit();
  await lastValueFrom(http.get('https://crm.example.com/done'));
}`,
      errors: [
        { messageId: 'unrelatedAwait', data: { ...http, library: 'Knex' }, line: 8, column: 3, endLine: 8, endColumn: 64, suggestions: [] },
      ],
    },
    {
      name: 'Knex savepoint: moving before the inner transaction would not help, no suggestion',
      code: `import knex from 'knex';
import { HttpService } from '@nestjs/axios';
import { firstValueFrom } from 'rxjs';
const db = knex({ client: 'pg' });
export async function run(http: HttpService) {
  await db.transaction(async (trx) => {
    await trx.transaction(async (sp) => {
      await sp('users').insert({});
      await firstValueFrom(http.get('https://crm.example.com/ping'));
    });
  });
}`,
      errors: [
        { messageId: 'unrelatedAwait', data: { ...http, library: 'Knex' }, line: 9, column: 7, endLine: 9, endColumn: 69, suggestions: [] },
      ],
    },
    {
      name: '`HttpService#axiosRef` is axios itself',
      code: `import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { PrismaClient } from '@prisma/client';

@Injectable()
export class UsersService {
  constructor(private readonly http: HttpService, private readonly prisma: PrismaClient) {}

  async ping() {
    await this.prisma.$transaction(async (tx) => {
      await tx.user.count();
      await this.http.axiosRef.get('https://crm.example.com/ping');
    });
  }
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { ...http, library: 'Prisma' },
          line: 12,
          column: 7,
          endLine: 12,
          endColumn: 67,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { PrismaClient } from '@prisma/client';

@Injectable()
export class UsersService {
  constructor(private readonly http: HttpService, private readonly prisma: PrismaClient) {}

  async ping() {
    await this.http.axiosRef.get('https://crm.example.com/ping');
    await this.prisma.$transaction(async (tx) => {
      await tx.user.count();
    });
  }
}`,
            },
            {
              messageId: 'moveAfterTransaction',
              output: `import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { PrismaClient } from '@prisma/client';

@Injectable()
export class UsersService {
  constructor(private readonly http: HttpService, private readonly prisma: PrismaClient) {}

  async ping() {
    await this.prisma.$transaction(async (tx) => {
      await tx.user.count();
    });
    await this.http.axiosRef.get('https://crm.example.com/ping');
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: '`await firstValueFrom(timer(1000))` is a timer',
      code: `import { PrismaClient } from '@prisma/client';
import { firstValueFrom, timer } from 'rxjs';
const prisma = new PrismaClient();
export async function run(id: number) {
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id }, data: { locked: true } });
    await firstValueFrom(timer(1000));
  });
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { what: 'a timer (rxjs)', library: 'Prisma' },
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 38,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `import { PrismaClient } from '@prisma/client';
import { firstValueFrom, timer } from 'rxjs';
const prisma = new PrismaClient();
export async function run(id: number) {
  await firstValueFrom(timer(1000));
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id }, data: { locked: true } });
  });
}`,
            },
            {
              messageId: 'moveAfterTransaction',
              output: `import { PrismaClient } from '@prisma/client';
import { firstValueFrom, timer } from 'rxjs';
const prisma = new PrismaClient();
export async function run(id: number) {
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id }, data: { locked: true } });
  });
  await firstValueFrom(timer(1000));
}`,
            },
          ],
        },
      ],
    },
    {
      name: '`await lastValueFrom(interval(100).pipe(take(3)))` is a timer',
      code: `import { PrismaClient } from '@prisma/client';
import { interval, lastValueFrom, take } from 'rxjs';
const prisma = new PrismaClient();
export async function run(id: number) {
  await prisma.$transaction(async (tx) => {
    await lastValueFrom(interval(100).pipe(take(3)));
    await tx.user.update({ where: { id }, data: { locked: true } });
  });
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { what: 'a timer (rxjs)', library: 'Prisma' },
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 53,
          suggestions: [
            {
              messageId: 'moveBeforeTransaction',
              output: `import { PrismaClient } from '@prisma/client';
import { interval, lastValueFrom, take } from 'rxjs';
const prisma = new PrismaClient();
export async function run(id: number) {
  await lastValueFrom(interval(100).pipe(take(3)));
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id }, data: { locked: true } });
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a property `.name` in the request does not block moving it past a variable `name` of the callback',
      code: `import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { PrismaClient } from '@prisma/client';
import { firstValueFrom, map } from 'rxjs';

@Injectable()
export class UsersService {
  constructor(private readonly http: HttpService, private readonly prisma: PrismaClient) {}

  async sync(id: number) {
    await this.prisma.$transaction(async (tx) => {
      const { name } = await tx.user.findUniqueOrThrow({ where: { id } });
      const remote = await firstValueFrom(this.http.get('https://crm.example.com/me').pipe(map((r) => r.data.name)));
      await tx.user.update({ where: { id }, data: { name: remote ?? name } });
    });
  }
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { ...http, library: 'Prisma' },
          line: 13,
          column: 22,
          endLine: 13,
          endColumn: 117,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { PrismaClient } from '@prisma/client';
import { firstValueFrom, map } from 'rxjs';

@Injectable()
export class UsersService {
  constructor(private readonly http: HttpService, private readonly prisma: PrismaClient) {}

  async sync(id: number) {
    const remote = await firstValueFrom(this.http.get('https://crm.example.com/me').pipe(map((r) => r.data.name)));
    await this.prisma.$transaction(async (tx) => {
      const { name } = await tx.user.findUniqueOrThrow({ where: { id } });
      await tx.user.update({ where: { id }, data: { name: remote ?? name } });
    });
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a request that uses the variable `name` of the callback cannot move: no suggestion',
      code: `import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { PrismaClient } from '@prisma/client';
import { firstValueFrom, map } from 'rxjs';

@Injectable()
export class UsersService {
  constructor(private readonly http: HttpService, private readonly prisma: PrismaClient) {}

  async sync(id: number) {
    await this.prisma.$transaction(async (tx) => {
      const { name } = await tx.user.findUniqueOrThrow({ where: { id } });
      const remote = await firstValueFrom(this.http.get(\`https://crm.example.com/users/\${name}\`).pipe(map((r) => r.data.name)));
      await tx.user.update({ where: { id }, data: { name: remote ?? name } });
    });
  }
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { ...http, library: 'Prisma' },
          line: 13,
          column: 22,
          endLine: 13,
          endColumn: 128,
          suggestions: [],
        },
      ],
    },
    {
      name: 'axios: `r.data.name` read in `.then()` does not block moving past `const name` of the callback',
      code: `import axios from 'axios';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function run(id: number, url: string) {
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id } });
    const name = user.name.trim();
    const remote = await axios.get(url).then((r) => r.data.name);
    await tx.user.update({ where: { id }, data: { name, remote } });
  });
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { what: 'an HTTP request (axios)', library: 'Prisma' },
          line: 8,
          column: 20,
          endLine: 8,
          endColumn: 65,
          suggestions: [
            {
              messageId: 'moveBeforeTransactionReordering',
              output: `import axios from 'axios';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function run(id: number, url: string) {
  const remote = await axios.get(url).then((r) => r.data.name);
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id } });
    const name = user.name.trim();
    await tx.user.update({ where: { id }, data: { name, remote } });
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'axios: the variable `name` of the callback passed in the request params: no suggestion',
      code: `import axios from 'axios';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function run(id: number, url: string) {
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id } });
    const name = user.name.trim();
    const remote = await axios.get(url, { params: { name } }).then((r) => r.data.name);
    await tx.user.update({ where: { id }, data: { name, remote } });
  });
}`,
      errors: [
        {
          messageId: 'unrelatedAwait',
          data: { what: 'an HTTP request (axios)', library: 'Prisma' },
          line: 8,
          column: 20,
          endLine: 8,
          endColumn: 87,
          suggestions: [],
        },
      ],
    },
  ],
});

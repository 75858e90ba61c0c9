import { pgPoolOptions } from './pg.js';
import type { LibraryCatalog } from './types.js';

/** Model delegate operations (`prisma.user.findMany`). */
const delegateQueries = [
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'create',
  'createMany',
  'createManyAndReturn',
  'update',
  'updateMany',
  'updateManyAndReturn',
  'upsert',
  'delete',
  'deleteMany',
  'count',
  'aggregate',
  'groupBy',
] as const;

/** Raw queries written as tagged templates (`prisma.$queryRaw\`select 1\``). */
const rawTags = { $queryRaw: 'rawTag', $executeRaw: 'rawTag' } as const;

const rawQueries = [
  '$queryRaw',
  '$executeRaw',
  '$queryRawUnsafe',
  '$executeRawUnsafe',
  '$queryRawTyped',
  '$runCommandRaw',
] as const;

// `'*'`: the CommonJS `require('@prisma/client')` result and the `import * as` namespace.
const clientExports = { PrismaClient: 'PrismaClientClass', Prisma: 'PrismaNamespace', '*': 'prismaModule' } as const;
const clientTypes = { 'Prisma.TransactionClient': 'tx', TransactionClient: 'tx' } as const;

export const prisma: LibraryCatalog = {
  id: 'prisma',
  name: 'Prisma',
  dependencies: ['@prisma/client', 'prisma'],
  modules: {
    '@prisma/client': clientExports,
    '@prisma/adapter-pg': { PrismaPg: 'PrismaPgClass' },
  },
  types: {
    '@prisma/client': clientTypes,
  },
  modulePatterns: [
    // The `prisma-client` generator writes the client into the project (`output = "../generated/prisma"`).
    {
      pattern: /(?:^|[/@])(?:generated\/prisma|\.prisma)(?:\/client)?(?:\/(?:index|client))?(?:\.[cm]?[jt]s)?$/,
      exports: clientExports,
      types: clientTypes,
    },
    { pattern: /^@prisma\/client\/[\w/-]+$/, exports: clientExports, types: clientTypes },
  ],
  perItem: {
    runsWhenAwaited: true,
    eagerForm: '`include`/`select` on the parent query, or one `findMany` with `where: { …: { in: ids } }`',
    writes: ['create', 'createMany', 'createManyAndReturn', 'update', 'updateMany', 'updateManyAndReturn', 'upsert', 'delete', 'deleteMany', '$executeRaw', '$executeRawUnsafe', '$runCommandRaw'],
    // The client's dataloader batches `findUnique` calls issued in the same tick (and their fluent relation calls).
    batchedInTick: ['findUnique', 'findUniqueOrThrow'],
  },
  kinds: {
    prismaModule: {
      role: 'module',
      label: '@prisma/client',
      properties: { PrismaClient: 'PrismaClientClass', Prisma: 'PrismaNamespace' },
    },
    PrismaClientClass: {
      role: 'constructor',
      label: 'PrismaClient',
      newInstance: 'client',
      subclass: 'PrismaClientClass',
      // Prisma 7: `new PrismaClient({ adapter: new PrismaPg(pool) })` runs on that pg pool.
      connectionFrom: { argument: 0, property: 'adapter' },
      // Prisma <= 6: the engine's pool is configured by the URL's `connection_limit` (default
      // CPUs × 2 + 1) and `pool_timeout` (10 s), documented for the Rust query engine (not in the
      // JavaScript packages). Only a URL written in code is checked; an adapter makes the pool instead.
      pool: {
        argument: 0,
        absentMeansDefaults: false,
        server: 'url-scheme',
        delegatedTo: 'adapter',
        url: [['datasourceUrl'], ['datasources', '*', 'url']],
        size: { paths: [['connection_limit']], default: 'CPUs × 2 + 1', source: 'Prisma docs: connection pool (query engine)', suggestedAtMost: 10 },
        acquire: { paths: [['pool_timeout']], default: 'waits up to 10 s', source: 'Prisma docs: connection pool (query engine)', suggested: { text: '10' } },
      },
      lifetime: { opens: 'pool', close: ['$disconnect'] },
    },
    PrismaPgClass: {
      role: 'constructor',
      label: 'PrismaPg',
      newInstance: 'adapter',
      connectionFrom: { argument: 0 },
      // `new PrismaPg(config)` makes a pg pool (@prisma/adapter-pg/dist/index.js:812
      // `new pg.Pool(this.config)`): pg's defaults, not Prisma 6's timeout. `new PrismaPg(pool)` uses that pool.
      pool: { argument: 0, absentMeansDefaults: false, clientArgument: true, ...pgPoolOptions },
    },
    adapter: { role: 'other', label: 'driver adapter' },
    PrismaNamespace: { role: 'other', label: 'Prisma' },
    client: {
      role: 'client',
      label: 'client',
      queryMethods: rawQueries,
      methods: { $extends: 'client' },
      properties: rawTags,
      anyProperty: { kind: 'delegate', exceptPrefixes: ['$', '_'] },
      // The array form `$transaction([...])` batches outer-client promises by design and opens no
      // callback scope: only a function argument makes it interactive.
      transactions: [{ method: '$transaction', handleParam: 0, handleKind: 'tx' }],
      handleHasSameApi: true,
    },
    delegate: {
      role: 'model',
      label: 'model delegate',
      queryMethods: delegateQueries,
      handleHasSameApi: true,
    },
    rawTag: {
      role: 'query',
      label: 'raw query',
      taggedTemplateQuery: true,
      handleHasSameApi: true,
    },
    tx: {
      role: 'transaction',
      label: 'Prisma.TransactionClient',
      queryMethods: rawQueries,
      properties: rawTags,
      anyProperty: { kind: 'delegate', exceptPrefixes: ['$', '_'] },
    },
  },
};

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
    },
    PrismaPgClass: { role: 'constructor', label: 'PrismaPg', newInstance: 'adapter', connectionFrom: { argument: 0 } },
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

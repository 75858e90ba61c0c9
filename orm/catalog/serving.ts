import type { ServingCatalog } from './serving-types.js';

const nestControllers = ['Controller'];
const nestResolvers = ['Resolver'];

/** The web frameworks, RPC and GraphQL servers and job queues whose code runs while serving. */
export const serving: ServingCatalog = {
  routerModules: {
    express: ['default', '*', 'Router'],
    fastify: ['default', '*', 'fastify'],
    koa: ['default', '*'],
    '@koa/router': ['default', '*'],
    'koa-router': ['default', '*'],
    hono: ['Hono'],
    'hono/tiny': ['Hono'],
    'hono/quick': ['Hono'],
    polka: ['default', '*'],
    restify: ['createServer'],
  },
  routerFactories: ['Router'],
  routerTypes: {
    express: ['Express', 'Application', 'Router', 'IRouter'],
    fastify: ['FastifyInstance', 'FastifyPluginAsync', 'FastifyPluginCallback'],
    koa: ['Koa'],
    '@koa/router': ['Router'],
    'koa-router': ['Router'],
    hono: ['Hono'],
  },
  handlerMethods: ['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'head', 'options', 'route', 'on', 'addHook', 'setErrorHandler', 'setNotFoundHandler'],
  routerMethods: ['route', 'basePath'],
  handlerProperties: ['handler', 'preHandler', 'onRequest', 'preValidation', 'preSerialization', 'onSend'],
  pluginMethods: ['register'],
  pluginWrappers: { 'fastify-plugin': ['default', '*'] },
  handlerClassDecorators: {
    '@nestjs/common': nestControllers,
    '@nestjs/graphql': nestResolvers,
    '@nestjs/bullmq': ['Processor'],
    '@nestjs/bull': ['Processor'],
    '@nestjs/websockets': ['WebSocketGateway'],
    'type-graphql': nestResolvers,
  },
  handlerMethodDecorators: {
    '@nestjs/schedule': ['Cron', 'Interval', 'Timeout'],
    '@nestjs/event-emitter': ['OnEvent'],
    '@nestjs/microservices': ['MessagePattern', 'EventPattern'],
    '@nestjs/bull': ['Process'],
  },
  jobProcessors: {
    bullmq: { Worker: 1 },
  },
  procedureModules: { '@trpc/server': ['initTRPC'] },
  procedureMethods: ['query', 'mutation', 'subscription'],
  resolverMaps: {
    '@apollo/server': { ApolloServer: 'resolvers' },
    'apollo-server': { ApolloServer: 'resolvers' },
    'apollo-server-express': { ApolloServer: 'resolvers' },
    '@graphql-tools/schema': { makeExecutableSchema: 'resolvers' },
    'graphql-yoga': { createSchema: 'resolvers' },
    mercurius: { default: 'resolvers' },
  },
  routeFiles: { file: /(^|[\\/])app[\\/](.+[\\/])?route\.[cm]?[jt]sx?$/, exports: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] },
  serverActionDirective: 'use server',
  lifecycleMethods: ['onModuleInit', 'onApplicationBootstrap', 'onModuleDestroy', 'beforeApplicationShutdown', 'onApplicationShutdown'],
  serverStart: {
    methods: ['listen'],
    modules: {
      '@nestjs/core': ['NestFactory'],
      http: ['createServer'],
      'node:http': ['createServer'],
      https: ['createServer'],
      'node:https': ['createServer'],
    },
  },
  notServingPaths: [
    { reason: 'test', pattern: /(^|\/)(__tests__|__mocks__|__fixtures__|tests?|e2e|spec|cypress)\/|\.(test|spec|e2e-spec|e2e|bench|stories|setup)\.[cm]?[jt]sx?$/ },
    { reason: 'tool configuration', pattern: /(^|\/)([^/]*\.config\.[cm]?[jt]s|knexfile\.[cm]?[jt]s|ormconfig\.[cm]?[jt]s)$/ },
    // Migrations, seeds and what generates them (`migrations/`, `migrate.ts`, `buildCreateMigration.ts`).
    { reason: 'migration', pattern: /(^|\/)(seeds?|seeders?)\/|(^|\/)[^/]*migrat[^/]*(\/|$)/i },
    // Start-up loaders run once while the server boots.
    { reason: 'start-up loader', pattern: /(^|\/)loaders?\// },
    { reason: 'script', pattern: /(^|\/)(scripts?|bin|cli|commands?|tools)\// },
  ],
  workerThreadModules: {
    worker_threads: ['parentPort', 'workerData'],
    'node:worker_threads': ['parentPort', 'workerData'],
  },
};

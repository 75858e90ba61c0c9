import type { IoCatalog } from './types.js';

/**
 * Non-database I/O. Everything derived from these modules (calls, instances, members, awaited
 * results) is treated as slow, unrelated work when awaited inside a transaction.
 */
export const io: IoCatalog = {
  modules: {
    // HTTP clients
    axios: 'HTTP request',
    got: 'HTTP request',
    ky: 'HTTP request',
    undici: 'HTTP request',
    'node-fetch': 'HTTP request',
    'cross-fetch': 'HTTP request',
    'isomorphic-fetch': 'HTTP request',
    superagent: 'HTTP request',
    needle: 'HTTP request',
    ofetch: 'HTTP request',
    'request-promise': 'HTTP request',
    '@nestjs/axios': 'HTTP request',
    // mail
    nodemailer: 'mail',
    '@sendgrid/mail': 'mail',
    resend: 'mail',
    postmark: 'mail',
    'mailgun.js': 'mail',
    '@aws-sdk/client-ses': 'mail',
    '@aws-sdk/client-sesv2': 'mail',
    // queues and streams
    amqplib: 'message queue',
    'amqp-connection-manager': 'message queue',
    kafkajs: 'message queue',
    bullmq: 'message queue',
    bull: 'message queue',
    'bee-queue': 'message queue',
    nats: 'message queue',
    mqtt: 'message queue',
    '@aws-sdk/client-sqs': 'message queue',
    '@aws-sdk/client-sns': 'message queue',
    '@aws-sdk/client-kinesis': 'message queue',
    '@google-cloud/pubsub': 'message queue',
    '@azure/service-bus': 'message queue',
    // object storage
    '@aws-sdk/client-s3': 'object storage',
    '@aws-sdk/lib-storage': 'object storage',
    'aws-sdk': 'object storage',
    '@google-cloud/storage': 'object storage',
    '@azure/storage-blob': 'object storage',
    minio: 'object storage',
    // caches
    ioredis: 'cache',
    redis: 'cache',
    '@redis/client': 'cache',
    '@upstash/redis': 'cache',
    memcached: 'cache',
    // child processes
    child_process: 'child process',
    'node:child_process': 'child process',
    execa: 'child process',
    zx: 'child process',
    // LLM and AI SDKs
    openai: 'LLM/SDK call',
    '@anthropic-ai/sdk': 'LLM/SDK call',
    '@google/generative-ai': 'LLM/SDK call',
    '@google/genai': 'LLM/SDK call',
    '@mistralai/mistralai': 'LLM/SDK call',
    'cohere-ai': 'LLM/SDK call',
    'groq-sdk': 'LLM/SDK call',
    ai: 'LLM/SDK call',
    langchain: 'LLM/SDK call',
    '@langchain/': 'LLM/SDK call',
    // RPC clients
    '@connectrpc/connect': 'external service',
    '@grpc/grpc-js': 'external service',
    '@trpc/client': 'external service',
    // NestJS microservice clients (`ClientProxy#send`, `#emit`) return Observables over the transport.
    '@nestjs/microservices': 'external service',
    // other services reached over the network
    stripe: 'external service',
    twilio: 'external service',
    '@slack/web-api': 'external service',
    octokit: 'external service',
    '@octokit/rest': 'external service',
    'firebase-admin': 'external service',
    algoliasearch: 'external service',
    '@elastic/elasticsearch': 'external service',
    '@opensearch-project/opensearch': 'external service',
    meilisearch: 'external service',
    typesense: 'external service',
    'posthog-node': 'external service',
    '@workos-inc/node': 'external service',
    googleapis: 'external service',
    mongodb: 'external service',
    '@atproto/api': 'external service',
    '@aws-sdk/': 'external service',
    '@google-cloud/': 'external service',
    '@azure/': 'external service',
  },
  exports: {
    // `await firstValueFrom(timer(1000))` is a sleep.
    rxjs: { timer: 'timer', interval: 'timer' },
    'timers/promises': { setTimeout: 'timer', setImmediate: 'timer' },
    'node:timers/promises': { setTimeout: 'timer', setImmediate: 'timer' },
  },
  globals: { fetch: 'HTTP request' },
  timerGlobals: ['setTimeout', 'setImmediate'],
  wrappers: {
    util: ['promisify'],
    'node:util': ['promisify'],
    // `await firstValueFrom(this.http.post(...))`: the Observable's I/O, awaited.
    rxjs: ['firstValueFrom', 'lastValueFrom'],
  },
};

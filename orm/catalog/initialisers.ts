/**
 * Where code runs once rather than per request or per call, as far as making a pool or a client
 * there is concerned (no-pool-per-request). Names of framework hooks and wrappers, not database
 * objects: they only ever silence a finding, never make one.
 */
export const initialisers = {
  /** Object properties whose function value runs once (NestJS providers `{ useFactory }`). */
  factoryProperties: ['useFactory'],
  /**
   * Calls whose function argument runs once: module registration (NestJS `forRoot`/`forRootAsync`,
   * `registerAsync`), memoising wrappers (`once`, `lazy`, `memoize`, React `cache`), test set-up.
   */
  onceCallees: [
    'forRoot',
    'forRootAsync',
    'forFeatureAsync',
    'register',
    'registerAsync',
    'once',
    'lazy',
    'memoize',
    'memoizee',
    'memoizeOne',
    'onetime',
    'cache',
    'beforeAll',
    'before',
    'globalSetup',
  ],
  /** Class methods a framework calls once (NestJS lifecycle hooks, Angular-style init hooks). */
  onceMethods: ['onModuleInit', 'onApplicationBootstrap', 'onInit', 'init', 'initialize', 'setup', 'bootstrap', 'connect'],
} as const;

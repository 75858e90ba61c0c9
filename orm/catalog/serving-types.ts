/**
 * The shapes of the catalogs that say what blocks the event loop (`blocking.ts`) and where code
 * runs while a server serves requests or jobs (`serving.ts`).
 */

/** What a synchronous call outside the database drivers holds the event loop for. */
export type BlockingCategory = 'file system' | 'child process' | 'CPU-bound crypto' | 'compression' | 'password hashing' | 'thread wait' | 'event-loop spin';

/**
 * The asynchronous drop-in for a blocking function, when it takes the same arguments and fulfils
 * with the same value: the suggestion awaits it instead.
 */
export type AsyncForm =
  /** A function of a promise API module (`fs.readFileSync` → `readFile` of `node:fs/promises`, also `fs.promises.readFile`). */
  | { readonly style: 'promises'; readonly module: string; readonly name: string; readonly property: string }
  /** The module's callback form, promisified (`zlib.gzipSync` → `promisify(zlib.gzip)`). */
  | { readonly style: 'promisify'; readonly name: string };

export interface BlockingFunction {
  readonly category: BlockingCategory;
  readonly asyncForm?: AsyncForm;
}

export interface BlockingModule {
  /** Named exports (and members of the module object) that block. */
  readonly exports?: Readonly<Record<string, BlockingFunction>>;
  /**
   * Every export whose name matches blocks (`node:fs`: `/Sync$/`), with its async form derived by
   * dropping the match when `asyncForms` says so.
   */
  readonly exportPattern?: {
    readonly pattern: RegExp;
    readonly category: BlockingCategory;
    /** The names whose async form takes the same arguments and fulfils with the same value. */
    readonly asyncNames?: readonly string[];
    readonly asyncForm?: { readonly style: 'promises'; readonly module: string; readonly property: string } | { readonly style: 'promisify' };
  };
  /** Calling the module's default export returns a function that blocks when called (deasync). */
  readonly callResult?: BlockingFunction;
}

/** Blocking functions that are not database drivers: Node's `*Sync` APIs, bcrypt, deasync, `Atomics.wait`. */
export interface BlockingCatalog {
  readonly modules: Readonly<Record<string, BlockingModule>>;
  /** Global objects (not shadowed) → member → what it blocks on (`Atomics.wait`). */
  readonly globals: Readonly<Record<string, Readonly<Record<string, BlockingFunction>>>>;
  /** What to do instead, per category, for messages. */
  readonly advice: Readonly<Record<BlockingCategory | 'database driver', string>>;
}

/**
 * Where code runs while a server serves requests or jobs, and where it runs once at start-up:
 * web frameworks, GraphQL and RPC servers, job queues. Read by `orm/serving.ts`.
 */
export interface ServingCatalog {
  /**
   * Modules whose objects take request handlers → the exports that make one when called or
   * constructed (`express()`, `fastify()`, `new Koa()`, `new Hono()`, `new Router()`).
   */
  readonly routerModules: Readonly<Record<string, readonly string[]>>;
  /** Members of a router module that make a router (`express.Router()`). */
  readonly routerFactories: readonly string[];
  /** Types that declare a router (`app: Express`, `fastify: FastifyInstance`): module → type names. */
  readonly routerTypes: Readonly<Record<string, readonly string[]>>;
  /** Methods of a router whose function arguments (or their `handler` option) handle requests. */
  readonly handlerMethods: readonly string[];
  /** Methods of a router that return a router (`app.route('/books')`, `router.basePath('/api')`). */
  readonly routerMethods: readonly string[];
  /** Options-object properties holding a handler (`fastify.route({ handler })`). */
  readonly handlerProperties: readonly string[];
  /** Methods of a router whose function argument receives a router (`fastify.register(async (app) => …)`). */
  readonly pluginMethods: readonly string[];
  /** Functions that wrap a plugin function whose first parameter is a router (`fastify-plugin`): module → exports. */
  readonly pluginWrappers: Readonly<Record<string, readonly string[]>>;
  /** Class decorators whose classes' methods serve requests or jobs: module → decorator names. */
  readonly handlerClassDecorators: Readonly<Record<string, readonly string[]>>;
  /** Method decorators that make a method run per event, message or schedule tick: module → names. */
  readonly handlerMethodDecorators: Readonly<Record<string, readonly string[]>>;
  /** Constructors whose function argument processes jobs: module → export → argument index (BullMQ `new Worker(name, fn)`). */
  readonly jobProcessors: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /**
   * RPC procedure builders (tRPC): module → export that starts the chain (`initTRPC`); a function
   * given to one of `procedureMethods` anywhere along a chain from it is a procedure.
   */
  readonly procedureModules: Readonly<Record<string, readonly string[]>>;
  readonly procedureMethods: readonly string[];
  /** GraphQL servers and schema builders taking a resolver map: module → export → options property. */
  readonly resolverMaps: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Next.js: route handler files and their handler exports; the directive of server actions. */
  readonly routeFiles: { readonly file: RegExp; readonly exports: readonly string[] };
  readonly serverActionDirective: string;
  /** Methods a framework calls once at start-up or shutdown (NestJS lifecycle hooks). */
  readonly lifecycleMethods: readonly string[];
  /**
   * Calls that start serving (`app.listen()`, `NestFactory.create()`, `http.createServer()`): a
   * function that makes one is start-up code. Router methods, and module → exports.
   */
  readonly serverStart: { readonly methods: readonly string[]; readonly modules: Readonly<Record<string, readonly string[]>> };
  /**
   * Files that never run while serving, by their path from the nearest package.json (forward
   * slashes), with the reason given: tests, scripts, tool configs, migrations, start-up loaders.
   */
  readonly notServingPaths: readonly { readonly reason: string; readonly pattern: RegExp }[];
  /** Modules whose import marks a file as worker-thread code, with the exports that do. */
  readonly workerThreadModules: Readonly<Record<string, readonly string[]>>;
}

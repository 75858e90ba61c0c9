import type { BlockingCatalog, BlockingModule } from './serving-types.js';

/**
 * Node's file system: every `*Sync` function waits for the disk on the calling thread. The async
 * forms listed take the same arguments and fulfil with what the sync form returns (`existsSync`
 * has none: `fs.exists` is deprecated and `access` rejects instead of answering false).
 */
const fileSystem: BlockingModule = {
  exportPattern: {
    pattern: /Sync$/,
    category: 'file system',
    asyncNames: [
      'readFileSync', 'writeFileSync', 'appendFileSync', 'mkdirSync', 'readdirSync', 'statSync', 'lstatSync',
      'rmSync', 'rmdirSync', 'unlinkSync', 'renameSync', 'copyFileSync', 'accessSync', 'chmodSync', 'chownSync',
      'realpathSync', 'mkdtempSync', 'readlinkSync', 'symlinkSync', 'truncateSync', 'utimesSync', 'linkSync', 'cpSync',
    ],
    asyncForm: { style: 'promises', module: 'node:fs/promises', property: 'promises' },
  },
};

/** fs-extra and graceful-fs re-export Node's `*Sync` functions and add their own (`ensureDirSync`). */
const fileSystemLibrary: BlockingModule = { exportPattern: { pattern: /Sync$/, category: 'file system' } };

const childProcess: BlockingModule = {
  exports: {
    execSync: { category: 'child process' },
    execFileSync: { category: 'child process' },
    spawnSync: { category: 'child process' },
  },
};

/**
 * Key derivation and key generation take tens to hundreds of milliseconds by design; hashes,
 * HMACs, `randomBytes` and `hkdfSync` are fast and not listed.
 */
const crypto: BlockingModule = {
  exports: {
    pbkdf2Sync: { category: 'CPU-bound crypto', asyncForm: { style: 'promisify', name: 'pbkdf2' } },
    scryptSync: { category: 'CPU-bound crypto', asyncForm: { style: 'promisify', name: 'scrypt' } },
    generateKeyPairSync: { category: 'CPU-bound crypto', asyncForm: { style: 'promisify', name: 'generateKeyPair' } },
    generateKeySync: { category: 'CPU-bound crypto' },
    generatePrimeSync: { category: 'CPU-bound crypto', asyncForm: { style: 'promisify', name: 'generatePrime' } },
  },
};

/** Every `*Sync` of zlib; each has a callback form of the same arguments (`gzipSync` → `gzip`). */
const zlib: BlockingModule = {
  exportPattern: { pattern: /Sync$/, category: 'compression', asyncForm: { style: 'promisify' } },
};

/** bcrypt's and bcryptjs's sync forms run the whole key schedule on the calling thread. */
const bcrypt: BlockingModule = {
  exports: {
    hashSync: { category: 'password hashing' },
    compareSync: { category: 'password hashing' },
    genSaltSync: { category: 'password hashing' },
  },
};

export const blocking: BlockingCatalog = {
  modules: {
    fs: fileSystem,
    'node:fs': fileSystem,
    'fs-extra': fileSystemLibrary,
    'graceful-fs': fileSystemLibrary,
    child_process: childProcess,
    'node:child_process': childProcess,
    crypto,
    'node:crypto': crypto,
    zlib,
    'node:zlib': zlib,
    bcrypt,
    bcryptjs: bcrypt,
    // deasync turns an async function into one that spins a nested event loop until it is done:
    // the caller's stack, and everything waiting on it, stays blocked.
    deasync: {
      exports: {
        sleep: { category: 'event-loop spin' },
        loopWhile: { category: 'event-loop spin' },
        runLoopOnce: { category: 'event-loop spin' },
      },
      callResult: { category: 'event-loop spin' },
    },
  },
  globals: {
    Atomics: { wait: { category: 'thread wait' } },
  },
  advice: {
    'database driver': 'Use an asynchronous driver, or run the queries in a worker thread.',
    'file system': 'Use the promise API of `fs` (`fs/promises`), or read it once at start-up.',
    'child process': 'Use the asynchronous `child_process` functions (`execFile`, `spawn`).',
    'CPU-bound crypto': 'Use the callback or promisified form, which runs on the libuv thread pool.',
    compression: 'Use the callback or promisified form, which runs on the libuv thread pool.',
    'password hashing': 'Use the asynchronous `hash`/`compare`, which run off the event loop.',
    'thread wait': '`Atomics.waitAsync` waits without blocking.',
    'event-loop spin': 'Await the asynchronous function instead.',
  },
};

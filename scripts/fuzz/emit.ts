/**
 * Code for one module of a generated program: its imports (in every form a library is reached
 * by), the values in scope (clients, models, handles, each with its catalog kind), and the
 * database-shaped expressions over them: constructions, query chains, transactions and I/O.
 * Everything library-specific comes from the catalog facts (facts.ts).
 */
import type { KindSpec } from '../../orm/catalog/index.js';
import { beginStatements, endStatements, ioFacts, openersOf, regionsOf, stepsFrom } from './facts.js';
import type { Entry, LibraryFacts, Opener, Region, Step } from './facts.js';
import type { Random } from './random.js';

export type Ext = 'ts' | 'tsx' | 'mts' | 'cts' | 'js' | 'mjs' | 'cjs' | 'jsx';

/** An object in scope, known by where it comes from. */
export interface Value {
  readonly lib: LibraryFacts;
  readonly kind: string;
  readonly expr: string;
}

/** A value a module exports for the others. */
export interface Exported {
  readonly name: string;
  readonly value: Value;
  readonly isDefault?: boolean;
}

export const entityNames = ['UserEntity', 'BookEntity', 'OrderEntity', 'AuthorEntity'];
const tableNames = ['users', 'books', 'orders', 'authors', 'inventory'];
const modelProps = ['user', 'book', 'order', 'author', 'inventory'];

export class Mod {
  readonly importLines: string[] = [];
  readonly head: string[] = [];
  readonly body: string[] = [];
  readonly exported: Exported[] = [];
  readonly values: Value[] = [];
  readonly bound = new Map<string, string>();
  readonly names = new Set<string>();
  readonly entities = new Set<string>();
  readonly helpers: Helper[] = [];
  private counter = 0;

  constructor(
    readonly name: string,
    readonly ext: Ext,
  ) {}

  get ts(): boolean {
    return this.ext === 'ts' || this.ext === 'tsx' || this.ext === 'mts' || this.ext === 'cts';
  }

  /** CommonJS JavaScript: `require` and `module.exports` only, no top-level await. */
  get cjs(): boolean {
    return this.ext === 'cjs';
  }

  /** Top-level `await` parses here. */
  get topLevelAwait(): boolean {
    return this.ext !== 'cjs' && this.ext !== 'cts';
  }

  get file(): string {
    return `${this.name}.${this.ext}`;
  }

  /** A fresh identifier based on `base`. */
  uid(base: string): string {
    const clean = base.replace(/[^\w$]/g, '_').replace(/^(\d)/, '_$1') || 'x';
    if (!this.names.has(clean) && !reserved.has(clean)) {
      this.names.add(clean);
      return clean;
    }
    let name: string;
    do {
      this.counter += 1;
      name = `${clean}${String(this.counter)}`;
    } while (this.names.has(name));
    this.names.add(name);
    return name;
  }

  addImport(line: string): void {
    if (!this.importLines.includes(line)) this.importLines.push(line);
  }

  /** `: T` in TypeScript, nothing in JavaScript. */
  type(annotation: string): string {
    return this.ts ? `: ${annotation}` : '';
  }

  text(): string {
    const entities = [...this.entities].map((name) => `class ${name} { id${this.ts ? '!: number' : ' = 0'}; }`);
    return [...this.importLines, ...this.head, ...entities, ...this.body].join('\n') + '\n';
  }
}

/** A helper function of a module that other code can call. */
export interface Helper {
  /** How to call it from its own module. */
  readonly call: string;
  readonly async: boolean;
  /** It takes a transaction handle (or any client) as its first argument. */
  readonly takesHandle: boolean;
  readonly name: string;
  readonly exported: boolean;
}

const reserved = new Set(['default', 'delete', 'new', 'function', 'class', 'import', 'export', 'await', 'yield', 'let', 'static', 'enum', 'var', 'const', 'in', 'of', 'this']);

/** A member access in one of the forms that name the same property. */
export function member(rng: Random, object: string, name: string): string {
  const safe = /^[A-Za-z_$][\w$]*$/.test(name);
  const base = /^[\w$.]+$/.test(object) || /^[\w$.]+\(.*\)$/.test(object) ? object : `(${object})`;
  const form = rng.weighted<string>([
    ['dot', safe ? 8 : 0],
    ['optional', safe ? 1 : 0],
    ['computed', 1],
    ['optional-computed', 0.5],
  ]);
  switch (form) {
    case 'dot':
      return `${base}.${name}`;
    case 'optional':
      return `${base}?.${name}`;
    case 'computed':
      return `${base}[${quote(name)}]`;
    default:
      return `${base}?.[${quote(name)}]`;
  }
}

export const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

const identifierish = (expr: string) => /^[\w$.]+$/.test(expr);

/** Binds a library export in `mod` in one of the ways code reaches it; returns an expression for it. */
export function bindEntry(rng: Random, mod: Mod, entry: Entry): string {
  const key = `${entry.specifier}\0${entry.name}`;
  const known = mod.bound.get(key);
  if (known !== undefined) return known;
  const s = quote(entry.specifier);
  const base = entry.name === '*' || entry.name === 'default' ? entry.specifier.replace(/^.*\//, '').replace(/\W+(\w)/g, (_m, c: string) => c.toUpperCase()) : entry.name;
  let expr: string;
  if (mod.cjs || (mod.ext === 'cts' && rng.chance(0.5))) {
    const local = mod.uid(base);
    if (entry.name === '*') mod.head.push(`const ${local} = require(${s});`);
    else if (entry.name === 'default') mod.head.push(rng.chance(0.5) ? `const ${local} = require(${s});` : `const { default: ${local} } = require(${s});`);
    else if (rng.chance(0.4) && local === entry.name) mod.head.push(`const { ${local} } = require(${s});`);
    else if (rng.chance(0.5)) mod.head.push(`const { ${entry.name}: ${local} } = require(${s});`);
    else mod.head.push(`const ${local} = require(${s}).${entry.name};`);
    expr = local;
  } else {
    const local = mod.uid(base);
    const dynamic = mod.topLevelAwait && rng.chance(0.12);
    if (entry.name === '*') {
      if (dynamic) mod.head.push(`const ${local} = await import(${s});`);
      else if (mod.ts && rng.chance(0.2)) mod.addImport(`import ${local} = require(${s});`);
      else if (rng.chance(0.1)) mod.head.push(`const ${local} = require(${s});`);
      else mod.addImport(`import * as ${local} from ${s};`);
    } else if (entry.name === 'default') {
      if (dynamic) mod.head.push(`const { default: ${local} } = await import(${s});`);
      else if (rng.chance(0.15)) mod.addImport(`import { default as ${local} } from ${s};`);
      else mod.addImport(`import ${local} from ${s};`);
    } else if (rng.chance(0.15)) {
      // Through the namespace: `ns.Name`.
      const ns = bindEntry(rng, mod, { specifier: entry.specifier, name: '*', kind: '' });
      mod.bound.set(key, `${ns}.${entry.name}`);
      return `${ns}.${entry.name}`;
    } else if (dynamic) {
      mod.head.push(local === entry.name ? `const { ${local} } = await import(${s});` : `const { ${entry.name}: ${local} } = await import(${s});`);
    } else if (local === entry.name && rng.chance(0.8)) {
      mod.addImport(`import { ${local} } from ${s};`);
    } else {
      mod.addImport(`import { ${entry.name} as ${local} } from ${s};`);
    }
    expr = local;
  }
  mod.bound.set(key, expr);
  return expr;
}

/** A value from a generic argument list of the constructor or factory of a kind. */
export function constructorArgs(rng: Random, mod: Mod, lib: LibraryFacts, spec: KindSpec | undefined): string {
  const from = spec?.connectionFrom;
  if (from && rng.chance(0.7)) {
    const connection = connectionValue(rng, mod, lib);
    if (connection !== undefined) {
      const holes = Array.from({ length: from.argument }, () => '{}');
      const arg = from.property ? (rng.chance(0.2) ? `{ ...{}, ${from.property}: ${connection} }` : `{ ${from.property}: ${connection} }`) : connection;
      return [...holes, arg].join(', ');
    }
  }
  return rng.pick([
    '',
    `process.env.DATABASE_URL${mod.ts ? '!' : ''}`,
    `'postgres://app@localhost/app'`,
    `':memory:'`,
    `{ connectionString: process.env.DATABASE_URL, max: 10, connectionTimeoutMillis: 2000 }`,
    `{ client: 'pg', connection: process.env.DATABASE_URL, pool: { min: 0, max: 10 }, acquireConnectionTimeout: 5000 }`,
    `{ host: 'localhost', user: 'app', database: 'app', connectionLimit: 5, queueLimit: 10 }`,
    `{ type: 'postgres', url: process.env.DATABASE_URL, entities: [], poolSize: 5 }`,
    `{ dialect: 'postgres', logging: false, pool: { max: 5, acquire: 3000 } }`,
    `{ ...config }`,
    `config`,
  ]).replace(/\bconfig\b/g, () => {
    const declaration = `const config${mod.ts ? ': any' : ''} = {};`;
    if (!mod.head.includes(declaration)) mod.head.push(declaration);
    return 'config';
  });
}

/** A client in scope (any library) or a new one of another library, to build another client on. */
function connectionValue(rng: Random, mod: Mod, lib: LibraryFacts): string | undefined {
  const clients = mod.values.filter((v) => v.lib.catalog.kinds[v.kind]?.role === 'client');
  // An adapter or dialect of the same library made over a client (`new PrismaPg(pool)`, `new PostgresDialect({ pool })`).
  const wrappers = lib.entries.filter((e) => {
    const spec = lib.catalog.kinds[e.kind];
    const made = spec?.newInstance ?? spec?.callResult;
    return spec?.connectionFrom !== undefined && made !== undefined && lib.catalog.kinds[made]?.role === 'other';
  });
  const client = clients.length > 0 ? rng.pick(clients).expr : undefined;
  if (wrappers.length > 0 && rng.chance(0.5)) {
    const wrapper = rng.pick(wrappers);
    const spec = lib.catalog.kinds[wrapper.kind];
    const inner = client ?? `{}`;
    const from = spec?.connectionFrom;
    const arg = from?.property ? `{ ${from.property}: ${inner} }` : inner;
    const callee = bindEntry(rng, mod, wrapper);
    return spec?.newInstance ? `new ${paren(callee)}(${arg})` : `${paren(callee)}(${arg})`;
  }
  return client;
}

export const paren = (expr: string) => (identifierish(expr) ? expr : `(${expr})`);

/** Applies the steps of a catalog path to an expression. */
export function applySteps(rng: Random, mod: Mod, lib: LibraryFacts, expr: string, kind: string, steps: readonly Step[], awaitOk: boolean): string {
  let current = expr;
  let currentKind = kind;
  for (const step of steps) {
    const spec = lib.catalog.kinds[currentKind];
    switch (step.type) {
      case 'new':
        current = `new ${paren(current)}(${constructorArgs(rng, mod, lib, spec)})`;
        break;
      case 'call':
        current = `${paren(current)}(${spec?.role === 'constructor' ? constructorArgs(rng, mod, lib, spec) : quote(rng.pick(tableNames))})`;
        break;
      case 'prop':
        current = member(rng, current, step.name);
        break;
      case 'method': {
        const args = methodArgs(rng, mod, spec, step.name);
        const call = `${member(rng, current, step.name)}(${args})`;
        current = awaitOk && rng.chance(0.3) ? `(await ${call})` : call;
        break;
      }
    }
    currentKind = step.type === 'new' ? (spec?.newInstance ?? '') : step.type === 'call' ? (spec?.callResult ?? '') : step.type === 'prop' ? (spec?.properties?.[step.name] ?? '') : (spec?.methods?.[step.name] ?? '');
  }
  return current;
}

/** Arguments of a non-query method: the entity for `getRepository(User)`, else something plausible. */
function methodArgs(rng: Random, mod: Mod, spec: KindSpec | undefined, method: string): string {
  if (spec?.entityArgument?.[method] !== undefined) {
    const entity = rng.pick(entityNames);
    mod.entities.add(entity);
    return [...Array.from({ length: spec.entityArgument[method] }, () => 'undefined'), entity].join(', ');
  }
  if (spec?.role === 'client' || spec?.role === 'module') return rng.pick(['', quote(rng.pick(modelProps)), `${quote('User')}, {}`]);
  return rng.pick(['', `{ id: 1 }`, quote('id'), '(qb) => qb']);
}

export interface QueryOptions {
  /** The transaction handle in scope, to bind queries to it (options, arguments, `.transacting`). */
  readonly handle?: string;
  /** Bind the query to the handle where the catalog says how. */
  readonly bind?: boolean;
  readonly awaitOk: boolean;
}

/** A query on `value`: a random walk over the catalog's kinds to a query method, a tag or a call. */
export function queryOn(rng: Random, mod: Mod, value: Value, options: QueryOptions): string | undefined {
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const query = walk(rng, mod, value.lib, value.expr, value.kind, 0, options, false);
    if (query !== undefined) return query;
  }
  return undefined;
}

function walk(rng: Random, mod: Mod, lib: LibraryFacts, expr: string, kind: string, depth: number, options: QueryOptions, bindable: boolean): string | undefined {
  const spec = lib.catalog.kinds[kind];
  if (!spec) return undefined;
  const canBind = bindable || (spec.bindMethods?.length ?? 0) > 0;
  const terminals: (() => string)[] = [];
  for (const method of spec.queryMethods ?? []) terminals.push(() => bindChain(rng, lib, spec, `${member(rng, expr, method)}${rng.chance(0.1) ? '?.' : ''}(${queryArgs(rng, mod, spec, method, options)})`, options, canBind));
  if (spec.taggedTemplateQuery) terminals.push(() => `${paren(expr)}\`select * from ${rng.pick(tableNames)} where id = \${${rng.pick(['id', '1', 'ids[0]'])}}\``);
  const callKind = spec.callResult === undefined ? undefined : lib.catalog.kinds[spec.callResult];
  if (callKind?.role === 'query') terminals.push(() => bindChain(rng, lib, spec, `${paren(expr)}(${quote(rng.pick(tableNames))})`, options, canBind));
  if (spec.taggedTemplateResult !== undefined) {
    const result = lib.catalog.kinds[spec.taggedTemplateResult];
    for (const [method, index] of Object.entries(result?.executesOn ?? {})) {
      const target = mod.values.find((v) => v.lib === lib && lib.catalog.kinds[v.kind]?.role === 'client');
      const on = options.handle !== undefined && rng.chance(0.5) ? options.handle : target?.expr;
      if (on !== undefined) terminals.push(() => `${paren(expr)}\`select 1\`.${method}(${[...Array.from({ length: index }, () => 'undefined'), on].join(', ')})`);
    }
  }
  const moves: (() => string | undefined)[] = [];
  if (depth < 3) {
    for (const [step, next] of stepsFrom(spec)) {
      if (step.type === 'method' && spec.queryMethods?.includes(step.name)) continue;
      if (step.type === 'new' && spec.role !== 'model' && spec.role !== 'model-base') continue;
      if (step.type === 'call' && spec.role === 'constructor') continue;
      moves.push(() => {
        let nextExpr: string;
        if (step.type === 'method' && spec.builderCallbacks?.[step.name] && options.handle !== undefined) {
          const bind = rng.pick(spec.builderCallbacks[step.name] ?? []);
          const arg = options.bind ? `(qb${mod.ts ? ': any' : ''}) => qb.${bind}(${options.handle})` : `(qb${mod.ts ? ': any' : ''}) => qb.where('id', 1)`;
          nextExpr = `${member(rng, expr, step.name)}(${arg})`;
        } else {
          nextExpr = applySteps(rng, mod, lib, expr, kind, [step], options.awaitOk);
        }
        return walk(rng, mod, lib, nextExpr, next, depth + 1, options, canBind);
      });
    }
    if (spec.anyProperty) {
      const name = rng.pick(modelProps.filter((p) => !spec.anyProperty?.except?.includes(p)));
      const next = spec.anyProperty.kind;
      moves.push(() => walk(rng, mod, lib, member(rng, expr, name), next, depth + 1, options, canBind));
    }
  }
  if (terminals.length > 0 && (moves.length === 0 || rng.chance(0.65))) return rng.pick(terminals)();
  if (moves.length === 0) return undefined;
  return rng.pick(moves)();
}

/** `.transacting(trx)` after a built query, when binding is wanted and the catalog names such a method. */
function bindChain(rng: Random, lib: LibraryFacts, spec: KindSpec, query: string, options: QueryOptions, canBind: boolean): string {
  if (!canBind || options.handle === undefined || !options.bind) return query;
  const methods = spec.bindMethods ?? Object.values(lib.catalog.kinds).flatMap((k) => k.bindMethods ?? []);
  if (methods.length === 0) return query;
  return `${query}.${rng.pick(methods)}(${options.handle})`;
}

/** Arguments of a query call, carrying the handle where the catalog's binding says (or leaving it out). */
function queryArgs(rng: Random, mod: Mod, spec: KindSpec, method: string, options: QueryOptions): string {
  const generic = (): string =>
    rng.pick([
      `{ where: { id } }`,
      quote(`SELECT * FROM ${rng.pick(tableNames)} WHERE id = $1`),
      `${quote('select 1')}, [id]`,
      'id',
      `{ id, ...rest }`,
      '...args',
      '',
      `{ data: { title: 't' } }`,
    ]);
  const binding = spec.binding;
  const handle = options.handle;
  if (binding && binding.style !== 'through-handle') {
    const index = binding.methods[method];
    if (index !== undefined) {
      const args = Array.from({ length: index }, () => rng.pick(['{}', `{ id }`, quote('id'), 'undefined']));
      if (handle !== undefined && options.bind) {
        if (binding.style === 'options-property') {
          args.push(rng.pick([`{ ${binding.property}: ${handle} }`, `{ where: { id }, ${binding.property}: ${handle} }`, `{ ...opts, ${binding.property}: ${handle} }`]));
        } else {
          args.push(handle);
        }
      } else if (rng.chance(0.5)) {
        args.push(rng.pick(['{}', `{ where: { id } }`, `{ lock: true }`]));
      }
      return args.join(', ');
    }
  }
  return rng.chance(0.8) ? generic() : '';
}

/** Non-database I/O the catalog knows, as an awaited expression. */
export function ioCall(rng: Random, mod: Mod): string {
  const form = rng.weighted<string>([
    ['global', 3],
    ['timer', 2],
    ['export', 2],
    ['module', 4],
    ['wrapper', 1],
    ['fs', 1],
  ]);
  switch (form) {
    case 'global': {
      const name = rng.pick(ioFacts.globals);
      return rng.pick([`${name}(url)`, `${name}(\`https://api.example.com/\${id}\`, { method: 'POST' })`, `globalThis.${name}?.(url)`]);
    }
    case 'timer': {
      const timer = rng.pick(ioFacts.timers);
      return rng.pick([`new Promise((resolve) => ${timer}(resolve, 10))`, `new Promise((r) => { ${timer}(r, 5); })`]);
    }
    case 'export': {
      const entry = rng.pick(ioFacts.exports);
      const local = bindEntry(rng, mod, { ...entry, kind: '' });
      const wrapper = ioFacts.wrappers.find((w) => w.specifier === entry.specifier);
      if (wrapper) return `${bindEntry(rng, mod, { ...wrapper, kind: '' })}(${local}(10))`;
      return `${local}(10)`;
    }
    case 'module': {
      const specifier = rng.pick([...ioFacts.modules, ...ioFacts.prefixes.map((p) => `${p}client-x`)]);
      const local = bindEntry(rng, mod, { specifier, name: rng.pick(['default', '*']), kind: '' });
      return rng.pick([
        `${local}.get(url)`,
        `${local}.post(url, { id })`,
        `new ${paren(local)}().send({ id })`,
        `${local}.default?.request?.(url)`,
        `${local}(url)`,
      ]);
    }
    case 'wrapper': {
      const wrapper = rng.pick(ioFacts.wrappers);
      const fn = bindEntry(rng, mod, { ...wrapper, kind: '' });
      const exec = bindEntry(rng, mod, { specifier: rng.pick(['node:child_process', 'child_process']), name: 'exec', kind: '' });
      return `${fn}(${exec})('ls')`;
    }
    default: {
      const readFile = bindEntry(rng, mod, { specifier: rng.pick(['node:fs/promises', 'fs/promises']), name: 'readFile', kind: '' });
      return `${readFile}('data.json', 'utf8')`;
    }
  }
}

/** Values in scope from which an expression of `kind` is reachable within two steps. */
export function reach(rng: Random, mod: Mod, values: readonly Value[], lib: LibraryFacts, kind: string, awaitOk: boolean): { value: Value; expr: string } | undefined {
  const candidates: { value: Value; expr: string }[] = [];
  for (const value of values) {
    if (value.lib !== lib) continue;
    if (value.kind === kind) {
      candidates.push({ value, expr: value.expr });
      continue;
    }
    const spec = lib.catalog.kinds[value.kind];
    for (const [step, next] of stepsFrom(spec)) {
      if (step.type === 'call' && spec?.role === 'constructor') continue;
      if (next === kind) candidates.push({ value, expr: applySteps(rng, mod, lib, value.expr, value.kind, [step], awaitOk) });
      else {
        for (const [step2, next2] of stepsFrom(lib.catalog.kinds[next])) {
          if (next2 === kind && step2.type !== 'new') {
            candidates.push({ value, expr: applySteps(rng, mod, lib, value.expr, value.kind, [step, step2], awaitOk) });
          }
        }
      }
    }
  }
  return candidates.length > 0 ? rng.pick(candidates) : undefined;
}

export interface TransactionPlan {
  readonly lib: LibraryFacts;
  /** The code before the body (`await db.$transaction(async (tx) => {`), the body's handle, the code after. */
  readonly open: string;
  readonly close: string;
  readonly handle?: Value;
  readonly handleName?: string;
  readonly synchronous: boolean;
  /** The client the transaction was opened on, as an outer client inside it. */
  readonly outer?: Value;
}

/** A callback transaction on a value in scope, or undefined when none is reachable. */
export function callbackTransaction(rng: Random, mod: Mod, values: readonly Value[], lib: LibraryFacts, awaitOk: boolean): TransactionPlan | undefined {
  const openers = rng.shuffle(openersOf(lib));
  for (const opener of openers) {
    const receiver = reach(rng, mod, values, lib, opener.kind, awaitOk);
    if (receiver) return openCallback(rng, mod, lib, opener, receiver.expr, receiver.value);
  }
  return undefined;
}

function openCallback(rng: Random, mod: Mod, lib: LibraryFacts, opener: Opener, receiver: string, from: Value): TransactionPlan {
  const t = opener.transaction;
  const handleName = mod.uid(rng.pick(['tx', 'trx', 't', 'manager', 'em', 'transaction', 'h']));
  const annotation = mod.ts && rng.chance(0.25) ? handleType(rng, mod, lib, t.handleKind) : '';
  const params: string[] = [];
  if (t.handleParam >= 0) {
    for (let i = 0; i < t.handleParam; i += 1) params.push(`_${String(i)}`);
    params.push(rng.chance(0.1) && !annotation ? `${handleName} = undefined` : `${handleName}${annotation}`);
  }
  const synchronous = t.synchronous === true;
  const isAsync = !synchronous || rng.chance(0.3);
  const arrow = rng.chance(0.8);
  const fn = arrow ? `${isAsync ? 'async ' : ''}(${params.join(', ')}) => {` : `${isAsync ? 'async ' : ''}function (${params.join(', ')}) {`;
  const options = rng.chance(0.2) ? `{ isolationLevel: 'SERIALIZABLE' }, ` : '';
  let call: string;
  if (t.method === undefined) call = `${paren(receiver)}(${rng.chance(0.5) ? `${receiver === from.expr ? 'undefined' : from.expr}, ` : options}`;
  else if (t.then !== undefined) call = `${member(rng, receiver, t.method)}(${options.replace(/, $/, '')}).${t.then}(`;
  else call = `${member(rng, receiver, t.method)}(${options}`;
  const handle: Value | undefined = t.handleParam >= 0 ? { lib, kind: t.handleKind, expr: t.handleAccess ? `${handleName}.${t.handleAccess}` : handleName } : undefined;
  const awaited = awaitable(rng, mod);
  const bodyCall = synchronous && !isAsync && rng.chance(0.5) ? `${awaited}${call}${fn}` : `${awaited}${call}${fn}`;
  const close = synchronous && rng.chance(0.5) ? `})${rng.chance(0.5) ? '()' : '.immediate?.()'};` : '});';
  const outer = lib.catalog.kinds[from.kind]?.role === 'client' ? from : undefined;
  return { lib, open: bodyCall, close, handle, handleName, synchronous, ...(outer ? { outer } : {}) };
}

/** `await ` or a form that awaits the same thing (`return await`, `void`, `.then`). */
function awaitable(rng: Random, mod: Mod): string {
  const form = rng.pick(['await ', 'await ', 'await ', 'return ', 'void ', 'const']);
  return form === 'const' ? `const ${mod.uid('result')} = await ` : form;
}

/** A type annotation naming a kind, from the catalog's types (adds the type import). */
export function handleType(rng: Random, mod: Mod, lib: LibraryFacts, kind: string): string {
  const types = lib.types.filter((t) => t.kind === kind);
  if (types.length === 0) return rng.pick(['', ': any', ': unknown as any'].slice(0, 2));
  const type = rng.pick(types);
  const head = type.name.split('.')[0] ?? type.name;
  const key = `type\0${type.specifier}\0${head}`;
  let local = mod.bound.get(key);
  if (local === undefined) {
    local = mod.uid(head);
    mod.addImport(
      rng.pick([
        `import type { ${head}${local === head ? '' : ` as ${local}`} } from ${quote(type.specifier)};`,
        `import { type ${head}${local === head ? '' : ` as ${local}`} } from ${quote(type.specifier)};`,
      ]),
    );
    mod.bound.set(key, local);
  }
  return `: ${[local, ...type.name.split('.').slice(1)].join('.')}`;
}

/** A begin/commit transaction region on a value in scope. */
export function regionTransaction(rng: Random, mod: Mod, values: readonly Value[], lib: LibraryFacts, awaitOk: boolean): TransactionPlan | undefined {
  for (const region of rng.shuffle(regionsOf(lib))) {
    const receiver = reach(rng, mod, values, lib, region.kind, awaitOk);
    if (receiver) return openRegion(rng, mod, lib, region, receiver.expr, receiver.value, awaitOk);
  }
  return undefined;
}

function openRegion(rng: Random, mod: Mod, lib: LibraryFacts, { region }: Region, receiver: string, from: Value, awaitOk: boolean): TransactionPlan {
  const sql = (statements: string[]) => {
    const text = quote(rng.pick(statements));
    return region.sqlProperty && rng.chance(0.3) ? `{ ${region.sqlProperty}: ${text} }` : text;
  };
  const beginArgs = region.beginSql ? sql(beginStatements(region)) : '';
  const endMethod = rng.pick(region.end);
  const endArgs = region.endSql ? sql(endStatements(region)) : '';
  let self = receiver;
  const lines: string[] = [];
  if (!identifierish(receiver) || rng.chance(0.3)) {
    self = mod.uid(rng.pick(['conn', 'client', 'runner', 'c']));
    lines.push(`const ${self} = ${receiver.startsWith('(await') || !awaitOk ? receiver : rng.pick([receiver, `await ${receiver}`])};`);
  }
  let handleExpr: string;
  if (region.handle === 'self') {
    lines.push(`await ${member(rng, self, region.begin)}(${beginArgs});`);
    handleExpr = self;
  } else {
    handleExpr = mod.uid(rng.pick(['t', 'trx', 'transaction']));
    const begin = `${member(rng, self, region.begin)}(${beginArgs})${region.beginThen ? `.${region.beginThen}()` : ''}`;
    lines.push(`const ${handleExpr} = await ${begin};`);
  }
  const handle: Value = { lib, kind: region.handleKind, expr: region.handleAccess ? `${handleExpr}.${region.handleAccess}` : handleExpr };
  const end = `await ${handleExpr}.${endMethod}(${endArgs});`;
  const form = rng.pick(['try', 'plain', 'try-finally']);
  const rollback = region.end.find((m) => m !== endMethod) ?? endMethod;
  const rollbackArgs = region.endSql ? quote(endStatements(region).find((s) => /rollback/i.test(s)) ?? 'ROLLBACK') : '';
  const open = `${lines.join('\n')}\n${form === 'plain' ? '{' : 'try {'}`;
  const close =
    form === 'plain'
      ? `${end}\n}`
      : form === 'try'
        ? `${end}\n} catch (error) {\nawait ${handleExpr}.${rollback}(${rollbackArgs});\nthrow error;\n}`
        : `${end}\n} finally {\n${rng.chance(0.5) ? `${self}.release?.();` : ''}\n}`;
  const outer = lib.catalog.kinds[from.kind]?.role === 'client' && from.expr !== self ? from : undefined;
  return { lib, open, close, handle, handleName: handleExpr, synchronous: false, ...(outer ? { outer } : {}) };
}

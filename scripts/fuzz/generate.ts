/**
 * The generator: one database-shaped program per seed. It picks libraries from the catalog,
 * makes their clients, pools and models in a `db` module (in every import and export form),
 * helpers in another module, and transactions (callback and begin/commit) in routes, services,
 * server actions and components, composed with the syntax forms of forms.ts. 2–5 files per
 * program, TypeScript or plain JavaScript.
 */
import type { LibraryId } from '../../orm/catalog/index.js';
import { entityNames, handleType, ioCall, Mod, queryOn, applySteps, bindEntry, member, paren, quote } from './emit.js';
import type { Exported, Ext, Helper, Value } from './emit.js';
import { clientPaths, facts, madeOnConnection, openersOf, regionsOf, role } from './facts.js';
import type { LibraryFacts } from './facts.js';
import { container, preamble, wrapExpression } from './forms.js';
import { Random } from './random.js';
import { scenario } from './scenarios.js';
import type { Context } from './scenarios.js';

export interface SourceFile {
  /** Relative to the program's folder. */
  readonly path: string;
  readonly text: string;
  /** The parser ESLint lints it with. */
  readonly parser: 'typescript' | 'espree';
  /** Written for the others to import, not linted itself. */
  readonly context?: boolean;
}

export interface Program {
  readonly seed: number;
  readonly origin: 'generated' | 'corpus';
  readonly files: SourceFile[];
  readonly libraries: readonly LibraryId[];
  /** package.json dependencies (activation). */
  readonly dependencies: readonly string[];
  readonly typed: boolean;
  /** All libraries active through the shared setting; otherwise through package.json only. */
  readonly settings: boolean;
  /** Files replaced by a mutant of themselves. */
  readonly mutated: readonly string[];
}


export function generateProgram(seed: number, typedEvery = 10): Program {
  const rng = new Random(seed);
  const count = rng.weighted([
    [1, 4],
    [2, 4],
    [3, 2],
  ]);
  const libs = rng.sample(facts, count).sort((a, b) => Number(madeOnConnection(a)) - Number(madeOnConnection(b)));
  const js = rng.chance(0.25);
  const ctx: Context = { rng, js, mods: [] };
  const ext = (kind: 'module' | 'page'): Ext =>
    js ? (kind === 'page' ? 'jsx' : rng.weighted<Ext>([['js', 3], ['mjs', 1], ['cjs', 1.5]])) : kind === 'page' ? 'tsx' : rng.weighted<Ext>([['ts', 6], ['mts', 1], ['cts', 1], ['tsx', 0.5]]);

  const db = new Mod('db', ext('module'));
  ctx.mods.push(db);
  buildDb(ctx, db, libs);

  const helpers = new Mod(rng.pick(['helpers', 'lib', 'repo']), ext('module'));
  ctx.mods.push(helpers);
  importProject(ctx, helpers, db);
  buildHelpers(ctx, helpers);

  const shape = rng.weighted<string>([
    ['routes', 4],
    ['service', js ? 0 : 3],
    ['actions', 2],
  ]);
  const main = new Mod(shape === 'service' ? 'service' : shape === 'actions' ? 'actions' : 'routes', shape === 'service' ? 'ts' : ext('module'));
  ctx.mods.push(main);
  if (shape === 'actions' && !main.cjs) main.head.push(`'use server';`);
  importProject(ctx, main, db);
  importProject(ctx, main, helpers);
  if (rng.chance(0.3) && !helpers.cjs) importCycle(ctx, helpers, main);
  if (shape === 'service') buildService(ctx, main, libs);
  else buildRoutes(ctx, main);

  if (shape === 'actions' && rng.chance(0.8)) {
    const page = new Mod('page', ext('page'));
    ctx.mods.push(page);
    buildPage(ctx, page, main, db);
  }
  if (rng.chance(0.25) && !js) {
    const legacy = new Mod('legacy', 'cts');
    ctx.mods.push(legacy);
    buildLegacy(ctx, legacy, db, libs);
  }
  if (rng.chance(0.3)) {
    const index = new Mod('index', js ? 'js' : 'ts');
    ctx.mods.push(index);
    buildIndex(ctx, index);
  }

  const espree = js && rng.chance(0.5);
  const files = ctx.mods.map((mod) => ({ path: mod.file, text: mod.text(), parser: espree && !mod.ts ? ('espree' as const) : ('typescript' as const) }));
  const dependencies = libs.flatMap((lib) => (lib.dependencies.length === 0 ? [] : rng.sample(lib.dependencies, rng.int(1, lib.dependencies.length))));
  return {
    seed,
    origin: 'generated',
    files,
    libraries: libs.map((lib) => lib.id),
    dependencies: [...dependencies, 'express', 'fastify'],
    typed: typedEvery > 0 && seed % typedEvery === 0,
    settings: rng.chance(0.7),
    mutated: [],
  };
}

// ---------------------------------------------------------------------------------------------
// db: clients, pools and models

const clientNames = ['db', 'client', 'pool', 'conn', 'database', 'orm', 'sql', 'prisma', 'knex', 'dataSource', 'em', 'sequelize'];

function buildDb(ctx: Context, mod: Mod, libs: readonly LibraryFacts[]): void {
  const { rng } = ctx;
  const style = mod.cjs ? 'cjs' : mod.ext === 'cts' && rng.chance(0.4) ? 'export=' : 'esm';
  const locals: { name: string; value: Value; exportAs: string }[] = [];
  let defaultUsed = false;
  if (mod.ts && rng.chance(0.2)) mod.head.push(`declare global {\n  var __db: any;\n}`);
  for (const lib of libs) {
    const paths = clientPaths(lib);
    if (paths.length === 0) continue;
    const clients = rng.weighted([
      [1, 3],
      [2, 1.5],
    ]);
    for (let i = 0; i < clients; i += 1) {
      const path = rng.weighted(paths);
      const name = mod.uid(rng.pick(clientNames));
      let base = bindEntry(rng, mod, path.entry);
      let steps = path.steps;
      const entrySpec = lib.catalog.kinds[path.entry.kind];
      // `class AppDb extends PrismaClient {}`: subclasses of a catalogued constructor.
      if (steps[0]?.type === 'new' && entrySpec?.subclass !== undefined && rng.chance(0.3)) {
        const sub = mod.uid('AppDatabase');
        const decorator = mod.ts && rng.chance(0.5) ? '@Injectable()\n' : '';
        mod.body.push(`${decorator}${style === 'esm' ? 'export ' : ''}class ${sub} extends ${base} {\n${rng.chance(0.5) ? `constructor() {\nsuper();\n}\n` : ''}${rng.chance(0.3) ? 'async onModuleInit() {\nawait this.$connect?.();\n}\n' : ''}}`);
        if (style === 'cjs') locals.push({ name: sub, value: { lib, kind: entrySpec.subclass, expr: sub }, exportAs: sub });
        base = sub;
        steps = [...steps];
      }
      const expr = applySteps(rng, mod, lib, base, path.entry.kind, steps, mod.topLevelAwait);
      const value: Value = { lib, kind: path.kind, expr: name };
      const form = style !== 'esm' ? 'local' : rng.weighted<string>([['const', 5], ['local', 2], ['let', 1], ['global', 1], ['default', defaultUsed ? 0 : 1], ['lazy', 1]]);
      switch (form) {
        case 'const':
          mod.body.push(`export const ${name}${mod.ts && rng.chance(0.15) ? ': any' : ''} = ${expr};`);
          mod.exported.push({ name, value });
          break;
        case 'let':
          mod.body.push(`export let ${name} = ${expr};`);
          mod.exported.push({ name, value });
          break;
        case 'global': {
          const holder = mod.uid('globalForDb');
          mod.body.push(
            mod.ts
              ? `const ${holder} = globalThis as unknown as { ${name}?: any };\nexport const ${name} = ${holder}.${name} ?? (${holder}.${name} = ${expr});`
              : `const ${holder} = globalThis;\nexport const ${name} = ${holder}.${name} ??= ${expr};`,
          );
          mod.exported.push({ name, value });
          break;
        }
        case 'default':
          defaultUsed = true;
          mod.body.push(`const ${name} = ${expr};\nexport default ${name};`);
          mod.exported.push({ name, value, isDefault: true });
          break;
        case 'lazy': {
          const getter = mod.uid(`get${name.charAt(0).toUpperCase()}${name.slice(1)}`);
          const cache = mod.uid('cached');
          mod.body.push(`let ${cache}${mod.type('any')};\nexport function ${getter}() {\nreturn (${cache} ??= ${expr});\n}`);
          mod.exported.push({ name: getter, value: { lib, kind: path.kind, expr: `${getter}()` } });
          break;
        }
        default: {
          mod.body.push(`const ${name} = ${expr};`);
          const exportAs = rng.chance(0.2) ? mod.uid(`${name}Client`) : name;
          if (style === 'esm') {
            mod.body.push(exportAs === name ? `export { ${name} };` : `export { ${name} as ${exportAs} };`);
            mod.exported.push({ name: exportAs, value });
          } else locals.push({ name, value, exportAs });
        }
      }
      mod.values.push(value);
    }
    if (rng.chance(0.6)) addModel(ctx, mod, lib, style, locals);
  }
  if (style === 'cjs' || style === 'export=') {
    const props = locals.map((l) => (l.exportAs === l.name ? l.name : `${l.exportAs}: ${l.name}`));
    if (style === 'export=') mod.body.push(`export = { ${props.join(', ')} };`);
    else if (rng.chance(0.5)) mod.body.push(`module.exports = { ${props.join(', ')} };`);
    else for (const l of locals) mod.body.push(`${rng.pick(['exports', 'module.exports'])}.${l.exportAs} = ${l.name};`);
    for (const l of locals) mod.exported.push({ name: l.exportAs, value: l.value });
  }
}

/** `class User extends Model {}` for a model base of the library (from an import or a client). */
function addModel(ctx: Context, mod: Mod, lib: LibraryFacts, style: string, locals: { name: string; value: Value; exportAs: string }[]): void {
  const { rng } = ctx;
  const bases: { expr: () => string; kind: string }[] = [];
  for (const [kind, paths] of lib.paths) {
    const spec = lib.catalog.kinds[kind];
    if (spec?.subclass === undefined || (spec.role !== 'model-base' && spec.role !== 'model')) continue;
    for (const path of paths) bases.push({ expr: () => applySteps(rng, mod, lib, bindEntry(rng, mod, path.entry), path.entry.kind, path.steps, false), kind: spec.subclass });
  }
  for (const value of mod.values.filter((v) => v.lib === lib)) {
    const spec = lib.catalog.kinds[value.kind];
    for (const [name, kind] of Object.entries(spec?.properties ?? {})) {
      const sub = lib.catalog.kinds[kind];
      if (sub?.role === 'model-base' && sub.subclass !== undefined) {
        const subclass = sub.subclass;
        bases.push({ expr: () => member(rng, value.expr, name), kind: subclass });
      }
    }
  }
  if (bases.length === 0) return;
  const base = rng.pick(bases);
  const name = mod.uid(rng.pick(['User', 'Book', 'Order', 'Author']));
  const decorator = mod.ts && rng.chance(0.4) ? `@Entity(${quote(name.toLowerCase())})\n` : '';
  const relation = relationField(ctx, mod, lib, name);
  const fields = mod.ts ? `declare id: number;\n${rng.chance(0.3) ? `@Column()\ndeclare title: string;\n` : ''}${relation}` : '';
  mod.body.push(`${decorator}${style === 'esm' ? 'export ' : ''}class ${name} extends ${paren(base.expr())} {\nstatic tableName = ${quote(`${name.toLowerCase()}s`)};\n${fields}}`);
  if (relation !== '') relationRead(ctx, mod, lib, name, base.kind);
  const value: Value = { lib, kind: base.kind, expr: name };
  mod.values.push(value);
  if (style === 'esm') mod.exported.push({ name, value });
  else locals.push({ name, value, exportAs: name });
}

/** A relation property from the library's relation decorators (`@ManyToOne(() => Book) parent`), sometimes lazy. */
function relationField(ctx: Context, mod: Mod, lib: LibraryFacts, name: string): string {
  const { rng } = ctx;
  const decorators = lib.catalog.relations?.decorators;
  const specifier = Object.keys(lib.catalog.modules).find((m) => !m.includes('transactional'));
  if (!mod.ts || !decorators || specifier === undefined || !rng.chance(0.8)) return '';
  const [decorator, cardinality] = rng.pick(Object.entries(decorators.names));
  const callee = bindEntry(rng, mod, { specifier: specifier === 'sequelize' ? 'sequelize-typescript' : specifier, name: decorator, kind: '' });
  const type = cardinality === 'many' ? `${name}[]` : name;
  const lazy = decorators.lazyOption !== undefined && rng.chance(0.6);
  return `@${callee}(() => ${name}${lazy ? `, { ${decorators.lazyOption}: true }` : ''})\nparent!: ${lazy ? `Promise<${type}>` : type};\n`;
}

/** A function that finds one row of the model without loading its relation, and reads it. */
function relationRead(ctx: Context, mod: Mod, lib: LibraryFacts, name: string, kind: string): void {
  const { rng } = ctx;
  const methods = Object.entries(lib.catalog.relations?.loading.kinds[kind] ?? {}).filter(([, m]) => m.result === 'one' && m.options === 0 && m.entityArgument === undefined);
  if (methods.length === 0) return;
  const [method] = rng.pick(methods);
  const fn = mod.uid('loadParent');
  mod.body.push(`export async function ${fn}() {\nconst row = await ${name}.${method}({ where: {} });\nreturn row${rng.chance(0.5) ? '?' : ''}.parent;\n}`);
}

// ---------------------------------------------------------------------------------------------
// imports between the program's modules

function specifierOf(ctx: Context, from: Mod): string {
  return ctx.rng.pick([`./${from.name}.js`, `./${from.name}`, `./${from.file}`, `./${from.name}.js`]);
}

/** Imports what `from` exports (values and helpers) into `mod` in one of the forms. */
function importProject(ctx: Context, mod: Mod, from: Mod): void {
  const { rng } = ctx;
  const spec = quote(specifierOf(ctx, from));
  const exported = from.exported;
  const helpers = from.helpers.filter((h) => h.exported);
  const names = [...exported.filter((e) => !e.isDefault).map((e) => e.name), ...helpers.map((h) => h.name)];
  const add = (e: Exported, expr: string) => {
    // `getDb()` exported as a function: the call is the client.
    const call = e.value.expr.endsWith('()') ? `${expr}()` : expr;
    mod.values.push({ ...e.value, expr: call });
  };
  const addHelper = (h: Helper, expr: string) => mod.helpers.push({ ...h, call: expr, exported: false });
  const form = mod.cjs ? rng.pick(['require', 'require-ns']) : rng.weighted<string>([['named', 6], ['namespace', 2], ['dynamic', mod.topLevelAwait ? 1 : 0], ['require', mod.ts ? 0.5 : 0], ['import-equals', mod.ts ? 0.5 : 0]]);
  if (form === 'named' || form === 'dynamic' || form === 'require') {
    const parts: string[] = [];
    for (const e of exported) {
      if (e.isDefault) continue;
      const local = mod.uid(rng.chance(0.15) ? `${e.name}Alias` : e.name);
      parts.push(local === e.name ? e.name : `${e.name}${form === 'named' ? ' as ' : ': '}${local}`);
      add(e, local);
    }
    for (const h of helpers) {
      const local = mod.uid(h.name);
      parts.push(local === h.name ? h.name : `${h.name}${form === 'named' ? ' as ' : ': '}${local}`);
      addHelper(h, local);
    }
    const def = exported.find((e) => e.isDefault);
    if (form === 'named') {
      const defLocal = def ? mod.uid(`${def.name}Default`) : undefined;
      if (def && defLocal) add(def, defLocal);
      if (parts.length > 0 || defLocal) mod.addImport(`import ${defLocal ?? ''}${defLocal && parts.length > 0 ? ', ' : ''}${parts.length > 0 ? `{ ${parts.join(', ')} }` : ''} from ${spec};`);
      if (mod.ts && rng.chance(0.2) && names[0] !== undefined) mod.addImport(`import type { ${names[0]} as ${mod.uid('TypeOnly')} } from ${spec};`);
    } else if (form === 'dynamic') {
      mod.head.push(`const { ${parts.join(', ')}${def ? `${parts.length > 0 ? ', ' : ''}default: ${mod.uid(def.name)}` : ''} } = await import(${spec});`);
      if (def) add(def, [...mod.names].pop() ?? def.name);
    } else {
      mod.head.push(`const { ${parts.join(', ')} } = require(${spec});`);
    }
    return;
  }
  const ns = mod.uid(`${from.name}Module`);
  if (form === 'namespace') mod.addImport(`import * as ${ns} from ${spec};`);
  else if (form === 'import-equals') mod.addImport(`import ${ns} = require(${spec});`);
  else mod.head.push(`const ${ns} = require(${spec});`);
  for (const e of exported) add(e, e.isDefault ? `${ns}.default` : member(rng, ns, e.name));
  for (const h of helpers) addHelper(h, `${ns}.${h.name}`);
}

/** helpers ⇄ routes: a cycle of imports, with a call across it. */
function importCycle(ctx: Context, helpers: Mod, main: Mod): void {
  const ns = helpers.uid('routesModule');
  helpers.addImport(`import * as ${ns} from './${main.name}.js';`);
  helpers.body.push(`export async function viaRoutes(id${helpers.type('number')}) {\nreturn (${ns} as any).handle?.(id);\n}`.replace(' as any', helpers.ts ? ' as any' : ''));
}

// ---------------------------------------------------------------------------------------------
// helpers

function exportPrefix(mod: Mod, exported: boolean): string {
  return exported && !mod.cjs ? 'export ' : '';
}

function addHelper(ctx: Context, mod: Mod, name: string, text: string, helper: Omit<Helper, 'call' | 'name' | 'exported'>, exported: boolean): void {
  mod.body.push(text);
  mod.helpers.push({ ...helper, name, call: name, exported });
}

function buildHelpers(ctx: Context, mod: Mod): void {
  const { rng } = ctx;
  const t = (type: string) => mod.type(type);
  const clients = mod.values.filter((v) => role(v.lib, v.kind) === 'client' || role(v.lib, v.kind) === 'model');
  const count = rng.int(2, 5);
  for (let i = 0; i < count; i += 1) {
    const exported = rng.chance(0.8);
    const exp = exportPrefix(mod, exported);
    const kind = rng.weighted<string>([
      ['outer', clients.length > 0 ? 4 : 0],
      ['io', 3],
      ['handle', 3],
      ['recursive', clients.length > 0 ? 1 : 0],
      ['default-param', clients.length > 0 ? 1.5 : 0],
      ['transaction', 2],
      ['this', clients.length > 0 ? 0.5 : 0],
      ['generator', clients.length > 0 ? 0.7 : 0],
    ]);
    switch (kind) {
      case 'outer': {
        const value = rng.pick(clients);
        const query = queryOn(rng, mod, value, { awaitOk: true }) ?? value.expr;
        const name = mod.uid(rng.pick(['findBook', 'loadAuthor', 'countOrders', 'audit']));
        const text = rng.chance(0.5)
          ? `${exp}async function ${name}(id${t('any')}, ...rest${t('any[]')}) {\nreturn ${wrapExpression(rng, mod, query)};\n}`
          : `${exp}const ${name} = async (id${t('any')}) => ${rng.chance(0.5) ? `(await ${query})` : `{\nconst rows = await ${query};\nreturn rows;\n}`};`;
        addHelper(ctx, mod, name, text, { async: true, takesHandle: false }, exported);
        break;
      }
      case 'io': {
        const name = mod.uid(rng.pick(['chargeCard', 'notify', 'sendReceipt', 'sleep', 'publish']));
        const io = ioCall(rng, mod);
        const text = rng.chance(0.6) ? `${exp}async function ${name}(id${t('any')}, url = 'https://api.example.com') {\nawait ${io};\n}` : `${exp}const ${name} = (id${t('any')}, url = '') => ${io};`;
        addHelper(ctx, mod, name, text, { async: true, takesHandle: false }, exported);
        break;
      }
      case 'handle': {
        const libs = [...new Set(mod.values.map((v) => v.lib))];
        const lib = libs.length > 0 ? rng.pick(libs) : rng.pick(facts);
        const openers = [...openersOf(lib).map((o) => ({ kind: o.transaction.handleKind, access: o.transaction.handleAccess })), ...regionsOf(lib).map((r) => ({ kind: r.region.handleKind, access: r.region.handleAccess }))];
        if (openers.length === 0) break;
        const opener = rng.pick(openers);
        const param = mod.uid(rng.pick(['tx', 'trx', 'client', 'manager']));
        const annotation = mod.ts ? handleType(rng, mod, lib, opener.kind) : '';
        const value: Value = { lib, kind: opener.kind, expr: opener.access ? `${param}.${opener.access}` : param };
        const query = queryOn(rng, mod, value, { awaitOk: true, handle: param, bind: rng.chance(0.7) }) ?? param;
        const name = mod.uid(rng.pick(['saveOrder', 'reserveStock', 'insertLine', 'touch']));
        const text = `${exp}async function ${name}(${param}${annotation}, id${t('any')} = 1) {\n${rng.chance(0.3) ? `await ${ioCall(rng, mod)};\n` : ''}return ${query};\n}`;
        addHelper(ctx, mod, name, text, { async: true, takesHandle: true }, exported);
        break;
      }
      case 'recursive': {
        const value = rng.pick(clients);
        const a = mod.uid('walkUp');
        const b = mod.uid('walkDown');
        const query = queryOn(rng, mod, value, { awaitOk: true }) ?? value.expr;
        mod.body.push(`${exp}async function ${a}(n${t('number')})${mod.ts ? ': Promise<any>' : ''} {\nif (n <= 0) return ${query};\nreturn ${b}(n - 1);\n}\nasync function ${b}(n${t('number')})${mod.ts ? ': Promise<any>' : ''} {\nreturn n % 2 ? ${a}(n - 1) : await ${a}(n - 2);\n}`);
        mod.helpers.push({ name: a, call: a, async: true, takesHandle: false, exported });
        break;
      }
      case 'default-param': {
        const value = rng.pick(clients);
        const name = mod.uid(rng.pick(['listBooks', 'findAll']));
        const param = mod.uid('client');
        const query = queryOn(rng, mod, { ...value, expr: param }, { awaitOk: true }) ?? param;
        mod.body.push(`${exp}async function ${name}(id${t('any')} = 1, ${param} = ${value.expr}) {\nreturn ${query};\n}`);
        mod.helpers.push({ name, call: name, async: true, takesHandle: false, exported });
        break;
      }
      case 'this': {
        const value = rng.pick(clients);
        const name = mod.uid('withThis');
        const query = queryOn(rng, mod, value, { awaitOk: true }) ?? value.expr;
        mod.body.push(`${exp}async function ${name}(${mod.ts ? 'this: any, ' : ''}id${t('any')}) {\nconst self = this ?? { db: ${value.expr} };\nvoid self;\nreturn ${query};\n}`);
        mod.helpers.push({ name, call: name, async: true, takesHandle: false, exported });
        break;
      }
      case 'generator': {
        // A sync generator and a getter that hand out queries.
        const value = rng.pick(clients);
        const name = mod.uid('rowsOf');
        const holder = mod.uid('Rows');
        const query = queryOn(rng, mod, value, { awaitOk: false }) ?? value.expr;
        mod.body.push(`${exp}function* ${name}(id${t('any')}) {\nyield ${query};\nyield* [id];\n}\n${exp}class ${holder} {\nget all() {\nreturn ${name}(1).next().value;\n}\nset all(value${t('unknown')}) {\nvoid value;\n}\n}`);
        mod.helpers.push({ name, call: name, async: false, takesHandle: false, exported });
        break;
      }
      default: {
        const statements = scenario(ctx, mod, mod.values, mod.helpers, 0);
        if (statements.length === 0) break;
        const holder = container(rng, mod, []);
        const name = mod.uid('inTransaction');
        mod.body.push(holder.text.replace('BODY', statements.join('\n')));
        if (holder.call !== undefined) mod.body.push(`${exp}const ${name} = () => ${holder.call};`);
      }
    }
  }
  if (mod.cjs) {
    const names = mod.helpers.filter((h) => h.exported).map((h) => h.name);
    if (names.length > 0) mod.body.push(rng.chance(0.5) ? `module.exports = { ${names.join(', ')} };` : names.map((n) => `exports.${n} = ${n};`).join('\n'));
  }
}

// ---------------------------------------------------------------------------------------------
// the main module: routes, actions, services

function buildRoutes(ctx: Context, mod: Mod): void {
  const { rng } = ctx;
  addDeclarations(ctx, mod);
  const count = rng.int(1, 3);
  const calls: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const fields = mod.values.filter((v) => !v.expr.includes('(')).map((v) => ({ name: mod.uid(`${v.expr.replace(/\W/g, '_')}Field`), expr: v.expr }));
    const holder = container(rng, mod, fields);
    // Inside a class, the values are reached through its fields (`this.db`, `this.#db`), or still by their names.
    const scope = mod.values.map((value) => {
      const field = fields.find((f) => f.expr === value.expr);
      const expr = field === undefined ? undefined : holder.members?.get(field.name);
      return expr !== undefined && rng.chance(0.7) ? { ...value, expr } : value;
    });
    const body = scenario(ctx, mod, scope, mod.helpers, 0).join('\n');
    mod.body.push(holder.text.replace('BODY', body));
    if (holder.call !== undefined) calls.push(holder.call);
  }
  if (!mod.cjs && rng.chance(0.5)) mod.body.push(`export async function handle(id${mod.type('number')}) {\nreturn ${calls[0] ?? 'id'};\n}`);
  if (mod.cjs) mod.body.push(`module.exports.handle = async (id) => ${calls[0] ?? 'id'};`);
}

function addDeclarations(ctx: Context, mod: Mod): void {
  const { rng } = ctx;
  if (!mod.ts) return;
  if (rng.chance(0.25)) mod.body.push(`declare module 'fastify' {\n  interface FastifyInstance {\n    db: any;\n  }\n}`);
  if (rng.chance(0.3)) {
    mod.body.push(`declare function audit(...args: any[]): Promise<void>;`, `declare class LegacyStore {\n  query(sql: string): Promise<any>;\n}`);
  }
  if (rng.chance(0.3)) mod.body.push(`enum Mode {\n  Fast = 1,\n  Safe,\n}`, `const enum Level {\n  Low,\n  High = 'high',\n}`, `export const level = Level.Low + Mode.Safe;`);
  // A declared client: known only by its annotation.
  const typed = mod.values.map((v) => v.lib).flatMap((lib) => lib.types.filter((t) => role(lib, t.kind) === 'client').map((t) => ({ lib, t })));
  if (typed.length > 0 && rng.chance(0.4)) {
    const { lib, t } = rng.pick(typed);
    const name = mod.uid('externalDb');
    const annotation = handleType(rng, mod, lib, t.kind);
    mod.body.push(`declare const ${name}${annotation || ': any'};`);
    mod.values.push({ lib, kind: t.kind, expr: name });
  }
}

function buildService(ctx: Context, mod: Mod, libs: readonly LibraryFacts[]): void {
  const { rng } = ctx;
  addDeclarations(ctx, mod);
  const fields: { name: string; expr: string; decorator?: string; type?: string }[] = [];
  const values: Value[] = [];
  for (const lib of libs) {
    for (const injector of lib.injectors) {
      if (!rng.chance(0.6)) continue;
      const decorator = bindEntry(rng, mod, { specifier: injector.specifier, name: injector.decorator, kind: '' });
      const entity = rng.pick(entityNames);
      mod.entities.add(entity);
      const name = mod.uid(rng.pick(['repo', 'manager', 'orm', 'conn']));
      const type = handleType(rng, mod, lib, injector.kind).replace(/^: /, '') || 'any';
      fields.push({ name, expr: '', decorator: `@${decorator}(${rng.chance(0.8) ? entity : ''})`, type });
      values.push({ lib, kind: injector.kind, expr: `this.${name}` });
    }
  }
  for (const value of mod.values.filter((v) => !v.expr.includes('('))) {
    const name = mod.uid(`${value.expr.replace(/\W/g, '_')}Ref`);
    const injected = rng.chance(0.4);
    fields.push(injected ? { name, expr: '', decorator: rng.pick(['@Inject(DB)', "@Inject('DATABASE')", '@Optional()']), type: 'any' } : { name, expr: value.expr });
    values.push({ ...value, expr: `this.${name}` });
  }
  const holder = container(rng, mod, fields);
  const members = holder.members ?? new Map<string, string>();
  const inClass = values.map((v) => {
    const field = /^this\.(.+)$/.exec(v.expr)?.[1];
    const expr = field === undefined ? undefined : members.get(field);
    return expr === undefined ? v : { ...v, expr };
  });
  const scope = [...inClass, ...mod.values];
  const statements = [...scenario(ctx, mod, scope, mod.helpers, 0), ...(rng.chance(0.5) ? scenario(ctx, mod, scope, mod.helpers, 0) : [])];
  mod.body.push(holder.text.replace('BODY', statements.join('\n')));
}

// ---------------------------------------------------------------------------------------------
// components, legacy CommonJS TypeScript, re-exports

function buildPage(ctx: Context, mod: Mod, actions: Mod, db: Mod): void {
  const { rng } = ctx;
  importProject(ctx, mod, db);
  const action = actions.exported[0]?.name;
  const helper = mod.values[0];
  const t = (type: string) => mod.type(type);
  const spec = quote(specifierOf(ctx, actions));
  const names = actions.body.join('\n').match(/export (?:async )?(?:function\*? |const )(\w+)/g)?.map((m) => m.replace(/^.* /, '')) ?? [];
  const called = names[0] ?? action;
  if (called !== undefined && !mod.cjs) mod.addImport(`import { ${called} } from ${spec};`);
  const query = helper ? queryOn(rng, mod, helper, { awaitOk: true }) : undefined;
  mod.body.push(
    `export default function Page({ books = [], title = 'Books' }${t('{ books?: any[]; title?: string }')}) {\nconst onClick = async () => {\n${called ? `await ${called}(1);` : ''}\n};\nreturn (\n<form action={${called ?? 'undefined'}}>\n<h1 className="title">{title}</h1>\n<ul>{books.map((b${t('any')}) => <li key={b.id}>{b?.title ?? '—'}</li>)}</ul>\n<button type="button" onClick={onClick}>Add</button>\n<>{books.length > 0 && <span>{books.length}</span>}</>\n</form>\n);\n}`,
  );
  if (query) mod.body.push(`export async function Server({ id = 1 }${t('{ id?: number }')}) {\nconst rows = await ${query};\nreturn <pre data-id={id}>{JSON.stringify(rows)}</pre>;\n}`);
}

function buildLegacy(ctx: Context, mod: Mod, db: Mod, libs: readonly LibraryFacts[]): void {
  const { rng } = ctx;
  const lib = rng.pick(libs);
  const paths = clientPaths(lib);
  if (paths.length === 0) return;
  const path = rng.weighted(paths);
  const entry = path.entry.name === '*' || path.entry.name === 'default' ? path.entry : { ...path.entry };
  const local = mod.uid('legacyModule');
  const namespace = lib.entries.find((e) => e.specifier === entry.specifier && e.name === '*');
  let base: string;
  if (namespace && rng.chance(0.7)) {
    mod.addImport(`import ${local} = require(${quote(entry.specifier)});`);
    base = entry.name === '*' || entry.name === 'default' ? local : `${local}.${entry.name}`;
  } else base = bindEntry(rng, mod, entry);
  const client = mod.uid('legacyDb');
  mod.body.push(`const ${client} = ${applySteps(rng, mod, lib, base, entry.kind, path.steps, false)};`);
  mod.values.push({ lib, kind: path.kind, expr: client });
  if (rng.chance(0.5)) importProject(ctx, mod, db);
  const statements = scenario(ctx, mod, mod.values, [], 0);
  const fn = mod.uid('legacyJob');
  mod.body.push(`async function ${fn}(id${mod.type('any')}, url${mod.type('string')} = '', ids${mod.type('any[]')} = []) {\n${preamble(mod)}\n${statements.join('\n')}\n}`);
  mod.body.push(`export = { ${fn}, ${client} };`);
}

function buildIndex(ctx: Context, mod: Mod): void {
  const { rng } = ctx;
  for (const other of ctx.mods) {
    if (other === mod || other.ext === 'cts' || other.ext === 'cjs' || other.ext === 'tsx' || other.ext === 'jsx') continue;
    const spec = quote(specifierOf(ctx, other));
    const form = rng.pick(['star', 'named', 'star-as', 'type']);
    const first = other.exported[0]?.name ?? other.helpers.find((h) => h.exported)?.name;
    if (form === 'star') mod.body.push(`export * from ${spec};`);
    else if (form === 'star-as') mod.body.push(`export * as ${mod.uid(other.name)} from ${spec};`);
    else if (form === 'named' && first !== undefined) mod.body.push(`export { ${first} as ${mod.uid(`${first}Export`)} } from ${spec};`);
    else if (mod.ts && first !== undefined) mod.body.push(`export type { ${first} as ${mod.uid('Exported')} } from ${spec};`);
  }
  if (mod.ts) mod.body.push(`export type Handle = unknown;`);
}

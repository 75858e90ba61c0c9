/**
 * A database preamble for `npm run robustness -- --preamble`: code that imports every catalogued
 * library, makes its objects and uses them inside transactions, generated from the catalog
 * (orm/catalog) alone, so that the rules' database paths run in files whose own code never touches
 * a database. Prepended to a fixture file, it makes the rules resolve origins, scopes and
 * transactions among that file's unusual syntax, and report (and suggest) in every file.
 *
 * A preamble holds one library (the run takes them in turn, file by file: all of them in every
 * file would make each lint several times slower and add nothing to what the file's own syntax
 * meets, since that syntax never refers to the preamble's objects). It is one async function. Its objects are reached from the library's exports the way
 * the catalog describes them (`new`, calls, methods, properties, subclasses); inside every
 * transaction form the catalog knows (callbacks and BEGIN … COMMIT regions), it queries through
 * each reached object and awaits non-database I/O, which is what the transaction rules report.
 */
import { io, libraries } from '../../orm/catalog/index.js';
import type { KindSpec, LibraryCatalog, LibraryId } from '../../orm/catalog/index.js';

/**
 * Module specifiers for the catalog's `modulePatterns` (generated Prisma clients, Drizzle's
 * per-driver entry points): a pattern names no specifier, so candidates are tried against it.
 */
const patternCandidates = ['drizzle-orm/node-postgres', 'drizzle-orm/better-sqlite3', '@prisma/client/edge', './generated/prisma/client'];

/** An object of the library reached by the preamble: the name it is bound to and its kind. */
interface Reached {
  readonly kind: string;
  readonly ref: string;
}

/** How far from an export the preamble follows the catalog's graph. */
const maxDepth = 3;
/** At most this many objects of a library are queried inside each transaction. */
const maxQueries = 4;

const identifier = /^[A-Za-z_$][\w$]*$/;

/** The import (or `require`) of one export of a module under `name`; undefined when CommonJS cannot express it. */
function importOf(specifier: string, exportName: string, name: string, commonjs: boolean): string | undefined {
  const from = JSON.stringify(specifier);
  if (commonjs) {
    if (exportName === '*') return `const ${name} = require(${from});`;
    if (exportName === 'default' || !identifier.test(exportName)) return undefined;
    return `const { ${exportName}: ${name} } = require(${from});`;
  }
  if (exportName === '*') return `import * as ${name} from ${from};`;
  if (exportName === 'default') return `import ${name} from ${from};`;
  return `import { ${exportName} as ${name} } from ${from};`;
}

/** Every `[specifier, export, kind]` of a library, with one example specifier per module pattern. */
function exportsOf(library: LibraryCatalog): [string, string, string][] {
  const entries: [string, string, string][] = [];
  for (const [specifier, exported] of Object.entries(library.modules)) {
    for (const [name, kind] of Object.entries(exported)) entries.push([specifier, name, kind]);
  }
  for (const { pattern, exports } of library.modulePatterns ?? []) {
    const specifier = patternCandidates.find((candidate) => pattern.test(candidate));
    if (!specifier) continue;
    for (const [name, kind] of Object.entries(exports)) entries.push([specifier, name, kind]);
  }
  return entries;
}

/** The steps the catalog allows from an object of `spec`: the statement that takes each and the kind it gives. */
function steps(spec: KindSpec, ref: string): { statement: (name: string) => string; kind: string }[] {
  const out: { statement: (name: string) => string; kind: string }[] = [];
  if (spec.newInstance) out.push({ statement: (name) => `const ${name} = new ${ref}();`, kind: spec.newInstance });
  if (spec.callResult) out.push({ statement: (name) => `const ${name} = ${ref}();`, kind: spec.callResult });
  for (const [method, kind] of Object.entries(spec.methods ?? {})) {
    if (identifier.test(method)) out.push({ statement: (name) => `const ${name} = await ${ref}.${method}();`, kind });
  }
  for (const [property, kind] of Object.entries(spec.properties ?? {})) {
    if (identifier.test(property)) out.push({ statement: (name) => `const ${name} = ${ref}.${property};`, kind });
  }
  // Any name outside the excluded prefixes: a Prisma model delegate, a Drizzle relational table.
  if (spec.anyProperty) out.push({ statement: (name) => `const ${name} = ${ref}.items;`, kind: spec.anyProperty.kind });
  if (spec.subclass) out.push({ statement: (name) => `class ${name} extends ${ref} {}`, kind: spec.subclass });
  return out;
}

/** Statements that query through `ref` (no arguments, so binding suggestions add their own). */
function queriesThrough(spec: KindSpec, ref: string): string[] {
  const method = spec.queryMethods?.find((name) => identifier.test(name));
  const out: string[] = [];
  if (method) out.push(`await ${ref}.${method}();`);
  if (spec.taggedTemplateQuery) out.push(`await ${ref}\`select 1\`;`);
  return out;
}

/** Awaits of non-database I/O, from the I/O catalog: a global (fetch) and a timer sleep. */
function ioAwaits(ioName: string): string[] {
  const out: string[] = [];
  const global = Object.keys(io.globals)[0];
  if (global) out.push(`await ${global}('https://example.com/');`);
  const timer = io.timerGlobals[0];
  if (timer) out.push(`await new Promise((resolve) => ${timer}(resolve, 1));`);
  out.push(`await ${ioName}('https://example.com/');`);
  return out;
}

/** The imports and the async function that exercise one library. */
function libraryPreamble(id: LibraryId, commonjs: boolean, ioName: string): { imports: string[]; body: string[] } {
  const library = libraries[id];
  const prefix = `__asyncDb_${id.replace(/\W/g, '_')}`;
  const imports: string[] = [];
  const declarations: string[] = [];
  const reached: Reached[] = [];
  const seen = new Set<string>();
  let counter = 0;

  let frontier: Reached[] = [];
  for (const [specifier, exportName, kind] of exportsOf(library)) {
    if (seen.has(kind)) continue;
    const ref = `${prefix}_${String(counter++)}`;
    const statement = importOf(specifier, exportName, ref, commonjs);
    if (!statement) continue;
    seen.add(kind);
    imports.push(statement);
    frontier.push({ kind, ref });
  }
  reached.push(...frontier);
  for (let depth = 0; depth < maxDepth && frontier.length > 0; depth += 1) {
    const next: Reached[] = [];
    for (const object of frontier) {
      const spec = library.kinds[object.kind];
      if (!spec) continue;
      for (const step of steps(spec, object.ref)) {
        if (seen.has(step.kind)) continue;
        seen.add(step.kind);
        const ref = `${prefix}_${String(counter++)}`;
        declarations.push(step.statement(ref));
        next.push({ kind: step.kind, ref });
      }
    }
    reached.push(...next);
    frontier = next;
  }

  const queries = reached.flatMap((object) => {
    const spec = library.kinds[object.kind];
    return spec ? queriesThrough(spec, object.ref) : [];
  });
  const inside = (handleQueries: string[]) => [...handleQueries, ...queries.slice(0, maxQueries), ...ioAwaits(ioName)].map((line) => `    ${line}`);

  const blocks: string[] = [];
  for (const object of reached) {
    const spec = library.kinds[object.kind];
    if (!spec) continue;
    for (const transaction of spec.transactions ?? []) {
      const callee = transaction.method ? `${object.ref}.${transaction.method}` : object.ref;
      const opener = transaction.then ? `${callee}().${transaction.then}` : callee;
      const handle = transaction.handleAccess ? `tx.${transaction.handleAccess}` : 'tx';
      const handleSpec = library.kinds[transaction.handleKind];
      const params = transaction.handleParam < 0 ? [] : [...Array.from({ length: transaction.handleParam }, (_, i) => `_p${String(i)}`), 'tx'];
      const handleQueries = transaction.handleParam >= 0 && handleSpec ? queriesThrough(handleSpec, handle) : [];
      blocks.push(`  await ${opener}(async (${params.join(', ')}) => {`, ...inside(handleQueries), '  });');
    }
    for (const region of spec.regions ?? []) {
      const begin = `${object.ref}.${region.begin}(${region.beginSql ? "'BEGIN'" : ''})${region.beginThen ? `.${region.beginThen}()` : ''}`;
      const handleRef = region.handle === 'result' ? 'trx' : object.ref;
      const end = region.end[0];
      blocks.push('  {');
      blocks.push(region.handle === 'result' ? `    const trx = await ${begin};` : `    await ${begin};`);
      const handleSpec = library.kinds[region.handleKind];
      const handle = region.handleAccess ? `${handleRef}.${region.handleAccess}` : handleRef;
      blocks.push(...inside(handleSpec ? queriesThrough(handleSpec, handle) : []));
      if (end) blocks.push(`    await ${handleRef}.${end}(${region.endSql ? "'COMMIT'" : ''});`);
      blocks.push('  }');
    }
  }
  const body = [`async function ${prefix}() {`, ...declarations.map((line) => `  ${line}`), ...blocks, '}'];
  return { imports, body };
}

/** The first HTTP client module of the I/O catalog, imported as a callable. */
function ioImport(commonjs: boolean): { statement: string; name: string } {
  const name = '__asyncDb_http';
  const module = Object.entries(io.modules).find(([, category]) => category === 'HTTP request')?.[0] ?? 'axios';
  return { statement: commonjs ? `const ${name} = require(${JSON.stringify(module)});` : `import ${name} from ${JSON.stringify(module)};`, name };
}

/**
 * The preamble of one library. `commonjs` writes `require` instead of `import` (for files parsed
 * as CommonJS, where an import declaration does not parse).
 */
export function databasePreamble(id: LibraryId, commonjs: boolean): string {
  const http = ioImport(commonjs);
  const { imports, body } = libraryPreamble(id, commonjs, http.name);
  return [http.statement, ...imports, ...body, ''].join('\n');
}

/** `text` with the preamble in front, after a leading `#!` line (which must stay first). */
export function withPreamble(text: string, preamble: string): string {
  const hashbang = /^#![^\n]*\n?/.exec(text)?.[0] ?? '';
  return hashbang + preamble + text.slice(hashbang.length);
}

/**
 * Cheap gates of the blocking questions, derived from the catalogs: the names a blocking call can
 * have, the drivers' blocking methods and what a module must mention to hold their objects, and
 * the text any module that calls a blocking API contains. A module whose text fails them is
 * never resolved, nor parsed when it is only imported.
 *
 * Computed once per set of active libraries; the text answers about other modules once per file
 * for the run (`fileSystemCache`).
 */
import { blocking, libraries } from './catalog/index.js';
import type { LibraryCatalog, LibraryId } from './catalog/index.js';
import { fileSystemCache, remember } from './modules/files.js';
import { importedSpecifiers, moduleTextMatches } from './modules/parse.js';
import { resolveLocalModule } from './modules/resolve.js';
import { escapeRegExp } from './syntax.js';

/** A test on a module's text, as `RegExp#test` is (so a pattern is one). */
export interface TextTest {
  test(text: string): boolean;
}

/** A text test with the words (regex alternatives) of which any text passing it contains one. */
interface WordedTest extends TextTest {
  readonly words: readonly string[];
}

/**
 * Tests run only on a text that contains one of their words: one pass over a module's text
 * rejects most modules, where running each test would take one pass per test.
 */
function withQuickCheck(tests: readonly WordedTest[]): TextTest {
  const quick = anyOf([...new Set(tests.flatMap((t) => t.words))]);
  return { test: (text) => quick.test(text) && tests.some((t) => t.test(text)) };
}

/** A pattern with the words it needs. */
function worded(pattern: RegExp, words: readonly string[]): WordedTest {
  return { test: (text) => pattern.test(text), words };
}

/** After a method's name: the call's opening parenthesis, type arguments allowed (`.prepare<[number], Row>(`). */
const callOpen = '\\s*(?:<[^()]*?>\\s*)?\\(';
const anyOf = (alternatives: readonly string[]) => new RegExp(alternatives.length > 0 ? alternatives.join('|') : '(?!)');

/** Names of the blocking functions outside the drivers (`readFileSync`, `wait`). */
export const blockingNames = new Set<string>();
for (const module of Object.values(blocking.modules)) for (const name of Object.keys(module.exports ?? {})) blockingNames.add(name);
for (const members of Object.values(blocking.globals)) for (const name of Object.keys(members)) blockingNames.add(name);
export const blockingPatterns = [...new Set(Object.values(blocking.modules).flatMap((m) => (m.exportPattern ? [m.exportPattern.pattern] : [])))];

/** A driver kind's blocking methods, with what a module that runs them must mention. */
export interface DriverMethods {
  readonly methods: readonly string[];
  /**
   * For objects a client makes (better-sqlite3 statements): the text a module that holds one
   * contains, the maker's call (`.prepare(`) or the type's name beside the library's specifier
   * (`Statement` … `'better-sqlite3'`). A module without it cannot hold one it runs, so its
   * `.get()` and `.all()` calls are never resolved. Clients' own methods need no such evidence.
   */
  readonly evidence: WordedTest | undefined;
  /** A built-in library (`node:sqlite`, always active): only where the module imports it. */
  readonly builtIn: readonly string[] | undefined;
}

/** The text of a module that may hold a library's object: a maker's call, or a type name with the library's specifier. */
function holdingText(catalog: LibraryCatalog, makers: readonly string[], typeNames: readonly string[]): WordedTest {
  const made = anyOf(makers.map((m) => `\\.${escapeRegExp(m)}${callOpen}`));
  const typed = anyOf(typeNames.map((name) => `\\b${escapeRegExp(name)}\\b`));
  const specifier = anyOf(Object.keys(catalog.modules).map((module) => `['"]${escapeRegExp(module)}['"]`));
  return {
    test: (text) => made.test(text) || (typed.test(text) && specifier.test(text)),
    words: [...makers.map((m) => `\\.${escapeRegExp(m)}\\b`), ...typeNames.map((name) => `\\b${escapeRegExp(name)}\\b`)],
  };
}

const driverKindsByLibraries = new WeakMap<ReadonlySet<LibraryId>, readonly DriverMethods[]>();

export function driverKinds(active: ReadonlySet<LibraryId>): readonly DriverMethods[] {
  let kinds = driverKindsByLibraries.get(active);
  if (!kinds) {
    const found: DriverMethods[] = [];
    for (const id of active) {
      const catalog = libraries[id];
      for (const [kind, spec] of Object.entries(catalog.kinds)) {
        if (!spec.blockingMethods) continue;
        // Made by another kind's method (`db.prepare()`); a statement's own `pluck()` only reconfigures it.
        const makers = Object.entries(catalog.kinds).flatMap(([otherKind, other]) =>
          otherKind === kind ? [] : Object.entries(other.methods ?? {}).filter(([, k]) => k === kind).map(([m]) => m),
        );
        const typeNames = Object.values(catalog.types ?? {}).flatMap((names) => Object.entries(names).filter(([, k]) => k === kind).map(([name]) => name.split('.').at(-1) ?? name));
        found.push({
          methods: spec.blockingMethods,
          evidence: spec.role === 'client' ? undefined : holdingText(catalog, [...new Set(makers)], [...new Set(typeNames)]),
          builtIn: catalog.dependencies.length === 0 ? Object.keys(catalog.modules) : undefined,
        });
      }
    }
    kinds = found;
    driverKindsByLibraries.set(active, kinds);
  }
  return kinds;
}

/** Properties that lead to an object whose call blocks (`insertMany.immediate`). */
export const blockingCallProperties = new Set<string>();
for (const catalog of Object.values(libraries)) {
  for (const spec of Object.values(catalog.kinds)) {
    for (const [name, kind] of Object.entries(spec.properties ?? {})) {
      if (catalog.kinds[kind]?.blockingCall) blockingCallProperties.add(name);
    }
  }
}

/** Methods whose result is an object whose call blocks (`db.transaction(fn)`). */
export const blockingCallMakers = new Set<string>();
for (const catalog of Object.values(libraries)) {
  for (const spec of Object.values(catalog.kinds)) {
    for (const [name, kind] of Object.entries(spec.methods ?? {})) {
      if (catalog.kinds[kind]?.blockingCall) blockingCallMakers.add(name);
    }
  }
}

export const librariesWithBlockingCalls = new Set(
  Object.values(libraries)
    .filter((catalog) => Object.values(catalog.kinds).some((spec) => spec.blockingCall))
    .map((catalog) => catalog.id),
);

/**
 * What the text of a module that calls a blocking function of a package contains: the package's
 * specifier in quotes (`from 'node:fs'`, `require("zlib")`: the rule only knows callees imported
 * or required in the same module) and one of its blocking names (`readFileSync`); a package whose
 * call result blocks (deasync) by its specifier alone. Export patterns are suffixes (`/Sync$/`).
 */
const packageText: WordedTest = (() => {
  const quoted = (specifiers: readonly string[]) => specifiers.map((specifier) => `['"]${escapeRegExp(specifier)}['"]`);
  const entries = Object.entries(blocking.modules);
  const names = new Set<string>();
  for (const [, module] of entries) {
    for (const name of Object.keys(module.exports ?? {})) names.add(`\\b${escapeRegExp(name)}\\b`);
    if (module.exportPattern) names.add(module.exportPattern.pattern.source.replace(/\$$/, '\\b'));
  }
  const byName = anyOf(quoted(entries.filter(([, module]) => module.callResult === undefined).map(([specifier]) => specifier)));
  const named = anyOf([...names]);
  const aloneSpecifiers = entries.filter(([, module]) => module.callResult !== undefined).map(([specifier]) => specifier);
  const alone = anyOf(quoted(aloneSpecifiers));
  return {
    test: (text) => alone.test(text) || (byName.test(text) && named.test(text)),
    words: [...names, ...aloneSpecifiers.map(escapeRegExp)],
  };
})();

/** `Atomics.wait`: the blocking members of globals. */
const globalsText = worded(
  anyOf(Object.entries(blocking.globals).flatMap(([global, members]) => Object.keys(members).map((member) => `\\b${escapeRegExp(global)}\\s*\\.\\s*${escapeRegExp(member)}\\b`))),
  Object.keys(blocking.globals).map((global) => `\\b${escapeRegExp(global)}\\b`),
);

/** Text that any module calling a blocking API directly contains, per set of active libraries. */
const blockingTextByLibraries = new WeakMap<ReadonlySet<LibraryId>, TextTest>();

export function blockingText(active: ReadonlySet<LibraryId>): TextTest {
  let found = blockingTextByLibraries.get(active);
  if (!found) {
    found = withQuickCheck(blockingTests(active));
    blockingTextByLibraries.set(active, found);
  }
  return found;
}

function blockingTests(active: ReadonlySet<LibraryId>): WordedTest[] {
  // A module that runs a driver's statements made them there (`db.prepare(…)`) or got the
  // client there: the clients' blocking methods are enough, not the statements' `get`/`all`.
  const methods = [...new Set(driverKinds(active).flatMap((kind) => (kind.evidence || kind.builtIn ? [] : kind.methods)))];
  const driverText = worded(
    anyOf(methods.map((m) => `\\.${escapeRegExp(m)}${callOpen}`)),
    methods.map((m) => `\\.${escapeRegExp(m)}\\b`),
  );
  return [driverText, globalsText, packageText];
}

/**
 * Text that any module calling a blocking API directly contains, the drivers' objects made
 * elsewhere included: the blocking-text test, or what a module needs to mention to hold a
 * statement (`prepare`, `Statement`), a transaction function (`.transaction(`, its type,
 * `.immediate`) or a built-in driver (`node:sqlite`).
 */
const directTextByLibraries = new WeakMap<ReadonlySet<LibraryId>, TextTest>();

export function directText(active: ReadonlySet<LibraryId>): TextTest {
  let found = directTextByLibraries.get(active);
  if (!found) {
    const tests = blockingTests(active);
    for (const kind of driverKinds(active)) {
      if (kind.evidence) tests.push(kind.evidence);
      if (kind.builtIn) tests.push(worded(anyOf(kind.builtIn.map((module) => `['"]${escapeRegExp(module)}['"]`)), kind.builtIn.map(escapeRegExp)));
    }
    for (const id of active) {
      if (!librariesWithBlockingCalls.has(id)) continue;
      const catalog = libraries[id];
      const typeNames = Object.values(catalog.types ?? {}).flatMap((names) =>
        Object.entries(names).flatMap(([name, kind]) => (catalog.kinds[kind]?.blockingCall ? [name.split('.').at(-1) ?? name] : [])),
      );
      // A function made and kept (`const insertMany = db.transaction(fn)`: not awaited), or one
      // of its forms (`insertMany.immediate(rows)`), or a parameter of its type.
      const makers = [...blockingCallMakers];
      const properties = [...blockingCallProperties];
      tests.push(
        worded(anyOf(makers.map((m) => `=\\s*[\\w$.]+\\.${escapeRegExp(m)}${callOpen}`)), makers.map((m) => `\\.${escapeRegExp(m)}\\b`)),
        worded(anyOf(properties.map((p) => `\\.${escapeRegExp(p)}${callOpen}`)), properties.map((p) => `\\.${escapeRegExp(p)}\\b`)),
        holdingText(catalog, [], typeNames),
      );
    }
    found = withQuickCheck(tests);
    directTextByLibraries.set(active, found);
  }
  return found;
}

/** {@link fileMayBlock}'s answers by file, per blocking-text pattern (one per set of active libraries). */
const filesMayBlock = new WeakMap<TextTest, Map<string, boolean>>();

/**
 * Does a project module, or one it imports, mention a blocking API? By text alone, once per file
 * and pattern for the whole run: many modules import the same helpers.
 */
export function fileMayBlock(active: ReadonlySet<LibraryId>, file: string | undefined): boolean {
  if (file === undefined) return false;
  const pattern = blockingText(active);
  let answers = filesMayBlock.get(pattern);
  if (!answers) {
    answers = fileSystemCache<boolean>();
    filesMayBlock.set(pattern, answers);
  }
  const known = answers.get(file);
  if (known !== undefined) return known;
  const may =
    textMatches(answers, pattern, file) ||
    // One module further (a route's helper whose own helper hashes the password), by text alone.
    importedSpecifiers(file).some((specifier) => {
      if (!isProjectPath(specifier)) return false;
      const next = resolveLocalModule(file, specifier);
      return next !== undefined && textMatches(answers, pattern, next);
    });
  remember(answers, file, may);
  return may;
}

/** A module's own text against the pattern, memoised beside {@link fileMayBlock}'s answers under a marked key. */
function textMatches(answers: Map<string, boolean>, pattern: TextTest, file: string): boolean {
  const key = `\0text:${file}`;
  const known = answers.get(key);
  if (known !== undefined) return known;
  return remember(answers, key, moduleTextMatches(file, pattern));
}

/**
 * Project modules by path or alias (`./db`, `@/lib/password`, `~/x`, `#x`); packages of the
 * workspace are not searched for blocking helpers.
 */
export function isProjectPath(specifier: string): boolean {
  return /^(\.|@\/|~|#)/.test(specifier);
}

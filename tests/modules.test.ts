/**
 * How a project's own modules are found (`resolveLocalModule`) and which libraries are active
 * (`activeLibraries`), on real file trees.
 *
 * The trees are in tests/workspace-fixtures/, a sibling of tests/fixtures/ and not inside it:
 * activation unions every package.json from a file's folder up, and tests/fixtures/package.json
 * declares every database library, so under it the activation assertions would prove nothing.
 * Above tests/workspace-fixtures/ there is only the plugin's own package.json, which declares no
 * database library.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import tseslintParser from '@typescript-eslint/parser';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { activeLibraries } from '../orm/activation.js';
import type { LibraryId } from '../orm/catalog/index.js';
import { libraryIds } from '../orm/catalog/index.js';
import { setCacheLifetime } from '../orm/modules/files.js';
import { moduleParserName, parseModule, useModuleParser } from '../orm/modules/parse.js';
import type { ParserLike } from '../orm/modules/parse.js';
import { resolveLocalModule } from '../orm/modules/resolve.js';
import { stripJsonComments } from '../orm/modules/tsconfig.js';
import { parsePnpmWorkspace, workspacePackages } from '../orm/modules/workspaces.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), 'workspace-fixtures');
const npm = (relative: string): string => path.join(root, 'npm', relative);
const pnpm = (relative: string): string => path.join(root, 'pnpm', relative);
const yarn = (relative: string): string => path.join(root, 'yarn', relative);
const nest = (relative: string): string => path.join(root, 'nest', relative);

const sorted = (set: ReadonlySet<LibraryId>): LibraryId[] => [...set].sort();
const active = (file: string): LibraryId[] => sorted(activeLibraries(file, undefined, {}));

describe('resolveLocalModule: relative and absolute specifiers', () => {
  const page = npm('apps/web/src/app/page.tsx');

  it('resolves relative imports with and without extensions', () => {
    expect(resolveLocalModule(page, '../lib/db')).toBe(npm('apps/web/src/lib/db.ts'));
    expect(resolveLocalModule(page, '../lib/db.js')).toBe(npm('apps/web/src/lib/db.ts'));
    expect(resolveLocalModule(page, '../lib')).toBeUndefined();
    expect(resolveLocalModule(page, './missing')).toBeUndefined();
  });

  it('resolves absolute specifiers to the file they name', () => {
    expect(resolveLocalModule(page, npm('apps/web/src/lib/db'))).toBe(npm('apps/web/src/lib/db.ts'));
  });

  it('answers nothing from a relative file name, an empty specifier or a URL-like specifier', () => {
    expect(resolveLocalModule('page.tsx', '../lib/db')).toBeUndefined();
    expect(resolveLocalModule(page, '')).toBeUndefined();
    expect(resolveLocalModule(page, 'node:fs')).toBeUndefined();
    expect(resolveLocalModule(page, 'bun:sqlite')).toBeUndefined();
  });
});

describe('resolveLocalModule: tsconfig extends, paths and baseUrl', () => {
  it('follows extends to paths declared without baseUrl, relative to the file declaring them', () => {
    const page = npm('apps/web/src/app/page.tsx');
    expect(resolveLocalModule(page, '@/lib/db')).toBe(npm('apps/web/src/lib/db.ts'));
    expect(resolveLocalModule(page, '@acme/ui-kit')).toBe(npm('packages/ui/index.ts'));
    expect(resolveLocalModule(page, '@/lib/missing')).toBeUndefined();
  });

  it('merges an extends array in order, the file itself winning; skips a missing entry', () => {
    const main = npm('apps/admin/src/main.ts');
    // `paths` of the file replaces the base's `@/*`; its targets are relative to the baseUrl
    // (./src) that tsconfig.local.json, written without `.json`, declares.
    expect(resolveLocalModule(main, '#admin/lib/db')).toBe(npm('apps/admin/src/lib/db.ts'));
    expect(resolveLocalModule(main, 'lib/db')).toBe(npm('apps/admin/src/lib/db.ts'));
    expect(resolveLocalModule(main, '@/lib/db')).toBeUndefined();
  });

  it('ends an extends cycle and keeps what the files of the cycle declare', () => {
    const main = npm('apps/cyclic/src/main.ts');
    expect(resolveLocalModule(main, '~cyc/db')).toBe(npm('apps/cyclic/src/lib/db.ts'));
    expect(resolveLocalModule(main, 'src/lib/db')).toBe(npm('apps/cyclic/src/lib/db.ts'));
  });

  it('ignores an unparsable tsconfig without losing workspace packages', () => {
    const main = npm('apps/broken/src/main.ts');
    expect(resolveLocalModule(main, '@/main')).toBeUndefined();
    expect(resolveLocalModule(main, '@acme/db')).toBe(npm('packages/db/src/index.ts'));
  });

  it('reads ${configDir} as the folder of the tsconfig that applies', () => {
    expect(resolveLocalModule(npm('apps/templated/src/main.ts'), '~/lib/db')).toBe(npm('apps/templated/src/lib/db.ts'));
  });

  it('does not apply an app tsconfig to a package outside it', () => {
    expect(resolveLocalModule(npm('packages/db/src/index.ts'), '@/lib/db')).toBeUndefined();
  });

  it('tries non-relative specifiers under baseUrl (NestJS), only where a file exists', () => {
    const service = nest('src/users/users.service.ts');
    expect(resolveLocalModule(service, 'src/prisma/prisma.service')).toBe(nest('src/prisma/prisma.service.ts'));
    expect(resolveLocalModule(service, 'src/prisma/prisma.service.js')).toBe(nest('src/prisma/prisma.service.ts'));
    // A folder with an index file at baseUrl shadows the npm package of that name, as in TypeScript.
    expect(resolveLocalModule(service, 'queue')).toBe(nest('queue/index.ts'));
    expect(resolveLocalModule(service, 'pg')).toBeUndefined();
    expect(resolveLocalModule(service, '@nestjs/common')).toBeUndefined();
    expect(resolveLocalModule(service, 'src/prisma')).toBeUndefined();
  });
});

describe('resolveLocalModule: workspace packages', () => {
  const page = npm('apps/web/src/app/page.tsx');

  it('maps a built main entry that was never built to its source', () => {
    expect(resolveLocalModule(page, '@acme/db')).toBe(npm('packages/db/src/index.ts'));
    expect(resolveLocalModule(page, '@acme/db/schema')).toBe(npm('packages/db/src/schema.ts'));
    expect(resolveLocalModule(page, '@acme/db/missing')).toBeUndefined();
  });

  it('follows exports: conditions, nested conditions, patterns and excluded subpaths', () => {
    expect(resolveLocalModule(page, '@acme/auth')).toBe(npm('packages/auth/src/index.ts'));
    expect(resolveLocalModule(page, '@acme/auth/client')).toBe(npm('packages/auth/src/client.ts'));
    expect(resolveLocalModule(page, '@acme/auth/features/billing')).toBe(npm('packages/auth/src/features/billing.ts'));
    expect(resolveLocalModule(page, '@acme/auth/internal/secret')).toBeUndefined();
    expect(resolveLocalModule(page, '@acme/auth/package.json')).toBeUndefined();
  });

  it('uses a built entry that exists, and index.* when the manifest names no entry', () => {
    expect(resolveLocalModule(page, '@acme/config')).toBe(npm('packages/config/build/index.js'));
    expect(resolveLocalModule(page, '@acme/ui')).toBe(npm('packages/ui/index.ts'));
  });

  it('finds packages matched by ** and skips those a negation excludes', () => {
    expect(resolveLocalModule(page, '@acme/sql-gen')).toBe(npm('tools/generators/sql/src/main.ts'));
    expect(resolveLocalModule(page, '@acme/legacy')).toBeUndefined();
  });

  it('leaves registry packages and unknown names alone', () => {
    expect(resolveLocalModule(page, 'pg')).toBeUndefined();
    expect(resolveLocalModule(page, 'next')).toBeUndefined();
    expect(resolveLocalModule(page, '@acme/unknown')).toBeUndefined();
    // A workspace package with no entry file at all.
    expect(resolveLocalModule(page, '@acme/web')).toBeUndefined();
  });

  it('resolves package.json imports (#…) through the nearest manifest', () => {
    const index = npm('packages/db/src/index.ts');
    expect(resolveLocalModule(index, '#schema')).toBe(npm('packages/db/src/schema.ts'));
    expect(resolveLocalModule(index, '#internal/pool')).toBe(npm('packages/db/src/internal/pool.ts'));
    expect(resolveLocalModule(index, '#pg')).toBeUndefined();
    expect(resolveLocalModule(index, '#missing')).toBeUndefined();
  });

  it('reads workspaces: { packages } (yarn) and maps types: lib/*.d.ts to src/', () => {
    expect(resolveLocalModule(yarn('libs/api/src/index.ts'), 'store')).toBe(yarn('libs/store/src/index.ts'));
  });

  it('reads pnpm-workspace.yaml', () => {
    const main = pnpm('services/jobs/worker/src/main.ts');
    expect(resolveLocalModule(main, '@pnpm-acme/api')).toBe(pnpm('services/api/src/server.ts'));
    expect(resolveLocalModule(main, '@pnpm-acme/data')).toBe(pnpm('packages/data/src/index.ts'));
    expect(resolveLocalModule(main, '@pnpm-acme/data/tables/users')).toBe(pnpm('packages/data/src/tables/users.ts'));
    expect(resolveLocalModule(main, '@pnpm-acme/fake')).toBeUndefined();
    expect(resolveLocalModule(main, '@pnpm-acme/not-listed')).toBeUndefined();
  });

  it('lists exactly the packages of each workspace', () => {
    expect(Object.fromEntries(workspacePackages(npm('apps/web/src')))).toEqual({
      '@acme/auth': npm('packages/auth'),
      '@acme/config': npm('packages/config'),
      '@acme/db': npm('packages/db'),
      '@acme/ui': npm('packages/ui'),
      '@acme/admin': npm('apps/admin'),
      '@acme/broken': npm('apps/broken'),
      '@acme/cyclic': npm('apps/cyclic'),
      '@acme/templated': npm('apps/templated'),
      '@acme/web': npm('apps/web'),
      '@acme/sql-gen': npm('tools/generators/sql'),
    });
    expect(Object.fromEntries(workspacePackages(pnpm('packages/data')))).toEqual({
      '@pnpm-acme/data': pnpm('packages/data'),
      '@pnpm-acme/api': pnpm('services/api'),
      '@pnpm-acme/worker': pnpm('services/jobs/worker'),
    });
    expect(workspacePackages(nest('src')).size).toBe(0);
  });
});

describe('resolveLocalModule: packages linked into node_modules', () => {
  let tmp = '';
  const at = (relative: string): string => path.join(tmp, relative);
  const write = (relative: string, text: string): void => {
    fs.mkdirSync(path.dirname(at(relative)), { recursive: true });
    fs.writeFileSync(at(relative), text);
  };

  beforeAll(() => {
    // Created at run time: symbolic links and node_modules/ do not belong in the repository.
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'async-db-modules-')));
    write('linked-db/package.json', JSON.stringify({ name: 'linked-db', main: 'dist/index.js' }));
    write('linked-db/src/index.ts', 'export {};\n');
    write('linked-db/src/helpers.ts', 'export {};\n');
    write('proj/package.json', JSON.stringify({ name: 'proj', dependencies: { 'linked-db': 'link:../linked-db', pg: '*' } }));
    write('proj/src/deep/main.ts', 'export {};\n');
    write('proj/node_modules/pg/package.json', JSON.stringify({ name: 'pg', main: 'index.js' }));
    write('proj/node_modules/pg/index.ts', 'export {};\n');
    write('proj/node_modules/.pnpm/store@1.0.0/node_modules/store/package.json', JSON.stringify({ name: 'store', main: 'index.ts' }));
    write('proj/node_modules/.pnpm/store@1.0.0/node_modules/store/index.ts', 'export {};\n');
    fs.symlinkSync(at('linked-db'), at('proj/node_modules/linked-db'), 'dir');
    fs.symlinkSync(at('proj/node_modules/.pnpm/store@1.0.0/node_modules/store'), at('proj/node_modules/store'), 'dir');
  });

  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('follows a link out of node_modules to the source of the package', () => {
    const main = at('proj/src/deep/main.ts');
    expect(resolveLocalModule(main, 'linked-db')).toBe(at('linked-db/src/index.ts'));
    expect(resolveLocalModule(main, 'linked-db/helpers')).toBe(at('linked-db/src/helpers.ts'));
  });

  it('leaves installed packages alone, linked within node_modules (pnpm) or not', () => {
    const main = at('proj/src/deep/main.ts');
    expect(resolveLocalModule(main, 'pg')).toBeUndefined();
    expect(resolveLocalModule(main, 'store')).toBeUndefined();
  });

  it('sees a new file, package.json change or link after the cache lifetime, not before', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    // A clock set back drops every answer: the lifetime starts with the first lookup below.
    vi.setSystemTime(new Date('2000-01-01T00:00:00Z'));
    try {
      const main = at('proj/src/deep/main.ts');
      expect(resolveLocalModule(main, './later')).toBeUndefined();
      expect(resolveLocalModule(main, 'later-db')).toBeUndefined();
      expect(active(main)).toEqual(['node-sqlite', 'pg']);
      write('proj/src/deep/later.ts', 'export {};\n');
      write('later-db/package.json', JSON.stringify({ name: 'later-db', dependencies: { knex: '*' } }));
      write('later-db/src/index.ts', 'export {};\n');
      fs.symlinkSync(at('later-db'), at('proj/node_modules/later-db'), 'dir');
      write('proj/package.json', JSON.stringify({ name: 'proj', dependencies: { 'linked-db': 'link:../linked-db', mysql2: '*' } }));
      vi.setSystemTime(Date.now() + 29_999);
      expect(resolveLocalModule(main, './later')).toBeUndefined();
      expect(resolveLocalModule(main, 'later-db')).toBeUndefined();
      expect(active(main)).toEqual(['node-sqlite', 'pg']);
      vi.setSystemTime(Date.now() + 2);
      expect(resolveLocalModule(main, './later')).toBe(at('proj/src/deep/later.ts'));
      expect(resolveLocalModule(main, 'later-db')).toBe(at('later-db/src/index.ts'));
      expect(active(main)).toEqual(['mysql2', 'node-sqlite']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps the answers as long as settings[async-db].cacheLifetime says', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2001-01-01T00:00:00Z'));
    try {
      const main = at('proj/src/deep/main.ts');
      setCacheLifetime('Infinity');
      expect(resolveLocalModule(main, './forever')).toBeUndefined();
      write('proj/src/deep/forever.ts', 'export {};\n');
      vi.setSystemTime(Date.now() + 86_400_000);
      expect(resolveLocalModule(main, './forever')).toBeUndefined();
      write('proj/src/deep/sooner.ts', 'export {};\n');
      setCacheLifetime(0);
      expect(resolveLocalModule(main, './forever')).toBe(at('proj/src/deep/forever.ts'));
      // Not a number of seconds: the default. The folder was listed just now, with both files.
      setCacheLifetime('soon');
      expect(resolveLocalModule(main, './sooner')).toBe(at('proj/src/deep/sooner.ts'));
      fs.rmSync(at('proj/src/deep/sooner.ts'));
      write('proj/src/deep/newer.ts', 'export {};\n');
      vi.setSystemTime(Date.now() + 29_000);
      expect(resolveLocalModule(main, './sooner')).toBe(at('proj/src/deep/sooner.ts'));
      // A file added since the folder was listed is seen once the answers expire.
      expect(resolveLocalModule(main, './newer')).toBeUndefined();
      vi.setSystemTime(Date.now() + 2_000);
      expect(resolveLocalModule(main, './newer')).toBe(at('proj/src/deep/newer.ts'));
    } finally {
      setCacheLifetime(undefined);
      vi.useRealTimers();
    }
  });

  it('activates every library for a file with no package.json above it', () => {
    write('loose/file.ts', 'export {};\n');
    expect(active(at('loose/file.ts'))).toEqual([...libraryIds].sort());
  });
});

describe('resolveLocalModule: memoised for the run', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers repeated lookups without touching the file system again', () => {
    // A frozen clock: the answers are reused for 30 s, and this test must not depend on timing.
    vi.useFakeTimers({ toFake: ['Date'] });
    const files = [npm('apps/web/src/app/page.tsx'), npm('apps/admin/src/main.ts'), pnpm('services/jobs/worker/src/main.ts')];
    const specifiers = ['@/lib/db', '@acme/db', '@acme/auth/client', 'lib/db', '@pnpm-acme/api', 'pg', 'react', 'node:fs'];
    const first = files.map((file) => specifiers.map((specifier) => resolveLocalModule(file, specifier)));
    const libraries = files.map((file) => active(file));
    const spies = [
      vi.spyOn(fs, 'statSync'),
      vi.spyOn(fs, 'existsSync'),
      vi.spyOn(fs, 'readFileSync'),
      vi.spyOn(fs, 'readdirSync'),
      vi.spyOn(fs, 'realpathSync'),
    ];
    try {
      const again = files.map((file) => specifiers.map((specifier) => resolveLocalModule(file, specifier)));
      expect(again).toEqual(first);
      expect(files.map((file) => active(file))).toEqual(libraries);
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});

describe('activeLibraries in workspaces', () => {
  it('brings the libraries of the workspace packages an app depends on, to any depth', () => {
    // @acme/db → drizzle-orm and @acme/config → knex; @acme/legacy (excluded) would bring mysql2.
    expect(active(npm('apps/web/src/app/page.tsx'))).toEqual(['drizzle', 'knex', 'node-sqlite']);
    expect(active(npm('packages/db/src/index.ts'))).toEqual(['drizzle', 'knex', 'node-sqlite']);
  });

  it('counts an app devDependency on a workspace package, but not that package’s devDependencies', () => {
    expect(active(npm('apps/admin/src/main.ts'))).toEqual(['node-sqlite', 'pg']);
    expect(active(npm('packages/auth/src/index.ts'))).toEqual(['better-sqlite3', 'node-sqlite', 'pg']);
  });

  it('activates only what the workspace root declares for a file at the root', () => {
    expect(active(npm('tsconfig.base.json'))).toEqual(['node-sqlite']);
  });

  it('follows workspace:* dependencies in a pnpm workspace, through a cycle', () => {
    expect(active(pnpm('services/jobs/worker/src/main.ts'))).toEqual(['kysely', 'node-sqlite', 'pg']);
    expect(active(pnpm('services/api/src/server.ts'))).toEqual(['kysely', 'node-sqlite', 'pg']);
    expect(active(pnpm('packages/data/src/index.ts'))).toEqual(['kysely', 'node-sqlite', 'pg']);
    // Excluded by `!**/fixtures/**`: its own dependencies still count for its own files.
    expect(active(pnpm('services/api/fixtures/fake/index.ts'))).toEqual(['kysely', 'node-sqlite', 'pg', 'slonik']);
  });

  it('reads workspaces: { packages } (yarn)', () => {
    expect(active(yarn('libs/api/src/index.ts'))).toEqual(['node-sqlite', 'typeorm']);
  });

  it('activates from the dependencies of a NestJS project', () => {
    expect(active(nest('src/users/users.service.ts'))).toEqual(['node-sqlite', 'prisma']);
  });

  it('lets the rule option, then settings, override dependencies', () => {
    const file = npm('apps/web/src/app/page.tsx');
    expect(sorted(activeLibraries(file, ['pg'], { 'async-db': { libraries: ['knex'] } }))).toEqual(['pg']);
    expect(sorted(activeLibraries(file, [], { 'async-db': { libraries: ['knex'] } }))).toEqual(['knex']);
  });
});

describe('configuration parsing', () => {
  it('stripJsonComments keeps strings intact and drops trailing commas outside them', () => {
    const text = '{\n  // comment\n  "a": "x,}", /* block */\n  "b": ["@/*", "**/*.ts",],\n  "c": "//not",\n}';
    expect(JSON.parse(stripJsonComments(text))).toEqual({ a: 'x,}', b: ['@/*', '**/*.ts'], c: '//not' });
  });

  it('parsePnpmWorkspace reads block and flow lists, quotes and comments, and no other key', () => {
    expect(parsePnpmWorkspace(fs.readFileSync(pnpm('pnpm-workspace.yaml'), 'utf8'))).toEqual([
      'packages/*',
      'services/**',
      '!**/fixtures/**',
    ]);
    expect(parsePnpmWorkspace("packages: ['apps/*', \"libs/*\"]\n")).toEqual(['apps/*', 'libs/*']);
    expect(parsePnpmWorkspace('packages:\n- apps/*\n- libs/* # libraries\ncatalog:\n  - nope\n')).toEqual(['apps/*', 'libs/*']);
    expect(parsePnpmWorkspace('catalog:\n  pg: ^8\n')).toEqual([]);
  });
});

describe('parseModule: oxc-parser and its fallback build the same AST', () => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  let tmp = '';
  const at = (relative: string): string => path.join(tmp, relative);
  const write = (relative: string, text: string): void => {
    fs.mkdirSync(path.dirname(at(relative)), { recursive: true });
    fs.writeFileSync(at(relative), text);
  };

  beforeAll(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'async-db-parse-')));
  });

  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  afterEach(() => {
    useModuleParser('auto');
  });

  const typescriptEslintParser: ParserLike = {
    parseForESLint: (code, options) => tseslintParser.parseForESLint(code, options as tseslintParser.ParserOptions),
  };

  /** Every source file of the test fixtures and of the fixture app. */
  function sourceFiles(folder: string): string[] {
    return fs.readdirSync(folder, { withFileTypes: true, recursive: true }).flatMap((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return entry.isFile() && /\.(?:[cm]?[jt]s|[jt]sx)$/.test(entry.name) && !entry.name.endsWith('.d.ts') && !file.includes('node_modules')
        ? [file]
        : [];
    });
  }

  /** Differences that no question looks at: oxc's extra offsets, null for an absent optional field. */
  function differences(a: unknown, b: unknown, at: string, found: string[]): void {
    if (a === b || (a == null && b == null) || found.length > 5) return;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
      found.push(`${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
      return;
    }
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (['parent', 'start', 'end', 'loc', 'sourceType'].includes(key)) continue;
      const type = (a as { type?: string }).type ?? at;
      if (type === 'JSXText' && key === 'value') continue;
      differences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${type}.${key}`, found);
    }
  }

  it('parses with oxc-parser, to typescript-estree’s AST, for every fixture file', () => {
    expect(moduleParserName()).toBe('oxc-parser');
    const files = [...sourceFiles(path.join(here, 'fixtures')), ...sourceFiles(path.join(here, '..', 'fixtures', 'app', 'src'))];
    expect(files.length).toBeGreaterThan(80);
    const parser = typescriptEslintParser;
    const fromOxc = files.map((file) => parseModule(file, parser)?.ast);
    useModuleParser('typescript-estree');
    expect(moduleParserName()).toBe('typescript-estree');
    for (const [index, file] of files.entries()) {
      const fromEstree = parseModule(file, parser)?.ast;
      expect(fromEstree, file).toBeDefined();
      expect(fromOxc[index], file).not.toBe(fromEstree);
      const found: string[] = [];
      differences(fromEstree, fromOxc[index], 'Program', found);
      expect(found, file).toEqual([]);
    }
  });

  it('puts a decorated parameter’s range where typescript-estree does', () => {
    const code = "class S { constructor(@Inject() a = 1, @Query('q') q?: string, @Dec() private readonly r: R) {} }\n";
    write('decorated/service.ts', code);
    const span = (text: string): [number, number] => [code.indexOf(text), code.indexOf(text) + text.length];
    const ranges = (choice: 'auto' | 'typescript-estree') => {
      useModuleParser(choice);
      const ast = parseModule(at('decorated/service.ts'), typescriptEslintParser)?.ast;
      const [cls] = ast?.body ?? [];
      const ctor = cls?.type === AST_NODE_TYPES.ClassDeclaration ? cls.body.body[0] : undefined;
      return ctor?.type === AST_NODE_TYPES.MethodDefinition ? ctor.value.params.map((param) => param.range) : [];
    };
    const expected = ranges('typescript-estree');
    // A parameter property keeps its decorators, as in typescript-estree.
    expect(expected).toEqual([span('a = 1'), span('q?: string'), span("@Dec() private readonly r: R")]);
    expect(ranges('auto')).toEqual(expected);
  });

  it('leaves a file oxc cannot parse to the fallback, which decides as before', () => {
    write('broken/module.ts', 'export const x = ;\n');
    expect(parseModule(at('broken/module.ts'), typescriptEslintParser)).toBeNull();
    // `with` is a syntax error in a module for oxc; typescript-estree accepts it.
    write('sloppy/legacy.js', 'with (Math) { var r = max(1, 2); }\nexports.r = r;\n');
    expect(parseModule(at('sloppy/legacy.js'), typescriptEslintParser)?.ast.body).toHaveLength(2);
  });
});

/**
 * The shape of `orm/`: one question per module, layers that point down, no import cycles, and no
 * question module that reaches another at run time except through the resolver facade. The
 * codemods sit above the rules: they import rules and orm/, never the reverse.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const orm = path.join(root, 'orm');

interface ModuleImport {
  readonly target: string;
  readonly typeOnly: boolean;
}

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** The project files a module imports (relative specifiers), and whether only types. */
function importsOf(file: string): ModuleImport[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: ModuleImport[] = [];
  for (const match of text.matchAll(/^(import|export)\s+(type\s+)?[^;]*?\sfrom\s+'(\.[^']+)';/gms)) {
    const specifier = match[3] ?? '';
    found.push({
      target: path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')),
      typeOnly: match[2] !== undefined,
    });
  }
  return found;
}

const files = sourceFiles(orm);
const codemodFiles = sourceFiles(path.join(root, 'codemods')).filter((file) => !file.includes(`${path.sep}__testfixtures__${path.sep}`));
const ruleFiles = sourceFiles(path.join(root, 'rules'));
const graph = new Map(files.map((file) => [file, importsOf(file)]));
const relative = (file: string): string => path.relative(root, file).split(path.sep).join('/');

/** Modules every question may use at run time: data and pure helpers. */
function isBase(file: string): boolean {
  const name = relative(file);
  return (
    name.startsWith('orm/catalog/') ||
    name.startsWith('orm/modules/') ||
    ['orm/syntax.ts', 'orm/values.ts', 'orm/memo.ts', 'orm/activation.ts', 'orm/gates.ts', 'orm/blocking-gates.ts'].includes(name)
  );
}

describe('orm/ architecture', () => {
  it('has no import cycle, counting type-only imports', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string): void => {
      state.set(file, 'visiting');
      stack.push(file);
      for (const { target } of graph.get(file) ?? []) {
        if (!graph.has(target)) continue;
        if (state.get(target) === 'visiting') cycles.push([...stack.slice(stack.indexOf(target)), target].map(relative).join(' → '));
        else if (!state.has(target)) visit(target);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it('lets question modules reach each other at run time only through the resolver facade', () => {
    const offending: string[] = [];
    for (const [file, imports] of graph) {
      if (isBase(file) || relative(file) === 'orm/resolver.ts') continue;
      for (const { target, typeOnly } of imports) {
        if (!typeOnly && !isBase(target)) offending.push(`${relative(file)} imports ${relative(target)}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('keeps the origin questions below the others', () => {
    const upward: string[] = [];
    for (const [file, imports] of graph) {
      if (!relative(file).startsWith('orm/origin/')) continue;
      for (const { target } of imports) {
        if (!isBase(target) && !relative(target).startsWith('orm/origin/')) upward.push(`${relative(file)} imports ${relative(target)}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('never imports rules or codemods from orm/', () => {
    const outward = [...graph].flatMap(([file, imports]) =>
      imports.filter(({ target }) => !relative(target).startsWith('orm/')).map(({ target }) => `${relative(file)} imports ${relative(target)}`),
    );
    expect(outward).toEqual([]);
  });

  it('keeps every module readable in one sitting (at most 500 lines)', () => {
    const long = files
      .map((file) => ({ file: relative(file), lines: fs.readFileSync(file, 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > 500);
    expect(long).toEqual([]);
  });
});

describe('codemods/ architecture', () => {
  it('lets codemods use rules and orm/, never the other way', () => {
    const inward = [...files, ...ruleFiles].flatMap((file) =>
      importsOf(file)
        .filter(({ target }) => relative(target).startsWith('codemods/'))
        .map(({ target }) => `${relative(file)} imports ${relative(target)}`),
    );
    expect(inward).toEqual([]);
  });

  it('keeps library knowledge in orm/: codemods import no catalog', () => {
    const catalog = codemodFiles.flatMap((file) =>
      importsOf(file)
        .filter(({ target }) => relative(target).startsWith('orm/catalog/'))
        .map(({ target }) => `${relative(file)} imports ${relative(target)}`),
    );
    expect(catalog).toEqual([]);
  });

  it('keeps every module readable in one sitting (at most 500 lines)', () => {
    const long = codemodFiles.filter((file) => fs.readFileSync(file, 'utf8').split('\n').length > 500).map(relative);
    expect(long).toEqual([]);
  });
});

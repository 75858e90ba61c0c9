/**
 * Mutants of real files (`--corpus DIR`): the files under DIR that import or require one of the
 * catalog's module specifiers, or import a project module that does, each mutated and linted in
 * a temporary copy together with the project modules it imports. The corpus is read, never
 * copied anywhere else.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { LibraryId } from '../../orm/catalog/index.js';
import { facts } from './facts.js';
import type { Program, SourceFile } from './generate.js';
import { mutate } from './mutate.js';
import { Random } from './random.js';

const sourceExtensions = /\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const skippedFolders = new Set(['node_modules', 'dist', 'build', '.git', '.next', 'coverage', 'out', '__generated__']);
const maxSize = 60_000;

const specifierPattern = /(?:from\s+|require\(\s*|import\(\s*)(['"])([^'"]+)\1/g;

/** The libraries a specifier belongs to, by the catalog's modules and patterns. */
function librariesOf(specifier: string): LibraryId[] {
  return facts
    .filter((lib) => specifier in lib.catalog.modules || (lib.catalog.modulePatterns ?? []).some((p) => p.pattern.test(specifier)) || lib.catalog.dependencies.includes(specifier))
    .map((lib) => lib.id);
}

export interface CorpusFile {
  readonly file: string;
  /** The repository folder under the corpus root. */
  readonly root: string;
  readonly libraries: readonly LibraryId[];
  /** Project modules it imports (resolved paths). */
  readonly imports: readonly string[];
}

function walk(dir: string, out: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skippedFolders.has(entry.name)) walk(full, out);
    } else if (entry.isFile() && sourceExtensions.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
}

function resolveRelative(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  const stripped = base.replace(/\.(?:js|mjs|cjs|jsx)$/, '');
  for (const candidate of [base, `${stripped}.ts`, `${stripped}.tsx`, `${stripped}.mts`, `${stripped}.cts`, `${stripped}.js`, `${stripped}.mjs`, `${stripped}.cjs`, path.join(base, 'index.ts'), path.join(base, 'index.js')]) {
    try {
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return undefined;
}

/** Files under `dir` that use a catalog library directly or through a project module. */
export function collectCorpus(dir: string): CorpusFile[] {
  const root = path.resolve(dir);
  const all: string[] = [];
  walk(root, all);
  const info = new Map<string, { libraries: LibraryId[]; imports: string[] }>();
  for (const file of all) {
    let text: string;
    try {
      if (fs.statSync(file).size > maxSize) continue;
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const libraries = new Set<LibraryId>();
    const imports: string[] = [];
    for (const match of text.matchAll(specifierPattern)) {
      const specifier = match[2] ?? '';
      if (specifier.startsWith('.')) {
        const resolved = resolveRelative(file, specifier);
        if (resolved !== undefined && !imports.includes(resolved)) imports.push(resolved);
      }
      for (const id of librariesOf(specifier)) libraries.add(id);
    }
    info.set(file, { libraries: [...libraries], imports });
  }
  const files: CorpusFile[] = [];
  for (const [file, { libraries, imports }] of info) {
    const through = imports.flatMap((i) => info.get(i)?.libraries ?? []);
    const all = [...new Set([...libraries, ...through])];
    if (all.length === 0) continue;
    const repo = path.relative(root, file).split(path.sep)[0] ?? '';
    files.push({ file, root: path.join(root, repo), libraries: all, imports: imports.slice(0, 8) });
  }
  return files;
}

/** A mutant of one corpus file (by seed), with the project modules it imports copied beside it. */
export function corpusProgram(seed: number, corpus: readonly CorpusFile[], typedEvery: number): Program {
  const rng = new Random(seed, 7);
  const chosen = rng.pick(corpus);
  const relative = (file: string) => path.relative(chosen.root, file).split(path.sep).join('/');
  const text = fs.readFileSync(chosen.file, 'utf8');
  const jsx = /x$/.test(chosen.file);
  const mutant = mutate(rng, text, jsx, rng.int(1, 5));
  const parser = (file: string): SourceFile['parser'] => (/\.[cm]?jsx?$/.test(file) && rng.chance(0.5) ? 'espree' : 'typescript');
  const files: SourceFile[] = [{ path: relative(chosen.file), text: mutant?.text ?? text, parser: parser(chosen.file) }];
  for (const imported of chosen.imports) {
    if (!imported.startsWith(chosen.root)) continue;
    try {
      files.push({ path: relative(imported), text: fs.readFileSync(imported, 'utf8'), parser: parser(imported), context: true });
    } catch {
      // unreadable: left out
    }
  }
  const dependencies = chosen.libraries.flatMap((id) => facts.find((f) => f.id === id)?.dependencies.slice(0, 1) ?? []);
  return {
    seed,
    origin: 'corpus',
    files,
    libraries: chosen.libraries,
    dependencies,
    typed: typedEvery > 0 && seed % typedEvery === 0,
    settings: true,
    mutated: mutant ? [`${files[0]?.path ?? ''} (${mutant.applied.join(', ')})`] : [],
  };
}

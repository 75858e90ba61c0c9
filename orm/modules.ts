import fs from 'node:fs';
import path from 'node:path';

import { analyze } from '@typescript-eslint/scope-manager';
import type { ScopeManager } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

/** A parsed source file with the scope analysis the resolver needs. */
export interface ParsedModule {
  readonly filename: string;
  readonly text?: string;
  readonly ast: TSESTree.Program;
  readonly scopeManager: ScopeManager;
}

/** The parser ESLint was configured with for the file being linted. */
export interface ParserLike {
  parse?: (code: string, options?: unknown) => unknown;
  parseForESLint?: (code: string, options?: unknown) => { ast: unknown; scopeManager?: unknown };
}

const sourceExtensions = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/**
 * Parsed local modules, shared by every file of a lint run: a project's `db.ts` is imported by
 * hundreds of files and is parsed once. Entries are keyed by path and checked against the file's
 * size and modification time, so a cached answer is always the one a fresh parse would give.
 */
const parsedModules = new Map<string, { stamp: string; module: ParsedModule | null }>();
const maxCachedModules = 2000;

function stampOf(filename: string): string | undefined {
  try {
    const stat = fs.statSync(filename);
    return stat.isFile() ? `${String(stat.size)}:${String(stat.mtimeMs)}` : undefined;
  } catch {
    return undefined;
  }
}

/** Sets `parent` on every node, as ESLint does for the file it lints. */
function setParents(node: TSESTree.Node, parent: TSESTree.Node | undefined): void {
  (node as { parent?: TSESTree.Node }).parent = parent;
  const keys = visitorKeys[node.type] ?? [];
  for (const key of keys) {
    const child = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(child)) {
      for (const item of child) if (isNode(item)) setParents(item, node);
    } else if (isNode(child)) {
      setParents(child, node);
    }
  }
}

export function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Parses a local module with the configured parser; null when it cannot be read or parsed. */
export function parseModule(filename: string, parser: ParserLike | undefined): ParsedModule | null {
  const stamp = stampOf(filename);
  if (stamp === undefined) return null;
  const cached = parsedModules.get(filename);
  if (cached?.stamp === stamp) return cached.module;
  let module: ParsedModule | null = null;
  try {
    const code = fs.readFileSync(filename, 'utf8');
    const jsx = /\.[jt]sx$/.test(filename) || /\.(?:js|mjs|cjs)$/.test(filename);
    const options = {
      ecmaVersion: 'latest',
      sourceType: 'module',
      range: true,
      loc: true,
      filePath: filename,
      ecmaFeatures: { jsx },
      jsx,
    };
    let ast: TSESTree.Program | undefined;
    if (parser?.parseForESLint) ast = parser.parseForESLint(code, options).ast as TSESTree.Program;
    else if (parser?.parse) ast = parser.parse(code, options) as TSESTree.Program;
    if (ast) {
      setParents(ast, undefined);
      const scopeManager = analyze(ast, { sourceType: 'module', jsxPragma: null, lib: ['esnext'] });
      module = { filename, text: code, ast, scopeManager };
    }
  } catch {
    module = null;
  }
  if (parsedModules.size >= maxCachedModules) parsedModules.clear();
  parsedModules.set(filename, { stamp, module });
  return module;
}

interface PathMapping {
  readonly base: string;
  readonly paths: ReadonlyArray<readonly [string, readonly string[]]>;
}

const mappingsByFolder = new Map<string, PathMapping | null>();

/** `compilerOptions.paths` of the nearest tsconfig.json / jsconfig.json, for `@/lib/db` imports. */
function pathMappingFor(folder: string): PathMapping | null {
  const cached = mappingsByFolder.get(folder);
  if (cached !== undefined) return cached;
  let mapping: PathMapping | null = null;
  for (const name of ['tsconfig.json', 'jsconfig.json']) {
    const file = path.join(folder, name);
    if (!fs.existsSync(file)) continue;
    try {
      // tsconfig allows comments and trailing commas.
      const text = stripJsonComments(fs.readFileSync(file, 'utf8'));
      const json = JSON.parse(text) as { compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } };
      const options = json.compilerOptions ?? {};
      mapping = {
        base: path.resolve(folder, options.baseUrl ?? '.'),
        paths: Object.entries(options.paths ?? {}),
      };
    } catch {
      mapping = null;
    }
    break;
  }
  if (mapping === null) {
    const parent = path.dirname(folder);
    if (parent !== folder && !fs.existsSync(path.join(folder, 'package.json'))) mapping = pathMappingFor(parent);
  }
  mappingsByFolder.set(folder, mapping);
  return mapping;
}

/**
 * JSON with comments and trailing commas (tsconfig) → JSON. Strings are copied as they are, so
 * `"@/*"` and `"**\/*.ts"` are not mistaken for a comment.
 */
export function stripJsonComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    const next = text[i + 1];
    if (char === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (char === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') i += 1;
      out += '\n';
    } else if (char === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 1;
    } else {
      out += char ?? '';
    }
  }
  // Trailing commas, outside strings now that comments are gone.
  return out.replace(/,(\s*[}\]])/g, '$1');
}

function withExtensions(candidate: string): string | undefined {
  if (sourceExtensions.some((ext) => candidate.endsWith(ext)) && fs.existsSync(candidate)) {
    // `./db.js` in TypeScript source means `./db.ts`.
    return candidate;
  }
  const withoutJs = candidate.replace(/\.(?:[cm]?js|jsx)$/, '');
  for (const base of withoutJs === candidate ? [candidate] : [withoutJs, candidate]) {
    for (const ext of sourceExtensions) if (fs.existsSync(base + ext)) return base + ext;
    for (const ext of sourceExtensions) {
      const index = path.join(base, `index${ext}`);
      if (fs.existsSync(index)) return index;
    }
  }
  return undefined;
}

/**
 * Resolves a project-local import specifier (relative, or through tsconfig `paths`) to a file.
 * Package imports resolve to undefined: libraries are known from the catalog, not from their code.
 */
export function resolveLocalModule(fromFile: string, specifier: string): string | undefined {
  if (!path.isAbsolute(fromFile)) return undefined;
  if (specifier.startsWith('.')) return withExtensions(path.resolve(path.dirname(fromFile), specifier));
  const mapping = pathMappingFor(path.dirname(fromFile));
  if (!mapping) return undefined;
  for (const [pattern, targets] of mapping.paths) {
    const star = pattern.indexOf('*');
    let rest: string | undefined;
    if (star === -1) rest = pattern === specifier ? '' : undefined;
    else if (specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1))) {
      rest = specifier.slice(star, specifier.length - (pattern.length - star - 1));
    }
    if (rest === undefined) continue;
    for (const target of targets) {
      const found = withExtensions(path.resolve(mapping.base, target.replace('*', rest)));
      if (found) return found;
    }
  }
  return undefined;
}

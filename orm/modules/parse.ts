/**
 * Parsing the project modules that the linted file imports, once per lint run, with the parser
 * ESLint was configured with (or typescript-estree, when it can be loaded: faster, no tokens).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';

import { analyze } from '@typescript-eslint/scope-manager';
import type { ScopeManager } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

import { isNode } from '../syntax.js';
import { expireCaches, fileSystemCache, remember } from './files.js';

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

/**
 * Parsed local modules, shared by every file of a lint run: a project's `db.ts` is imported by
 * hundreds of files and is parsed once. Entries are keyed by path and checked against the file's
 * size and modification time, so a cached answer is always the one a fresh parse would give.
 */
const parsedModules = new Map<string, { stamp: string; module: ParsedModule | null }>();
const maxCachedModules = 2000;

/**
 * Size and modification time, trusted as long as every other file system answer is
 * (`cacheLifetimeMs` in files.ts): a module asked about by every file of a run is stat-ed once.
 */
const stamps = fileSystemCache<string | null>();

function stampOf(filename: string): string | undefined {
  const cached = stamps.get(filename);
  if (cached !== undefined) return cached ?? undefined;
  let stamp: string | null = null;
  try {
    const stat = fs.statSync(filename, { throwIfNoEntry: false });
    if (stat?.isFile()) stamp = `${String(stat.size)}:${String(stat.mtimeMs)}`;
  } catch {
    stamp = null;
  }
  remember(stamps, filename, stamp);
  return stamp ?? undefined;
}

interface EstreeParser {
  parse: (code: string, options: Record<string, unknown>) => TSESTree.Program;
}

let estreeParser: EstreeParser | null | undefined;

/** typescript-estree, when it can be loaded (it needs TypeScript, which untyped users may lack). */
function typescriptEstree(): EstreeParser | undefined {
  if (estreeParser === undefined) {
    try {
      estreeParser = createRequire(import.meta.url)('@typescript-eslint/typescript-estree') as EstreeParser;
    } catch {
      estreeParser = null;
    }
  }
  return estreeParser ?? undefined;
}

const moduleTexts = new Map<string, { stamp: string; text: string | null }>();

/**
 * Could a module export a name? False only when its text neither mentions the name nor
 * re-exports another module wholesale: a cheap test before parsing a barrel's every module.
 */
export function mayExportName(filename: string, name: string): boolean {
  expireCaches();
  const stamp = stampOf(filename);
  if (stamp === undefined) return false;
  let entry = moduleTexts.get(filename);
  if (entry?.stamp !== stamp) {
    let text: string | null = null;
    try {
      text = fs.readFileSync(filename, 'utf8');
    } catch {
      text = null;
    }
    if (moduleTexts.size >= maxCachedModules) moduleTexts.clear();
    entry = { stamp, text };
    moduleTexts.set(filename, entry);
  }
  const text = entry.text;
  return text !== null && (text.includes(name) || /export\s*\*/.test(text));
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


/** Parses a local module with the configured parser; null when it cannot be read or parsed. */
export function parseModule(filename: string, parser: ParserLike | undefined): ParsedModule | null {
  expireCaches();
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
    let scopeManager: ScopeManager | undefined;
    const estree = parser?.parseForESLint ? typescriptEstree() : undefined;
    if (estree) {
      // Twice as fast as the full ESLint parse: no tokens, comments or line/column locations are
      // needed here (reports are only ever made on the linted file's own nodes).
      ast = estree.parse(code, { range: true, loc: false, jsx, filePath: filename, comment: false, tokens: false });
    } else if (parser?.parseForESLint) {
      // typescript-eslint's parser analyses scopes itself: reuse that instead of a second pass.
      const result = parser.parseForESLint(code, options);
      ast = result.ast as TSESTree.Program;
      scopeManager = result.scopeManager as ScopeManager | undefined;
    } else if (parser?.parse) {
      ast = parser.parse(code, options) as TSESTree.Program;
    }
    if (ast) {
      setParents(ast, undefined);
      scopeManager ??= analyze(ast, { sourceType: 'module', jsxPragma: null, lib: ['esnext'] });
      module = { filename, text: code, ast, scopeManager };
    }
  } catch {
    module = null;
  }
  if (parsedModules.size >= maxCachedModules) parsedModules.clear();
  parsedModules.set(filename, { stamp, module });
  return module;
}

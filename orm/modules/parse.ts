/**
 * Parsing the project modules that the linted file imports, once per lint run: with oxc-parser
 * when it is installed (an optional dependency), else typescript-estree when it can be loaded
 * (faster than the configured parser: no tokens), else the parser ESLint was configured with.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';

import { analyze } from '@typescript-eslint/scope-manager';
import type { ScopeManager } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
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

/** oxc's parser: its `astType: 'ts'` output is typescript-estree's AST, built five times faster. */
interface OxcParser {
  parseSync: (
    filename: string,
    code: string,
    options: Record<string, unknown>,
  ) => { program: unknown; errors: readonly unknown[] };
}

let oxcParser: OxcParser | null | undefined;

/**
 * oxc-parser, an optional dependency (a native module: absent on platforms it has no build for,
 * or when optional dependencies were not installed). Without it, imported modules are parsed
 * with typescript-estree or the configured parser, as before.
 */
function oxc(): OxcParser | undefined {
  if (oxcParser === undefined) {
    try {
      oxcParser = moduleParserChoice === 'typescript-estree' ? null : (createRequire(import.meta.url)('oxc-parser') as OxcParser);
    } catch {
      oxcParser = null;
    }
  }
  return oxcParser ?? undefined;
}

let moduleParserChoice: 'auto' | 'typescript-estree' = 'auto';

// Loaded with the plugin rather than at the first import a rule follows: a native module takes
// about 15 ms to load, once per process (or worker thread), like the plugin's other dependencies.
oxc();

/** The parser imported modules are parsed with, given a typescript-eslint parser: for docs and tests. */
export function moduleParserName(): 'oxc-parser' | 'typescript-estree' | 'the configured parser' {
  if (oxc()) return 'oxc-parser';
  return typescriptEstree() ? 'typescript-estree' : 'the configured parser';
}

/**
 * Which parser imported modules are parsed with: `'auto'` (oxc-parser when it loads) or
 * `'typescript-estree'` (the fallback). The tests run the cross-file suites with both; the parsed
 * modules are dropped so that the next question parses again.
 */
export function useModuleParser(choice: 'auto' | 'typescript-estree'): void {
  moduleParserChoice = choice;
  oxcParser = undefined;
  parsedModules.clear();
}

/** The language oxc parses a file as, from its extension (JavaScript files may hold JSX, as in `parseModule`). */
function oxcLanguage(filename: string): 'ts' | 'tsx' | 'jsx' {
  if (/\.[cm]?ts$/.test(filename)) return 'ts';
  return /\.tsx$/.test(filename) ? 'tsx' : 'jsx';
}

/**
 * The same AST typescript-estree builds, or undefined when oxc reports a syntax error (the
 * fallback parser then decides, so a file is rejected exactly as before). One difference is undone:
 * oxc starts a decorated parameter's range (`@Query('q') q?: string`, `@Inject() x = 1`) at its
 * first decorator, typescript-estree at the parameter itself.
 */
function parseWithOxc(parser: OxcParser, filename: string, code: string): TSESTree.Program | undefined {
  const result = parser.parseSync(filename, code, {
    astType: 'ts',
    lang: oxcLanguage(filename),
    sourceType: 'module',
    range: true,
    preserveParens: false,
  });
  if (result.errors.length > 0) return undefined;
  return result.program as TSESTree.Program;
}

/** typescript-estree's range for a decorated parameter: from the parameter, after its decorators. */
function parameterRangeAfterDecorators(node: TSESTree.Node, code: string): void {
  if (!('decorators' in node) || !Array.isArray(node.decorators) || node.decorators.length === 0) return;
  if (node.type === AST_NODE_TYPES.AssignmentPattern) {
    node.range[0] = node.left.range[0];
  } else if (node.type === AST_NODE_TYPES.Identifier) {
    const last = node.decorators[node.decorators.length - 1] as TSESTree.Decorator;
    let start = last.range[1];
    while (start < node.range[1] && /\s/.test(code[start] ?? '')) start += 1;
    node.range[0] = start;
  }
}

const moduleTexts = new Map<string, { stamp: string; text: string | null }>();

/** A module's text, read once per change of the file (null when it cannot be read). */
function moduleText(filename: string): string | null {
  expireCaches();
  const stamp = stampOf(filename);
  if (stamp === undefined) return null;
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
  return entry.text;
}

/**
 * Could a module export a name? False only when its text neither mentions the name nor
 * re-exports another module wholesale: a cheap test before parsing a barrel's every module.
 */
export function mayExportName(filename: string, name: string): boolean {
  const text = moduleText(filename);
  return text !== null && (text.includes(name) || /export\s*\*/.test(text));
}

/** Does a module's text match a pattern? A cheap test before parsing it for what the pattern names. */
export function moduleTextMatches(filename: string, pattern: { test(text: string): boolean }): boolean {
  const text = moduleText(filename);
  return text !== null && pattern.test(text);
}

/**
 * Import and re-export statements that can bind values (not `import type`/`export type`), and
 * requires: a statement keyword at the start of a line or after `;`, up to its `from`.
 */
const importSpecifiers = /(?:^|[;}])\s*(?:import|export)\s+(?!type\b)[^'";]*?\bfrom\s*['"]([^'"]+)['"]|\brequire\(\s*['"]([^'"]+)['"]\s*\)/gm;

/**
 * The specifiers a module's text imports values from or requires, read from its text without
 * parsing it (a cheap look one module further before parsing anything). Type-only imports are
 * left out: they bring no function to call.
 */
export function importedSpecifiers(filename: string): string[] {
  const text = moduleText(filename);
  if (text === null) return [];
  return [...text.matchAll(importSpecifiers)].map((match) => match[1] ?? match[2] ?? '').filter((specifier) => specifier !== '');
}

/**
 * Sets `parent` on every node, as ESLint does for the file it lints (and, given the module's
 * text, puts decorated parameters' ranges where typescript-estree puts them).
 */
function setParents(node: TSESTree.Node, parent: TSESTree.Node | undefined, oxcCode?: string): void {
  (node as { parent?: TSESTree.Node }).parent = parent;
  if (oxcCode !== undefined) parameterRangeAfterDecorators(node, oxcCode);
  const keys = visitorKeys[node.type] ?? [];
  for (const key of keys) {
    const child = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(child)) {
      for (const item of child) if (isNode(item)) setParents(item, node, oxcCode);
    } else if (isNode(child)) {
      setParents(child, node, oxcCode);
    }
  }
}


/**
 * A module whose scopes are analysed when first asked for: many modules are parsed only to read
 * what they export (a barrel's re-exports, a class's name), which needs no scopes.
 */
class ModuleWithLazyScopes implements ParsedModule {
  private analysed: ScopeManager | undefined;

  constructor(
    readonly filename: string,
    readonly text: string,
    readonly ast: TSESTree.Program,
  ) {}

  get scopeManager(): ScopeManager {
    // No lib globals: declaring ES's thousand built-in names in every module costs more than
    // analysing the module itself, and a name with no declaration is a global either way.
    this.analysed ??= analyze(this.ast, { sourceType: 'module', jsxPragma: null, lib: [] });
    return this.analysed;
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
    const fast = oxc();
    const fromOxc = fast ? parseWithOxc(fast, filename, code) : undefined;
    const estree = parser?.parseForESLint ? typescriptEstree() : undefined;
    if (fromOxc) {
      ast = fromOxc;
    } else if (estree) {
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
      setParents(ast, undefined, fromOxc ? code : undefined);
      module = scopeManager ? { filename, text: code, ast, scopeManager } : new ModuleWithLazyScopes(filename, code, ast);
    }
  } catch {
    module = null;
  }
  if (parsedModules.size >= maxCachedModules) parsedModules.clear();
  parsedModules.set(filename, { stamp, module });
  return module;
}

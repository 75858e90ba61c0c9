/**
 * How the codemods lint a file: with the project's own ESLint config when there is one (its
 * parser, settings and rule options; only the plugin's rules run), else with the plugin's
 * `recommended` preset and typescript-eslint's parser, untyped.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { ESLint, Linter } from 'eslint';

import plugin from '../eslint-plugin.js';
import { librariesOptionSchema } from '../rules/utils/options.js';
import type { LintText } from './findings.js';
import type { Codemod } from './registry.js';

export const sourceExtensions = ['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts'];
const allSources = ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'];
const typeScriptSources = ['**/*.{ts,tsx,mts,cts}'];

type RuleEntries = Record<string, Linter.RuleEntry>;

/** typescript-eslint's parser: the project's copy, else one installed beside the plugin. */
export function typeScriptParser(cwd: string): Linter.Parser | undefined {
  for (const from of [path.join(cwd, 'package.json'), import.meta.url]) {
    try {
      return createRequire(from)('@typescript-eslint/parser') as Linter.Parser;
    } catch {
      // not installed there
    }
  }
  return undefined;
}

/** The rules the selected codemods act on, at their preset's severity. */
function codemodRules(selected: readonly Codemod[]): RuleEntries {
  return Object.fromEntries(selected.flatMap((codemod) => Object.keys(codemod.rules).map((rule) => [`async-db/${rule}`, 'error'])));
}

function isOn(entry: Linter.RuleEntry | undefined): boolean {
  const severity = Array.isArray(entry) ? entry[0] : entry;
  return severity !== undefined && severity !== 0 && severity !== 'off';
}

/**
 * A synchronous lint of one file's text with the plugin's rules `rules` and no project config:
 * typescript-eslint's parser for TypeScript files, with type information from the tsconfig files
 * under `cwd` when `typed`. Throws when a TypeScript file has no parser.
 */
export function presetLintText(
  filePath: string,
  rules: RuleEntries,
  cwd: string,
  settings?: Record<string, unknown>,
  typed: boolean | { readonly tsconfig: string } = false,
): LintText {
  const parser = typeScriptParser(cwd);
  if (!parser && /\.[cm]?tsx?$/.test(filePath)) throw new Error('TypeScript files need typescript-eslint\'s parser: npm install --save-dev typescript-eslint');
  const linter = new Linter({ configType: 'flat', cwd });
  const parserOptions = typed === false ? {} : typed === true ? { projectService: true, tsconfigRootDir: cwd } : projectOptions(typed.tsconfig);
  const config: Linter.Config[] = [
    ...(parser ? [{ files: typeScriptSources, languageOptions: { parser, parserOptions } }] : []),
    { files: ['**/*.jsx', '**/*.tsx'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
    { files: allSources, plugins: { 'async-db': plugin as unknown as ESLint.Plugin }, rules, ...(settings ? { settings } : {}) },
    // Only some rules run: the directives that disable the others would all be reported unused.
    { linterOptions: { reportUnusedDisableDirectives: 'off' } },
  ];
  return (text) => linter.verify(text, config, filePath);
}

/** typescript-eslint's parser options for type information from one tsconfig file. */
function projectOptions(tsconfig: string): Record<string, unknown> {
  return { project: [tsconfig], tsconfigRootDir: path.dirname(tsconfig) };
}

/** A file no tsconfig includes cannot be linted with types: it is linted without them (or as the project's config says). */
function withUntypedFallback(typed: LintText, untyped: LintText): LintText {
  let outsideProject = false;
  return (text) => {
    if (!outsideProject) {
      const messages = typed(text);
      if (!messages.some((message) => message.fatal === true && /project service|parserOptions\.project/i.test(message.message))) return messages;
      outsideProject = true;
    }
    return untyped(text);
  };
}

export interface LintSetup {
  /** Said in the output: which config, and whether typed. */
  readonly description: string;
  readonly typed: boolean;
  /** The lint of one file, or undefined when ESLint ignores it. */
  linterFor(filePath: string): Promise<LintText | undefined>;
}

export interface SetupOptions {
  /** No type information without an ESLint config, even with a tsconfig.json. */
  readonly untyped?: boolean;
  /** `settings['async-db'].libraries` for this run (a rule's own `libraries` option still wins). */
  readonly libraries?: readonly string[];
  /** Type information from this tsconfig file (absolute), with or without an ESLint config. */
  readonly tsconfig?: string;
}

/** The library ids the rules accept. */
export const libraryIds: readonly string[] = (librariesOptionSchema as { items: { enum: string[] } }).items.enum;

/** The setup for `fix` (every codemod, the rules the config turns on) or for one codemod's rules. */
export async function lintSetup(cwd: string, selected: readonly Codemod[], mode: 'fix' | 'codemod', options: SetupOptions = {}): Promise<LintSetup> {
  const librariesSetting = options.libraries ? { libraries: options.libraries } : undefined;
  const eslint = new ESLint({ cwd });
  const configFile = await eslint.findConfigFile().catch(() => undefined);
  if (!configFile) {
    // Typed when the folder has a tsconfig.json (TypeScript is there: the parser needs it).
    const typed =
      options.untyped !== true && (options.tsconfig !== undefined || fs.existsSync(path.join(cwd, 'tsconfig.json'))) && typeScriptParser(cwd) !== undefined;
    const types = options.tsconfig === undefined ? true : { tsconfig: options.tsconfig };
    const preset = typed ? 'recommended-type-checked' : 'recommended';
    const rules = mode === 'fix' ? (plugin.configs[preset].rules as RuleEntries) : codemodRules(selected);
    // Its ignores are ESLint's defaults (node_modules, .git); `files` makes every source file count as linted.
    const fallback = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [{ files: allSources }] });
    return {
      description: `the plugin's ${mode === 'fix' ? `${preset} preset` : 'rules'} (no ESLint config found), ${typed ? `typed (${options.tsconfig === undefined ? 'tsconfig.json' : path.relative(cwd, options.tsconfig)})` : 'untyped'}`,
      typed,
      linterFor: async (filePath) => {
        if (await fallback.isPathIgnored(filePath)) return undefined;
        const settings = librariesSetting ? { 'async-db': librariesSetting } : undefined;
        const withoutTypes = presetLintText(filePath, rules, cwd, settings);
        return typed ? withUntypedFallback(presetLintText(filePath, rules, cwd, settings, types), withoutTypes) : withoutTypes;
      },
    };
  }
  // A config that does not load (a package it imports is missing) fails here once, not per file.
  try {
    await eslint.calculateConfigForFile(configFile);
  } catch (error) {
    throw new Error(`cannot load ${path.relative(cwd, configFile) || configFile}: ${error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error)}`);
  }
  const linter = new Linter({ configType: 'flat', cwd });
  let typed = false;
  return {
    get description() {
      return `${path.relative(cwd, configFile) || configFile}${typed ? ', typed' : ', untyped'}`;
    },
    get typed() {
      return typed;
    },
    linterFor: async (filePath) => {
      const resolved = (await eslint.calculateConfigForFile(filePath)) as (Linter.Config & { language?: unknown }) | undefined;
      if (!resolved) return undefined;
      // `language` is resolved to an object here; the default (JavaScript) is what these files use.
      const config: Linter.Config = { ...resolved };
      delete (config as { language?: unknown }).language;
      const configured = Object.fromEntries(Object.entries(config.rules ?? {}).filter(([id, entry]) => id.startsWith('async-db/') && isOn(entry)));
      const wanted = mode === 'fix' ? configured : codemodRules(selected);
      // For one codemod, its rules run with the project's options where the config sets them.
      for (const id of Object.keys(wanted)) if (configured[id] !== undefined) wanted[id] = configured[id];
      const rules = Object.keys(wanted).length > 0 ? wanted : (plugin.configs.recommended.rules as RuleEntries);
      const parserOptions = (config.languageOptions?.parserOptions ?? {}) as Record<string, unknown>;
      // --tsconfig: types from that project instead of what the config asks for (a file outside it
      // is linted as the config says).
      const tsconfig = options.tsconfig;
      const withTsconfig = tsconfig !== undefined && /\.[cm]?tsx?$/.test(filePath);
      typed ||= withTsconfig || Boolean(parserOptions.project ?? parserOptions.projectService);
      const plugins = { 'async-db': plugin as unknown as ESLint.Plugin, ...config.plugins };
      // `files` by extension: ESLint applies a bare `**/*` only to files another config matches.
      const ownSettings = (config.settings?.['async-db'] ?? {}) as Record<string, unknown>;
      const fileConfig: Linter.Config = {
        ...config,
        ...(librariesSetting ? { settings: { ...config.settings, 'async-db': { ...ownSettings, ...librariesSetting } } } : {}),
        files: allSources,
        plugins,
        rules,
        linterOptions: { ...config.linterOptions, reportUnusedDisableDirectives: 'off' },
      };
      const asConfigured: LintText = (text) => linter.verify(text, [fileConfig], filePath);
      if (!withTsconfig) return asConfigured;
      const otherOptions = Object.fromEntries(Object.entries(parserOptions).filter(([key]) => key !== 'projectService'));
      const typedConfig: Linter.Config = {
        ...fileConfig,
        languageOptions: { ...fileConfig.languageOptions, parserOptions: { ...otherOptions, ...projectOptions(tsconfig) } },
      };
      return withUntypedFallback((text) => linter.verify(text, [typedConfig], filePath), asConfigured);
    },
  };
}

/**
 * A codemod as a jscodeshift transform (`npx jscodeshift -t node_modules/eslint-plugin-async-db/dist/codemods/<id>/transform.js`):
 * the file's text linted with the codemod's rules (the plugin's defaults, untyped; `--libraries=prisma,pg`
 * to choose libraries) and the rules' edits applied. Returns the new text, undefined when nothing
 * changes, and throws (jscodeshift counts an error, the file stays as it was) when a check fails.
 */
import path from 'node:path';

import { fixText } from './apply.js';
import { presetLintText } from './lint-setup.js';
import { codemodById } from './registry.js';
import type { Codemod } from './registry.js';

export interface FileInfo {
  readonly path: string;
  readonly source: string;
}

export interface TransformOptions {
  /** Comma-separated library ids, as the rules' `libraries` setting. */
  readonly libraries?: string;
  readonly [option: string]: unknown;
}

export type Transform = (file: FileInfo, api: unknown, options?: TransformOptions) => string | undefined;

/** The transform of one codemod. */
export function codemodTransform(id: string): Transform {
  const codemod: Codemod | undefined = codemodById(id);
  if (!codemod) throw new Error(`unknown codemod ${id}`);
  const rules = Object.fromEntries(Object.keys(codemod.rules).map((rule) => [`async-db/${rule}`, 'error' as const]));
  return (file, _api, options = {}) => {
    const libraries = typeof options.libraries === 'string' ? options.libraries.split(',').filter(Boolean) : undefined;
    const settings = libraries ? { 'async-db': { libraries } } : undefined;
    // jscodeshift gives paths as written on its command line: the rules want where the file is.
    const lint = presetLintText(path.resolve(file.path), rules, process.cwd(), settings);
    const result = fixText(file.source, lint, [codemod]);
    if (result.error !== undefined) throw new Error(`${file.path}: ${result.error}`);
    return result.output === file.source ? undefined : result.output;
  };
}

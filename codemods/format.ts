/**
 * `--format`: the project's own Prettier, with its configuration and ignore file, run on the files
 * a codemod changed (only those: the rest of the project is not reformatted).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Formats one changed file's new text; resolves to the text unchanged when Prettier ignores the file. */
export type FormatText = (filePath: string, text: string) => Promise<string>;

interface Prettier {
  format(source: string, options: Record<string, unknown>): Promise<string> | string;
  resolveConfig(filePath: string): Promise<Record<string, unknown> | null>;
  getFileInfo(filePath: string, options: { ignorePath?: string | string[] }): Promise<{ ignored: boolean; inferredParser: string | null }>;
}

/** The Prettier the project at `cwd` has installed, or undefined when it has none. */
export async function projectFormatter(cwd: string): Promise<FormatText | undefined> {
  let entry: string;
  try {
    entry = createRequire(path.join(cwd, 'package.json')).resolve('prettier');
  } catch {
    return undefined;
  }
  const loaded = (await import(pathToFileURL(entry).href)) as Prettier & { default?: Prettier };
  const prettier = typeof loaded.format === 'function' ? loaded : loaded.default;
  if (!prettier) return undefined;
  const ignorePath = path.join(cwd, '.prettierignore');
  return async (filePath, text) => {
    const info = await prettier.getFileInfo(filePath, { ignorePath });
    if (info.ignored || info.inferredParser === null) return text;
    const config = (await prettier.resolveConfig(filePath)) ?? {};
    return prettier.format(text, { ...config, filepath: filePath });
  };
}

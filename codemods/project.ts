/**
 * The project on disk as the command sees it: the source files under the given paths minus what
 * git ignores (ESLint's ignores are applied when each file is linted), and the files with
 * uncommitted changes, which the command refuses to overwrite without `--force`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { sourceExtensions } from './lint-setup.js';

const isSource = (file: string): boolean => sourceExtensions.includes(path.extname(file)) && !file.endsWith('.d.ts');

function git(cwd: string, args: readonly string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

/** Every file under `folder` outside node_modules and dot-folders (when git is not there to ask). */
function walk(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name.startsWith('.') ? [] : walk(full);
    return entry.isFile() ? [full] : [];
  });
}

/** The source files the paths name (absolute, sorted): folders expanded, git-ignored files left out. */
export function sourceFiles(cwd: string, paths: readonly string[]): { files: string[]; missing: string[] } {
  const files = new Set<string>();
  const missing: string[] = [];
  for (const given of paths) {
    const full = path.resolve(cwd, given);
    const stat = fs.statSync(full, { throwIfNoEntry: false });
    if (!stat) {
      missing.push(given);
      continue;
    }
    if (stat.isFile()) {
      if (isSource(full)) files.add(full);
      continue;
    }
    const listed = git(full, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '.']);
    const found = listed === undefined ? walk(full) : listed.split('\0').filter(Boolean).map((file) => path.join(full, file));
    for (const file of found) if (isSource(file) && fs.existsSync(file)) files.add(file);
  }
  return { files: [...files].sort(), missing };
}

/** Files with uncommitted changes in the git work tree holding `cwd` (relative to `cwd`); [] outside git. */
export function uncommittedFiles(cwd: string): string[] {
  const top = git(cwd, ['rev-parse', '--show-toplevel'])?.trim();
  const status = git(cwd, ['status', '--porcelain=v1', '-z', '--untracked-files=all']);
  if (!top || status === undefined) return [];
  const entries = status.split('\0').filter(Boolean);
  const files: string[] = [];
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index] ?? '';
    files.push(path.relative(cwd, path.join(top, entry.slice(3))));
    // A rename is followed by its source path.
    if (entry.startsWith('R') || entry.startsWith('C')) index++;
  }
  return files;
}

/** Temporary projects for the command's tests: files, a package.json declaring libraries, a git repository. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { main } from '../../codemods/cli.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function fixtureText(codemod: string, name: string): string {
  return fs.readFileSync(path.join(root, 'codemods', codemod, '__testfixtures__', name), 'utf8');
}

/** A folder with `files` (relative path → text) and a package.json depending on the fixtures' libraries. */
export function tempProject(files: Record<string, string>, options: { git?: boolean } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'async-db-cli-'));
  const all = { 'package.json': fixtureText('use-transaction-handle', 'package.json'), ...files };
  for (const [file, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  if (options.git !== false) {
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=test', ...args], { cwd: dir, stdio: 'ignore' });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'initial');
  }
  return dir;
}

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `async-db …args` in `cwd`, in-process, capturing its output. */
export async function run(cwd: string, ...args: string[]): Promise<CommandResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, cwd, { out: (text) => (stdout += text), err: (text) => (stderr += text), isTTY: false });
  return { code, stdout, stderr };
}

/** Every file's text under `dir` (without .git), to compare before and after a run. */
export function snapshot(dir: string): Record<string, string> {
  const texts: Record<string, string> = {};
  const visit = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) visit(full);
      else texts[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  visit(dir);
  return texts;
}

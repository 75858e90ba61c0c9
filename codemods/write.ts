/**
 * Atomic writes: the new text goes to a temporary file in the same folder (so the rename stays on
 * one file system), which then replaces the file. A reader sees the old file or the new one, never
 * a partial one; the file's mode is kept.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function writeFileAtomic(file: string, text: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.async-db.tmp`);
  const mode = fs.statSync(file).mode;
  try {
    fs.writeFileSync(temporary, text, { mode });
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

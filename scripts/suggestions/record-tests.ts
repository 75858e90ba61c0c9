/**
 * A vitest setup file for `npm run suggestions` (scripts/suggestions/vitest.config.ts): while the
 * test suite runs, every text any test lints (RuleTester cases, valid and invalid, and the tests
 * that call ESLint's Linter or ESLint classes themselves) has each suggestion and autofix of its
 * findings applied separately and parsed again under the same language options (after each test
 * file's tests, so the checks do not count against their time). Results go to one JSON-lines file
 * per worker in $ASYNC_DB_SUGGESTIONS_OUT.
 *
 * RuleTester itself parses the output of every suggestion a test asserts; this also covers the
 * suggestions no test asserts and the inputs of tests that do not use RuleTester.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';

import { Linter } from 'eslint';
import { afterAll } from 'vitest';

import { editsOf } from './fixes.js';

const out = process.env.ASYNC_DB_SUGGESTIONS_OUT;

type Verify = (this: Linter, ...args: unknown[]) => Linter.LintMessage[];

/** The config without rules and without type information: parsing is all that is checked. */
function parseOnly(config: unknown): unknown {
  const strip = (entry: unknown): unknown => {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return entry;
    const object = entry as Record<string, unknown>;
    const languageOptions = object.languageOptions as Record<string, unknown> | undefined;
    const parserOptions = languageOptions?.parserOptions as Record<string, unknown> | undefined;
    const untyped = Object.fromEntries(Object.entries(parserOptions ?? {}).filter(([key]) => !['project', 'projectService', 'programs'].includes(key)));
    return {
      ...object,
      rules: {},
      ...(languageOptions ? { languageOptions: { ...languageOptions, ...(parserOptions ? { parserOptions: untyped } : {}) } } : {}),
    };
  };
  return Array.isArray(config) ? config.map(strip) : strip(config);
}

/** At most this many edits of one text are parsed (the 5,000-line torture file offers thousands, all alike). */
const maxEditsPerText = 200;

interface Pending {
  linter: Linter;
  filename: string;
  filenameOrOptions: unknown;
  config: unknown;
  messages: Linter.LintMessage[];
  text: string;
}

if (out) {
  const file = path.join(out, `${String(process.pid)}-${String(threadId)}.jsonl`);
  const seen = new Set<string>();
  const pending: Pending[] = [];
  const prototype = Linter.prototype as unknown as { verify: Verify };
  const verify = prototype.verify;
  prototype.verify = function (this: Linter, ...args: unknown[]): Linter.LintMessage[] {
    const messages = verify.apply(this, args);
    const [text, config, filenameOrOptions] = args;
    if (typeof text !== 'string') return messages;
    const filename = typeof filenameOrOptions === 'string' ? filenameOrOptions : ((filenameOrOptions as { filename?: string } | undefined)?.filename ?? '');
    const key = createHash('sha1').update(`${filename}\0${text}`).digest('hex');
    if (seen.has(key)) return messages;
    seen.add(key);
    // Checked after the test file's tests, so that the checks do not count against their time.
    pending.push({ linter: this, filename, filenameOrOptions, config, messages, text });
    return messages;
  };

  afterAll(() => {
    const lines: string[] = [];
    for (const { linter, filename, filenameOrOptions, config, messages, text } of pending.splice(0)) {
      const edits = editsOf(text, messages);
      const failures: { rule: string; messageId: string; line: number; error: string; output: string }[] = [];
      for (const edit of edits.slice(0, maxEditsPerText)) {
        try {
          const fatal = verify.call(linter, edit.output, parseOnly(config), filenameOrOptions).find((m) => m.fatal === true);
          if (fatal) failures.push({ rule: edit.rule, messageId: edit.messageId, line: edit.line, error: fatal.message, output: edit.output });
        } catch (error) {
          failures.push({ rule: edit.rule, messageId: edit.messageId, line: edit.line, error: String(error), output: edit.output });
        }
      }
      const byMessageId: Record<string, number> = {};
      for (const edit of edits.slice(0, maxEditsPerText)) byMessageId[`${edit.rule}/${edit.messageId}`] = (byMessageId[`${edit.rule}/${edit.messageId}`] ?? 0) + 1;
      lines.push(JSON.stringify({ filename, edits: Math.min(edits.length, maxEditsPerText), unchecked: Math.max(0, edits.length - maxEditsPerText), byMessageId, failures }));
    }
    if (lines.length > 0) fs.appendFileSync(file, lines.join('\n') + '\n');
  }, 600_000);
}

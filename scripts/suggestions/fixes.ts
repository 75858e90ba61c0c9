/**
 * Applying a finding's suggestions and autofix to a text, each on its own, and checking that the
 * result still parses: shared by `npm run suggestions` and `npm run robustness`.
 */
import { Linter } from 'eslint';

/** One edit a finding offers: a suggestion, or the autofix. */
export interface Edit {
  readonly rule: string;
  /** The suggestion's messageId, or `fix` for the autofix. */
  readonly messageId: string;
  readonly desc: string;
  readonly line: number;
  readonly output: string;
}

interface Fix {
  readonly range: readonly [number, number];
  readonly text: string;
}

/** `text` with one fix applied (a fix is a single range, as ESLint merges a fixer's edits into one). */
export function applyFix(text: string, fix: Fix): string {
  return text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
}

/** Every edit of every message, each applied separately to `text`. */
export function editsOf(text: string, messages: readonly Linter.LintMessage[]): Edit[] {
  const edits: Edit[] = [];
  for (const message of messages) {
    const rule = (message.ruleId ?? '').replace(/^async-db\//, '');
    if (message.fix) edits.push({ rule, messageId: 'fix', desc: 'autofix', line: message.line, output: applyFix(text, message.fix) });
    for (const suggestion of message.suggestions ?? []) {
      edits.push({
        rule,
        messageId: suggestion.messageId ?? '',
        desc: suggestion.desc,
        line: message.line,
        output: applyFix(text, suggestion.fix),
      });
    }
  }
  return edits;
}

/**
 * The parse error of `text` under the language options of `config` (no rules run), or undefined
 * when it parses. The file name decides the dialect as it does for the lint (`.tsx`, `.cjs` …).
 */
export function parseError(linter: Linter, text: string, config: Linter.Config, filename: string): string | undefined {
  const languageOnly = Object.fromEntries(Object.entries(config).filter(([key]) => key !== 'plugins' && key !== 'rules')) as Linter.Config;
  const fatal = linter.verify(text, [languageOnly], filename).find((message) => message.fatal === true);
  return fatal ? `${String(fatal.line)}:${String(fatal.column)} ${fatal.message}` : undefined;
}

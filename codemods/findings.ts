/**
 * Findings → edits: the plugin's rules run through ESLint's `Linter` on a file's text, and each
 * finding returned with its location as an offset, its autofix and its suggestions as text edits.
 * The codemods act on these and nothing else: identification is the rules' own.
 */
import type { Linter } from 'eslint';

/** One replacement of a text range (ESLint merges a fixer's edits into one range). */
export interface Edit {
  readonly range: readonly [number, number];
  readonly text: string;
}

export interface Suggestion {
  readonly messageId: string;
  readonly desc: string;
  readonly fix: Edit;
}

export interface Finding {
  /** The rule id without the `async-db/` prefix. */
  readonly rule: string;
  readonly messageId: string;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  /** Where the finding starts in the text (from its line and column). */
  readonly offset: number;
  readonly fix?: Edit;
  readonly suggestions: readonly Suggestion[];
}

/** Lints one text as one file; synchronous, so a jscodeshift transform can call it too. */
export type LintText = (text: string) => Linter.LintMessage[];

export interface LintedText {
  readonly findings: Finding[];
  /** The parse error, when the text does not parse (then there are no findings). */
  readonly parseError?: string;
  /** Why the rules did not run on the text, when ESLint says so. */
  readonly lintError?: string;
}

const prefix = 'async-db/';
const lineBreak = /\r\n|[\r\n\u2028\u2029]/g;

/** The offset at which each line starts, as ESLint counts lines. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(lineBreak)) starts.push(match.index + match[0].length);
  return starts;
}

/** The plugin's findings in `text`, or its parse error. Other plugins' messages are dropped. */
export function lintFindings(lint: LintText, text: string): LintedText {
  const messages = lint(text);
  const fatal = messages.find((message) => message.fatal === true);
  if (fatal) return { findings: [], parseError: `${String(fatal.line)}:${String(fatal.column)} ${fatal.message}` };
  // ESLint's own notice that no configuration matched the file: the rules did not run. (Its other
  // rule-less messages, such as unused disable directives, say nothing about the rules' findings.)
  const notice = messages.find((message) => message.ruleId === null && message.message.startsWith('No matching configuration'));
  if (notice) return { findings: [], lintError: notice.message };
  const starts = lineStarts(text);
  const findings = messages.flatMap((message): Finding[] => {
    if (!message.ruleId?.startsWith(prefix)) return [];
    return [
      {
        rule: message.ruleId.slice(prefix.length),
        messageId: message.messageId ?? '',
        message: message.message,
        line: message.line,
        column: message.column,
        offset: (starts[message.line - 1] ?? 0) + message.column - 1,
        ...(message.fix ? { fix: message.fix } : {}),
        suggestions: (message.suggestions ?? []).map((suggestion) => ({
          messageId: suggestion.messageId ?? '',
          desc: suggestion.desc,
          fix: suggestion.fix,
        })),
      },
    ];
  });
  return { findings };
}

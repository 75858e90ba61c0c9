/**
 * Applying the rules' own edits to one text: every finding a codemod covers whose rule offers
 * exactly one edit of the codemod's kind, non-overlapping edits together, then lint again and
 * repeat (at most ten passes, as ESLint's own fix loop), so a second run changes nothing.
 * Every pass is checked: the output parses with the same parser, and the rule no longer reports
 * the findings its edits fixed. When a check fails the text is returned unchanged with the reason.
 */
import { lintFindings } from './findings.js';
import type { Edit, Finding, LintText } from './findings.js';
import type { Codemod } from './registry.js';

const maxPasses = 10;
const byteOrderMark = '\uFEFF';

export interface FixedFinding {
  readonly codemod: string;
  readonly rule: string;
  readonly messageId: string;
  /** Where the finding was, in the text of the pass that fixed it. */
  readonly line: number;
  readonly column: number;
}

export interface LeftFinding {
  /** The codemod that covers the rule, if one does. */
  readonly codemod?: string;
  readonly rule: string;
  readonly messageId: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly reason: string;
}

export interface FileResult {
  /** The new text, or the input itself when nothing applied or a check failed. */
  readonly output: string;
  readonly fixed: readonly FixedFinding[];
  readonly left: readonly LeftFinding[];
  /** Why the file is left unchanged although edits applied, or why it could not be read. */
  readonly error?: string;
}

type Decision = { readonly codemod: Codemod; readonly edit: Edit } | { readonly codemod?: Codemod; readonly reason: string };

/** What to do with one finding: the one edit its rule offers of the codemod's kind, or why none. */
export function decide(finding: Finding, selected: readonly Codemod[]): Decision {
  const codemod = selected.find((candidate) => Object.hasOwn(candidate.rules, finding.rule));
  const coverage = codemod?.rules[finding.rule];
  if (!codemod || !coverage) return { reason: `no codemod fixes ${finding.rule} yet` };
  if (finding.fix) return { codemod, edit: finding.fix };
  const offered = finding.suggestions.filter((suggestion) => coverage.suggestions.includes(suggestion.messageId));
  const [only] = offered;
  if (only && offered.length === 1) return { codemod, edit: only.fix };
  if (offered.length > 1) {
    return { codemod, reason: `the rule offers ${String(offered.length)} alternatives (${offered.map((s) => s.desc).join(' / ')}): choose one in your editor` };
  }
  return { codemod, reason: coverage.left[finding.messageId] ?? 'the rule offers no edit for this finding' };
}

/** Applies edits sorted by position, skipping any that overlaps or touches the previous one. */
function applyNonOverlapping(text: string, planned: readonly { finding: Finding; edit: Edit }[]): { output: string; applied: typeof planned } {
  const sorted = [...planned].sort((a, b) => a.edit.range[0] - b.edit.range[0] || a.edit.range[1] - b.edit.range[1]);
  const applied: { finding: Finding; edit: Edit }[] = [];
  let lastEnd = -1;
  for (const item of sorted) {
    if (item.edit.range[0] <= lastEnd) continue;
    applied.push(item);
    lastEnd = item.edit.range[1];
  }
  let output = '';
  let position = 0;
  for (const { edit } of applied) {
    output += text.slice(position, edit.range[0]) + edit.text;
    position = edit.range[1];
  }
  return { output: output + text.slice(position), applied };
}

/** How many findings there are of each rule and messageId. */
function countByKind(findings: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const finding of findings) counts.set(`${finding.rule}/${finding.messageId}`, (counts.get(`${finding.rule}/${finding.messageId}`) ?? 0) + 1);
  return counts;
}

function leftOf(finding: Finding, reason: string, codemod: Codemod | undefined): LeftFinding {
  const { rule, messageId, line, column, message } = finding;
  return { ...(codemod ? { codemod: codemod.id } : {}), rule, messageId, line, column, message, reason };
}

/**
 * Fixes what `selected` codemods cover in `text`. `lint` runs the rules to act on: findings of
 * rules no selected codemod covers are reported as left.
 */
export function fixText(text: string, lint: LintText, selected: readonly Codemod[]): FileResult {
  // ESLint's ranges count from after a byte order mark, which it strips: so do the edits here.
  if (text.startsWith(byteOrderMark)) {
    const result = fixText(text.slice(1), lint, selected);
    return { ...result, output: byteOrderMark + result.output };
  }
  let current = text;
  let linted = lintFindings(lint, current);
  if (linted.parseError !== undefined) return { output: text, fixed: [], left: [], error: `does not parse: ${linted.parseError}` };
  if (linted.lintError !== undefined) return { output: text, fixed: [], left: [], error: `not linted: ${linted.lintError}` };
  const initial = linted.findings;
  // A failed check leaves the file as it was: its findings are all left, the fixable ones because
  // of the failure.
  const unchanged = (error: string): FileResult => ({
    output: text,
    fixed: [],
    left: initial.map((finding) => {
      const decision = decide(finding, selected);
      return leftOf(finding, 'reason' in decision ? decision.reason : `its edit failed the check: ${error}`, decision.codemod);
    }),
    error,
  });
  const fixed: FixedFinding[] = [];
  for (let pass = 0; pass < maxPasses; pass++) {
    const planned = linted.findings.flatMap((finding) => {
      const decision = decide(finding, selected);
      return 'edit' in decision ? [{ finding, edit: decision.edit, codemod: decision.codemod }] : [];
    });
    if (planned.length === 0) break;
    const { output, applied } = applyNonOverlapping(current, planned);
    const after = lintFindings(lint, output);
    if (after.parseError !== undefined || after.lintError !== undefined) {
      const rules = [...new Set(applied.map(({ finding }) => finding.rule))].join(', ');
      return unchanged(`the edits of ${rules} would not parse (${after.parseError ?? after.lintError ?? ''}): file left unchanged`);
    }
    // Each edit must silence its finding. Positions move with the edits (and a suggestion that adds
    // an import is one range from the import to the call), so findings are counted per kind: each
    // kind must have lost at least as many findings as edits of it were applied.
    const before = countByKind(linted.findings);
    const remaining = countByKind(after.findings);
    for (const [kind, count] of countByKind(applied.map(({ finding }) => finding))) {
      if ((remaining.get(kind) ?? 0) > (before.get(kind) ?? 0) - count) {
        const finding = applied.find((item) => `${item.finding.rule}/${item.finding.messageId}` === kind)?.finding;
        return unchanged(`${kind} is still reported after its edit (line ${String(finding?.line)}): file left unchanged`);
      }
    }
    for (const item of planned) {
      if (!applied.includes(item)) continue;
      const { rule, messageId, line, column } = item.finding;
      fixed.push({ codemod: item.codemod.id, rule, messageId, line, column });
    }
    current = output;
    linted = after;
  }
  const left = linted.findings.map((finding) => {
    const decision = decide(finding, selected);
    return 'reason' in decision
      ? leftOf(finding, decision.reason, decision.codemod)
      : leftOf(finding, `still fixable after ${String(maxPasses)} passes`, decision.codemod);
  });
  return { output: current, fixed, left };
}

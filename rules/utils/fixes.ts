/** Edits that suggestions share: one more argument of a call, one more entry of a literal. */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/** `text` as the call's next argument: after its last one, or between its parentheses. */
export function appendArgument(fixer: TSESLint.RuleFixer, call: TSESTree.CallExpression, text: string): TSESLint.RuleFix {
  const last = call.arguments.at(-1);
  if (last) return fixer.insertTextAfter(last, `, ${text}`);
  const end = call.range[1];
  return fixer.insertTextBeforeRange([end - 1, end], text);
}

/**
 * `text` as the last property of an object literal or element of an array literal, after a
 * trailing comma when there is one.
 */
export function appendEntry(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  list: TSESTree.ObjectExpression | TSESTree.ArrayExpression,
  text: string,
): TSESLint.RuleFix {
  const last = 'properties' in list ? list.properties.at(-1) : list.elements.at(-1);
  // `[a, ,]` ends with a hole: the entry goes after it, before the bracket.
  if (last === null) return fixer.insertTextBeforeRange([list.range[1] - 1, list.range[1]], ` ${text}`);
  if (!last) return fixer.replaceText(list, 'properties' in list ? `{ ${text} }` : `[${text}]`);
  const after = sourceCode.getTokenAfter(last);
  const hasTrailingComma = after?.value === ',';
  return hasTrailingComma ? fixer.insertTextAfter(after, ` ${text},`) : fixer.insertTextAfter(last, `, ${text}`);
}

/**
 * Text helpers for fixes that move or remove statements: a line's indentation, source text moved
 * to another indentation, a statement removed with its line.
 */
import { AST_TOKEN_TYPES } from '@typescript-eslint/utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/** The spaces and tabs that start the line a position is on. */
export function lineIndent(sourceCode: Readonly<TSESLint.SourceCode>, offset: number): string {
  const { line } = sourceCode.getLocFromIndex(offset);
  return /^[ \t]*/.exec(sourceCode.lines[line - 1] ?? '')?.[0] ?? '';
}

/** One line moved from an indentation of `from` characters to the indentation `to`: what it had beyond `from` stays. */
export function reindent(line: string, from: number, to: string): string {
  const leading = /^[ \t]*/.exec(line)?.[0].length ?? 0;
  return to + line.slice(Math.min(leading, from));
}

/**
 * The text of a range with every line after the first moved from an indentation of `from`
 * characters to the indentation `to`,
 * except the lines that start inside a template literal: their spaces are part of a string.
 */
export function reindentedText(sourceCode: Readonly<TSESLint.SourceCode>, range: readonly [number, number], from: number, to: string): string {
  const templates = sourceCode.ast.tokens.filter(
    (token) => token.type === AST_TOKEN_TYPES.Template && token.range[1] > range[0] && token.range[0] < range[1] && token.value.includes('\n'),
  );
  let offset = range[0];
  return sourceCode.text
    .slice(range[0], range[1])
    .split('\n')
    .map((line, i) => {
      const start = offset;
      offset += line.length + 1;
      if (i === 0 || templates.some((token) => token.range[0] < start && start < token.range[1])) return line;
      return reindent(line, from, to);
    })
    .join('\n');
}

/**
 * The range that removes a node: from the start of its line when only indentation comes before
 * it on that line, through the line break when only spaces follow; else the node alone.
 */
export function removalRange(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node | TSESTree.Token): [number, number] {
  const lineStart = sourceCode.getIndexFromLoc({ line: node.loc.start.line, column: 0 });
  if (!/^[ \t]*$/.test(sourceCode.text.slice(lineStart, node.range[0]))) return [node.range[0], node.range[1]];
  const after = /^[ \t]*\r?\n/.exec(sourceCode.text.slice(node.range[1]))?.[0] ?? '';
  return [lineStart, node.range[1] + after.length];
}

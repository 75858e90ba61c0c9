import type { ParserServices, TSESLint, TSESTree } from '@typescript-eslint/utils';

import { activeLibraries } from '../../orm/activation.js';
import type { LibraryId } from '../../orm/catalog/index.js';
import { Resolver } from '../../orm/resolver.js';

/** How many local modules deep an import is followed to find where a client was made. */
const importDepth = 8;

/**
 * The resolver for the file being linted, or undefined when no catalogued library is active for
 * it (the rule then returns no listeners at all).
 */
export function fileResolver(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  libraryOption: readonly LibraryId[] | undefined,
): Resolver | undefined {
  const active = activeLibraries(context.filename, libraryOption, context.settings);
  if (active.size === 0) return undefined;
  const sourceCode = context.sourceCode;
  // The rules linting one file share one resolver (and so its memoised answers): keyed by the
  // file's SourceCode, which ESLint creates per file and drops after it, and by the library set
  // (one object per combination, see activation.ts).
  const key = active;
  let byLibraries = resolversByFile.get(sourceCode);
  if (!byLibraries) {
    byLibraries = new Map();
    resolversByFile.set(sourceCode, byLibraries);
  }
  const cached = byLibraries.get(key);
  if (cached) return cached;
  // Only typescript-eslint's parser has services; with espree (plain JavaScript) there are none,
  // and asking typescript-eslint's helper for them would throw.
  const parserServices = sourceCode.parserServices;
  const services = parserServices?.program && parserServices.esTreeNodeToTSNodeMap ? (parserServices as ParserServices) : undefined;
  const resolver = new Resolver(
    {
      filename: context.filename,
      ast: sourceCode.ast,
      scopeManager: sourceCode.scopeManager as NonNullable<typeof sourceCode.scopeManager>,
      text: sourceCode.text,
    },
    {
      libraries: active,
      parser: context.languageOptions.parser,
      services,
      depth: importDepth,
    },
  );
  byLibraries.set(key, resolver);
  return resolver;
}

const resolversByFile = new WeakMap<object, Map<ReadonlySet<LibraryId>, Resolver>>();

/** Source text of a node, shortened for messages. */
export function shortText(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, max = 40): string {
  const text = sourceCode.getText(node).replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

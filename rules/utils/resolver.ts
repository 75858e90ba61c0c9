import type { ParserServices, TSESLint, TSESTree } from '@typescript-eslint/utils';

import { activeLibraries, readSettings } from '../../orm/activation.js';
import type { LibraryId } from '../../orm/catalog/index.js';
import { setCacheLifetime } from '../../orm/modules/files.js';
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
  // The rules linting one file share one resolver (and so its memoised answers), keyed by the
  // file's SourceCode, which ESLint creates per file and drops after it. The first rule works it
  // out; the others find it by their options array (the same object for every file).
  const sourceCode = context.sourceCode;
  let forFile = resolversByFile.get(sourceCode);
  if (!forFile) {
    forFile = { byOption: new Map(), byLibraries: new Map() };
    resolversByFile.set(sourceCode, forFile);
  }
  const optionKey = libraryOption && libraryOption.length > 0 ? libraryOption : noLibraryOption;
  if (forFile.byOption.has(optionKey)) return forFile.byOption.get(optionKey);
  const resolver = createResolver(context, libraryOption, forFile.byLibraries);
  forFile.byOption.set(optionKey, resolver);
  return resolver;
}

function createResolver(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  libraryOption: readonly LibraryId[] | undefined,
  byLibraries: Map<ReadonlySet<LibraryId>, Resolver>,
): Resolver | undefined {
  setCacheLifetime(readSettings(context.settings).cacheLifetime);
  const active = activeLibraries(context.filename, libraryOption, context.settings);
  if (active.size === 0) return undefined;
  // Rules with different options but the same libraries still share one (one set object per
  // combination, see activation.ts).
  const cached = byLibraries.get(active);
  if (cached) return cached;
  const sourceCode = context.sourceCode;
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
  byLibraries.set(active, resolver);
  return resolver;
}

const noLibraryOption: readonly LibraryId[] = [];

const resolversByFile = new WeakMap<
  object,
  { byOption: Map<readonly LibraryId[], Resolver | undefined>; byLibraries: Map<ReadonlySet<LibraryId>, Resolver> }
>();

/** Source text of a node, shortened for messages. */
export function shortText(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, max = 40): string {
  const text = sourceCode.getText(node).replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { libraries } from '../orm/catalog/index.js';
import type { LibraryId } from '../orm/catalog/index.js';
import { isBoundByChain } from '../orm/queries.js';
import type { QueryUse } from '../orm/queries.js';
import { staticString, unwrap } from '../orm/syntax.js';
import type { FunctionNode } from '../orm/syntax.js';
import { createRule } from './utils/create-rule.js';
import { appendArgument, appendEntry } from './utils/fixes.js';
import { librariesOptionSchema } from './utils/options.js';
import { fileResolver, shortText } from './utils/resolver.js';
import { TransactionTracker, handleTextAt } from './utils/transactions.js';
import type { TransactionScope } from './utils/transactions.js';

export type Options = [
  {
    /** Libraries to check; default: those the project depends on. */
    libraries?: LibraryId[];
  },
];

export type MessageId =
  | 'missingTransactionOption'
  | 'transactionOptionInWrongArgument'
  | 'missingTransactionArgument'
  | 'queryOutsideHandle'
  | 'helperWithoutTransaction'
  | 'addTransaction'
  | 'useHandle';

/** How a query inside a transaction fails to carry it. */
type Missing =
  | { readonly type: 'option'; readonly index: number; readonly property: string }
  | { readonly type: 'misplaced'; readonly index: number; readonly property: string; readonly node: TSESTree.Node }
  | { readonly type: 'argument'; readonly index: number }
  | { readonly type: 'through-handle' };

const ordinals = ['first', 'second', 'third', 'fourth', 'fifth'];

export default createRule<Options, MessageId>({
  name: 'require-transaction-option',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require queries inside a managed transaction to carry the transaction (Sequelize `{ transaction }`, Objection `query(trx)`, TypeORM active record)',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      missingTransactionOption:
        '`{{call}}` runs outside the {{library}} transaction: pass the transaction as the `{{property}}` option of its {{position}} argument.',
      transactionOptionInWrongArgument:
        '`{{call}}` reads `{{property}}` from its {{position}} argument, not from this one: as written the query runs outside the {{library}} transaction.',
      missingTransactionArgument:
        '`{{call}}` runs outside the {{library}} transaction: pass the transaction as its {{position}} argument.',
      helperWithoutTransaction:
        '`{{helper}}()` runs `{{call}}` without the transaction: called inside the {{library}} transaction, that query runs on another connection, outside it. Pass the transaction to the helper.',
      queryOutsideHandle:
        '`{{call}}` always runs on the default {{library}} connection, outside the transaction: query through the transaction\u2019s entity manager instead.',
      addTransaction: 'Pass `{{handle}}` to the query.',
      useHandle: 'Use `{{replacement}}` instead.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          libraries: librariesOptionSchema,
        },
      },
    ],
    defaultOptions: [{}],
  },
  create(context, [options]) {
    const fileResolverOrNone = fileResolver(context, options.libraries);
    if (!fileResolverOrNone) return {};
    const resolver = fileResolverOrNone;
    const tracker = TransactionTracker.of(resolver);
    const sourceCode = context.sourceCode;

    function check(node: TSESTree.CallExpression): void {
      const scope = tracker.handleScopeAt(node);
      if (!scope) return;
      const use = resolver.queryUse(node);
      if (use) {
        if (resolver.embeddedInQuery(use)) return;
        const missing = missingTransaction(use, scope);
        if (missing) report(node, use, missing, scope, handleTextAt(resolver, scope, node));
        return;
      }
      // A local helper that runs such a query itself.
      const helper = resolver.localFunction(node.callee) ?? resolver.projectMethod(node.callee);
      if (!helper || (helper.resolver === resolver && scope.body[0] <= helper.fn.range[0] && helper.fn.range[1] <= scope.body[1])) {
        return;
      }
      for (const inner of helper.resolver.functionEffects(helper.fn).closureQueries) {
        if (!missingTransaction(inner, scope)) continue;
        context.report({
          node: node.callee,
          messageId: 'helperWithoutTransaction',
          data: {
            helper: helper.name,
            call: `${helper.resolver.textOf(inner.receiver)?.replace(/\s+/g, ' ') ?? 'query'}.${inner.method ?? ''}()`,
            library: libraries[inner.receiverValue.library].name,
          },
        });
        return;
      }
    }

    function report(
      node: TSESTree.CallExpression,
      use: QueryUse,
      missing: Missing,
      scope: TransactionScope,
      handle: string | undefined,
    ): void {
      // The transaction's library: an Objection or Bookshelf query may run inside a Knex one.
      const library = libraries[scope.library].name;
      const call = `${shortText(sourceCode, use.receiver, 30)}.${use.method ?? ''}()`;
      const loc = { start: use.receiver.loc.start, end: unwrap(node.callee).loc.end };
      switch (missing.type) {
        case 'misplaced':
          context.report({
            node: missing.node,
            messageId: 'transactionOptionInWrongArgument',
            data: { call, library, property: missing.property, position: ordinal(missing.index) },
          });
          return;
        case 'option': {
          const args = node.arguments;
          const target = args[missing.index];
          const text = handle ? `${missing.property}: ${handle}` : undefined;
          const suggest: TSESLint.ReportSuggestionArray<MessageId> = [];
          if (handle && text && !target && args.length === missing.index) {
            suggest.push({ messageId: 'addTransaction', data: { handle }, fix: (fixer) => appendArgument(fixer, node, `{ ${text} }`) });
          } else if (handle && text && target?.type === AST_NODE_TYPES.ObjectExpression) {
            suggest.push({ messageId: 'addTransaction', data: { handle }, fix: (fixer) => appendEntry(fixer, sourceCode, target, text) });
          }
          context.report({
            node,
            loc,
            messageId: 'missingTransactionOption',
            data: { call, library, property: missing.property, position: ordinal(missing.index) },
            suggest,
          });
          return;
        }
        case 'argument':
          context.report({
            node,
            loc,
            messageId: 'missingTransactionArgument',
            data: { call, library, position: ordinal(missing.index) },
            suggest:
              handle && node.arguments.length === missing.index
                ? [{ messageId: 'addTransaction', data: { handle }, fix: (fixer) => appendArgument(fixer, node, handle) }]
                : [],
          });
          return;
        case 'through-handle': {
          const entity = use.receiverValue.entity ?? sourceCode.getText(use.receiver);
          const replacements = handle
            ? (use.receiverValue.spec.handleForms ?? []).map((form) =>
                form.replaceAll('{handle}', handle).replaceAll('{entity}', entity).replaceAll('{receiver}', sourceCode.getText(use.receiver)),
              )
            : [];
          context.report({
            node,
            loc,
            messageId: 'queryOutsideHandle',
            data: { call, library },
            suggest: replacements.map((replacement) => ({
              messageId: 'useHandle' as const,
              data: { replacement },
              fix: (fixer: TSESLint.RuleFixer) => fixer.replaceText(use.receiver, replacement),
            })),
          });
          return;
        }
      }
    }

    return {
      'FunctionDeclaration, FunctionExpression, ArrowFunctionExpression'(node: FunctionNode) {
        tracker.enterFunction(node);
      },
      CallExpression(node) {
        tracker.enterCall(node);
        check(node);
      },
    };
  },
});

/** True when the options argument carries the property, or might (a variable, a spread). */
function hasOptionOrUnknown(arg: TSESTree.CallExpressionArgument, property: string): boolean {
  const value = unwrap(arg);
  if (value.type !== AST_NODE_TYPES.ObjectExpression) return true;
  if (value.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement)) return true;
  return findProperty(value, property) !== undefined;
}

function findProperty(object: TSESTree.ObjectExpression, name: string): TSESTree.Property | undefined {
  return object.properties.find(
    (p): p is TSESTree.Property =>
      p.type === AST_NODE_TYPES.Property &&
      ((!p.computed && p.key.type === AST_NODE_TYPES.Identifier && p.key.name === name) || staticString(p.key) === name),
  );
}

function ordinal(index: number): string {
  return ordinals[index] ?? String(index + 1);
}

/** What a query inside a transaction lacks to run in it, if anything. */
function missingTransaction(use: QueryUse, scope: TransactionScope): Missing | undefined {
  const method = use.method;
  const binding = use.receiverValue.spec.binding;
  if (!binding || method === undefined || use.receiverValue.viaHandle) return undefined;
  if (!TransactionTracker.concerns(scope, use.receiverValue)) {
    return undefined;
  }
  if (isBoundByChain(use)) return undefined;
  const args = use.node.type === AST_NODE_TYPES.CallExpression ? use.node.arguments : [];
  switch (binding.style) {
    case 'options-property': {
      if (use.type !== 'query') return undefined;
      const index = binding.methods[method];
      if (index === undefined) return undefined;
      const target = args[index];
      if (target && hasOptionOrUnknown(target, binding.property)) return undefined;
      // The option given in another argument (`User.create({ name, transaction: t })`).
      const misplaced = args.find(
        (arg, i) => i !== index && arg.type === AST_NODE_TYPES.ObjectExpression && findProperty(arg, binding.property),
      );
      return misplaced
        ? { type: 'misplaced', index, property: binding.property, node: misplaced }
        : { type: 'option', index, property: binding.property };
    }
    case 'argument': {
      const index = binding.methods[method];
      return index === undefined || args.length > index ? undefined : { type: 'argument', index };
    }
    case 'through-handle':
      return binding.methods.includes(method) ? { type: 'through-handle' } : undefined;
  }
}

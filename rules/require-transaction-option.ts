import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { libraries } from '../orm/catalog/index.js';
import type { LibraryId, TransactionBinding } from '../orm/catalog/index.js';
import { isBoundByChain, staticString, unwrap } from '../orm/estree.js';
import type { QueryUse } from '../orm/estree.js';
import { createRule } from './utils/create-rule.js';
import { librariesOptionSchema } from './utils/options.js';
import { fileResolver, shortText } from './utils/resolver.js';
import { TransactionTracker, handleNameAt } from './utils/transactions.js';

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
  | 'addTransaction'
  | 'useHandle';

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
        '`{{call}}` runs outside the {{library}} transaction: pass `{{property}}: {{handle}}` in its options (the {{position}} argument).',
      transactionOptionInWrongArgument:
        '`{{call}}` reads `{{property}}` from its {{position}} argument, not from this one: as written the query runs outside the {{library}} transaction.',
      missingTransactionArgument:
        '`{{call}}` runs outside the {{library}} transaction: pass the transaction as its {{position}} argument.',
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
    const tracker = new TransactionTracker(resolver, context.filename);
    const sourceCode = context.sourceCode;

    function check(node: TSESTree.CallExpression): void {
      const scope = tracker.scopeAt(node);
      if (!scope || scope.propagates) return;
      const use = resolver.queryUse(node);
      if (!use?.method || use.type !== 'query' || use.receiverValue.viaHandle) return;
      const binding = use.receiverValue.spec.binding;
      if (!binding) return;
      if (!TransactionTracker.covers(scope, use.receiverValue.library) || !TransactionTracker.sameSource(scope, use.receiverValue)) {
        return;
      }
      if (isBoundByChain(use)) return;
      const handle = handleNameAt(resolver, scope, node);
      const library = libraries[use.receiverValue.library].name;
      const call = `${shortText(sourceCode, use.receiver, 30)}.${use.method}()`;
      const loc = { start: use.receiver.loc.start, end: unwrap(node.callee).loc.end };
      switch (binding.style) {
        case 'options-property':
          checkOptionsProperty(node, use, binding, { handle, library, call, loc });
          break;
        case 'argument': {
          const index = binding.methods[use.method];
          if (index === undefined || node.arguments.length > index) return;
          context.report({
            node,
            loc,
            messageId: 'missingTransactionArgument',
            data: { call, library, position: ordinals[index] ?? String(index + 1) },
            suggest:
              handle && node.arguments.length === index
                ? [{ messageId: 'addTransaction', data: { handle }, fix: (fixer) => appendArgument(fixer, node, handle) }]
                : [],
          });
          break;
        }
        case 'through-handle': {
          if (!binding.methods.includes(use.method)) return;
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
          break;
        }
      }
    }

    function checkOptionsProperty(
      node: TSESTree.CallExpression,
      use: QueryUse,
      binding: Extract<TransactionBinding, { style: 'options-property' }>,
      report: { handle: string | undefined; library: string; call: string; loc: TSESTree.SourceLocation },
    ): void {
      const index = use.method === undefined ? undefined : binding.methods[use.method];
      if (index === undefined) return;
      const property = binding.property;
      const args = node.arguments;
      const target = args[index];
      const position = ordinals[index] ?? String(index + 1);
      const data = { call: report.call, library: report.library, property, handle: report.handle ?? 't', position };
      if (target && hasOptionOrUnknown(target, property)) return;
      // The option given in another argument (`User.create({ name, transaction: t })`).
      const misplaced = args.find(
        (arg, i) => i !== index && arg.type === AST_NODE_TYPES.ObjectExpression && findProperty(arg, property),
      );
      if (misplaced) {
        context.report({ node: misplaced, messageId: 'transactionOptionInWrongArgument', data });
        return;
      }
      const handle = report.handle;
      const suggest: TSESLint.ReportSuggestionArray<MessageId> = [];
      if (handle) {
        if (!target && args.length === index) {
          suggest.push({
            messageId: 'addTransaction',
            data: { handle },
            fix: (fixer) => appendArgument(fixer, node, `{ ${property}: ${handle} }`),
          });
        } else if (target?.type === AST_NODE_TYPES.ObjectExpression) {
          suggest.push({
            messageId: 'addTransaction',
            data: { handle },
            fix: (fixer) => addProperty(fixer, sourceCode, target, `${property}: ${handle}`),
          });
        }
      }
      context.report({ node, loc: report.loc, messageId: 'missingTransactionOption', data, suggest });
    }

    return {
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

function appendArgument(fixer: TSESLint.RuleFixer, call: TSESTree.CallExpression, text: string): TSESLint.RuleFix {
  const last = call.arguments.at(-1);
  if (last) return fixer.insertTextAfter(last, `, ${text}`);
  const end = call.range[1];
  return fixer.insertTextBeforeRange([end - 1, end], text);
}

function addProperty(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  object: TSESTree.ObjectExpression,
  text: string,
): TSESLint.RuleFix {
  const last = object.properties.at(-1);
  if (!last) return fixer.replaceText(object, `{ ${text} }`);
  const after = sourceCode.getTokenAfter(last);
  const hasTrailingComma = after?.value === ',';
  return hasTrailingComma ? fixer.insertTextAfter(after, ` ${text},`) : fixer.insertTextAfter(last, `, ${text}`);
}

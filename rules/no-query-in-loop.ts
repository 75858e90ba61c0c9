import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import type { RuleListener } from '@typescript-eslint/utils/ts-eslint';

import { databaseInPlay } from '../orm/activation.js';
import { libraries } from '../orm/catalog/index.js';
import type { LibraryId } from '../orm/catalog/index.js';
import { itemQuestions } from '../orm/loops/items.js';
import {
  callbackIteration,
  fieldResolverIteration,
  importsFieldResolverModule,
  importsIterationPackage,
  importsResolverMapModule,
  iterationSelectors,
  loopIteration,
  resolverMapFieldIteration,
} from '../orm/loops/iterations.js';
import type { Iteration, IterationSelectors, LoopNode } from '../orm/loops/iterations.js';
import { lazyLoad, lazyRelationAwait, loaderNames } from '../orm/loops/loaders.js';
import { perItemMemo, perItemQuery } from '../orm/loops/per-item.js';
import type { PerItemQuery } from '../orm/loops/per-item.js';
import { isResolverMapEntry } from '../orm/serving.js';
import { containsNode, unwrap } from '../orm/syntax.js';
import type { FunctionNode } from '../orm/syntax.js';
import { createRule } from './utils/create-rule.js';
import { loadRelationMessage, loadRelationSuggestion } from './utils/load-relation.js';
import { librariesOptionSchema } from './utils/options.js';
import { fileResolver, shortText } from './utils/resolver.js';

export type Options = [
  {
    /** Libraries to check; default: those the project depends on. */
    libraries?: LibraryId[];
    /** Report writes per item too (an insert per row). */
    checkWrites?: boolean;
    /** Follow functions imported from other project modules into their queries. */
    followImports?: boolean;
  },
];

export type MessageId = 'queryInLoop' | 'queryInLoopThroughCall' | 'queryPerParent' | 'loadRelation';

export default createRule<Options, MessageId>({
  name: 'no-query-in-loop',
  meta: {
    type: 'problem',
    hasSuggestions: true,
    docs: {
      description: 'Disallow running a query once per item of a collection (N+1)',
      recommended: 'recommended',
    },
    messages: {
      queryInLoop: '`{{query}}` runs once per item of `{{collection}}` ({{library}}): load them in one query: {{eagerForm}}.',
      queryInLoopThroughCall:
        '`{{callee}}()` runs `{{query}}` once per item of `{{collection}}` ({{library}}): load them in one query: {{eagerForm}}.',
      loadRelation: loadRelationMessage,
      queryPerParent:
        '`{{query}}` runs once per parent object the GraphQL field `{{field}}` is resolved for ({{library}}): a list of N parents runs it N times. Batch it per request (a DataLoader), or load it with the parent query: {{eagerForm}}.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          libraries: librariesOptionSchema,
          checkWrites: {
            type: 'boolean',
            description: 'Also report writes run once per item (an insert or update per row). Default: false.',
          },
          followImports: {
            type: 'boolean',
            description:
              'Follow a function imported from another project module, called per item, into the read query it runs (parses that module). Default: false: only functions of the same module are followed.',
          },
        },
      },
    ],
    defaultOptions: [{ checkWrites: false, followImports: false }],
  },
  create(context, [options]) {
    const resolver = fileResolver(context, options.libraries);
    if (!resolver) return {};
    const active = resolver.env.libraries;
    if (![...active].some((id) => libraries[id].perItem) || !databaseInPlay(active, context.sourceCode.ast)) return {};
    // Tests, migrations, seeds and configs run once, on purpose, over a handful of rows: asked
    // at the first finding, as most files have none.
    let quiet: boolean | undefined;
    const quietFile = (): boolean => {
      if (quiet === undefined) {
        const outside = resolver.fileOutsideServing();
        quiet = outside !== undefined && quietOutside.has(outside);
      }
      return quiet;
    };
    const loaders = loaderNames(active);
    const questions = itemQuestions();
    const memo = perItemMemo(questions);
    let packages: boolean | undefined;
    const importsPackage = (): boolean => (packages ??= importsIterationPackage(context.sourceCode.ast));
    const settings = { checkWrites: options.checkWrites === true, importedHelpers: options.followImports === true };
    // The iterations the traversal is inside, innermost last: only calls inside one are looked at.
    const inside: Iteration[] = [];

    const enterLoop = (node: LoopNode): void => {
      const iteration = loopIteration(node);
      if (iteration) inside.push(iteration);
    };
    const enterFunction = (node: FunctionNode): void => {
      const iteration = callbackIteration(resolver, node, importsPackage);
      if (iteration) inside.push(iteration);
    };
    const exit = (node: LoopNode | FunctionNode): void => {
      if (inside.at(-1)?.node === node) inside.pop();
    };
    const report = (node: TSESTree.Node, found: PerItemQuery): void => {
      if (quietFile()) return;
      const data = {
        query: found.query,
        collection: shortText(context.sourceCode, found.iteration.collection ?? loopHead(found.iteration)),
        library: libraries[found.library].name,
        eagerForm: libraries[found.library].perItem?.eagerForm ?? 'a `where … in` over the ids, or a join',
      };
      if (found.iteration.field !== undefined) {
        const query = found.through === undefined ? data.query : `${found.through}()`;
        context.report({ node, messageId: 'queryPerParent', data: { query, field: found.iteration.field, library: data.library, eagerForm: data.eagerForm } });
      } else if (found.through === undefined) {
        const load = found.load ? loadRelationSuggestion(context.sourceCode, found.load.query, found.load.relation) : undefined;
        context.report({
          node,
          messageId: 'queryInLoop',
          data: { query: data.query, collection: data.collection, library: data.library, eagerForm: data.eagerForm },
          suggest: load ? [{ messageId: 'loadRelation', ...load }] : null,
        });
      } else {
        context.report({
          node,
          messageId: 'queryInLoopThroughCall',
          data: { callee: found.through, query: data.query, collection: data.collection, library: data.library, eagerForm: data.eagerForm },
        });
      }
    };
    const check = (node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): void => {
      if (inside.length === 0 || !inside.some((iteration) => containsNode(iteration.body, node))) return;
      const found =
        perItemQuery(resolver, node, inside, settings, memo) ??
        (node.type === AST_NODE_TYPES.CallExpression ? lazyLoad(resolver, node, inside, questions) : undefined);
      if (found) report(node, found);
    };

    const fieldResolvers = importsFieldResolverModule(context.sourceCode.ast);
    const resolverMaps = importsResolverMapModule(context.sourceCode.ast);
    const selectors = iterationSelectorsFor(importsPackage(), fieldResolvers, resolverMaps);
    const listeners: RuleListener = {
      ForOfStatement: enterLoop,
      ForInStatement: enterLoop,
      ForStatement: enterLoop,
      WhileStatement: enterLoop,
      DoWhileStatement: enterLoop,
      'ForOfStatement:exit': exit,
      'ForInStatement:exit': exit,
      'ForStatement:exit': exit,
      'WhileStatement:exit': exit,
      'DoWhileStatement:exit': exit,
      // Only calls and callbacks inside an iteration reach the rule: ESLint selects them.
      [selectors.callbacks]: enterFunction,
      [`${selectors.callbacks}:exit`]: exit,
      [selectors.calls]: check,
    };
    if (resolverMaps) {
      const functions = 'Property > :matches(FunctionExpression, ArrowFunctionExpression)';
      listeners[functions] = (node: FunctionNode) => {
        const iteration = resolverMapFieldIteration(node);
        if (iteration && isResolverMapEntry(resolver, node)) inside.push(iteration);
      };
      listeners[`${functions}:exit`] = exit;
    }
    if (fieldResolvers) {
      listeners['MethodDefinition[decorators.length>0]'] = (node: TSESTree.MethodDefinition) => {
        const iteration = fieldResolverIteration(resolver, node);
        if (iteration) inside.push(iteration);
      };
      listeners['MethodDefinition[decorators.length>0]:exit'] = (node: TSESTree.MethodDefinition) => {
        if (inside.at(-1)?.node === node.value) inside.pop();
      };
    }
    if (loaders.awaits) {
      listeners[selectors.awaits] = (node: TSESTree.AwaitExpression) => {
        const argument = unwrap(node.argument);
        if (argument.type !== AST_NODE_TYPES.MemberExpression || !inside.some((iteration) => containsNode(iteration.body, node))) return;
        const found = lazyRelationAwait(resolver, argument, inside, questions);
        if (found) report(argument, found);
      };
    }
    return listeners;
  },
});

/** The selectors by whether a module imports an iteration package and a field resolver module (built once each). */
const selectorsByImports = new Map<string, IterationSelectors>();

function iterationSelectorsFor(packages: boolean, fieldResolvers: boolean, resolverMaps: boolean): IterationSelectors {
  const key = `${String(packages)}:${String(fieldResolvers)}:${String(resolverMaps)}`;
  let selectors = selectorsByImports.get(key);
  if (!selectors) {
    selectors = iterationSelectors(packages, fieldResolvers, resolverMaps);
    selectorsByImports.set(key, selectors);
  }
  return selectors;
}

/** Why a file never serves (`fileOutsideServing`) that makes a query per item harmless. Scripts and commands do run per request in some projects: not among them. */
const quietOutside = new Set(['test', 'migration', 'tool configuration', 'start-up loader']);

/** What a loop without a collection iterates on, for messages: its test (`queue.length`), or its function. */
function loopHead(iteration: Iteration): TSESTree.Node {
  const node = iteration.node;
  return 'test' in node && node.test ? node.test : node;
}

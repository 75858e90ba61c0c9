import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import { libraries } from '../orm/catalog/index.js';
import type { LibraryId } from '../orm/catalog/index.js';
import { guarded } from '../orm/memo.js';
import { hoistPlan } from '../orm/pools/hoist.js';
import type { Construction } from '../orm/pools/options.js';
import type { FunctionNode } from '../orm/syntax.js';
import { createRule } from './utils/create-rule.js';
import { hoistPoolFix } from './utils/hoist-pool.js';
import { librariesOnlySchema } from './utils/options.js';
import { constructionAt, poolRuleResolver } from './utils/pools.js';

export type Options = [
  {
    /** Libraries to check; default: those the project depends on. */
    libraries?: LibraryId[];
  },
];

export type MessageId = 'poolPerCall' | 'leakedPoolPerCall' | 'leakedConnectionPerCall' | 'hoistPool';

/** How a message names the function a construction runs in. */
function functionLabel(fn: FunctionNode): string {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) return `\`${fn.id.name}()\``;
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return `\`${parent.id.name}()\``;
  if ((parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.Property) && parent.key.type === AST_NODE_TYPES.Identifier) {
    return `\`${parent.key.name}()\``;
  }
  return 'a callback';
}

export default createRule<Options, MessageId>({
  name: 'no-pool-per-request',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow creating a connection pool or database client inside code that runs per request or per call',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      poolPerCall:
        '{{library}} `{{client}}` is created in {{fn}}, which runs per request or call: every call opens its own connections and closes them again. Create it once (module scope, a start-up function, a provider) and reuse it.',
      leakedPoolPerCall:
        '{{library}} `{{client}}` is created in {{fn}}, which runs per request or call, and never closed: every call opens connections that stay open. Create it once and reuse it.',
      leakedConnectionPerCall:
        '{{library}} `{{client}}` connects in {{fn}}, which runs per request or call, and is never ended: every call leaves a connection open. Use a pool created once, or end the client.',
      hoistPool: 'Create it once, at first use, in a module-level `{{getter}}()`, and use that here{{closing}}.',
    },
    schema: librariesOnlySchema,
    defaultOptions: [{}],
  },
  create(context, [options]) {
    // Scripts, tests and tooling run once: what they make is not made per request.
    const resolver = poolRuleResolver(context, options.libraries);
    if (!resolver) return {};

    function check(node: Construction): void {
      if (!resolver) return;
      const construction = constructionAt(resolver, node);
      if (!construction || !resolver.opensConnections(construction)) return;
      // Wrapped in another construction that opens connections itself: that one is reported.
      const outer = resolver.outermostWrapper(construction);
      if (outer !== construction && resolver.opensConnections(outer)) return;
      const use = resolver.clientUse(construction);
      if (!use?.fn || use.goes === 'kept' || use.goes === 'returned') return;
      const runs = resolver.functionRuns(use.fn);
      if (runs === 'once') return;
      const data = { library: libraries[construction.library].name, client: construction.label, fn: functionLabel(use.fn) };
      if (construction.lifetime?.opens === 'connection') {
        if (use.connected && !use.closed && use.goes === 'local') context.report({ node, messageId: 'leakedConnectionPerCall', data });
        return;
      }
      if (use.closed ? runs !== 'per-call' : use.goes !== 'local') return;
      // The rule's edit, offered only when the resolver proves the function behaves the same with one shared instance.
      const plan = use.goes === 'local' ? guarded(() => hoistPlan(resolver, construction, use, resolver.resolve(node)?.spec), undefined) : undefined;
      const hoist = plan && guarded(() => hoistPoolFix(context.sourceCode, context.filename, resolver, plan), undefined);
      const closing = plan && plan.closes.length > 0 ? ' (the calls that closed it go: the shared instance stays open)' : '';
      context.report({
        node,
        messageId: use.closed ? 'poolPerCall' : 'leakedPoolPerCall',
        data,
        suggest: hoist ? [{ messageId: 'hoistPool', data: { getter: hoist.getter, closing }, fix: hoist.fix }] : [],
      });
    }

    return { NewExpression: check, CallExpression: check };
  },
});

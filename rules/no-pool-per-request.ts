import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import { libraries } from '../orm/catalog/index.js';
import type { LibraryId } from '../orm/catalog/index.js';
import type { Construction } from '../orm/pools/options.js';
import type { FunctionNode } from '../orm/syntax.js';
import { createRule } from './utils/create-rule.js';
import { librariesOnlySchema } from './utils/options.js';
import { constructionAt, poolRuleResolver } from './utils/pools.js';

export type Options = [
  {
    /** Libraries to check; default: those the project depends on. */
    libraries?: LibraryId[];
  },
];

export type MessageId = 'poolPerCall' | 'leakedPoolPerCall' | 'leakedConnectionPerCall';

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
    messages: {
      poolPerCall:
        '{{library}} `{{client}}` is created in {{fn}}, which runs per request or call: every call opens its own connections and closes them again. Create it once (module scope, a start-up function, a provider) and reuse it.',
      leakedPoolPerCall:
        '{{library}} `{{client}}` is created in {{fn}}, which runs per request or call, and never closed: every call opens connections that stay open. Create it once and reuse it.',
      leakedConnectionPerCall:
        '{{library}} `{{client}}` connects in {{fn}}, which runs per request or call, and is never ended: every call leaves a connection open. Use a pool created once, or end the client.',
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
      if (use.closed) {
        if (runs === 'per-call') context.report({ node, messageId: 'poolPerCall', data });
        return;
      }
      if (use.goes === 'local') context.report({ node, messageId: 'leakedPoolPerCall', data });
    }

    return { NewExpression: check, CallExpression: check };
  },
});

import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import { databaseInPlay } from '../orm/activation.js';
import { libraries } from '../orm/catalog/index.js';
import type { LibraryId } from '../orm/catalog/index.js';
import { loadingMethodNames } from '../orm/relations/loaded.js';
import { rowsMayBeRead } from '../orm/relations/rows.js';
import { isFunction, propertyName, unwrap } from '../orm/syntax.js';
import { createRule } from './utils/create-rule.js';
import { loadRelationMessage, loadRelationSuggestion } from './utils/load-relation.js';
import { librariesOnlySchema } from './utils/options.js';
import { fileResolver } from './utils/resolver.js';

export type Options = [
  {
    /** Libraries to check; default: those the project depends on. */
    libraries?: LibraryId[];
  },
];

export type MessageId = 'unloadedRelation' | 'uninitialisedCollection' | 'loadRelation';

export default createRule<Options, MessageId>({
  name: 'no-unloaded-relation-access',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow reading a relation of an entity whose query did not load it',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      unloadedRelation:
        '`{{relation}}` of {{library}} entity `{{entity}}` is read here, but the `{{method}}()` query on line {{line}} did not load it: it is `undefined` at run time. Load it with `{{eagerForm}}`.',
      uninitialisedCollection:
        '`{{relation}}` of {{library}} entity `{{entity}}` is read here, but the `{{method}}()` query on line {{line}} did not populate it: reading its items throws. Load it with `{{eagerForm}}`.',
      loadRelation: loadRelationMessage,
    },
    schema: librariesOnlySchema,
    defaultOptions: [{}],
  },
  create(context, [options]) {
    const resolver = fileResolver(context, options.libraries);
    if (!resolver) return {};
    // Only libraries whose rows carry relations; only files that use a database library.
    const loadingMethods = loadingMethodNames(resolver.env.libraries);
    if (loadingMethods.size === 0 || !databaseInPlay(resolver.env.libraries, context.sourceCode.ast)) return {};

    return {
      CallExpression(node) {
        const callee = unwrap(node.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
        const method = propertyName(callee);
        // A callback argument makes it an array's `find`/`findAll`-like method, never a query here.
        if (method === undefined || !loadingMethods.has(method) || node.arguments.some((arg) => isFunction(arg))) return;
        // Where the rows go first: resolving the receiver and the entity may parse other modules.
        if (!rowsMayBeRead(node)) return;
        for (const read of resolver.unloadedRelationReads(node)) {
          const { entity } = read.query;
          const relations = entity.catalog;
          const load = loadRelationSuggestion(context.sourceCode, read.query, read.relation);
          context.report({
            node: read.node,
            messageId: relations.unloaded.behaviour === 'throws' ? 'uninitialisedCollection' : 'unloadedRelation',
            data: {
              relation: read.relation.name,
              library: libraries[entity.library].name,
              entity: entity.name,
              method,
              line: node.loc.start.line,
              eagerForm: (read.query.eagerForm ?? relations.loading.eagerForm).replaceAll('{relation}', read.relation.name),
            },
            suggest: load ? [{ messageId: 'loadRelation', ...load }] : null,
          });
        }
      },
    };
  },
});

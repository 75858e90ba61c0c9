import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import { databaseInPlay } from '../orm/activation.js';
import { libraries } from '../orm/catalog/index.js';
import type { LibraryId } from '../orm/catalog/index.js';
import { createRule } from './utils/create-rule.js';
import { librariesOnlySchema } from './utils/options.js';
import { fileResolver } from './utils/resolver.js';

export type Options = [
  {
    /** Libraries to check; default: those the project depends on. */
    libraries?: LibraryId[];
  },
];

export type MessageId = 'lazyRelation';

export default createRule<Options, MessageId>({
  name: 'no-lazy-relation',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow relations declared as implicit lazy loaders, which run a query on every read',
      recommended: 'strict',
    },
    messages: {
      lazyRelation:
        '{{library}} relation `{{relation}}` of `{{entity}}` is lazy ({{how}}): every read of it runs a query, one per row in a loop. Declare it plainly and load it where it is needed with `{{eagerForm}}`.',
    },
    schema: librariesOnlySchema,
    defaultOptions: [{}],
  },
  create(context, [options]) {
    const resolver = fileResolver(context, options.libraries);
    if (!resolver) return {};
    // Only libraries that have lazy relations, only files whose text could declare one.
    const lazyLibraries = [...resolver.env.libraries].filter((id) => {
      const decorators = libraries[id].relations?.decorators;
      return decorators?.lazyOption !== undefined || decorators?.promiseTypeIsLazy === true;
    });
    const text = context.sourceCode.text;
    if (lazyLibraries.length === 0 || !(text.includes('lazy') || text.includes('Promise<'))) return {};
    if (!databaseInPlay(resolver.env.libraries, context.sourceCode.ast)) return {};

    function check(declaration: TSESTree.Node): void {
      const entity = resolver?.entityRelations(declaration);
      if (!entity) return;
      for (const relation of entity.relations.values()) {
        if (!relation.lazy) continue;
        context.report({
          node: relation.lazy,
          messageId: 'lazyRelation',
          data: {
            library: libraries[entity.library].name,
            relation: relation.name,
            entity: entity.name,
            how: relation.lazy.type === AST_NODE_TYPES.Property ? '`lazy: true`' : 'typed `Promise<…>`',
            eagerForm: entity.catalog.loading.eagerForm.replace('{relation}', relation.name),
          },
        });
      }
    }

    return {
      ClassDeclaration: check,
      ClassExpression: check,
      NewExpression(node) {
        if (node.arguments[0]?.type === AST_NODE_TYPES.ObjectExpression) check(node);
      },
    };
  },
});

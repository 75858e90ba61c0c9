/**
 * The `loadRelation` suggestion two rules share: a relation read from rows (unloaded, or a lazy
 * loader awaited per row) added to the query that fetched the rows, in its library's eager form.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESLint } from '@typescript-eslint/utils';

import { eagerLoadEdit } from '../../orm/relations/eager-load.js';
import type { EagerLoadEdit } from '../../orm/relations/eager-load.js';
import type { DeclaredRelation } from '../../orm/relations/declarations.js';
import type { RelationQuery } from '../../orm/relations/loaded.js';
import { propertyName, unwrap } from '../../orm/syntax.js';
import { appendArgument, appendEntry } from './fixes.js';

export const loadRelationMessage = 'Load `{{relation}}` with the `{{method}}()` query on line {{line}}: add it to its `{{option}}`.';

/** The suggestion's data and edit, when the query can provably load the relation (orm/relations/eager-load.ts). */
export function loadRelationSuggestion(
  sourceCode: Readonly<TSESLint.SourceCode>,
  query: RelationQuery,
  relation: DeclaredRelation,
): Omit<TSESLint.SuggestionReportDescriptor<never>, 'messageId'> | undefined {
  const edit = eagerLoadEdit(query, relation);
  if (!edit) return undefined;
  const callee = unwrap(query.call.callee);
  const method = (callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined) ?? 'find';
  return {
    data: { relation: relation.name, method, line: query.call.loc.start.line, option: query.entity.catalog.loading.option },
    fix: (fixer) => applyEdit(fixer, sourceCode, edit),
  };
}

function applyEdit(fixer: TSESLint.RuleFixer, sourceCode: Readonly<TSESLint.SourceCode>, edit: EagerLoadEdit): TSESLint.RuleFix {
  switch (edit.kind) {
    case 'entry':
      return appendEntry(fixer, sourceCode, edit.list, edit.text);
    case 'wrap':
      return fixer.replaceText(edit.value, `[${sourceCode.getText(edit.value)}, ${edit.text}]`);
    case 'argument':
      return appendArgument(fixer, edit.call, edit.text);
  }
}

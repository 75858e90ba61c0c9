import { ESLintUtils } from '@typescript-eslint/utils';

/** Documentation fields every rule of this plugin declares. */
export interface AsyncDbRuleDocs {
  /** The preset that first enables the rule. */
  recommended?: 'recommended' | 'strict';
  /** The rule needs type information to work at all. */
  requiresTypeChecking?: boolean;
}

export const createRule = ESLintUtils.RuleCreator<AsyncDbRuleDocs>(
  (name) => `https://github.com/async-db/eslint-plugin-async-db/blob/main/docs/rules/${name}.md`,
);

import { ESLintUtils } from '@typescript-eslint/utils';
import type { RuleContext, RuleListener, RuleModule } from '@typescript-eslint/utils/ts-eslint';

/** Documentation fields every rule of this plugin declares. */
export interface AsyncDbRuleDocs {
  /** The preset that first enables the rule. */
  recommended?: 'recommended' | 'strict';
  /** The rule needs type information to work at all. */
  requiresTypeChecking?: boolean;
}

const ruleCreator = ESLintUtils.RuleCreator<AsyncDbRuleDocs>(
  (name) => `https://github.com/async-db/eslint-plugin-async-db/blob/main/docs/rules/${name}.md`,
);

type RuleDefinition<Options extends readonly unknown[], MessageIds extends string> = Parameters<
  typeof ruleCreator<Options, MessageIds>
>[0];

/** Shared between files, so a rule that tried to change its options would throw in the tests. */
function deepFreeze<Value>(value: Value): Value {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Distinct option values seen per rule before the memo starts over (a config has a handful). */
const maxOptionValues = 64;

/**
 * typescript-eslint's RuleCreator, except that the options with their defaults are merged once per
 * distinct options value instead of once per file: its `create` deep-clones the defaults
 * (`structuredClone`) every time ESLint creates the rule for a file, a tenth of the rules' time on
 * large projects. Rules only read their options, so files with equal options share one object.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  definition: RuleDefinition<Options, MessageIds>,
): RuleModule<MessageIds, Options, AsyncDbRuleDocs> {
  const created = ruleCreator(definition);
  const defaults = (definition.meta.defaultOptions ?? []) as Options;
  const merged = new Map<string, Options>();
  return {
    ...created,
    create(context: Readonly<RuleContext<MessageIds, Options>>): RuleListener {
      const key = JSON.stringify(context.options);
      let options = merged.get(key);
      if (options === undefined) {
        if (merged.size >= maxOptionValues) merged.clear();
        options = deepFreeze(ESLintUtils.applyDefault<Options, Options>(defaults, context.options));
        merged.set(key, options);
      }
      return definition.create(context, options);
    },
  };
}

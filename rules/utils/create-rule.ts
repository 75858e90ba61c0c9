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
 * ESLint hands every file of a configuration the same options object (it merges
 * `meta.defaultOptions` into the configuration once), so that object is the key; other shapes
 * (inline `/* eslint *\/` comments, no options) are keyed by their JSON text.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  definition: RuleDefinition<Options, MessageIds>,
): RuleModule<MessageIds, Options, AsyncDbRuleDocs> {
  const created = ruleCreator(definition);
  const defaults = (definition.meta.defaultOptions ?? []) as Options;
  const byObject = new WeakMap<object, Options>();
  const byText = new Map<string, Options>();
  const merge = (given: Options): Options => deepFreeze(ESLintUtils.applyDefault<Options, Options>(defaults, given));
  return {
    ...created,
    create(context: Readonly<RuleContext<MessageIds, Options>>): RuleListener {
      const given = context.options;
      const first: unknown = given[0];
      let options: Options | undefined;
      if (given.length === 1 && typeof first === 'object' && first !== null) {
        options = byObject.get(first);
        if (options === undefined) {
          options = merge(given);
          byObject.set(first, options);
        }
      } else {
        const key = JSON.stringify(given);
        options = byText.get(key);
        if (options === undefined) {
          if (byText.size >= maxOptionValues) byText.clear();
          options = merge(given);
          byText.set(key, options);
        }
      }
      return definition.create(context, options);
    },
  };
}

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { connectionBudget } from '../orm/activation.js';
import { libraries } from '../orm/catalog/index.js';
import type { LibraryId, PoolOption, ServerFamily } from '../orm/catalog/index.js';
import { serverDefaults } from '../orm/catalog/servers.js';
import type { Construction, Insertion, OptionState, PoolSettings } from '../orm/pools/options.js';
import { createRule } from './utils/create-rule.js';
import { librariesOnlySchema } from './utils/options.js';
import { constructionAt, poolRuleResolver } from './utils/pools.js';

export type Options = [
  {
    /** Libraries to check; default: those the project depends on. */
    libraries?: LibraryId[];
  },
];

export type MessageId = 'missingSize' | 'missingAcquireTimeout' | 'missingLimits' | 'overBudget' | 'fileOverBudget' | 'addLimits';

type Server = Exclude<ServerFamily, 'sqlite'>;

/** A pool of the file, kept until the end of the file: the budget is shared by all of them. */
interface FilePool {
  readonly settings: PoolSettings;
  readonly server: Server | undefined;
}

export default createRule<Options, MessageId>({
  name: 'require-pool-limits',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require connection pools to set their size and a bound on waiting for a connection, within the server\u2019s connection budget',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      missingSize:
        '{{library}} `{{pool}}` is created without `{{size}}`: it opens up to {{sizeDefault}} connections per process, whatever the server allows. Set it from the connection budget.',
      missingAcquireTimeout:
        '{{library}} `{{pool}}` is created without `{{acquire}}`: when every connection is busy a request {{acquireDefault}}. Bound the wait.',
      missingLimits:
        '{{library}} `{{pool}}` is created without `{{size}}` and `{{acquire}}`: up to {{sizeDefault}} connections per process, and when all are busy a request {{acquireDefault}}.',
      overBudget:
        '{{library}} `{{pool}}` opens {{size}} connections × {{instances}} instance(s) = {{total}}, over the {{server}} budget of {{budget}} (max connections {{max}} − {{reserved}} reserved).',
      fileOverBudget:
        'The {{server}} pools of this file open {{size}} connections together × {{instances}} instance(s) = {{total}}, over the budget of {{budget}} (max connections {{max}} − {{reserved}} reserved).',
      addLimits: 'Add {{options}}.',
    },
    schema: librariesOnlySchema,
    defaultOptions: [{}],
  },
  create(context, [options]) {
    // Tests, scripts and tooling serve no traffic: their pools have no budget to keep.
    const resolver = poolRuleResolver(context, options.libraries);
    if (!resolver) return {};
    const sourceCode = context.sourceCode;
    const budget = connectionBudget(context.settings);
    const pools: FilePool[] = [];

    const budgetOf = (server: Server): { max: number; reserved: number; budget: number } => {
      const max = budget.maxConnections(server);
      const reserved = budget.reservedConnections;
      return { max, reserved, budget: Math.max(1, max - reserved) };
    };

    function check(node: Construction): void {
      const construction = constructionAt(resolver as NonNullable<typeof resolver>, node);
      if (!construction?.pool || !resolver) return;
      // A wrapper's pool is checked where it is made (`drizzle(new Pool())`: the Pool).
      const settings = resolver.poolSettings(construction);
      if (!settings) return;
      // Made, used and closed in one function: a script's or a per-request pool (no-pool-per-request).
      if (resolver.clientUse(construction)?.closed) return;
      pools.push({ settings, server: settings.server === 'sqlite' ? undefined : settings.server });
    }

    function reportMissing(pool: FilePool, sizeSuggested: number): void {
      const { settings } = pool;
      const spec = settings.spec;
      const missingSize = settings.size.state === 'missing';
      const missingAcquire = settings.acquire?.state === 'missing';
      if (!missingSize && !missingAcquire) return;
      const data = {
        library: libraries[settings.construction.library].name,
        pool: settings.construction.label,
        size: optionName(spec.size),
        sizeDefault: spec.size.default,
        acquire: spec.acquire ? optionName(spec.acquire) : '',
        acquireDefault: spec.acquire?.default ?? '',
      };
      const additions: { state: OptionState; option: PoolOption; value: string }[] = [];
      if (missingSize) additions.push({ state: settings.size, option: spec.size, value: String(sizeSuggested) });
      if (settings.acquire?.state === 'missing' && spec.acquire) {
        const suggested = spec.acquire.suggested;
        // A queue sized from the pool: its literal size when written, else the suggested one.
        const value = !suggested ? undefined : 'text' in suggested ? suggested.text : String((settings.literalSize ?? sizeSuggested) * suggested.timesSize);
        if (value !== undefined) additions.push({ state: settings.acquire, option: spec.acquire, value });
      }
      const fix = settings.byUrl ? undefined : insertionFix(sourceCode, settings.construction.node, spec.argument, additions);
      context.report({
        node: settings.construction.node,
        messageId: missingSize && missingAcquire ? 'missingLimits' : missingSize ? 'missingSize' : 'missingAcquireTimeout',
        data,
        suggest: fix ? [{ messageId: 'addLimits', data: { options: fix.description }, fix: fix.fix }] : [],
      });
    }

    return {
      NewExpression: check,
      CallExpression: check,
      'Program:exit'(): void {
        const counts = new Map<Server | undefined, number>();
        for (const pool of pools) counts.set(pool.server, (counts.get(pool.server) ?? 0) + 1);
        const totals = new Map<Server, number>();
        const overFile = new Set<Server>();
        for (const pool of pools) {
          const server = pool.server ?? 'postgresql';
          const { max, reserved, budget: available } = budgetOf(server);
          const share = Math.floor(available / budget.instances / (counts.get(pool.server) ?? 1));
          reportMissing(pool, Math.max(1, Math.min(pool.settings.spec.size.suggestedAtMost, share)));
          const size = pool.settings.literalSize;
          if (size === undefined || !pool.server) continue;
          const serverLabel = serverDefaults[pool.server].label;
          const instances = String(budget.instances);
          const sizeNode = pool.settings.size.state === 'set' ? pool.settings.size.value : undefined;
          if (size * budget.instances > available) {
            context.report({
              node: sizeNode ?? pool.settings.construction.node,
              messageId: 'overBudget',
              data: {
                library: libraries[pool.settings.construction.library].name,
                pool: pool.settings.construction.label,
                size: String(size),
                instances,
                total: String(size * budget.instances),
                server: serverLabel,
                budget: String(available),
                max: String(max),
                reserved: String(reserved),
              },
            });
            continue;
          }
          const total = (totals.get(pool.server) ?? 0) + size;
          totals.set(pool.server, total);
          if (total * budget.instances > available && !overFile.has(pool.server)) {
            overFile.add(pool.server);
            context.report({
              node: sizeNode ?? pool.settings.construction.node,
              messageId: 'fileOverBudget',
              data: { server: serverLabel, size: String(total), instances, total: String(total * budget.instances), budget: String(available), max: String(max), reserved: String(reserved) },
            });
          }
        }
      },
    };
  },
});

function optionName(option: PoolOption): string {
  return (option.paths[0] ?? []).join('.');
}


interface Addition {
  readonly state: OptionState;
  readonly option: PoolOption;
  readonly value: string;
}

/** Nested `key: value` text for the keys to add to one object (`pool: { max: 5, acquire: 10_000 }`). */
function render(entries: readonly { path: readonly string[]; value: string }[]): string {
  const groups = new Map<string, { path: readonly string[]; value: string }[]>();
  const order: string[] = [];
  for (const entry of entries) {
    const [head, ...rest] = entry.path;
    if (head === undefined) continue;
    if (!groups.has(head)) {
      groups.set(head, []);
      order.push(head);
    }
    groups.get(head)?.push({ path: rest, value: entry.value });
  }
  return order
    .map((key) => {
      const inner = groups.get(key) ?? [];
      const leaf = inner.find((entry) => entry.path.length === 0);
      return leaf ? `${key}: ${leaf.value}` : `${key}: { ${render(inner)} }`;
    })
    .join(', ');
}

/** The suggestion's edits: the missing keys added to the object they belong in, or a new options argument. */
function insertionFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: Construction,
  argument: number | 'last',
  additions: readonly Addition[],
): { description: string; fix: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[] } | undefined {
  const byObject = new Map<TSESTree.ObjectExpression | undefined, { path: readonly string[]; value: string }[]>();
  for (const addition of additions) {
    if (addition.state.state !== 'missing') continue;
    const insertion: Insertion = addition.state.insertion;
    const path = insertion.object ? insertion.path : (addition.option.paths[0] ?? []);
    if (path.includes('*') || path.length === 0) return undefined;
    const list = byObject.get(insertion.object) ?? [];
    list.push({ path, value: addition.value });
    byObject.set(insertion.object, list);
  }
  if (byObject.size === 0) return undefined;
  const description = additions.map((addition) => `\`${optionName(addition.option)}: ${addition.value}\``).join(' and ');
  return {
    description,
    fix: (fixer) =>
      [...byObject].map(([object, entries]) => {
        const text = render(entries);
        if (object) {
          const last = object.properties[object.properties.length - 1];
          return last ? fixer.insertTextAfter(last, `, ${text}`) : fixer.replaceText(object, `{ ${text} }`);
        }
        const args = node.arguments;
        const lastArgument = args[args.length - 1];
        if (lastArgument && (argument === 'last' || argument >= args.length)) return fixer.insertTextAfter(lastArgument, `, { ${text} }`);
        const closing = sourceCode.getLastToken(node);
        if (args.length === 0 && closing?.value === ')') return fixer.insertTextBefore(closing, `{ ${text} }`);
        return fixer.insertTextAfter(node, `({ ${text} })`);
      }),
  };
}

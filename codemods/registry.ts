/**
 * The codemods: which rules each fixes, which of a rule's suggestions it applies, and why it
 * leaves the findings it does not fix. A codemod applies only what the rule itself suggests.
 */

export interface RuleCoverage {
  /** The suggestion messageIds the codemod applies (a finding with exactly one of them). */
  readonly suggestions: readonly string[];
  /** Why a finding with this messageId is left when the rule offers nothing to apply. */
  readonly left: Readonly<Record<string, string>>;
}

export interface Codemod {
  readonly id: string;
  readonly summary: string;
  readonly rules: Readonly<Record<string, RuleCoverage>>;
}

const noAsyncForm =
  'the rule offers no drop-in asynchronous form here (a synchronous driver, a call not directly inside an async function, or a form with no promise twin the rule knows): driver rewrites and async propagation are not done yet';
const hoistNotProven =
  'the rule could not prove that one shared instance behaves the same: the pool is not a `const` of its own, its options read something of the function (a parameter, the request, a local, `this`) or call something, it is used beyond the client API (handed to a call, listened to, wrapped, returned) or closed other than by a statement of its own in the function body or a `finally` block, or the module-level names or the unwrapped `try` would clash';
const crossFileHelper =
  'the query runs inside a helper function: giving the helper a handle parameter and passing it at the call (across files) is not done yet';

const noProvableLoad =
  "the rule found no edit of the query it can prove right: a query builder chain (a join needs an alias of its own), `findBy`/`findOneBy` (they take no options), options or a `relations`/`include`/`populate` value not written in place as a literal (a variable, a spread, `as const`), a missing argument before the options, an option with which one more relation is not the same query (`select`/`attributes`/`fields`, `group`, a lock), a list association in Sequelize `findAndCountAll` without `distinct: true` (the count would count joined rows), or a TypeORM relations object naming it `false`";

export const codemods: readonly Codemod[] = [
  {
    id: 'use-transaction-handle',
    summary: 'runs the queries of a transaction on its handle: outer client → handle, the missing `{ transaction: t }` / `{ transacting: t }` / handle argument added',
    rules: {
      'no-outer-client-in-transaction': {
        suggestions: ['useHandle'],
        left: {
          outerClient: 'the rule found no form of this query on the transaction handle',
          outerClientArgument: "the helper's parameter does not accept the transaction handle's type",
          outerClientInHelper: crossFileHelper,
          secondConnection: 'a connection checked out of the pool inside the transaction: run its work on the handle by hand',
          nestedTransaction: 'a nested transaction on the outer client: running it on the handle (a savepoint) or inlining it is a choice left to you',
          poolTransaction: '`BEGIN` on a pool: checking out one connection and releasing it is not done yet',
        },
      },
      'require-transaction-option': {
        suggestions: ['addTransaction', 'useHandle'],
        left: {
          missingTransactionOption: 'the options argument is not an object literal the rule can extend',
          missingTransactionArgument: 'the call does not end where the transaction argument goes',
          transactionOptionInWrongArgument: 'moving the option to the argument the method reads it from is not done yet',
          queryOutsideHandle: 'the rule found no form of this query on the transaction handle',
          helperWithoutTransaction: crossFileHelper,
        },
      },
    },
  },
  {
    id: 'hoist-unrelated-await',
    summary: 'moves an awaited non-database call out of the transaction: the first statement before it, the last after the commit',
    rules: {
      'no-unrelated-await-in-transaction': {
        suggestions: ['moveBeforeTransaction', 'moveAfterTransaction'],
        left: {
          unrelatedAwait:
            'moving it is not provably safe: it is not a whole statement at the top level of an inline transaction callback, it uses a value computed inside the transaction, or other statements of the transaction run before and after it (moved before them it would also run when they fail: your editor offers that move)',
          unknownAwait: 'the rule does not know what this await waits for',
          awaitInSynchronousTransaction:
            'an async function given to a synchronous transaction: making the body synchronous is a choice left to you',
        },
      },
    },
  },
  {
    id: 'add-pool-limits',
    summary: "adds a pool's missing size and acquire timeout, sized from the connection budget settings",
    rules: {
      'require-pool-limits': {
        suggestions: ['addLimits'],
        left: {
          missingLimits: 'the pool is configured by a URL or by options the rule cannot extend',
          missingSize: 'the pool is configured by a URL or by options the rule cannot extend',
          missingAcquireTimeout: 'the pool is configured by a URL or by options the rule cannot extend',
          overBudget: "the pool's size exceeds the connection budget: choosing a smaller size is a deployment decision",
          fileOverBudget: "the pools' sizes exceed the connection budget: choosing smaller sizes is a deployment decision",
        },
      },
    },
  },
  {
    id: 'hoist-pool',
    summary: 'a pool or client made per request or call → one module-level instance made at first use; the statements that closed it per call go',
    rules: {
      'no-pool-per-request': {
        suggestions: ['hoistPool'],
        left: {
          poolPerCall: hoistNotProven,
          leakedPoolPerCall: hoistNotProven,
          leakedConnectionPerCall:
            'a single connection (pg `Client`) is never hoisted: shared by concurrent requests it would run their queries one after another; use a pool made once, or end the client in the function',
        },
      },
    },
  },
  {
    id: 'sync-to-async',
    summary: '`fs`, `zlib` and `crypto` `*Sync` calls inside async functions → their awaited async forms',
    rules: {
      'no-blocking-call-in-async': {
        suggestions: ['useAsyncForm'],
        left: {
          blockingCall:
            noAsyncForm,
          awaitedBlockingCall:
            noAsyncForm,
          blockingHelper: 'a synchronous helper that blocks: making it async and awaiting it at its callers is not done yet',
        },
      },
    },
  },
  {
    id: 'eager-load',
    summary:
      'loads a relation that code reads with the query that fetched its rows (TypeORM `relations`, Sequelize `include`, MikroORM `populate`), and a TypeORM lazy relation awaited per item with the query of the items',
    rules: {
      'no-unloaded-relation-access': {
        suggestions: ['loadRelation'],
        left: {
          unloadedRelation: noProvableLoad,
          uninitialisedCollection: noProvableLoad,
        },
      },
      'no-query-in-loop': {
        suggestions: ['loadRelation'],
        left: {
          queryInLoop:
            'only a TypeORM lazy relation awaited per item, of rows from a query written in place (the awaited call, or a `const` bound to it) whose options the rule can extend, is loaded with that query: batching other per-item queries (`where … in` over the ids, a join, a DataLoader) is not done yet',
          queryInLoopThroughCall: 'the query runs inside a function called per item: batching it is not done yet',
          queryPerParent: 'a query per parent object of a GraphQL field: batching it per request (a DataLoader) is not done yet',
        },
      },
    },
  },
];

export function codemodById(id: string): Codemod | undefined {
  return codemods.find((codemod) => codemod.id === id);
}

/** The codemod that fixes a rule's findings, if any. */
export function codemodOfRule(rule: string): Codemod | undefined {
  return codemods.find((codemod) => Object.hasOwn(codemod.rules, rule));
}

import { DefinitionType } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { libraries } from '../orm/catalog/index.js';
import type { LibraryId } from '../orm/catalog/index.js';
import type { Resolver } from '../orm/resolver.js';
import { findNode, isFunction, parentOf, propertyName, unwrap, walk } from '../orm/syntax.js';
import type { FunctionNode } from '../orm/syntax.js';
import type { IoValue } from '../orm/values.js';
import { createRule } from './utils/create-rule.js';
import { reindentedText, removalRange } from './utils/edits.js';
import { librariesOptionSchema } from './utils/options.js';
import { fileResolver } from './utils/resolver.js';
import { TransactionTracker } from './utils/transactions.js';
import type { TransactionScope } from './utils/transactions.js';

export type Options = [
  {
    /** Libraries to check; default: those the project depends on. */
    libraries?: LibraryId[];
    /** Also report awaits the rule cannot classify as a query or as known I/O. */
    reportUnknown?: boolean;
  },
];

export type MessageId = 'unrelatedAwait' | 'unknownAwait' | 'awaitInSynchronousTransaction' | 'moveBeforeTransaction';

/** What an awaited expression is, as far as the transaction cares. */
type Awaited =
  | { readonly type: 'query' }
  | { readonly type: 'io'; readonly what: string; readonly node: TSESTree.Node }
  | { readonly type: 'unknown' };

const promiseCombinators = new Set(['all', 'allSettled', 'race', 'any']);

export default createRule<Options, MessageId>({
  name: 'no-unrelated-await-in-transaction',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow awaiting HTTP calls, timers, mail, queues and other non-database I/O inside a transaction',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      unrelatedAwait:
        'Awaiting {{what}} inside this {{library}} transaction keeps its connection checked out and idle in transaction, holding its locks, for the whole wait. Do it before or after the transaction.',
      unknownAwait:
        'This await inside this {{library}} transaction is not a query on the transaction handle; if it waits for slow I/O, the connection sits idle in transaction. Do it before or after the transaction.',
      awaitInSynchronousTransaction:
        '{{library}} transaction functions run synchronously: the transaction ends at this `await`, so what follows runs outside it (recent better-sqlite3 versions reject an async transaction function outright).',
      moveBeforeTransaction: 'Move this statement before the transaction.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          libraries: librariesOptionSchema,
          reportUnknown: {
            type: 'boolean',
            description:
              'Also report awaits that are neither a query on the handle nor known I/O (local async functions the rule cannot see into, awaited values of unknown origin).',
          },
        },
      },
    ],
    defaultOptions: [{ reportUnknown: false }],
  },
  create(context, [options]) {
    const fileResolverOrNone = fileResolver(context, options.libraries);
    if (!fileResolverOrNone) return {};
    const resolver = fileResolverOrNone;
    const tracker = TransactionTracker.of(resolver);
    const sourceCode = context.sourceCode;
    const synchronousReported = new Set<TransactionScope>();

    function check(node: TSESTree.AwaitExpression | TSESTree.ForOfStatement): void {
      const scope = tracker.scopeAt(node);
      if (!scope) return;
      const library = libraries[scope.library].name;
      if (scope.form === 'callback' && scope.spec.synchronous) {
        // The transaction ends at the first await; the ones after it are already outside.
        if (synchronousReported.has(scope)) return;
        synchronousReported.add(scope);
        context.report({ node, messageId: 'awaitInSynchronousTransaction', data: { library } });
        return;
      }
      if (node.type === AST_NODE_TYPES.ForOfStatement) return;
      // `await (await amqp.connect(url)).createChannel()`: the inner await is the one reported.
      if (awaitsInChain(node.argument)) return;
      const awaited = classify(resolver, node.argument);
      if (awaited.type === 'query') return;
      if (awaited.type === 'unknown') {
        if (options.reportUnknown) context.report({ node, messageId: 'unknownAwait', data: { library } });
        return;
      }
      // Inside a nested transaction (a savepoint), moving before the inner one would not help.
      const outer = tracker.scopeAt(scope.call);
      const move = outer ? undefined : moveBefore(resolver, sourceCode, scope, node);
      context.report({
        node,
        messageId: 'unrelatedAwait',
        data: { what: awaited.what, library },
        suggest: move ? [{ messageId: 'moveBeforeTransaction', fix: move }] : [],
      });
    }

    return {
      'FunctionDeclaration, FunctionExpression, ArrowFunctionExpression'(node: FunctionNode) {
        tracker.enterFunction(node);
      },
      CallExpression(node) {
        tracker.enterCall(node);
      },
      AwaitExpression: check,
      'ForOfStatement[await=true]': check,
    };
  },
});

/** Classifies what an `await` waits for. */
function classify(resolver: Resolver, argument: TSESTree.Node): Awaited {
  const target = unwrap(argument);
  if (target.type === AST_NODE_TYPES.Identifier) {
    // `const p = fetch(url); ...; await p`
    const def = resolver.variableOf(target)?.defs[0];
    if (def?.type === DefinitionType.Variable && def.node.id === def.name && def.node.init) return classify(resolver, def.node.init);
    return { type: 'unknown' };
  }
  if (target.type === AST_NODE_TYPES.CallExpression || target.type === AST_NODE_TYPES.TaggedTemplateExpression) {
    if (target.type === AST_NODE_TYPES.CallExpression) {
      const combined = classifyCombinator(resolver, target);
      if (combined) return combined;
    }
    if (isQueryChain(resolver, target)) return { type: 'query' };
    // A project function: named in the message, with the I/O it does.
    if (target.type === AST_NODE_TYPES.CallExpression) {
      const helper = resolver.localFunction(target.callee) ?? resolver.projectMethod(target.callee);
      if (helper) {
        const effects = helper.resolver.functionEffects(helper.fn);
        if (effects.io) return { type: 'io', what: `\`${helper.name}()\`, which ${verbFor(effects.io.value)}`, node: target };
        if (effects.closureQueries.length > 0) return { type: 'query' };
      }
    }
    const value = resolver.resolveIo(target);
    if (value) return { type: 'io', what: describe(value), node: target };
    return { type: 'unknown' };
  }
  if (target.type === AST_NODE_TYPES.NewExpression) {
    const value = resolver.resolveIo(target);
    return value ? { type: 'io', what: describe(value), node: target } : { type: 'unknown' };
  }
  return { type: 'unknown' };
}

/** `Promise.all([fetch(a), tx.user.findMany()])`: unrelated if any element is. */
function classifyCombinator(resolver: Resolver, call: TSESTree.CallExpression): Awaited | undefined {
  const callee = unwrap(call.callee);
  if (
    callee.type !== AST_NODE_TYPES.MemberExpression ||
    callee.object.type !== AST_NODE_TYPES.Identifier ||
    callee.object.name !== 'Promise' ||
    !resolver.isGlobal(callee.object)
  ) {
    return undefined;
  }
  const name = propertyName(callee);
  if (name === undefined || !promiseCombinators.has(name)) return undefined;
  const list = call.arguments[0];
  if (list?.type !== AST_NODE_TYPES.ArrayExpression) {
    // `Promise.all(items.map(...))`: awaits inside the callback are checked where they are.
    return { type: 'query' };
  }
  let sawUnknown = false;
  for (const element of list.elements) {
    if (!element || element.type === AST_NODE_TYPES.SpreadElement) continue;
    const inner = classify(resolver, element);
    if (inner.type === 'io') return inner;
    if (inner.type === 'unknown') sawUnknown = true;
  }
  return sawUnknown ? { type: 'unknown' } : { type: 'query' };
}

/** A call chain whose first call is a query on a database object (`tx.user.findMany()`, `trx('t').where()`). */
function isQueryChain(resolver: Resolver, node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): boolean {
  let current: TSESTree.Node = node;
  for (;;) {
    if (current.type === AST_NODE_TYPES.CallExpression || current.type === AST_NODE_TYPES.TaggedTemplateExpression) {
      if (resolver.queryUse(current)) return true;
      if (current.type === AST_NODE_TYPES.CallExpression && resolver.executionTarget(current)) return true;
      const callee = unwrap(current.type === AST_NODE_TYPES.CallExpression ? current.callee : current.tag);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      current = unwrap(callee.object);
    } else if (current.type === AST_NODE_TYPES.MemberExpression) {
      current = unwrap(current.object);
    } else {
      return false;
    }
  }
}

const articles: Record<IoValue['category'], string> = {
  'HTTP request': 'an HTTP request',
  timer: 'a timer',
  mail: 'sending mail',
  'message queue': 'a message queue',
  'object storage': 'object storage',
  cache: 'a cache',
  'child process': 'a child process',
  'LLM/SDK call': 'an LLM/SDK call',
  'external service': 'an external service',
};

function describe(value: IoValue): string {
  return value.category === 'timer' ? `a timer (${value.source})` : `${articles[value.category]} (${value.source})`;
}

function verbFor(value: IoValue): string {
  return value.category === 'timer' ? `waits on a timer (${value.source}),` : `awaits ${describe(value)},`;
}

/**
 * A fix that moves the awaiting statement before the statement that opens the transaction, when
 * the awaited expression uses nothing computed inside the transaction.
 */
function moveBefore(
  resolver: Resolver,
  sourceCode: Readonly<TSESLint.SourceCode>,
  scope: TransactionScope,
  node: TSESTree.AwaitExpression,
): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[]) | undefined {
  if (scope.form !== 'callback' || scope.callback.body.type !== AST_NODE_TYPES.BlockStatement) return undefined;
  // A callback passed by name may be declared far from the call: moving into it is not attempted.
  if (!scope.call.arguments.includes(scope.callback as TSESTree.CallExpressionArgument)) return undefined;
  const statement = node.parent;
  let moved: TSESTree.Statement | undefined;
  if (statement.type === AST_NODE_TYPES.ExpressionStatement && statement.expression === node) moved = statement;
  else if (
    statement.type === AST_NODE_TYPES.VariableDeclarator &&
    statement.init === node &&
    statement.parent.declarations.length === 1
  ) {
    moved = statement.parent;
  }
  if (!moved || moved.parent !== scope.callback.body) return undefined;
  // Uses nothing declared inside the transaction callback (its handle included).
  const [innerStart, innerEnd] = scope.callback.range;
  const usesInner = findNode(node.argument, (child) => {
    if (child.type !== AST_NODE_TYPES.Identifier || isPropertyName(child)) return false;
    const def = resolver.variableOf(child)?.defs[0];
    if (!def) return false;
    const [start, end] = def.name.range;
    // Names bound inside the awaited expression itself (a Promise executor's `resolve`) move with it.
    const local = start >= node.argument.range[0] && end <= node.argument.range[1];
    return !local && start >= innerStart && end <= innerEnd;
  });
  if (usesInner) return undefined;
  // The statement that opens the transaction, where the moved one goes.
  let anchor: TSESTree.Node = scope.call;
  let holder = parentOf(anchor);
  while (
    holder &&
    holder.type !== AST_NODE_TYPES.BlockStatement &&
    holder.type !== AST_NODE_TYPES.Program &&
    !isFunction(holder)
  ) {
    anchor = holder;
    holder = parentOf(anchor);
  }
  if (holder?.type !== AST_NODE_TYPES.BlockStatement && holder?.type !== AST_NODE_TYPES.Program) return undefined;
  // A moved declaration must not clash with a name in the block it moves to.
  if (moved.type === AST_NODE_TYPES.VariableDeclaration) {
    const names: string[] = [];
    walk(moved.declarations[0].id, (child) => {
      if (child.type === AST_NODE_TYPES.Identifier) names.push(child.name);
      return child.type !== AST_NODE_TYPES.TSTypeAnnotation;
    });
    const blockScope = resolver.scopeOf(anchor);
    if (names.some((name) => blockScope.set.has(name))) return undefined;
  }
  const anchorNode = anchor;
  const movedNode = moved;
  const anchorIndent = ' '.repeat(anchorNode.loc.start.column);
  const movedIndent = movedNode.loc.start.column;
  const text = reindentedText(sourceCode, movedNode.range, movedIndent, anchorIndent);
  return (fixer) => [
    fixer.insertTextBefore(anchorNode, `${text}\n${anchorIndent}`),
    fixer.removeRange(removalRange(sourceCode, movedNode)),
  ];
}

/** A property name (`r.data.name`, `{ name: 1 }`), not a reference to a variable. */
function isPropertyName(id: TSESTree.Identifier): boolean {
  const parent = id.parent;
  if (parent.type === AST_NODE_TYPES.MemberExpression) return parent.property === id && !parent.computed;
  if (parent.type === AST_NODE_TYPES.Property) return parent.key === id && !parent.computed && !parent.shorthand;
  return false;
}

/** Does the callee chain of an awaited call pass through another await? */
function awaitsInChain(argument: TSESTree.Node): boolean {
  let current = unwrap(argument);
  for (;;) {
    if (current.type === AST_NODE_TYPES.AwaitExpression) return true;
    if (current.type === AST_NODE_TYPES.CallExpression) current = unwrap(current.callee);
    else if (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
    else return false;
  }
}

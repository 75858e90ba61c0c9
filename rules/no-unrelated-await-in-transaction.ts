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

export type MessageId =
  | 'unrelatedAwait'
  | 'unknownAwait'
  | 'awaitInSynchronousTransaction'
  | 'moveBeforeTransaction'
  | 'moveBeforeTransactionReordering'
  | 'moveAfterTransaction';

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
      moveBeforeTransactionReordering:
        'Move this statement before the transaction (it then runs before the statements above it, and also when they fail).',
      moveAfterTransaction:
        'Move this statement after the transaction (it then runs after the commit, and its failure no longer rolls the transaction back).',
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
      const moves = outer ? [] : statementMoves(resolver, sourceCode, scope, node);
      context.report({
        node,
        messageId: 'unrelatedAwait',
        data: { what: awaited.what, library },
        suggest: moves.map(({ messageId, fix }) => ({ messageId, fix })),
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

type Fix = (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[];
type Move = { readonly messageId: 'moveBeforeTransaction' | 'moveBeforeTransactionReordering' | 'moveAfterTransaction'; readonly fix: Fix };

/**
 * Where the awaiting statement can go instead, if anywhere. Only a statement at the top level of a
 * transaction callback passed inline, that uses nothing computed inside the transaction, moves;
 * it goes beside the statement that opens the transaction, in the same function.
 * - before: always safe when it is the callback's first statement (it then runs just before
 *   `BEGIN` rather than just after). Below other statements it would also run when they fail, and
 *   ahead of them: offered under its own message, which says so.
 * - after: when it is the last statement, awaits a call for its effect only (its value unused),
 *   and the library's transaction call is awaited by a statement of its own: it then runs after
 *   the commit, and its failure no longer rolls the transaction back (the point of moving mail
 *   or webhooks out).
 */
function statementMoves(
  resolver: Resolver,
  sourceCode: Readonly<TSESLint.SourceCode>,
  scope: TransactionScope,
  node: TSESTree.AwaitExpression,
): Move[] {
  if (scope.form !== 'callback' || scope.callback.body.type !== AST_NODE_TYPES.BlockStatement) return [];
  // A callback passed by name may be declared far from the call: moving into it is not attempted.
  if (!scope.call.arguments.includes(scope.callback as TSESTree.CallExpressionArgument)) return [];
  const body = scope.callback.body;
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
  if (!moved || moved.parent !== body) return [];
  if (usesInsideValues(resolver, scope.callback, node)) return [];
  const anchor = openingStatement(scope.call);
  // The moved `await` needs an async function (or a module) around its new place.
  if (!anchor || !awaitAllowedAt(anchor)) return [];
  const moves: Move[] = [];
  const index = body.body.indexOf(moved);
  if (!declaresClashingName(resolver, moved, anchor) && !readsOuterWrittenInside(resolver, scope.callback, node)) {
    moves.push({
      messageId: index === 0 ? 'moveBeforeTransaction' : 'moveBeforeTransactionReordering',
      fix: moveStatement(sourceCode, moved, anchor, 'before'),
    });
  }
  if (
    moved.type === AST_NODE_TYPES.ExpressionStatement &&
    index === body.body.length - 1 &&
    index > 0 &&
    awaitsCallAlone(anchor, scope.call) &&
    // The library's own call: a project wrapper's promise need not end with the commit.
    resolver.openedTransaction(scope.call) !== undefined
  ) {
    moves.push({ messageId: 'moveAfterTransaction', fix: moveStatement(sourceCode, moved, anchor, 'after') });
  }
  return moves;
}

/** Does the awaited expression read a name declared inside the transaction callback (its handle included)? */
function usesInsideValues(resolver: Resolver, callback: FunctionNode, node: TSESTree.AwaitExpression): boolean {
  const [innerStart, innerEnd] = callback.range;
  // `this`, `arguments` and `super` mean something else outside a non-arrow callback.
  if (
    callback.type !== AST_NODE_TYPES.ArrowFunctionExpression &&
    findNode(
      node.argument,
      (child) =>
        child.type === AST_NODE_TYPES.ThisExpression ||
        child.type === AST_NODE_TYPES.Super ||
        (child.type === AST_NODE_TYPES.Identifier && child.name === 'arguments' && !isPropertyName(child)),
      true,
    )
  ) {
    return true;
  }
  return (
    findNode(node.argument, (child) => {
      if (child.type === AST_NODE_TYPES.YieldExpression) return true;
      if (child.type !== AST_NODE_TYPES.Identifier || isPropertyName(child)) return false;
      const def = resolver.variableOf(child)?.defs[0];
      if (!def) return false;
      const [start, end] = def.name.range;
      // Names bound inside the awaited expression itself (a Promise executor's `resolve`) move with it.
      const local = start >= node.argument.range[0] && end <= node.argument.range[1];
      return !local && start >= innerStart && end <= innerEnd;
    }) !== undefined
  );
}

/**
 * Does the awaited expression read a variable declared outside that the callback assigns? Moved
 * before the transaction, it would read the value from before the assignment.
 */
function readsOuterWrittenInside(resolver: Resolver, callback: FunctionNode, node: TSESTree.AwaitExpression): boolean {
  const [innerStart, innerEnd] = callback.range;
  return (
    findNode(node.argument, (child) => {
      if (child.type !== AST_NODE_TYPES.Identifier || isPropertyName(child)) return false;
      const variable = resolver.variableOf(child);
      return (
        variable?.references.some((reference) => {
          const [start] = reference.identifier.range;
          return reference.isWrite() && !reference.init && start >= innerStart && start <= innerEnd;
        }) ?? false
      );
    }) !== undefined
  );
}

/** The statement that opens the transaction, in a block of the same function as the callback. */
function openingStatement(call: TSESTree.CallExpression): TSESTree.Statement | undefined {
  let anchor: TSESTree.Node = call;
  let holder = parentOf(anchor);
  while (holder && holder.type !== AST_NODE_TYPES.BlockStatement && holder.type !== AST_NODE_TYPES.Program && !isFunction(holder)) {
    anchor = holder;
    holder = parentOf(anchor);
  }
  if (holder?.type !== AST_NODE_TYPES.BlockStatement && holder?.type !== AST_NODE_TYPES.Program) return undefined;
  return anchor as TSESTree.Statement;
}

function awaitAllowedAt(statement: TSESTree.Node): boolean {
  for (let current = parentOf(statement); current; current = parentOf(current)) {
    if (isFunction(current)) return current.async;
    if (current.type === AST_NODE_TYPES.Program) return current.sourceType === 'module';
  }
  return false;
}

/** Is the statement `await call;` or `const x = await call;`: does it end when the transaction commits? */
function awaitsCallAlone(statement: TSESTree.Statement, call: TSESTree.CallExpression): boolean {
  const awaited =
    statement.type === AST_NODE_TYPES.ExpressionStatement
      ? statement.expression
      : statement.type === AST_NODE_TYPES.VariableDeclaration && statement.declarations.length === 1
        ? statement.declarations[0].init
        : null;
  return awaited?.type === AST_NODE_TYPES.AwaitExpression && awaited.argument === call;
}

/**
 * Would a declaration moved before `anchor` clash with a name of the block it moves to, or capture
 * (or put in its temporal dead zone) a reference there to an outer variable of the same name?
 */
function declaresClashingName(resolver: Resolver, moved: TSESTree.Statement, anchor: TSESTree.Statement): boolean {
  if (moved.type !== AST_NODE_TYPES.VariableDeclaration) return false;
  const names: string[] = [];
  walk(moved.declarations[0].id, (child) => {
    if (child.type === AST_NODE_TYPES.Identifier) names.push(child.name);
    return child.type !== AST_NODE_TYPES.TSTypeAnnotation;
  });
  const blockScope = resolver.scopeOf(anchor);
  return names.some((name) => blockScope.set.has(name) || blockScope.through.some((reference) => reference.identifier.name === name));
}

/** Moves `moved` out of the transaction callback to just before or after `anchor`, re-indented. */
function moveStatement(
  sourceCode: Readonly<TSESLint.SourceCode>,
  moved: TSESTree.Statement,
  anchor: TSESTree.Statement,
  where: 'before' | 'after',
): Fix {
  const anchorIndent = ' '.repeat(anchor.loc.start.column);
  const text = reindentedText(sourceCode, moved.range, moved.loc.start.column, anchorIndent);
  return (fixer) => [
    where === 'before' ? fixer.insertTextBefore(anchor, `${text}\n${anchorIndent}`) : fixer.insertTextAfter(anchor, `\n${anchorIndent}${text}`),
    fixer.removeRange(removalRange(sourceCode, moved)),
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

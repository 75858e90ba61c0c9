import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { libraries } from '../orm/catalog/index.js';
import type { KindSpec, LibraryId } from '../orm/catalog/index.js';
import { isBoundByChain } from '../orm/queries.js';
import type { QueryUse } from '../orm/queries.js';
import type { ProjectFunction } from '../orm/origin/context.js';
import type { Resolver } from '../orm/resolver.js';
import { sqlText } from '../orm/transactions/regions.js';
import { parentOf, propertyName, unwrap } from '../orm/syntax.js';
import type { FunctionNode } from '../orm/syntax.js';
import { createRule } from './utils/create-rule.js';
import { librariesOptionSchema } from './utils/options.js';
import { fileResolver, shortText } from './utils/resolver.js';
import { TransactionTracker, handleApiKind, handleNameAt, handleTextAt, isOnHandle, runsOnHandleArgument } from './utils/transactions.js';
import type { TransactionScope } from './utils/transactions.js';

export type Options = [
  {
    /** Libraries to check; default: those the project depends on. */
    libraries?: LibraryId[];
    /** Report calls of local helpers that query through the outer client. */
    checkHelpers?: boolean;
  },
];

export type MessageId =
  | 'outerClient'
  | 'outerClientInHelper'
  | 'outerClientArgument'
  | 'secondConnection'
  | 'nestedTransaction'
  | 'poolTransaction'
  | 'useHandle';

export default createRule<Options, MessageId>({
  name: 'no-outer-client-in-transaction',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow queries through the outer client, pool or repository inside a transaction instead of the transaction handle',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      outerClient:
        '`{{client}}` is the outer {{library}} {{label}}, not the transaction handle: this query runs on another pooled connection, outside the transaction, and once as many transactions run as the pool has connections, each waits for a connection only they could release.',
      outerClientInHelper:
        '`{{helper}}()` queries through the outer {{library}} client `{{client}}`: called inside the transaction, its queries run on another connection, outside the transaction. Pass the transaction handle to it.',
      secondConnection:
        '`{{call}}` takes a second {{library}} connection from the pool while this transaction holds one: once as many transactions run as the pool has connections, each waits for a connection only they could release. Run the work on the transaction handle instead.',
      outerClientArgument:
        '`{{client}}` is the outer {{library}} {{label}}, not the transaction handle: `{{helper}}()` queries through it, so inside this transaction those queries run on another pooled connection, outside the transaction.',
      nestedTransaction:
        'Nested {{library}} transaction opened on the outer `{{client}}`: it needs a second connection while this one is held, which deadlocks the pool at pool size + 1 concurrent requests.{{handleHint}}',
      poolTransaction:
        '`{{begin}}` runs on one pooled connection, but {{queries}} after it may run on another: {{they}} not in the transaction. Check out one connection with `{{client}}.{{checkout}}()` and run the transaction on it.',
      useHandle: 'Use `{{replacement}}` instead.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          libraries: librariesOptionSchema,
          checkHelpers: {
            type: 'boolean',
            description: 'Also report calls of local functions that query through the outer client.',
          },
        },
      },
    ],
    defaultOptions: [{ checkHelpers: true }],
  },
  create(context, [options]) {
    const fileResolverOrNone = fileResolver(context, options.libraries);
    if (!fileResolverOrNone) return {};
    const resolver = fileResolverOrNone;
    const tracker = TransactionTracker.of(resolver);
    const sourceCode = context.sourceCode;
    /** pg `pool.query('BEGIN')` regions, reported once with the count of queries after them. */
    const poolRegions = new Map<TransactionScope, TSESTree.Node[]>();

    function checkQuery(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): void {
      const scope = tracker.handleScopeAt(node);
      if (!scope || scope.form === 'callback' && scope.spec.synchronous) return;
      if (node.type === AST_NODE_TYPES.CallExpression) checkExecutionTarget(node, scope);
      const use = resolver.queryUse(node);
      if (!use || use.receiverValue.viaHandle || use.rootValue.viaHandle) return;
      // A subquery or raw fragment passed into another query runs as part of it.
      if (resolver.embeddedInQuery(use)) return;
      // `(maybeTx ?? prisma).user` where `maybeTx` is unknown: it may be the handle.
      const root = unwrap(use.root);
      if (root.type === AST_NODE_TYPES.LogicalExpression && !resolver.resolve(root.left)) return;
      if (!TransactionTracker.concerns(scope, use.rootValue)) {
        return;
      }
      if (isBoundByChain(use) || runsOnHandleArgument(resolver, scope, use)) return;
      if (scope.form === 'region') {
        const key = resolver.identityKey(use.root);
        if (key !== undefined && key === scope.handleKey) {
          if (scope.spec.spansPool && use.type === 'query') poolRegions.get(scope)?.push(node);
          return;
        }
        // Objects reached from the handle (`queryRunner.manager`, a repository taken from it) are the handle.
        if (isOnHandle(resolver, scope, use.root)) return;
      }
      const library = libraries[use.rootValue.library].name;
      const client = shortText(sourceCode, use.root);
      const loc = { start: use.root.loc.start, end: calleeEnd(use).end };
      if (use.type === 'transaction') {
        // Sequelize `sequelize.transaction({ transaction: t }, cb)` nests as a savepoint.
        if (passesTransactionOption(use)) return;
        const handleKind = libraries[scope.library].kinds[scope.spec.handleKind];
        const handle = handleKind?.transactions?.length ? handleTextAt(resolver, scope, node) : undefined;
        context.report({
          node,
          loc,
          messageId: 'nestedTransaction',
          data: {
            library,
            client,
            handleHint: handle ? ` Run it on \`${handle}\` (a savepoint) or inline it into this transaction.` : '',
          },
        });
        return;
      }
      // Objects that carry the transaction as an option are require-transaction-option's.
      if (use.receiverValue.spec.binding) return;
      const role = use.receiverValue.spec.role;
      if (role !== 'client' && role !== 'model' && role !== 'query') return;
      // `dataSource.getRepository(User).find()` is reported once, at the query; a repository taken
      // into a variable runs no query itself: its queries are judged where they are made. (A
      // connection checked out of the pool, `await pool.connect()`, is a client: it is reported.)
      if (resolver.feedsQuery(use) || (use.type === 'factory' && isStored(use.node) && resolver.resolve(use.node)?.spec.role !== 'client')) {
        return;
      }
      // A connection checked out of the pool (`pool.connect()`, `pool.getConnection()`).
      if (use.type === 'factory' && use.receiverValue.spec.role === 'client' && resolver.resolve(use.node)?.spec.role === 'client') {
        context.report({ node, loc, messageId: 'secondConnection', data: { call: `${client}.${use.method ?? ''}()`, library } });
        return;
      }
      context.report({
        node,
        loc,
        messageId: 'outerClient',
        data: { library, client, label: use.rootValue.spec.label },
        suggest: suggestions(resolver, sourceCode, scope, use).map((replacement) => ({
          messageId: 'useHandle' as const,
          data: { replacement: replacement.text },
          fix: (fixer: TSESLint.RuleFixer) => fixer.replaceText(replacement.node, replacement.text),
        })),
      });
    }

    /** Kysely ``sql`...`.execute(db)`` with the outer `db`. */
    function checkExecutionTarget(node: TSESTree.CallExpression, scope: TransactionScope): void {
      const target = resolver.executionTarget(node);
      if (!target || target.value.viaHandle || target.value.spec.role !== 'client') return;
      if (!TransactionTracker.concerns(scope, target.value)) return;
      const handle = handleTextAt(resolver, scope, node);
      context.report({
        node: target.node,
        messageId: 'outerClient',
        data: {
          library: libraries[target.value.library].name,
          client: shortText(sourceCode, target.node),
          label: target.value.spec.label,
        },
        suggest: handle
          ? [{ messageId: 'useHandle', data: { replacement: handle }, fix: (fixer) => fixer.replaceText(target.node, handle) }]
          : [],
      });
    }

    /** The outer client passed to a project function that queries through that parameter. */
    function checkArguments(node: TSESTree.CallExpression, scope: TransactionScope): void {
      // Clients are passed by name (`prisma`, `this.db`): other arguments are not resolved.
      if (!node.arguments.some(isNamePath)) return;
      const helper = resolver.localFunction(node.callee) ?? resolver.projectMethod(node.callee);
      // (A helper defined inside the callback counts too: its parameter is not resolved where it is.)
      if (!helper) return;
      node.arguments.forEach((argument, index) => {
        const value = isNamePath(argument) ? resolver.resolve(argument) : undefined;
        if (!value || value.viaHandle || value.spec.role !== 'client') return;
        if (!TransactionTracker.concerns(scope, value)) return;
        if (isOnHandle(resolver, scope, argument)) return;
        // The helper as this call runs it: its parameters are the arguments given here.
        const effects = helper.resolver.withArguments(helper.fn, node, resolver).functionEffects(helper.fn);
        if (!effects.parameterQueries.some((query) => query.parameter === index)) return;
        const handle = handleTextAt(resolver, scope, node);
        context.report({
          node: argument,
          messageId: 'outerClientArgument',
          data: {
            client: shortText(sourceCode, argument),
            library: libraries[value.library].name,
            label: value.spec.label,
            helper: helper.name,
          },
          suggest:
            handle && parameterAcceptsHandle(helper, index, scope)
              ? [{ messageId: 'useHandle', data: { replacement: handle }, fix: (fixer) => fixer.replaceText(argument, handle) }]
              : [],
        });
      });
    }

    function checkHelperCall(node: TSESTree.CallExpression): void {
      const scope = tracker.handleScopeAt(node);
      if (!scope || scope.form === 'callback' && scope.spec.synchronous) return;
      if (node.arguments.length > 0) checkArguments(node, scope);
      const helper = resolver.localFunction(node.callee) ?? resolver.projectMethod(node.callee);
      if (!helper) return;
      // A helper defined inside the transaction callback is part of it: its own queries are checked there.
      if (helper.resolver === resolver && isInside(helper.fn, scope)) return;
      const effects = helper.resolver.functionEffects(helper.fn);
      const escape = effects.closureQueries.find(
        (use) =>
          (use.fallbackParameter === undefined || leavesOut(node, use.fallbackParameter, use.fallbackOnNull === true)) &&
          !use.receiverValue.spec.binding &&
          TransactionTracker.concerns(scope, use.rootValue) &&
          !isBoundByChain(use),
      );
      if (!escape) return;
      context.report({
        node: node.callee,
        messageId: 'outerClientInHelper',
        data: {
          helper: helper.name,
          library: libraries[escape.rootValue.library].name,
          client: helper.resolver.textOf(escape.root)?.replace(/\s+/g, ' ') ?? 'client',
        },
      });
    }

    return {
      'FunctionDeclaration, FunctionExpression, ArrowFunctionExpression'(node: FunctionNode) {
        tracker.enterFunction(node);
      },
      CallExpression(node) {
        const opened = tracker.enterCall(node);
        if (opened?.form === 'region' && opened.spec.spansPool) poolRegions.set(opened, []);
        checkQuery(node);
        if (options.checkHelpers !== false) checkHelperCall(node);
      },
      TaggedTemplateExpression: checkQuery,
      'Program:exit'() {
        for (const [scope, queries] of poolRegions) {
          if (queries.length === 0 || scope.form !== 'region' || !scope.spec.spansPool) continue;
          const client = shortText(sourceCode, scope.receiver);
          context.report({
            node: scope.call,
            messageId: 'poolTransaction',
            data: {
              begin: shortText(sourceCode, scope.call, 60),
              client,
              queries: queries.length === 1 ? `the \`${client}\` query` : `each of the ${String(queries.length)} \`${client}\` queries`,
              they: queries.length === 1 ? 'it is' : 'they are',
              checkout: scope.spec.spansPool.checkout,
            },
          });
        }
      },
    };
  },
});


/** Is a value stored in a variable (`const repo = …`, `repo = await …`)? */
function isStored(node: TSESTree.Node): boolean {
  let current: TSESTree.Node = node;
  let parent = parentOf(current);
  while (parent?.type === AST_NODE_TYPES.AwaitExpression || parent?.type === AST_NODE_TYPES.TSAsExpression) {
    current = parent;
    parent = parentOf(current);
  }
  return (
    (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current) ||
    (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === current)
  );
}

/** A name or a member chain of names (`prisma`, `this.db`, `deps.knex`). */
function isNamePath(node: TSESTree.Node): boolean {
  let current = node;
  while (current.type === AST_NODE_TYPES.MemberExpression && !current.computed) current = current.object;
  return current.type === AST_NODE_TYPES.Identifier || current.type === AST_NODE_TYPES.ThisExpression;
}

/** Is a node inside the code a transaction scope covers? */
function isInside(node: TSESTree.Node, scope: TransactionScope): boolean {
  return scope.body[0] <= node.range[0] && node.range[1] <= scope.body[1];
}

/**
 * Does a helper's parameter accept the transaction handle, as declared: no type, `any` or
 * `unknown`, the handle's own type, a type the handle is an instance of (`Knex`), or a union
 * holding one of those (`Prisma.TransactionClient | PrismaClient`)?
 */
function parameterAcceptsHandle(helper: ProjectFunction<Resolver>, index: number, scope: TransactionScope): boolean {
  const declared = helper.fn.params[index];
  const param = declared?.type === AST_NODE_TYPES.AssignmentPattern ? declared.left : declared;
  if (param?.type !== AST_NODE_TYPES.Identifier) return false;
  const annotation = param.typeAnnotation?.typeAnnotation;
  if (!annotation) return true;
  const accepts = (type: TSESTree.TypeNode): boolean => {
    if (type.type === AST_NODE_TYPES.TSAnyKeyword || type.type === AST_NODE_TYPES.TSUnknownKeyword) return true;
    if (type.type === AST_NODE_TYPES.TSUnionType) return type.types.some(accepts);
    const value = helper.resolver.resolveAnnotation(type);
    if (!value || value.library !== scope.library) return false;
    return value.kind === scope.spec.handleKind || value.kind === handleApiKind(scope) || value.spec.acceptsHandle === true;
  };
  return accepts(annotation);
}

/** Where the reported range ends: the method name, or the callee / tag for `knex('t')`, sql``. */
function calleeEnd(use: QueryUse): TSESTree.SourceLocation {
  const node = use.node;
  if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) return node.tag.loc;
  return unwrap(node.callee).loc;
}

/** Receivers on the handle that run the same query inside the transaction. */
function suggestions(
  resolver: Resolver,
  sourceCode: Readonly<TSESLint.SourceCode>,
  scope: TransactionScope,
  use: QueryUse,
): { node: TSESTree.Node; text: string }[] {
  const handle = handleTextAt(resolver, scope, use.node);
  const handleName = handleNameAt(resolver, scope, use.node);
  if (!handle || !handleName) return [];
  // Beginning or ending a transaction on another connection: moving it onto the handle would
  // begin a transaction inside this one.
  if (controlsTransaction(use)) return [];
  const apiKind = libraries[scope.library].kinds[handleApiKind(scope)];
  // `createQueryBuilder('u', otherRunner)`: the runner given decides where it runs; give it the
  // transaction's own.
  const runner = runnerArgument(resolver, scope, use, handleName);
  if (runner) return [runner];
  // The receiver is the same kind of object as the handle (`dataSource.manager` → `manager`,
  // another query runner → `queryRunner`).
  if (use.receiverValue.library === scope.library) {
    if (use.receiverValue.kind === handleApiKind(scope)) return [{ node: use.receiver, text: handle }];
    if (use.receiverValue.kind === scope.spec.handleKind) return [{ node: use.receiver, text: handleName }];
  }
  // Same API on the handle: swap the root client (`prisma.user` → `tx.user`, and a factory chain
  // such as `dataSource.getRepository(User)` → `manager.getRepository(User)`), when the handle
  // has what the chain uses next.
  if (
    TransactionTracker.covers(scope, use.rootValue.library) &&
    use.rootValue.spec.handleHasSameApi &&
    use.rootValue.spec.role === 'client' &&
    apiKind !== undefined &&
    handleOffers(apiKind, firstStep(use)) &&
    (use.root === use.receiver || use.receiverValue.spec.handleHasSameApi || use.receiver.type === AST_NODE_TYPES.CallExpression)
  ) {
    return [{ node: use.root, text: handle }];
  }
  const receiverText = sourceCode.getText(use.receiver);
  const result: { node: TSESTree.Node; text: string }[] = [];
  for (const form of use.receiverValue.spec.handleForms ?? []) {
    if (form.includes('{entity}') && !use.receiverValue.entity) continue;
    result.push({
      node: use.receiver,
      text: form
        .replaceAll('{handle}', handle)
        .replaceAll('{entity}', use.receiverValue.entity ?? '')
        .replaceAll('{receiver}', receiverText),
    });
  }
  return result;
}

/** Does the call begin or end a transaction (`conn.beginTransaction()`, `client.query('BEGIN')`)? */
function controlsTransaction(use: QueryUse): boolean {
  const method = use.method;
  if (method === undefined || use.node.type !== AST_NODE_TYPES.CallExpression) return false;
  const first = use.node.arguments[0];
  return (use.receiverValue.spec.regions ?? []).some((region) => {
    const sql = sqlText(first, region.sqlProperty);
    const begins = region.begin === method && (!region.beginSql || (sql !== undefined && region.beginSql.test(sql)));
    const ends = region.end.includes(method) && (!region.endSql || (sql !== undefined && region.endSql.test(sql)));
    return begins || ends;
  });
}

/** For a query told where to run by an argument (`createQueryBuilder('u', runner)`): that argument, and the handle's equivalent. */
function runnerArgument(
  resolver: Resolver,
  scope: TransactionScope,
  use: QueryUse,
  handleName: string,
): { node: TSESTree.Node; text: string } | undefined {
  const method = use.method;
  if (method === undefined || use.node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  if (!use.receiverValue.spec.runsOnArgument?.includes(method)) return undefined;
  const handleKind = libraries[scope.library].kinds[scope.spec.handleKind];
  for (const argument of use.node.arguments) {
    const value = resolver.resolve(argument);
    if (value?.library !== scope.library) continue;
    if (value.kind === scope.spec.handleKind) return { node: argument, text: handleName };
    const property = Object.entries(handleKind?.properties ?? {}).find(([, kind]) => kind === value.kind)?.[0];
    if (property !== undefined) return { node: argument, text: `${handleName}.${property}` };
  }
  return undefined;
}

/** What the chain does first with its root: a property, a method, or a call / tagged template. */
function firstStep(use: QueryUse): { type: 'member'; name: string } | { type: 'call' } | { type: 'tag' } {
  let step: ReturnType<typeof firstStep> = use.node.type === AST_NODE_TYPES.TaggedTemplateExpression ? { type: 'tag' } : { type: 'call' };
  // Walk from the chain's end down to its root, through factory calls
  // (`dataSource.manager.getRepository(User).find()` starts with `.manager`).
  let node: TSESTree.Node = use.node.type === AST_NODE_TYPES.CallExpression ? unwrap(use.node.callee) : unwrap(use.node.tag);
  for (;;) {
    if (node === use.root) return step;
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const name = propertyName(node);
      if (name === undefined) return step;
      step = { type: 'member', name };
      node = unwrap(node.object);
    } else if (node.type === AST_NODE_TYPES.CallExpression) {
      step = { type: 'call' };
      node = unwrap(node.callee);
    } else {
      return step;
    }
  }
}

/** Does the handle's kind offer that first step? */
function handleOffers(kind: KindSpec, step: ReturnType<typeof firstStep>): boolean {
  switch (step.type) {
    case 'tag':
      return kind.taggedTemplateQuery === true;
    case 'call':
      return kind.callResult !== undefined;
    case 'member': {
      const name = step.name;
      if (kind.queryMethods?.includes(name) || kind.methods?.[name] !== undefined || kind.properties?.[name] !== undefined) {
        return true;
      }
      const any = kind.anyProperty;
      return any !== undefined && !(any.exceptPrefixes ?? []).some((prefix) => name.startsWith(prefix));
    }
  }
}

/** A transaction-opening call that passes the current transaction as an option. */
function passesTransactionOption(use: QueryUse): boolean {
  const binding = use.receiverValue.spec.binding;
  if (binding?.style !== 'options-property' || use.node.type !== AST_NODE_TYPES.CallExpression) return false;
  return use.node.arguments.some(
    (arg) =>
      arg.type === AST_NODE_TYPES.ObjectExpression &&
      arg.properties.some(
        (p) => p.type === AST_NODE_TYPES.Property && !p.computed && p.key.type === AST_NODE_TYPES.Identifier && p.key.name === binding.property,
      ),
  );
}

/**
 * Does a call leave out an argument: missing, `undefined` or `void 0` — and `null` too for a
 * `tx ?? prisma` fallback (a default parameter applies to `undefined` only)?
 */
function leavesOut(call: TSESTree.CallExpression, index: number, nullFallsBack: boolean): boolean {
  const arg = call.arguments[index];
  if (!arg) return !call.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement);
  if (arg.type === AST_NODE_TYPES.Identifier) return arg.name === 'undefined';
  if (arg.type === AST_NODE_TYPES.UnaryExpression) return arg.operator === 'void';
  return nullFallsBack && arg.type === AST_NODE_TYPES.Literal && arg.value === null;
}

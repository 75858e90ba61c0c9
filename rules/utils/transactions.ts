import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import { libraries } from '../../orm/catalog/index.js';
import type { LibraryId } from '../../orm/catalog/index.js';
import type { OpenedTransaction } from '../../orm/origin/context.js';
import { gatesFor, mayOpenCallbackTransaction } from '../../orm/gates.js';
import type { LibraryGates } from '../../orm/gates.js';
import type { QueryUse } from '../../orm/queries.js';
import type { Resolver } from '../../orm/resolver.js';
import { propertyName, unwrap } from '../../orm/syntax.js';
import type { Node } from '../../orm/syntax.js';
import type { FunctionNode } from '../../orm/syntax.js';
import { sqlText } from '../../orm/transactions/regions.js';
import type { BegunRegion } from '../../orm/transactions/regions.js';
import type { DbValue } from '../../orm/values.js';

/** A transaction the traversal is inside of. */
export type TransactionScope = (OpenedTransaction | BegunRegion) & {
  /** Source range of the code that runs inside the transaction. */
  readonly body: readonly [number, number];
  /** Queries on the outer client are joined to the transaction by the library itself. */
  readonly propagates: boolean;
};

/**
 * Tracks the transactions open at each point of one file's traversal. Callback transactions are
 * found when their opening call is entered, regions when their begin call is; both are found
 * before any node inside them is visited, because ESLint visits a call before its arguments and a
 * statement before the statements that follow it.
 */
/**
 * A call with an async callback that may be a project transaction wrapper
 * (`await this.db.transaction(async (t) => ...)`). Finding out means resolving the callee, often in
 * another module, and most such calls are route handlers, `map`s and test bodies: the question is
 * asked only when something inside the callback needs the answer.
 */
interface PendingWrapper {
  readonly pending: true;
  readonly call: TSESTree.CallExpression;
  /** From the first function argument to the last: the callback is one of them. */
  readonly body: readonly [number, number];
  settled?: TransactionScope | null;
}

export class TransactionTracker {
  /** Open transactions, and calls that may run their callback in one (see {@link PendingWrapper}). */
  private readonly scopes: (TransactionScope | PendingWrapper)[] = [];
  private readonly propagation = new Map<string, boolean>();
  /** Scopes by transaction: a callback passed by name is entered at its definition and its call. */
  private readonly opened = new Map<OpenedTransaction, TransactionScope>();
  /** What each call entered: every rule enters every call, the first one does the work. */
  // Plain collections: the tracker lives as long as the file's resolver, and so do its nodes.
  private readonly entered = new Map<TSESTree.CallExpression, TransactionScope | null>();
  private readonly enteredFunctions = new Set<FunctionNode>();
  private lastCall: TSESTree.CallExpression | undefined;
  private lastScope: TransactionScope | undefined;

  private readonly gates: LibraryGates;

  private constructor(private readonly resolver: Resolver) {
    this.gates = gatesFor(resolver.env.libraries);
  }

  /**
   * The tracker of a file's traversal, shared by the rules linting it with the same libraries (one
   * resolver): ESLint visits each node once for all rules, so they all see the same scopes.
   */
  static of(resolver: Resolver): TransactionTracker {
    let tracker = trackers.get(resolver);
    if (!tracker) {
      tracker = new TransactionTracker(resolver);
      trackers.set(resolver, tracker);
    }
    return tracker;
  }

  /** Call on every CallExpression, before looking at anything inside it. */
  enterCall(node: TSESTree.CallExpression): TransactionScope | undefined {
    // The rules enter a call one after the other: the last one answers without a lookup.
    if (node === this.lastCall) return this.lastScope;
    this.leaveEndedScopes(node);
    const known = this.entered.get(node);
    const scope = known !== undefined ? (known ?? undefined) : this.scopeOfCall(node);
    if (known === undefined) this.entered.set(node, scope ?? null);
    this.lastCall = node;
    this.lastScope = scope;
    return scope;
  }

  private scopeOfCall(node: TSESTree.CallExpression): TransactionScope | undefined {
    // Most calls name no opener of any active library: one name lookup settles them.
    const callee = unwrap(node.callee);
    const name = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
    const named = name !== undefined && (this.gates.callbackOpeners.has(name) || this.gates.regionBegins.has(name));
    const candidate = callee.type === AST_NODE_TYPES.MemberExpression ? named : this.gates.callbackOnCall;
    if (!candidate || !mayOpenTransaction(node, this.resolver.env.libraries)) {
      if (hasAsyncFunctionArgument(node)) this.enterPendingWrapper(node);
      return undefined;
    }
    const opened = this.resolver.openedTransaction(node);
    if (opened) return this.enterOpened(opened);
    const region = this.resolver.begunRegion(node);
    if (region) {
      const scope: TransactionScope = {
        ...region,
        body: region.range,
        propagates: region.spec.propagates === true || this.propagates(region.owner),
      };
      this.scopes.push(scope);
      return scope;
    }
    if (hasAsyncFunctionArgument(node)) this.enterPendingWrapper(node);
    return undefined;
  }

  /**
   * Call on every function, before looking inside it: a transaction callback passed by name
   * (`const work = async (tx) => ...; await prisma.$transaction(work)`) is a transaction body
   * wherever it is written, before or after the call that opens the transaction.
   */
  enterFunction(node: FunctionNode): void {
    if (this.enteredFunctions.has(node)) return;
    this.enteredFunctions.add(node);
    this.leaveEndedScopes(node);
    const parent = node.parent;
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(node as TSESTree.CallExpressionArgument)) return;
    const named =
      node.type === AST_NODE_TYPES.FunctionDeclaration ? node.id !== null : parent.type === AST_NODE_TYPES.VariableDeclarator;
    if (!named) return;
    const opened = this.resolver.transactionOfCallback(node);
    if (opened) this.enterOpened(opened);
  }

  private enterOpened(opened: OpenedTransaction): TransactionScope {
    const known = this.opened.get(opened);
    if (known) return known;
    const scope: TransactionScope = {
      ...opened,
      body: [opened.callback.body.range[0], opened.callback.body.range[1]],
      propagates: opened.spec.propagates === true || this.propagates(opened.owner),
    };
    this.opened.set(opened, scope);
    this.scopes.push(scope);
    return scope;
  }

  /** Remembers a call that may be a project wrapper, to be resolved when asked (see {@link PendingWrapper}). */
  private enterPendingWrapper(node: TSESTree.CallExpression): void {
    let start = Number.POSITIVE_INFINITY;
    let end = Number.NEGATIVE_INFINITY;
    for (const argument of node.arguments) {
      if (argument.type !== AST_NODE_TYPES.ArrowFunctionExpression && argument.type !== AST_NODE_TYPES.FunctionExpression) continue;
      start = Math.min(start, argument.range[0]);
      end = Math.max(end, argument.range[1]);
    }
    this.scopes.push({ pending: true, call: node, body: [start, end] });
  }

  /** The transaction a pending call's callback runs in, worked out the first time it is needed. */
  private settle(pending: PendingWrapper): TransactionScope | undefined {
    if (pending.settled === undefined) pending.settled = this.wrapperScope(pending.call) ?? null;
    return pending.settled ?? undefined;
  }

  /**
   * A project wrapper around a library transaction (`await this.db.transaction(async (t) => ...)`
   * where `transaction` is the project's own method). Its callback runs in the transaction, but
   * how it reaches the transaction is the wrapper's business: treated as propagating, so only
   * checks that do not depend on the handle (unrelated awaits) apply there.
   */
  private wrapperScope(node: TSESTree.CallExpression): TransactionScope | undefined {
    const wrapped = this.resolver.wrappedTransaction(node);
    if (!wrapped) return undefined;
    const scope: TransactionScope = {
      form: 'callback',
      library: wrapped.library,
      owner: wrapped.owner,
      call: node,
      receiver: node.callee,
      callback: wrapped.callback,
      handle: undefined,
      spec: { ...wrapped.spec, handleParam: -1 },
      body: [wrapped.callback.body.range[0], wrapped.callback.body.range[1]],
      propagates: true,
    };
    return scope;
  }

  /**
   * Drops the transactions whose code ends before a node the traversal enters: it never comes back
   * to them, and `scopeAt`, asked at every call, then looks only at the transactions still open.
   * Scopes are pushed in source order and nest, so the ended ones are on top.
   */
  private leaveEndedScopes(node: TSESTree.Node): void {
    const start = node.range[0];
    for (let top = this.scopes.at(-1); top && top.body[1] < start; top = this.scopes.at(-1)) this.scopes.pop();
  }

  /** The innermost transaction containing a node. */
  scopeAt(node: TSESTree.Node): TransactionScope | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i -= 1) {
      const entry = this.scopes[i];
      if (!entry || !contains(entry.body, node)) continue;
      if (!('pending' in entry)) return entry;
      const scope = this.settle(entry);
      if (scope && contains(scope.body, node)) return scope;
    }
    return undefined;
  }

  /**
   * The innermost transaction containing a node when the library does not itself bind the queries
   * in it, else undefined: what the checks that need the transaction handle ask. A project wrapper
   * counts as binding them, so calls that may be wrappers are resolved only inside a transaction
   * the handle checks apply to (almost never), not wherever an async callback is.
   */
  handleScopeAt(node: TSESTree.Node): TransactionScope | undefined {
    let innerPending: PendingWrapper[] | undefined;
    for (let i = this.scopes.length - 1; i >= 0; i -= 1) {
      const entry = this.scopes[i];
      if (!entry || !contains(entry.body, node)) continue;
      if ('pending' in entry) {
        (innerPending ??= []).push(entry);
        continue;
      }
      if (entry.propagates) return undefined;
      for (const pending of innerPending ?? []) {
        const wrapper = this.settle(pending);
        if (wrapper && contains(wrapper.body, node)) return undefined;
      }
      return entry;
    }
    return undefined;
  }

  /** Does a transaction of this library cover queries of that one? */
  static covers(scope: TransactionScope, library: LibraryId): boolean {
    return scope.library === library || (libraries[library].sharesTransactionsWith ?? []).includes(scope.library);
  }

  /**
   * Could a query on this value escape the transaction: a library the transaction covers, on the
   * same connection source, or any client on the very pool the transaction runs on
   * (`pool.connect()` inside a transaction of `drizzle(pool)`)?
   */
  static concerns(scope: TransactionScope, value: DbValue): boolean {
    if (scope.owner.origin !== undefined && scope.owner.origin === value.origin) return true;
    return TransactionTracker.covers(scope, value.library) && TransactionTracker.sameSource(scope, value);
  }

  /** Could a value belong to the same database as the transaction's owner? */
  static sameSource(scope: TransactionScope, value: DbValue): boolean {
    return scope.owner.origin === undefined || value.origin === undefined || scope.owner.origin === value.origin;
  }

  /** Sequelize `useCLS`, typeorm-transactional: the library joins outer queries to the transaction. */
  private propagates(owner: DbValue): boolean {
    const key = `${owner.library}:${owner.origin ?? ''}`;
    const cached = this.propagation.get(key);
    if (cached !== undefined) return cached;
    const catalog = libraries[owner.library];
    let result = false;
    if (Object.values(catalog.kinds).some((kind) => kind.propagationSwitch)) {
      result =
        this.resolver.callsPropagationSwitch(owner.library) ||
        (this.resolver.moduleOfOrigin(owner.origin)?.callsPropagationSwitch(owner.library) ?? false);
    }
    this.propagation.set(key, result);
    return result;
  }
}

const trackers = new WeakMap<Resolver, TransactionTracker>();

function contains(body: readonly [number, number], node: TSESTree.Node): boolean {
  return body[0] <= node.range[0] && node.range[1] <= body[1];
}

/** Transaction bodies passed to a project wrapper are async functions. */
function hasAsyncFunctionArgument(node: TSESTree.CallExpression): boolean {
  return node.arguments.some(
    (arg) => (arg.type === AST_NODE_TYPES.ArrowFunctionExpression || arg.type === AST_NODE_TYPES.FunctionExpression) && arg.async,
  );
}

/**
 * Cheap syntactic gate before any resolution: `.query()` and `.execute()` are everywhere, so a
 * region begin by SQL needs its SQL literal, and a chained begin needs its opening call below it
 * (`startTransaction()` under `.setIsolationLevel(…).execute()`, not `selectFrom(…)`).
 */
function mayOpenTransaction(node: TSESTree.CallExpression, active: ReadonlySet<LibraryId>): boolean {
  if (mayOpenCallbackTransaction(node, active)) return true;
  const callee = unwrap(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = propertyName(callee);
  if (name === undefined) return false;
  const region = gatesFor(active).regionBegins.get(name);
  if (!region || node.parent.type !== AST_NODE_TYPES.AwaitExpression) return false;
  if (region.plain) return true;
  if (region.chainedAfter.size > 0 && chainCalls(callee.object, region.chainedAfter)) return true;
  const first = node.arguments[0];
  let sql = sqlText(first, undefined);
  if (sql === undefined && first?.type === AST_NODE_TYPES.ObjectExpression) {
    for (const property of region.sqlProperties) sql ??= sqlText(first, property);
  }
  return sql !== undefined && region.sql.some((pattern) => pattern.test(sql));
}

/** Is an expression the transaction's handle, or an object reached from it? */
export function isOnHandle(resolver: Resolver, scope: TransactionScope, node: TSESTree.Node): boolean {
  if (scope.form === 'region') return scope.handleKey !== undefined && resolver.reachesRegionHandle(node, scope.handleKey);
  return resolver.resolve(node)?.viaHandle === true;
}

/** A query told to run on the handle by one of its arguments (`createQueryBuilder('u', queryRunner)`). */
export function runsOnHandleArgument(resolver: Resolver, scope: TransactionScope, use: QueryUse): boolean {
  const method = use.method;
  if (method === undefined || use.node.type !== AST_NODE_TYPES.CallExpression) return false;
  if (!use.receiverValue.spec.runsOnArgument?.includes(method)) return false;
  return use.node.arguments.some((arg) => isOnHandle(resolver, scope, arg));
}

/** The name a handle is reachable by at a node, if it is not shadowed there. */
export function handleNameAt(resolver: Resolver, scope: TransactionScope, at: TSESTree.Node): string | undefined {
  const handle = scope.handle;
  if (!handle) return undefined;
  const key = resolver.identityKey(handle);
  const probe: TSESTree.Identifier = { ...handle, parent: at };
  const visible = resolver.variableOf(probe);
  const visibleKey = visible?.defs[0] ? `var:${String(visible.defs[0].name.range[0])}` : undefined;
  return visibleKey === key ? handle.name : undefined;
}

/** The expression that runs queries in the transaction at a node (`trx`, `queryRunner.manager`). */
export function handleTextAt(resolver: Resolver, scope: TransactionScope, at: TSESTree.Node): string | undefined {
  const name = handleNameAt(resolver, scope, at);
  const access = scope.spec.handleAccess;
  return name && access ? `${name}.${access}` : name;
}

/** The kind of object {@link handleTextAt} gives. */
export function handleApiKind(scope: TransactionScope): string {
  const access = scope.spec.handleAccess;
  if (!access) return scope.spec.handleKind;
  return libraries[scope.library].kinds[scope.spec.handleKind]?.properties?.[access] ?? scope.spec.handleKind;
}

/** Is one of the calls down a method chain (`a.b().c().d`) a call of one of these methods? */
function chainCalls(start: Node, methods: ReadonlySet<string>): boolean {
  let node = unwrap(start);
  for (let depth = 0; depth < 16 && node.type === AST_NODE_TYPES.CallExpression; depth += 1) {
    const callee = unwrap(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    if (methods.has(propertyName(callee) ?? '')) return true;
    node = unwrap(callee.object);
  }
  return false;
}

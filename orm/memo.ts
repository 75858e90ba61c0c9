/** Memoisation for answers about nodes, shared by the resolver facade's caches. */
import type { TSESTree } from '@typescript-eslint/utils';

/**
 * A question that fails on a shape nobody foresaw answers "nothing known" rather than break the
 * user's lint run. The plugin's own tests set `ASYNC_DB_STRICT=1` so that such a failure fails
 * the test that met it instead.
 */
const strict = process.env.ASYNC_DB_STRICT === '1';

function failed(error: unknown): void {
  if (strict) throw error;
}

/** Marks a node whose answer is being computed, to cut cycles (`let a = b; let b = a`). */
export const resolving = Symbol('resolving');

/** The part of a Map (or WeakMap) the memos use. */
export interface KeyedCache<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

export type NodeCache<T> = KeyedCache<TSESTree.Node, T | null | typeof resolving>;

/**
 * Per-node memo with a guard against cycles: a node met again while it is being resolved
 * resolves to nothing. Any exception resolves to nothing too: unknown shapes must never break
 * linting.
 */
export function memoized<T>(
  cache: NodeCache<T>,
  node: TSESTree.Node | null | undefined,
  compute: (node: TSESTree.Node) => T | undefined,
): T | undefined {
  if (!node) return undefined;
  const cached = cache.get(node);
  if (cached === resolving) return undefined;
  if (cached !== undefined) return cached ?? undefined;
  cache.set(node, resolving);
  let value: T | undefined;
  try {
    value = compute(node);
  } catch (error) {
    failed(error);
    value = undefined;
  }
  cache.set(node, value ?? null);
  return value;
}

/**
 * Per-node memo for answers computed once per node: a node met again while it is being answered
 * has no answer (yet). A failure answers nothing, as in {@link memoized}.
 */
export function cachedOnce<K extends object, T>(cache: KeyedCache<K, T | null>, key: K, compute: () => T | undefined): T | undefined {
  const cached = cache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  cache.set(key, null);
  let value: T | undefined;
  try {
    value = compute();
  } catch (error) {
    failed(error);
    value = undefined;
  }
  cache.set(key, value ?? null);
  return value;
}

/** Runs a question that is not memoised with the same failure policy. */
export function guarded<T>(compute: () => T, fallback: T): T {
  try {
    return compute();
  } catch (error) {
    failed(error);
    return fallback;
  }
}

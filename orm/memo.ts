/** Memoisation for answers about nodes, shared by the resolver facade's caches. */
import type { TSESTree } from '@typescript-eslint/utils';

/** Marks a node whose answer is being computed, to cut cycles (`let a = b; let b = a`). */
export const resolving = Symbol('resolving');

export type NodeCache<T> = WeakMap<TSESTree.Node, T | null | typeof resolving>;

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
  } catch {
    value = undefined;
  }
  cache.set(node, value ?? null);
  return value;
}

/**
 * Per-node memo for answers computed once per node: a node met again while it is being answered
 * has no answer (yet).
 */
export function cachedOnce<K extends object, T>(cache: WeakMap<K, T | null>, key: K, compute: () => T | undefined): T | undefined {
  const cached = cache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  cache.set(key, null);
  const value = compute();
  cache.set(key, value ?? null);
  return value;
}

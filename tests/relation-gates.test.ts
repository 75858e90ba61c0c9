/**
 * The relation rule's syntactic gate: a loading call whose rows cannot be read in the module is
 * never resolved. It must let through every place the row follower reads from (the rule's tests
 * prove the reads are then found) and stop the rest.
 */
import { parse, simpleTraverse } from '@typescript-eslint/typescript-estree';
import { AST_NODE_TYPES } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { describe, expect, it } from 'vitest';

import { rowsMayBeRead } from '../orm/relations/rows.js';

/** The `find` call of a snippet, with parent links. */
function findCall(code: string): TSESTree.CallExpression {
  const ast = parse(code, { range: true });
  let found: TSESTree.CallExpression | undefined;
  simpleTraverse(ast, {
    enter(node) {
      if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && node.callee.property.type === AST_NODE_TYPES.Identifier && node.callee.property.name === 'find') found ??= node;
    },
  }, true);
  if (!found) throw new Error('no find() call');
  return found;
}

describe('rowsMayBeRead', () => {
  it.each([
    ['a variable', 'async function f() { const books = await repo.find(); }', true],
    ['a member read', 'async function f() { return (await repo.find())[0].author; }', true],
    ['an argument', 'async function f() { render(await repo.find()); }', true],
    ['a for…of', 'async function f() { for (const b of await repo.find()) {} }', true],
    ['returned from a named function', 'async function list() { return repo.find(); }', true],
    ['the body of an arrow held by a const', 'const list = async () => repo.find();', true],
    ['returned from a class method', 'class S { list() { return repo.find(); } }', false],
    ['returned from an anonymous callback', 'app.get("/", async () => { return repo.find(); });', false],
    ['assigned to a property', 'async function f() { this.books = await repo.find(); }', false],
    ['discarded', 'async function f() { await repo.find(); }', false],
    ['one side of a condition', 'async function f(x) { const b = x ? await repo.find() : []; }', false],
  ])('%s', (_name, code, expected) => {
    expect(rowsMayBeRead(findCall(code))).toBe(expected);
  });
});

/**
 * The relation rule's syntactic gate: a loading call whose rows cannot be read in the module is
 * never resolved. It must let through every place the row follower reads from (the rule's tests
 * prove the reads are then found) and stop the rest.
 */
import { parse, simpleTraverse } from '@typescript-eslint/typescript-estree';
import { AST_NODE_TYPES } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { describe, expect, it } from 'vitest';

import { libraries } from '../orm/catalog/index.js';
import type { LoadingMethod } from '../orm/catalog/index.js';
import { argumentsFit } from '../orm/relations/loaded.js';
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

/**
 * The second gate: a call whose arguments no loading method of its name takes leaves what it loads
 * unknown, so its receiver is never resolved (a project service's `findOne(ctx, id)`).
 */
describe('argumentsFit', () => {
  const method = (library: 'typeorm' | 'mikro-orm', kind: string, name: string): LoadingMethod => {
    const found = libraries[library].relations?.loading.kinds[kind]?.[name];
    if (!found) throw new Error(`no ${library} ${kind}.${name}`);
    return found;
  };
  const typeormFindOne = method('typeorm', 'repository', 'findOne');
  const typeormFindBy = method('typeorm', 'repository', 'findBy');
  const mikroFind = method('mikro-orm', 'em', 'find');
  it.each([
    ['TypeORM findOne(options)', 'repo.find({ where: { id }, relations: ["author"] })', typeormFindOne, true],
    ['TypeORM findOne() with no options', 'repo.find()', typeormFindOne, true],
    ['TypeORM findOne(options as T)', 'repo.find({ where } as FindOneOptions<Book>)', typeormFindOne, true],
    ['a service findOne(ctx, id)', 'this.books.find(ctx, id)', typeormFindOne, false],
    ['options held in a variable', 'repo.find(options)', typeormFindOne, false],
    ['options with a spread', 'repo.find({ ...options })', typeormFindOne, false],
    ['a spread argument', 'repo.find(...args)', typeormFindOne, false],
    ['TypeORM findBy(where): takes no options', 'repo.find({ id })', typeormFindBy, true],
    ['MikroORM em.find(Entity, where, options)', 'em.find(Book, { id }, { populate: ["author"] })', mikroFind, true],
    ['MikroORM em.find with a fourth argument', 'em.find(Book, { id }, {}, extra)', mikroFind, false],
  ])('%s', (_name, code, loading, expected) => {
    expect(argumentsFit(findCall(code), loading)).toBe(expected);
  });
});

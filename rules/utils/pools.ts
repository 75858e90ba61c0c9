import { DefinitionType } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { LibraryId } from '../../orm/catalog/index.js';
import { isPoolModule, poolCalleeNames } from '../../orm/gates.js';
import type { Construction, PoolConstruction } from '../../orm/pools/options.js';
import type { Resolver } from '../../orm/resolver.js';
import { importedName, propertyName, requireSource, unwrap } from '../../orm/syntax.js';
import type { Node } from '../../orm/syntax.js';
import { fileResolver } from './resolver.js';

/** `const pg = require('pg')` binds the module; `const { Pool } = require('pg')` its makers only. */
function namesFromPattern(pattern: Node, makers: ReadonlySet<string>, names: Set<string>): void {
  if (pattern.type === AST_NODE_TYPES.Identifier) names.add(pattern.name);
  else if (pattern.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of pattern.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : undefined;
      const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
      if (key !== undefined && (makers.has(key) || key === 'default') && value.type === AST_NODE_TYPES.Identifier) names.add(value.name);
    }
  }
}

/** Every name a declaration pattern binds. */
function collectBound(pattern: Node, names: Set<string>): void {
  if (pattern.type === AST_NODE_TYPES.Identifier) names.add(pattern.name);
  else if (pattern.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of pattern.properties) collectBound(property.type === AST_NODE_TYPES.Property ? property.value : property.argument, names);
  } else if (pattern.type === AST_NODE_TYPES.AssignmentPattern) collectBound(pattern.left, names);
}

/** `require('pg')`, `require('pg').Pool`, `await import('pg')`: the module it loads. */
function loadedModule(init: Node): string | undefined {
  let node = unwrap(init);
  if (node.type === AST_NODE_TYPES.AwaitExpression) node = unwrap(node.argument);
  while (node.type === AST_NODE_TYPES.MemberExpression) node = unwrap(node.object);
  if (node.type === AST_NODE_TYPES.ImportExpression) {
    return node.source.type === AST_NODE_TYPES.Literal && typeof node.source.value === 'string' ? node.source.value : undefined;
  }
  return requireSource(node);
}

/** What a file binds at its top level to packages that make pools. */
export interface PoolImports {
  /** Local names of their makers and modules (`pg`, `Pool`, `knexFactory`). */
  readonly names: ReadonlySet<string>;
  /** It binds a maker or a whole module of such a package, or calls one as it loads it (`require('knex')(config)`): else it makes no pool. */
  readonly any: boolean;
}

const importsByResolver = new WeakMap<Resolver, PoolImports>();

/** The pool-making packages a file imports or requires at its top level (one pass over those statements per file). */
export function poolImports(resolver: Resolver): PoolImports {
  const known = importsByResolver.get(resolver);
  if (known) return known;
  const names = new Set<string>();
  let any = false;
  const active = resolver.env.libraries;
  const makers = poolCalleeNames(active);
  for (const statement of resolver.module.ast.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      if (statement.importKind === 'type' || !isPoolModule(active, statement.source.value)) continue;
      // Only the makers and whole modules: `import { Column, Entity } from 'typeorm'`'s decorators
      // are no pools, and a file importing only such names makes none.
      for (const specifier of statement.specifiers) {
        if (specifier.type !== AST_NODE_TYPES.ImportSpecifier || (specifier.importKind !== 'type' && makers.has(importedName(specifier)))) {
          names.add(specifier.local.name);
          any = true;
        }
      }
      continue;
    }
    if (statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration && statement.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference) {
      if (isPoolModule(active, statement.moduleReference.expression.value)) {
        any = true;
        names.add(statement.id.name);
      }
      continue;
    }
    const declaration =
      statement.type === AST_NODE_TYPES.VariableDeclaration
        ? statement
        : statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.declaration?.type === AST_NODE_TYPES.VariableDeclaration
          ? statement.declaration
          : undefined;
    for (const declarator of declaration?.declarations ?? []) {
      let init = declarator.init ? unwrap(declarator.init) : undefined;
      // `const P = pg.Pool`, `const { native } = pg`: aliases of what the file imported.
      const root = init && (init.type === AST_NODE_TYPES.Identifier || init.type === AST_NODE_TYPES.MemberExpression) ? rootOf(init) : undefined;
      if (root && names.has(root.name)) {
        collectBound(declarator.id, names);
        continue;
      }
      // `const db = require('knex')(config)`: loaded and called at once.
      const called = init?.type === AST_NODE_TYPES.CallExpression && requireSource(init) === undefined;
      if (called && init?.type === AST_NODE_TYPES.CallExpression) init = init.callee;
      const source = init ? loadedModule(init) : undefined;
      if (source === undefined || !isPoolModule(active, source)) continue;
      const known = names.size;
      if (!called) namesFromPattern(declarator.id, makers, names);
      // `const { DataTypes } = require('sequelize')` binds no maker: no pool comes of it.
      if (called || names.size > known) any = true;
    }
  }
  const found = { names, any };
  importsByResolver.set(resolver, found);
  return found;
}

/** The identifier an expression starts from (`pg` in `pg.native.Pool`). */
function rootOf(node: Node): TSESTree.Identifier | undefined {
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
  return current.type === AST_NODE_TYPES.Identifier ? current : undefined;
}

/** A local alias of an imported name (`const P = pg.Pool`, `const { native } = pg`). */
function isAliasOf(resolver: Resolver, id: TSESTree.Identifier, imported: ReadonlySet<string>): boolean {
  const def = resolver.variableOf(id)?.defs[0];
  if (def?.type !== DefinitionType.Variable || !def.node.init) return false;
  const root = rootOf(def.node.init);
  return root !== undefined && imported.has(root.name);
}

/**
 * The pool or client a call or `new` makes, asked only of calls that pass a syntactic gate: the
 * file imports a pool-making package, and the callee is one of its names, an alias of one, a
 * member named like a catalogued constructor, or `require('pg')…(...)` itself.
 */
export function constructionAt(resolver: Resolver, node: Construction): PoolConstruction | undefined {
  const imported = poolImports(resolver).names;
  const callee = unwrap(node.callee);
  let candidate: boolean;
  if (callee.type === AST_NODE_TYPES.Identifier) {
    candidate = imported.has(callee.name);
  } else if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(callee);
    const root = rootOf(callee);
    candidate =
      name !== undefined &&
      poolCalleeNames(resolver.env.libraries).has(name) &&
      root !== undefined &&
      (imported.has(root.name) || (imported.size > 0 && isAliasOf(resolver, root, imported)));
  } else {
    const source = loadedModule(callee);
    candidate = source !== undefined && isPoolModule(resolver.env.libraries, source);
  }
  return candidate ? resolver.poolConstruction(node) : undefined;
}

/**
 * The resolver for a pool rule, or undefined when the file makes no pool worth checking: no
 * catalogued library, a test, script or tooling file (they serve no traffic), or no import of a
 * pool-making package (then the rule has no listeners at all).
 */
export function poolRuleResolver(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  libraryOption: readonly LibraryId[] | undefined,
): Resolver | undefined {
  const resolver = fileResolver(context, libraryOption);
  // The top-level imports first: most files import no pool maker at all.
  if (!resolver || !poolImports(resolver).any) return undefined;
  return resolver.fileOutsideServing() === undefined ? resolver : undefined;
}

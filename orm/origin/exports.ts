/**
 * What a module exports: the node behind each exported name (ESM and CommonJS), and the value it
 * resolves to in the module's own context, through re-exports and barrels.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import { mayExportName } from '../modules/parse.js';
import { resolveLocalModule } from '../modules/resolve.js';
import { moduleExportName, propertyName, reexportedName } from '../syntax.js';
import type { Node } from '../syntax.js';
import type { DbValue } from '../values.js';
import type { OriginContext } from './context.js';

/** What a module exports under a name, resolved in the module's own context. */
export function resolveExport(ctx: OriginContext, name: string): DbValue | undefined {
  const node = ctx.exportNode(name);
  if (node === 'namespace') return undefined;
  if (!node) {
    // `export * from './db'` and `export * from 'drizzle-orm/mysql2'`. Barrels re-export many
    // modules: only those whose text could hold the name are parsed.
    for (const source of exportAllSources(ctx.module.ast)) {
      const file = source.startsWith('.') ? resolveLocalModule(ctx.filename, source) : undefined;
      if (file && !mayExportName(file, name)) continue;
      const value = ctx.resolveModuleExport(source, name);
      if (value) return value;
    }
    return undefined;
  }
  if (node.type === AST_NODE_TYPES.ExportNamedDeclaration || node.type === AST_NODE_TYPES.ExportAllDeclaration) {
    // Re-export: `export { db } from './db'`, `export { drizzle } from 'drizzle-orm/mysql2'`.
    const source = node.source?.value;
    return source ? ctx.resolveModuleExport(source, reexportedName(node, name)) : undefined;
  }
  return ctx.resolve(node);
}

/** Is the module's default export an object literal of named values (`module.exports = { a, b }`)? */
export function exportsObjectAsDefault(ctx: OriginContext): boolean {
  const node = ctx.exportNode('default');
  return node !== undefined && node !== 'namespace' && node.type === AST_NODE_TYPES.ObjectExpression;
}

/** Sources of `export * from '...'` without a name. */
function exportAllSources(ast: TSESTree.Program): string[] {
  return ast.body.flatMap((statement) =>
    statement.type === AST_NODE_TYPES.ExportAllDeclaration && !statement.exported ? [statement.source.value] : [],
  );
}

/** Top-level exports of a module: name → the node holding the value. */
export function collectExports(ast: TSESTree.Program): Map<string, Node | 'namespace' | undefined> {
  const exports = new Map<string, Node | 'namespace' | undefined>();
  const topLevel = new Map<string, Node>();
  for (const statement of ast.body) {
    const declaration =
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.declaration ? statement.declaration : statement;
    if (declaration.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const d of declaration.declarations) {
        if (d.id.type === AST_NODE_TYPES.Identifier) topLevel.set(d.id.name, d.id);
      }
    } else if (
      (declaration.type === AST_NODE_TYPES.ClassDeclaration || declaration.type === AST_NODE_TYPES.FunctionDeclaration) &&
      declaration.id
    ) {
      topLevel.set(declaration.id.name, declaration.type === AST_NODE_TYPES.ClassDeclaration ? declaration : declaration.id);
    } else if (
      declaration.type === AST_NODE_TYPES.TSInterfaceDeclaration ||
      declaration.type === AST_NODE_TYPES.TSTypeAliasDeclaration
    ) {
      topLevel.set(declaration.id.name, declaration);
    }
  }
  for (const statement of ast.body) {
    switch (statement.type) {
      case AST_NODE_TYPES.ExportNamedDeclaration: {
        const declaration = statement.declaration;
        if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
          for (const d of declaration.declarations) {
            if (d.id.type === AST_NODE_TYPES.Identifier) exports.set(d.id.name, d.id);
          }
        } else if (declaration?.type === AST_NODE_TYPES.ClassDeclaration && declaration.id) {
          exports.set(declaration.id.name, declaration);
        } else if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id) {
          exports.set(declaration.id.name, declaration.id);
        } else if (
          declaration?.type === AST_NODE_TYPES.TSInterfaceDeclaration ||
          declaration?.type === AST_NODE_TYPES.TSTypeAliasDeclaration
        ) {
          exports.set(declaration.id.name, declaration);
        }
        for (const spec of statement.specifiers) {
          const exported = spec.exported.type === AST_NODE_TYPES.Identifier ? spec.exported.name : spec.exported.value;
          const local = spec.local.type === AST_NODE_TYPES.Identifier ? spec.local.name : spec.local.value;
          exports.set(exported, statement.source ? statement : (topLevel.get(local) ?? spec.local));
        }
        break;
      }
      case AST_NODE_TYPES.ExportDefaultDeclaration: {
        const declaration = statement.declaration;
        if (declaration.type === AST_NODE_TYPES.FunctionDeclaration) exports.set('default', declaration.id ?? declaration);
        else exports.set('default', declaration);
        break;
      }
      case AST_NODE_TYPES.ExportAllDeclaration:
        if (statement.exported) exports.set(moduleExportName(statement.exported), 'namespace');
        break;
      case AST_NODE_TYPES.ExpressionStatement: {
        // CommonJS: `module.exports = x`, `module.exports.db = x`, `exports.db = x`.
        const expr = statement.expression;
        if (expr.type !== AST_NODE_TYPES.AssignmentExpression || expr.left.type !== AST_NODE_TYPES.MemberExpression) break;
        const left = expr.left;
        const name = propertyName(left);
        if (left.object.type === AST_NODE_TYPES.Identifier && left.object.name === 'module' && name === 'exports') {
          exports.set('default', expr.right);
          if (expr.right.type === AST_NODE_TYPES.ObjectExpression) {
            for (const prop of expr.right.properties) {
              if (prop.type !== AST_NODE_TYPES.Property || prop.computed || prop.key.type !== AST_NODE_TYPES.Identifier) continue;
              exports.set(prop.key.name, prop.value);
            }
          }
        } else if (
          name !== undefined &&
          ((left.object.type === AST_NODE_TYPES.Identifier && left.object.name === 'exports') ||
            (left.object.type === AST_NODE_TYPES.MemberExpression &&
              left.object.object.type === AST_NODE_TYPES.Identifier &&
              left.object.object.name === 'module' &&
              propertyName(left.object) === 'exports'))
        ) {
          exports.set(name, expr.right);
        }
        break;
      }
      default:
        break;
    }
  }
  return exports;
}

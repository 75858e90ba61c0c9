/**
 * What an import brings: an export of a catalogued package, or of a project module found on disk
 * (relative paths, tsconfig paths, workspaces) and parsed on demand.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { DefinitionType } from '@typescript-eslint/scope-manager';

import { resolveLocalModule } from '../modules/resolve.js';
import { importDeclarationOf, importedName, requireSource, staticString, unwrap } from '../syntax.js';
import type { Node } from '../syntax.js';
import { catalogExport } from '../values.js';
import type { DbValue } from '../values.js';
import type { OriginContext } from './context.js';

/** What an import binding (`import x from`, `import { x }`, `import x = require()`) is. */
export function resolveImport(
  ctx: OriginContext,
  spec: TSESTree.ImportClause | TSESTree.TSImportEqualsDeclaration,
): DbValue | undefined {
  if (spec.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
    const ref = spec.moduleReference;
    if (ref.type === AST_NODE_TYPES.TSExternalModuleReference) {
      const source = staticString(ref.expression);
      return source === undefined ? undefined : resolveModuleExport(ctx, source, '*');
    }
    return undefined;
  }
  const declaration = importDeclarationOf(spec);
  if (!declaration) return undefined;
  const name =
    spec.type === AST_NODE_TYPES.ImportDefaultSpecifier
      ? 'default'
      : spec.type === AST_NODE_TYPES.ImportNamespaceSpecifier
        ? '*'
        : importedName(spec);
  return resolveModuleExport(ctx, declaration.source.value, name, declaration);
}

/** An export of a module: a catalogued package, or a local module parsed on demand. */
export function resolveModuleExport(
  ctx: OriginContext,
  source: string,
  name: string,
  declaration?: TSESTree.ImportDeclaration,
): DbValue | undefined {
  const fromCatalog = catalogExport(ctx.env.libraries, source, name, 'exports');
  if (fromCatalog) return fromCatalog;
  const module = localModule(ctx, source, declaration);
  if (!module) return undefined;
  return name === '*' ? undefined : module.resolveExport(name);
}

/** The resolver of a project-local module, when it can be found and parsed. */
export function localModule(
  ctx: OriginContext,
  source: string,
  declaration?: TSESTree.ImportDeclaration,
): OriginContext | undefined {
  if (ctx.env.depth <= 0) return undefined;
  if (!source.startsWith('.') && !source.startsWith('@/') && !source.startsWith('~') && !source.startsWith('#')) {
    // Bare specifiers are packages unless tsconfig `paths` maps them; try only when it might.
    if (!/^[@\w]/.test(source)) return undefined;
  }
  const file = ctx.moduleFileByProgram(declaration) ?? resolveLocalModule(ctx.filename, source);
  return file ? ctx.moduleAt(file) : undefined;
}

/** For a name imported from a project module (`import { Db } from './db'`), that module and the node it exports. */
export function importedLocalExport(ctx: OriginContext, id: TSESTree.Identifier): { resolver: OriginContext; node: Node } | undefined {
  const def = ctx.variableOf(id)?.defs[0];
  if (def?.type !== DefinitionType.ImportBinding || def.node.type !== AST_NODE_TYPES.ImportSpecifier) return undefined;
  const declaration = importDeclarationOf(def.node);
  const module = declaration ? ctx.localModule(declaration.source.value, declaration) : undefined;
  const node = module?.exportNode(importedName(def.node));
  return module && node && node !== 'namespace' ? { resolver: module, node } : undefined;
}

/** The local module an identifier stands for as a whole, if it does (`import * as db`, `require`). */
export function localNamespaceOf(ctx: OriginContext, id: TSESTree.Identifier): OriginContext | undefined {
  const def = ctx.variableOf(id)?.defs[0];
  if (!def) return undefined;
  if (def.type === DefinitionType.ImportBinding) {
    const spec = def.node;
    if (spec.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      const ref = spec.moduleReference;
      const source = ref.type === AST_NODE_TYPES.TSExternalModuleReference ? staticString(ref.expression) : undefined;
      return source === undefined ? undefined : ctx.localModule(source);
    }
    const declaration = importDeclarationOf(spec);
    if (!declaration) return undefined;
    if (spec.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return ctx.localModule(declaration.source.value, declaration);
    if (spec.type === AST_NODE_TYPES.ImportDefaultSpecifier) {
      // `module.exports = { pool }` imported as a default.
      const module = ctx.localModule(declaration.source.value, declaration);
      return module?.exportsObjectAsDefault() ? module : undefined;
    }
    return undefined;
  }
  if (def.type === DefinitionType.Variable && def.node.id === def.name && def.node.init) {
    const source = requireSource(unwrap(def.node.init));
    return source === undefined ? undefined : ctx.localModule(source);
  }
  return undefined;
}

/**
 * Which project function a callee names: a local function or const arrow, a method of the same
 * class (`this.helper()`), or a function exported by a local module.
 */
import { DefinitionType } from '@typescript-eslint/scope-manager';
import type { ScopeVariable } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import { importDeclarationOf, importedName, isFunction, keyName, reexportedName, thisMember, unwrap } from '../syntax.js';
import type { FunctionNode, Node } from '../syntax.js';
import type { OriginContext, ProjectFunction } from './context.js';

/** The project function a callee names, with the module it is defined in. */
export function localFunction(ctx: OriginContext, callee: Node): ProjectFunction<OriginContext> | undefined {
  const target = unwrap(callee);
  if (target.type === AST_NODE_TYPES.Identifier) {
    const variable = ctx.variableOf(target);
    const def = variable?.defs[0];
    if (!variable || !def) return undefined;
    const fn = implementationOf(variable);
    if (fn) return { resolver: ctx, fn, name: target.name };
    if (def.type === DefinitionType.ImportBinding && def.node.type === AST_NODE_TYPES.ImportSpecifier) {
      const declaration = importDeclarationOf(def.node);
      const module = declaration ? ctx.localModule(declaration.source.value, declaration) : undefined;
      const found = module?.exportedFunction(importedName(def.node));
      return found ? { ...found, name: target.name } : undefined;
    }
    return undefined;
  }
  const member = thisMember(target);
  if (!member && target.type === AST_NODE_TYPES.MemberExpression) return ctx.objectMethod(target);
  if (member) {
    const { cls, name } = member;
    for (const element of cls.body.body) {
      if (
        element.type === AST_NODE_TYPES.MethodDefinition &&
        element.kind === 'method' &&
        element.value.type === AST_NODE_TYPES.FunctionExpression &&
        keyName(element) === name
      ) {
        return { resolver: ctx, fn: element.value, name: `this.${name}` };
      }
      if (element.type === AST_NODE_TYPES.PropertyDefinition && keyName(element) === name && isFunction(element.value)) {
        return { resolver: ctx, fn: element.value, name: `this.${name}` };
      }
    }
  }
  return undefined;
}

/** The function a module exports under a name, for helper effects across files. */
export function exportedFunction(ctx: OriginContext, name: string): ProjectFunction<OriginContext> | undefined {
  const node = ctx.exportNode(name);
  if (!node || node === 'namespace') return undefined;
  if (node.type === AST_NODE_TYPES.ExportNamedDeclaration || node.type === AST_NODE_TYPES.ExportAllDeclaration) {
    const source = node.source?.value;
    const inner = source ? ctx.localModule(source) : undefined;
    return inner?.exportedFunction(reexportedName(node, name));
  }
  const fn = functionOf(ctx, node);
  return fn ? { resolver: ctx, fn, name } : undefined;
}

/** The function a declaration or export node stands for. */
function functionOf(ctx: OriginContext, node: Node): FunctionNode | undefined {
  if (isFunction(node)) return node;
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ctx.variableOf(node);
  return variable ? implementationOf(variable) : undefined;
}

/**
 * The function with a body a variable names: the implementation of an overloaded function (its
 * signatures, and `declare function`, have no body), or a const bound to a function.
 */
function implementationOf(variable: ScopeVariable): FunctionNode | undefined {
  for (const def of variable.defs) {
    if (def.type === DefinitionType.FunctionName && def.node.type === AST_NODE_TYPES.FunctionDeclaration) return def.node;
    if (def.type === DefinitionType.Variable && def.node.id === def.name && isFunction(def.node.init)) return def.node.init;
  }
  return undefined;
}

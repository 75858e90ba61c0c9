/**
 * Which of the project's own classes an expression is an instance of (from annotations, `new`,
 * factories and fields), and which method of it a call names: `this.db.transaction(cb)` where
 * `db: Database` is the project's class, `Event.schedule()` as a static method.
 */
import { DefinitionType } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import { containsNode, enclosingClass, firstReturned, isFunction, keyName, propertyName, unwrap } from '../syntax.js';
import type { ClassNode, Node } from '../syntax.js';
import type { OriginContext, ProjectClass, ProjectFunction } from './context.js';

/** A method of a project class called on an instance of it, or a static one on the class. */
export function projectMethod(ctx: OriginContext, callee: Node): ProjectFunction<OriginContext> | undefined {
  return projectMethodAt(ctx, callee, 3);
}

/** `depth` bounds the whole search, so `const x = x.a()` or a helper returning its own call ends. */
function projectMethodAt(ctx: OriginContext, callee: Node, depth: number): ProjectFunction<OriginContext> | undefined {
  const target = unwrap(callee);
  if (target.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = propertyName(target);
  if (name === undefined) return undefined;
  // `Event.schedule()`: a static method of a project class.
  const staticOwner = projectClassNamed(ctx, unwrap(target.object));
  const owner = staticOwner ?? projectClassOf(ctx, target.object, depth);
  if (!owner) return undefined;
  const isStatic = staticOwner !== undefined;
  for (const element of owner.cls.body.body) {
    if (
      element.type === AST_NODE_TYPES.MethodDefinition &&
      element.kind === 'method' &&
      element.static === isStatic &&
      element.value.type === AST_NODE_TYPES.FunctionExpression &&
      keyName(element) === name
    ) {
      return { resolver: owner.resolver, fn: element.value, name };
    }
    if (
      element.type === AST_NODE_TYPES.PropertyDefinition &&
      element.static === isStatic &&
      keyName(element) === name &&
      isFunction(element.value)
    ) {
      return { resolver: owner.resolver, fn: element.value, name };
    }
  }
  return undefined;
}

/** The project class an expression is an instance of, from annotations and `new`. */
function projectClassOf(ctx: OriginContext, node: Node, depth: number): ProjectClass<OriginContext> | undefined {
  if (depth <= 0) return undefined;
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.ThisExpression) {
    const found = enclosingClass(target);
    return found && !found.isStatic ? { resolver: ctx, cls: found.cls } : undefined;
  }
  if (target.type === AST_NODE_TYPES.NewExpression) {
    // `new BooksRepo(knex)`: its methods see the constructor's parameters bound to these arguments.
    const named = projectClassNamed(ctx, target.callee);
    const constructor = named?.cls.body.body.find(
      (element): element is TSESTree.MethodDefinition => element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor',
    );
    if (!named || constructor?.value.type !== AST_NODE_TYPES.FunctionExpression || target.arguments.length === 0) return named;
    return { resolver: named.resolver.withArguments(constructor.value, target, ctx), cls: named.cls };
  }
  if (target.type === AST_NODE_TYPES.AwaitExpression) return projectClassOf(ctx, target.argument, depth);
  if (target.type === AST_NODE_TYPES.CallExpression) {
    // `Database.create(url)`, `makeDb()`: the declared return type or the returned `new X()`.
    const helper = ctx.localFunction(target.callee) ?? projectMethodAt(ctx, target.callee, depth - 1);
    if (!helper) return undefined;
    return (
      projectClassOfAnnotation(helper.resolver, helper.fn.returnType) ??
      firstReturned(helper.fn, (returned) => projectClassOf(helper.resolver, returned, depth - 1))
    );
  }
  if (target.type === AST_NODE_TYPES.Identifier) {
    const def = ctx.variableOf(target)?.defs[0];
    if (def?.type === DefinitionType.Variable) {
      const declarator = def.node;
      return (
        projectClassOfAnnotation(ctx, def.name.typeAnnotation) ??
        (declarator.init && declarator.id === def.name ? projectClassOf(ctx, declarator.init, depth - 1) : undefined)
      );
    }
    if (def?.type === DefinitionType.Parameter) {
      const param = def.name;
      const holder = isFunction(def.node) ? def.node.params.find((p) => containsNode(p, param)) : undefined;
      const annotation =
        holder?.type === AST_NODE_TYPES.TSParameterProperty && holder.parameter.type === AST_NODE_TYPES.Identifier
          ? holder.parameter.typeAnnotation
          : param.typeAnnotation;
      return projectClassOfAnnotation(ctx, annotation);
    }
    return undefined;
  }
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(target);
    const owner = name === undefined ? undefined : projectClassOf(ctx, target.object, depth - 1);
    if (!owner || name === undefined) return undefined;
    return projectClassOfMember(owner.resolver, owner.cls, name, depth - 1);
  }
  return undefined;
}

/** A field, constructor parameter property or getter of a class, as a project class instance. */
function projectClassOfMember(
  ctx: OriginContext,
  cls: ClassNode,
  name: string,
  depth: number,
): ProjectClass<OriginContext> | undefined {
  for (const element of cls.body.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && keyName(element) === name) {
      return (
        projectClassOfAnnotation(ctx, element.typeAnnotation) ??
        (element.value ? projectClassOf(ctx, element.value, depth) : undefined)
      );
    }
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'get' && keyName(element) === name) {
      return projectClassOfAnnotation(ctx, element.value.returnType);
    }
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor') {
      for (const param of element.value.params) {
        if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
        const inner = param.parameter;
        if (inner.type === AST_NODE_TYPES.Identifier && inner.name === name) return projectClassOfAnnotation(ctx, inner.typeAnnotation);
      }
    }
  }
  return undefined;
}

function projectClassOfAnnotation(ctx: OriginContext, annotation: Node | undefined): ProjectClass<OriginContext> | undefined {
  if (!annotation) return undefined;
  const type = annotation.type === AST_NODE_TYPES.TSTypeAnnotation ? annotation.typeAnnotation : annotation;
  if (type.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier) return undefined;
  return projectClassNamed(ctx, type.typeName);
}

/** The class declaration a name refers to, in this module or a local one it imports. */
function projectClassNamed(ctx: OriginContext, name: Node): ProjectClass<OriginContext> | undefined {
  if (name.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = ctx.variableOf(name)?.defs[0];
  if (def?.type === DefinitionType.ClassName) return { resolver: ctx, cls: def.node };
  const exported = ctx.importedLocalExport(name);
  if (!exported) return undefined;
  const node = exported.node;
  return node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression
    ? { resolver: exported.resolver, cls: node }
    : undefined;
}

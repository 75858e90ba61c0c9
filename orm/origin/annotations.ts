/**
 * What a type annotation says a value is: a catalogued type (`Knex.Transaction`, `PoolClient`), a
 * class named as a type (its instance), or a member of a project interface or type alias
 * (`ctx: Context` with `interface Context { db: typeof db }`).
 */
import { DefinitionType } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import { containsNode, importDeclarationOf, importedName, isFunction, keyName, thisMember, unwrap } from '../syntax.js';
import type { Node } from '../syntax.js';
import { catalogExport, instanceOf } from '../values.js';
import type { DbValue } from '../values.js';
import type { OriginContext } from './context.js';

type TypeDeclaration = TSESTree.TSInterfaceDeclaration | TSESTree.TSTypeAliasDeclaration;

/** The value a type annotation describes. */
export function resolveAnnotation(ctx: OriginContext, annotation: Node | undefined): DbValue | undefined {
  if (!annotation) return undefined;
  const type = annotation.type === AST_NODE_TYPES.TSTypeAnnotation ? annotation.typeAnnotation : annotation;
  switch (type.type) {
    case AST_NODE_TYPES.TSTypeReference:
      return resolveTypeReference(ctx, type);
    case AST_NODE_TYPES.TSUnionType:
    case AST_NODE_TYPES.TSIntersectionType:
      for (const member of type.types) {
        const value = resolveAnnotation(ctx, member);
        if (value) return value;
      }
      return undefined;
    case AST_NODE_TYPES.TSTypeQuery:
      // `typeof User`: the class itself.
      return type.exprName.type === AST_NODE_TYPES.Identifier ? ctx.resolve(type.exprName) : undefined;
    default:
      return undefined;
  }
}

function resolveTypeReference(ctx: OriginContext, type: TSESTree.TSTypeReference): DbValue | undefined {
  // `Promise<PrismaClient>` from an async factory.
  if (type.typeName.type === AST_NODE_TYPES.Identifier && type.typeName.name === 'Promise' && ctx.isGlobal(type.typeName)) {
    return resolveAnnotation(ctx, type.typeArguments?.params[0]);
  }
  const names: string[] = [];
  let head: TSESTree.EntityName = type.typeName;
  while (head.type === AST_NODE_TYPES.TSQualifiedName) {
    names.unshift(head.right.name);
    head = head.left;
  }
  if (head.type !== AST_NODE_TYPES.Identifier) return undefined;
  const entityArg = type.typeArguments?.params[0];
  const entity = entityArg ? ctx.textOf(entityArg) : undefined;
  const def = ctx.variableOf(head)?.defs[0];
  if (!def) return undefined;
  if (def.type === DefinitionType.ImportBinding && def.node.type !== AST_NODE_TYPES.TSImportEqualsDeclaration) {
    const spec = def.node;
    const declaration = importDeclarationOf(spec);
    if (!declaration) return undefined;
    const source = declaration.source.value;
    const imported = spec.type === AST_NODE_TYPES.ImportSpecifier ? importedName(spec) : undefined;
    const dotted = [imported ?? head.name, ...names].join('.');
    const bare = names.join('.');
    // Named type, then namespace member (`pg.PoolClient` with `import * as pg`).
    const byType =
      (imported !== undefined ? catalogExport(ctx.env.libraries, source, dotted, 'types') : undefined) ??
      (imported === undefined && bare ? catalogExport(ctx.env.libraries, source, bare, 'types') : undefined);
    if (byType) return instanceOf(byType, entity);
    // A class or constructor named as a type means its instance (`PrismaService`, `ns.Pool`, a
    // default import: `constructor(private bookshelf: Bookshelf)`).
    const isDefault = spec.type === AST_NODE_TYPES.ImportDefaultSpecifier;
    const value =
      imported !== undefined
        ? names.length === 0
          ? ctx.resolveModuleExport(source, imported, declaration)
          : undefined
        : names.length === 1
          ? ctx.resolveModuleExport(source, names[0] ?? '', declaration)
          : isDefault && names.length === 0
            ? ctx.resolveModuleExport(source, 'default', declaration)
            : undefined;
    return value ? instanceOf(value, entity) : undefined;
  }
  if (names.length === 0 && (def.type === DefinitionType.ClassName || def.type === DefinitionType.Type)) {
    const value = def.type === DefinitionType.ClassName ? ctx.resolveClass(def.node) : undefined;
    return value ? instanceOf(value, entity) : undefined;
  }
  return undefined;
}

/**
 * A property of an object whose declared type is a project interface or type alias
 * (`ctx: Context` with `interface Context { db: typeof db }`).
 */
export function memberOfDeclaredType(ctx: OriginContext, object: Node, name: string): DbValue | undefined {
  const annotation = annotationOf(ctx, object);
  return annotation ? typeMember(ctx, annotation, name, 3) : undefined;
}

/** The type annotation an identifier or `this.x` was declared with. */
function annotationOf(ctx: OriginContext, node: Node): Node | undefined {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Identifier) {
    const def = ctx.variableOf(target)?.defs[0];
    if (def?.type === DefinitionType.Variable || def?.type === DefinitionType.Parameter) {
      const name = def.name as TSESTree.Identifier;
      if (name.typeAnnotation) return name.typeAnnotation;
      const holder = def.type === DefinitionType.Parameter && isFunction(def.node) ? def.node.params.find((p) => containsNode(p, name)) : undefined;
      if (holder?.type === AST_NODE_TYPES.TSParameterProperty && holder.parameter.type === AST_NODE_TYPES.Identifier) {
        return holder.parameter.typeAnnotation;
      }
    }
    return undefined;
  }
  const member = thisMember(target);
  if (member) {
    const { cls, name } = member;
    for (const element of cls.body.body) {
      if (element.type === AST_NODE_TYPES.PropertyDefinition && keyName(element) === name) return element.typeAnnotation;
      if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor') {
        for (const param of element.value.params) {
          if (param.type === AST_NODE_TYPES.TSParameterProperty && param.parameter.type === AST_NODE_TYPES.Identifier && param.parameter.name === name) {
            return param.parameter.typeAnnotation;
          }
        }
      }
    }
  }
  return undefined;
}

/** A named member of a declared type: interfaces, type literals, intersections, aliases. */
function typeMember(ctx: OriginContext, annotation: Node, name: string, depth: number): DbValue | undefined {
  if (depth <= 0) return undefined;
  const type = annotation.type === AST_NODE_TYPES.TSTypeAnnotation ? annotation.typeAnnotation : annotation;
  switch (type.type) {
    case AST_NODE_TYPES.TSTypeLiteral:
      return memberOfSignatures(ctx, type.members, name);
    case AST_NODE_TYPES.TSIntersectionType:
    case AST_NODE_TYPES.TSUnionType:
      for (const part of type.types) {
        const value = typeMember(ctx, part, name, depth);
        if (value) return value;
      }
      return undefined;
    case AST_NODE_TYPES.TSTypeReference:
      return type.typeName.type === AST_NODE_TYPES.Identifier ? namedTypeMember(ctx, type.typeName, name, depth) : undefined;
    default:
      return undefined;
  }
}

/** A member of the interface or type alias a name refers to (following `extends`). */
function namedTypeMember(ctx: OriginContext, id: TSESTree.Identifier, name: string, depth: number): DbValue | undefined {
  const declaration = typeDeclarationNamed(ctx, id);
  if (!declaration) return undefined;
  const { resolver, node } = declaration;
  if (node.type === AST_NODE_TYPES.TSTypeAliasDeclaration) return typeMember(resolver, node.typeAnnotation, name, depth - 1);
  const own = memberOfSignatures(resolver, node.body.body, name);
  if (own) return own;
  for (const heritage of node.extends) {
    const inherited =
      heritage.expression.type === AST_NODE_TYPES.Identifier
        ? namedTypeMember(resolver, heritage.expression, name, depth - 1)
        : undefined;
    if (inherited) return inherited;
  }
  return undefined;
}

function memberOfSignatures(ctx: OriginContext, members: readonly TSESTree.TypeElement[], name: string): DbValue | undefined {
  for (const member of members) {
    if (
      member.type === AST_NODE_TYPES.TSPropertySignature &&
      !member.computed &&
      member.key.type === AST_NODE_TYPES.Identifier &&
      member.key.name === name
    ) {
      return resolveAnnotation(ctx, member.typeAnnotation);
    }
  }
  return undefined;
}

/** An interface or type alias by name, here or exported by a local module. */
function typeDeclarationNamed(
  ctx: OriginContext,
  id: TSESTree.Identifier,
): { resolver: OriginContext; node: TypeDeclaration } | undefined {
  const def = ctx.variableOf(id)?.defs[0];
  if (def?.type === DefinitionType.Type) {
    const node = def.node;
    return node.type === AST_NODE_TYPES.TSInterfaceDeclaration || node.type === AST_NODE_TYPES.TSTypeAliasDeclaration
      ? { resolver: ctx, node }
      : undefined;
  }
  const exported = ctx.importedLocalExport(id);
  if (!exported) return undefined;
  const node = exported.node;
  return node.type === AST_NODE_TYPES.TSInterfaceDeclaration || node.type === AST_NODE_TYPES.TSTypeAliasDeclaration
    ? { resolver: exported.resolver, node }
    : undefined;
}

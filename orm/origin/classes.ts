/**
 * Database objects that classes make or hold: subclasses of catalogued classes
 * (`class PrismaService extends PrismaClient`, `class User extends Model`), `this` inside them,
 * and fields (`this.prisma`), constructor parameter properties and constructor assignments.
 */
import { DefinitionType } from '@typescript-eslint/scope-manager';
import type { ScopeVariable } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import { constructorAssignment, enclosingClass, keyName } from '../syntax.js';
import type { ClassNode, Node } from '../syntax.js';
import { instanceOf, makeValue } from '../values.js';
import type { DbValue } from '../values.js';
import type { OriginContext } from './context.js';

/** What a class's constructor assigns to `this.<name>` at its top level. */
function constructorValue(cls: ClassNode, name: string): Node | undefined {
  for (const element of cls.body.body) {
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor' && element.value.type === AST_NODE_TYPES.FunctionExpression) {
      return constructorAssignment(element.value, name);
    }
  }
  return undefined;
}

/** A class extending a catalogued class is of the kind the catalog says its subclasses are. */
export function resolveClass(ctx: OriginContext, node: ClassNode): DbValue | undefined {
  if (!node.superClass) return undefined;
  const base = ctx.resolve(node.superClass);
  if (!base?.spec.subclass) return undefined;
  // A model class is its own entity (`class User extends Model`); a repository subclass names
  // its entity as a type argument (`class UserRepository extends Repository<User>`).
  const typeArgument = node.superTypeArguments?.params[0];
  const isModel = base.spec.role === 'model-base' || base.spec.role === 'model';
  const entity = isModel ? node.id?.name : typeArgument ? ctx.textOf(typeArgument) : undefined;
  return makeValue(base.library, base.spec.subclass, {
    origin: base.origin,
    viaHandle: false,
    entity: entity ?? base.entity,
  });
}

/** `this` in a method: an instance of the class, or the class itself in a static member. */
export function resolveThis(ctx: OriginContext, node: TSESTree.ThisExpression): DbValue | undefined {
  const found = enclosingClass(node);
  if (!found) return undefined;
  const cls = ctx.resolveClass(found.cls);
  if (!cls) return undefined;
  return found.isStatic ? cls : instanceOf(cls, undefined);
}

/** `this.x`: a class field, a constructor parameter property, or an assignment in the constructor. */
export function resolveThisMember(ctx: OriginContext, member: TSESTree.MemberExpression, name: string): DbValue | undefined {
  const found = enclosingClass(member);
  if (!found) return undefined;
  let cls: ClassNode | undefined = found.cls;
  for (let depth = 0; cls && depth < 4; depth += 1) {
    const value = classMember(ctx, cls, name, found.isStatic);
    if (value) return value;
    // Fields inherited from a base class of the same module.
    const superClass: Node | null = cls.superClass;
    cls = undefined;
    if (superClass?.type === AST_NODE_TYPES.Identifier) {
      const superDef: ScopeVariable['defs'][number] | undefined = ctx.variableOf(superClass)?.defs[0];
      if (superDef?.type === DefinitionType.ClassName) cls = superDef.node;
    }
  }
  return undefined;
}

function classMember(ctx: OriginContext, cls: ClassNode, name: string, isStatic: boolean): DbValue | undefined {
  for (const element of cls.body.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && element.static === isStatic && keyName(element) === name) {
      // A field declared without a value takes what the constructor assigns to it (which pool,
      // not only which type), then its annotation.
      const assigned = element.value || isStatic ? undefined : constructorValue(cls, name);
      return (
        ctx.resolveDecorators(element.decorators) ??
        (element.value ? ctx.resolve(element.value) : undefined) ??
        (assigned ? ctx.resolve(assigned) : undefined) ??
        ctx.resolveAnnotation(element.typeAnnotation)
      );
    }
    if (
      element.type === AST_NODE_TYPES.MethodDefinition &&
      element.kind === 'constructor' &&
      element.value.type === AST_NODE_TYPES.FunctionExpression &&
      !isStatic
    ) {
      for (const param of element.value.params) {
        if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
        const inner = param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
        if (inner.name === name) {
          return ctx.resolveParameter(element.value, inner);
        }
      }
      const assigned = constructorAssignment(element.value, name);
      if (assigned) return ctx.resolve(assigned);
    }
  }
  return undefined;
}

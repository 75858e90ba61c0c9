/**
 * Which non-database I/O an expression leads to (HTTP clients, timers, mail, queues, object
 * storage, caches, child processes, SDKs), from the I/O catalog: imports and `require` of its
 * modules, globals that are not shadowed, annotations, class fields, promisified functions,
 * `new Promise(r => setTimeout(r))`, and what project functions return.
 */
import { DefinitionType } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import { io } from './catalog/index.js';
import type { OriginContext, ProjectFunction } from './origin/context.js';
import {
  constructorAssignment,
  containsNode,
  destructuredKey,
  enclosingClass,
  findNode,
  firstReturned,
  importDeclarationOf,
  importedName,
  isFunction,
  keyName,
  propertyName,
  requireSource,
  unwrap,
} from './syntax.js';
import type { ClassNode, FunctionNode, Node } from './syntax.js';
import type { IoValue } from './values.js';

/** What the I/O questions ask beyond the origin ones. */
export interface IoContext extends OriginContext {
  /** {@link resolveIo}, memoised per node. */
  resolveIo(node: Node | null | undefined): IoValue | undefined;
  localFunction(callee: Node): ProjectFunction<IoContext> | undefined;
  projectMethod(callee: Node): ProjectFunction<IoContext> | undefined;
}

/** What non-database I/O an expression comes from (uncached: the facade memoises it per node). */
export function resolveIo(ctx: IoContext, input: Node): IoValue | undefined {
  const node = unwrap(input);
  if (node !== input) return ctx.resolveIo(node);
  switch (node.type) {
    case AST_NODE_TYPES.Identifier: {
      const variable = ctx.variableOf(node);
      const def = variable?.defs[0];
      if (!def) {
        const category = Object.hasOwn(io.globals, node.name) ? io.globals[node.name] : undefined;
        return category ? { category, source: node.name } : undefined;
      }
      if (def.type === DefinitionType.ImportBinding) {
        if (def.node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) return undefined;
        const source = importDeclarationOf(def.node)?.source.value;
        if (source === undefined) return undefined;
        const name = def.node.type === AST_NODE_TYPES.ImportSpecifier ? importedName(def.node) : undefined;
        return ioOfModule(source, name);
      }
      if (def.type === DefinitionType.Variable) {
        const init = def.node.init;
        if (!init) return ioOfAnnotation(ctx, (def.name).typeAnnotation);
        const source = requireSource(unwrap(init));
        if (source !== undefined) {
          const pattern = def.node.id;
          const name =
            pattern.type === AST_NODE_TYPES.ObjectPattern ? destructuredKey(pattern, def.name) : undefined;
          return ioOfModule(source, name);
        }
        return ctx.resolveIo(init) ?? ioOfAnnotation(ctx, (def.name).typeAnnotation);
      }
      if (def.type === DefinitionType.Parameter) {
        const fn = def.node as FunctionNode;
        const param = fn.params.find((p) => containsNode(p, def.name as Node));
        const annotation =
          param?.type === AST_NODE_TYPES.TSParameterProperty
            ? param.parameter.type === AST_NODE_TYPES.Identifier
              ? param.parameter.typeAnnotation
              : undefined
            : (def.name as TSESTree.Identifier).typeAnnotation;
        return ioOfAnnotation(ctx, annotation);
      }
      return undefined;
    }
    case AST_NODE_TYPES.MemberExpression: {
      const object = unwrap(node.object);
      if (object.type === AST_NODE_TYPES.ThisExpression) {
        const name = propertyName(node);
        const found = enclosingClass(node);
        if (name !== undefined && found) return ioOfClassMember(ctx, found.cls, name);
        return undefined;
      }
      return ctx.resolveIo(object);
    }
    case AST_NODE_TYPES.CallExpression: {
      const wrapped = ioOfWrapper(ctx, node);
      if (wrapped) return wrapped;
      return ctx.resolveIo(node.callee) ?? ioOfReturn(ctx, node.callee);
    }
    case AST_NODE_TYPES.NewExpression:
      if (node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'Promise' && ctx.isGlobal(node.callee)) {
        return ioOfPromiseExecutor(ctx, node.arguments[0]);
      }
      return ctx.resolveIo(node.callee);
    case AST_NODE_TYPES.AwaitExpression:
      return ctx.resolveIo(node.argument);
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return ctx.resolveIo(node.tag);
    case AST_NODE_TYPES.LogicalExpression:
      return ctx.resolveIo(node.left) ?? ctx.resolveIo(node.right);
    case AST_NODE_TYPES.AssignmentExpression:
      return ctx.resolveIo(node.right);
    case AST_NODE_TYPES.ConditionalExpression:
      return ctx.resolveIo(node.consequent) ?? ctx.resolveIo(node.alternate);
    default:
      return undefined;
  }
}

/** What a project function returns, as I/O (`const vault = createVaultClient()`). */
function ioOfReturn(ctx: IoContext, callee: Node): IoValue | undefined {
  const helper = ctx.localFunction(callee) ?? ctx.projectMethod(callee);
  if (!helper) return undefined;
  const { resolver, fn } = helper;
  return firstReturned(fn, (node) => resolver.resolveIo(node));
}

/** `util.promisify(exec)` keeps `exec`'s I/O. */
function ioOfWrapper(ctx: IoContext, call: TSESTree.CallExpression): IoValue | undefined {
  const callee = unwrap(call.callee);
  let id: TSESTree.Identifier | undefined;
  let name: string | undefined;
  if (callee.type === AST_NODE_TYPES.Identifier) {
    id = callee;
  } else if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier) {
    id = callee.object;
    name = propertyName(callee);
  }
  if (!id) return undefined;
  const def = ctx.variableOf(id)?.defs[0];
  let source: string | undefined;
  let imported: string | undefined = name;
  if (def?.type === DefinitionType.ImportBinding && def.node.type !== AST_NODE_TYPES.TSImportEqualsDeclaration) {
    source = importDeclarationOf(def.node)?.source.value;
    if (def.node.type === AST_NODE_TYPES.ImportSpecifier && !name) imported = importedName(def.node);
  } else if (def?.type === DefinitionType.Variable && def.node.init) {
    source = requireSource(unwrap(def.node.init));
    if (!name && def.node.id.type === AST_NODE_TYPES.ObjectPattern) imported = destructuredKey(def.node.id, def.name);
  }
  if (source === undefined || imported === undefined) return undefined;
  if (!io.wrappers[source]?.includes(imported)) return undefined;
  return ctx.resolveIo(call.arguments[0]);
}

/** `new Promise((resolve) => setTimeout(resolve, ms))` is a sleep. */
function ioOfPromiseExecutor(ctx: IoContext, executor: Node | undefined): IoValue | undefined {
  if (!isFunction(executor)) return undefined;
  let found: IoValue | undefined;
  findNode(executor.body, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = unwrap(node.callee);
    const timer = globalTimer(ctx, callee);
    if (timer !== undefined) {
      found = { category: 'timer', source: timer };
    } else {
      found = ctx.resolveIo(node);
    }
    return found !== undefined;
  });
  return found;
}


/** `setTimeout`, `globalThis.setTimeout`, `global.setImmediate`: a global timer's name. */
function globalTimer(ctx: IoContext, callee: Node): string | undefined {
  if (callee.type === AST_NODE_TYPES.Identifier) {
    return io.timerGlobals.includes(callee.name) && ctx.isGlobal(callee) ? callee.name : undefined;
  }
  if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier) {
    const name = propertyName(callee);
    const holder = callee.object;
    const isGlobalObject = ['globalThis', 'global', 'window'].includes(holder.name) && ctx.isGlobal(holder);
    return isGlobalObject && name !== undefined && io.timerGlobals.includes(name) ? name : undefined;
  }
  return undefined;
}

function ioOfAnnotation(ctx: IoContext, annotation: Node | undefined): IoValue | undefined {
  if (!annotation) return undefined;
  const type = annotation.type === AST_NODE_TYPES.TSTypeAnnotation ? annotation.typeAnnotation : annotation;
  if (type.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  let head: TSESTree.EntityName = type.typeName;
  while (head.type === AST_NODE_TYPES.TSQualifiedName) head = head.left;
  return head.type === AST_NODE_TYPES.Identifier ? ctx.resolveIo(head) : undefined;
}

function ioOfClassMember(ctx: IoContext, cls: ClassNode, name: string): IoValue | undefined {
  for (const element of cls.body.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && keyName(element) === name) {
      return (element.value ? ctx.resolveIo(element.value) : undefined) ?? ioOfAnnotation(ctx, element.typeAnnotation);
    }
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor') {
      for (const param of element.value.params) {
        if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
        const inner = param.parameter;
        if (inner.type === AST_NODE_TYPES.Identifier && inner.name === name) return ioOfAnnotation(ctx, inner.typeAnnotation);
      }
      const assigned = element.value.type === AST_NODE_TYPES.FunctionExpression ? constructorAssignment(element.value, name) : undefined;
      if (assigned) return ctx.resolveIo(assigned);
    }
  }
  return undefined;
}


function ioOfModule(source: string, name: string | undefined): IoValue | undefined {
  const named = name !== undefined ? io.exports[source]?.[name] : undefined;
  if (named) return { category: named, source };
  const exact = Object.hasOwn(io.modules, source) ? io.modules[source] : undefined;
  if (exact) return { category: exact, source };
  for (const [prefix, category] of Object.entries(io.modules)) {
    if (prefix.endsWith('/') && source.startsWith(prefix)) return { category, source };
  }
  return undefined;
}

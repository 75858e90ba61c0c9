/**
 * Questions about syntax alone: no scopes, no catalog, no state. Every module of `orm/` may use
 * these; they use nothing of `orm/`.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

export type Node = TSESTree.Node;
export type Expression = TSESTree.Expression;
export type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;
export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

const functionTypes = new Set<string>([
  AST_NODE_TYPES.ArrowFunctionExpression,
  AST_NODE_TYPES.FunctionExpression,
  AST_NODE_TYPES.FunctionDeclaration,
]);

export function isFunction(node: Node | null | undefined): node is FunctionNode {
  return node != null && functionTypes.has(node.type);
}

export function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Strips TypeScript-only wrappers and parentheses-like nodes. */
export function unwrap(node: Node): Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSInstantiationExpression:
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** Name of a non-computed (or string-literal computed) member's property. */
export function propertyName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed && node.property.type === AST_NODE_TYPES.Identifier) return node.property.name;
  if (node.computed && node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === 'string') {
    return node.property.value;
  }
  return undefined;
}

/** The string value of a literal or a template without expressions. */
export function staticString(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) {
    return node.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

/** A node's parent, typed as possibly absent (the Program has none). */
export function parentOf(node: Node): Node | undefined {
  return node.parent;
}

export function containsNode(outer: Node, inner: Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/**
 * Depth-first walk; the visitor returns false to skip a node's children. Used only on candidate
 * subtrees (a helper's body, a begin statement's block), never on whole files per node.
 */
export function walk(root: Node, visit: (node: Node) => boolean): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (!visit(node)) continue;
    const keys = visitorKeys[node.type] ?? [];
    for (let i = keys.length - 1; i >= 0; i -= 1) {
      const child = (node as unknown as Record<string, unknown>)[keys[i] as string];
      if (Array.isArray(child)) {
        for (let j = child.length - 1; j >= 0; j -= 1) {
          const item: unknown = child[j];
          if (isNode(item)) stack.push(item);
        }
      } else if (isNode(child)) {
        stack.push(child);
      }
    }
  }
}

/** The first node in a subtree (not entering functions when `skipFunctions`) that matches. */
export function findNode(root: Node, predicate: (node: Node) => boolean, skipFunctions = false): Node | undefined {
  let found: Node | undefined;
  walk(root, (node) => {
    if (found) return false;
    if (skipFunctions && node !== root && isFunction(node)) return false;
    if (predicate(node)) {
      found = node;
      return false;
    }
    return true;
  });
  return found;
}

/**
 * The first value a function returns that `evaluate` answers for: its expression body, or the
 * argument of a `return` in its own body (not in nested functions).
 */
export function firstReturned<T>(fn: FunctionNode, evaluate: (node: Node) => T | undefined): T | undefined {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return evaluate(fn.body);
  let value: T | undefined;
  findNode(
    fn.body,
    (node) => {
      if (node.type !== AST_NODE_TYPES.ReturnStatement || !node.argument) return false;
      value = evaluate(node.argument);
      return value !== undefined;
    },
    true,
  );
  return value;
}

/** `require('x')` → 'x'. */
export function requireSource(node: Node): string | undefined {
  if (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === 'require' &&
    node.arguments.length === 1
  ) {
    return staticString(node.arguments[0]);
  }
  // `require('pg').Pool` is a member of the namespace, resolved as such.
  return undefined;
}

/** The value of a plain (not computed) property of an object literal. */
export function objectProperty(object: TSESTree.ObjectExpression, name: string): Node | undefined {
  for (const prop of object.properties) {
    if (prop.type !== AST_NODE_TYPES.Property || prop.computed) continue;
    const key = prop.key.type === AST_NODE_TYPES.Identifier ? prop.key.name : staticString(prop.key);
    if (key === name) return prop.value;
  }
  return undefined;
}

/** The key under which a destructuring pattern binds an identifier (`{ pool: db }` → `pool`). */
export function destructuredKey(pattern: TSESTree.ObjectPattern, target: TSESTree.Identifier): string | undefined {
  for (const prop of pattern.properties) {
    if (prop.type === AST_NODE_TYPES.Property && containsNode(prop.value, target)) {
      return !prop.computed && prop.key.type === AST_NODE_TYPES.Identifier ? prop.key.name : staticString(prop.key);
    }
  }
  return undefined;
}

/** The import declaration of an import specifier. */
export function importDeclarationOf(spec: TSESTree.ImportClause): TSESTree.ImportDeclaration | undefined {
  const parent = spec.parent as Node | undefined;
  return parent?.type === AST_NODE_TYPES.ImportDeclaration ? parent : undefined;
}

export function importedName(spec: TSESTree.ImportSpecifier): string {
  return spec.imported.type === AST_NODE_TYPES.Identifier ? spec.imported.name : spec.imported.value;
}

export function moduleExportName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === AST_NODE_TYPES.Identifier ? node.name : node.value;
}

/** The name of a class member, when it is a plain or string key (not computed, not `#private`). */
export function keyName(element: TSESTree.PropertyDefinition | TSESTree.MethodDefinition): string | undefined {
  if (!element.computed && element.key.type === AST_NODE_TYPES.Identifier) return element.key.name;
  if (element.key.type === AST_NODE_TYPES.PrivateIdentifier) return undefined;
  return staticString(element.key);
}

/** The value a constructor assigns to `this.<name>`, if it does at its top level. */
export function constructorAssignment(constructor: TSESTree.FunctionExpression, name: string): Expression | undefined {
  for (const statement of constructor.body.body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
    const expr = statement.expression;
    if (
      expr.type === AST_NODE_TYPES.AssignmentExpression &&
      expr.left.type === AST_NODE_TYPES.MemberExpression &&
      expr.left.object.type === AST_NODE_TYPES.ThisExpression &&
      propertyName(expr.left) === name
    ) {
      return expr.right;
    }
  }
  return undefined;
}

/**
 * The class whose code a node belongs to, and whether it runs as a static member: only through
 * methods and field initialisers (a nested `function` has its own `this`).
 */
export function enclosingClass(node: Node): { cls: ClassNode; isStatic: boolean } | undefined {
  let current: Node | undefined = node.parent;
  let isStatic = false;
  while (current) {
    if (current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.FunctionDeclaration) {
      const owner = parentOf(current);
      if (owner?.type !== AST_NODE_TYPES.MethodDefinition && owner?.type !== AST_NODE_TYPES.PropertyDefinition) {
        return undefined;
      }
    }
    if (
      (current.type === AST_NODE_TYPES.MethodDefinition || current.type === AST_NODE_TYPES.PropertyDefinition) &&
      current.static
    ) {
      isStatic = true;
    }
    if (current.type === AST_NODE_TYPES.ClassBody) {
      const cls = current.parent;
      return { cls, isStatic };
    }
    current = current.parent;
  }
  return undefined;
}

/** `this.name` in a class's code: the class, whether the code is static, and the member's name. */
export function thisMember(node: Node): { cls: ClassNode; isStatic: boolean; name: string } | undefined {
  if (node.type !== AST_NODE_TYPES.MemberExpression || unwrap(node.object).type !== AST_NODE_TYPES.ThisExpression) return undefined;
  const name = propertyName(node);
  const found = enclosingClass(node);
  return name === undefined || !found ? undefined : { ...found, name };
}

/** The local name a re-export (`export { a as b } from`) takes the exported name from. */
export function reexportedName(node: TSESTree.ExportNamedDeclaration | TSESTree.ExportAllDeclaration, name: string): string {
  if (node.type === AST_NODE_TYPES.ExportAllDeclaration) return name;
  for (const spec of node.specifiers) {
    const exported = spec.exported.type === AST_NODE_TYPES.Identifier ? spec.exported.name : spec.exported.value;
    if (exported === name) return spec.local.type === AST_NODE_TYPES.Identifier ? spec.local.name : spec.local.value;
  }
  return name;
}

/** The module `import x = require('m')` names (`m`), or undefined for `import x = A.B`. */
export function importEqualsSource(spec: TSESTree.TSImportEqualsDeclaration): string | undefined {
  const ref = spec.moduleReference;
  return ref.type === AST_NODE_TYPES.TSExternalModuleReference ? staticString(ref.expression) : undefined;
}

/** The identifiers a binding pattern declares (`row`, `{ book, stock }`, `[key, value]`). */
export function bindingIdentifiers(pattern: Node | null | undefined): TSESTree.Identifier[] {
  if (!pattern) return [];
  switch (pattern.type) {
    case AST_NODE_TYPES.Identifier:
      return [pattern];
    case AST_NODE_TYPES.ObjectPattern:
      return pattern.properties.flatMap((p) => bindingIdentifiers(p.type === AST_NODE_TYPES.Property ? p.value : p.argument));
    case AST_NODE_TYPES.ArrayPattern:
      return pattern.elements.flatMap((e) => bindingIdentifiers(e));
    case AST_NODE_TYPES.AssignmentPattern:
      return bindingIdentifiers(pattern.left);
    case AST_NODE_TYPES.RestElement:
      return bindingIdentifiers(pattern.argument);
    case AST_NODE_TYPES.TSParameterProperty:
      return bindingIdentifiers(pattern.parameter);
    default:
      return [];
  }
}

/** The calls chained on a call (`.where(…).orderBy(…)` on a query), up to its end; not `then`/`catch`/`finally`. */
export function chainAbove(node: Node): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  let current = node;
  for (;;) {
    let parent = current.parent;
    while (parent?.type === AST_NODE_TYPES.ChainExpression || parent?.type === AST_NODE_TYPES.TSNonNullExpression) {
      current = parent;
      parent = current.parent;
    }
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== current) return calls;
    const call = parent.parent;
    const method = propertyName(parent);
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent || method === 'then' || method === 'catch' || method === 'finally') return calls;
    calls.push(call);
    current = call;
  }
}

/**
 * Is a call's promise waited for: awaited, returned from an async function (or from an array
 * callback, to `Promise.all`), or handed to another call (`Promise.all([…])`, `results.push(…)`)?
 * A synchronous helper (`isPresent(row)`, `format(row)`) is called for its value and never is:
 * syntax only, before any module is looked at.
 */
export function waitedFor(call: TSESTree.CallExpression): boolean {
  let current: Node = call;
  let parent = call.parent;
  while (parent.type === AST_NODE_TYPES.ChainExpression || parent.type === AST_NODE_TYPES.TSAsExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression) {
    current = parent;
    parent = parent.parent;
  }
  switch (parent.type) {
    case AST_NODE_TYPES.AwaitExpression:
    case AST_NODE_TYPES.YieldExpression:
      return true;
    case AST_NODE_TYPES.ReturnStatement:
      return true;
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === current;
    case AST_NODE_TYPES.MemberExpression:
      // `load(row).then(…)`
      return parent.object === current && propertyName(parent) === 'then';
    case AST_NODE_TYPES.ArrayExpression:
      return true;
    default:
      return false;
  }
}

/** ESLint's own parser (plain JavaScript) leaves `decorators` out where typescript-estree gives `[]`. */
export function decoratorsOf(node: { readonly decorators?: readonly TSESTree.Decorator[] }): readonly TSESTree.Decorator[] {
  return node.decorators ?? [];
}

/** Text matched literally inside a RegExp built from catalog names (`@nestjs/common`, `hashSync`). */
export function escapeRegExp(text: string): string {
  return text.replace(/[^\w]/g, '\\$&');
}

/** The call of a method path (`b.c`) on a reference: `db.$client.end()` for `db` and `$client.end`. */
export function pathCall(reference: Node, path: string): TSESTree.CallExpression | undefined {
  let current: Node = reference;
  for (const name of path.split('.')) {
    const parent = current.parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== current || propertyName(parent) !== name) return undefined;
    current = parent;
  }
  const call = current.parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.callee === current ? call : undefined;
}

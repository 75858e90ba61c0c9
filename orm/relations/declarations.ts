/**
 * Which relations an entity declares: relation decorators on a class's properties (imported from
 * the library's packages), the relation entries of an entity schema (`new EntitySchema({...})`),
 * and associations made by calling the model class (`Book.hasMany(Author, { as: 'authors' })`) in
 * the class's module. Entities of other modules are read through the resolver's module parsing.
 */
import { DefinitionType } from '@typescript-eslint/scope-manager';
import type { ScopeVariable } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';

import { libraries } from '../catalog/index.js';
import type { LibraryId, RelationCardinality, RelationCatalog } from '../catalog/index.js';
import type { OriginContext } from '../origin/context.js';
import { destructuredKey, enclosingClass, importDeclarationOf, importedName, isFunction, keyName, objectProperty, propertyName, reexportedName, requireSource, staticString, unwrap, walk } from '../syntax.js';
import type { ClassNode, Node } from '../syntax.js';

/** One relation of an entity. */
export interface DeclaredRelation {
  readonly name: string;
  readonly cardinality: RelationCardinality;
  /** Loaded by every find (`eager: true`). */
  readonly eager: boolean;
  /** The node that makes it a lazy loader (`lazy: true`, a `Promise<T>` type), if one does. */
  readonly lazy: Node | undefined;
  /** The declaration of the related entity, when it is known (for includes naming a model). */
  readonly target: Node | undefined;
}

/** The relations an entity declares. */
export interface EntityRelations {
  readonly library: LibraryId;
  readonly catalog: RelationCatalog;
  /** The entity's name, for messages. */
  readonly name: string;
  /** The class or schema construction declaring it. */
  readonly declaration: Node;
  readonly relations: ReadonlyMap<string, DeclaredRelation>;
  /** A default scope may load relations into every query: what a query loads is not known. */
  readonly defaultLoads: boolean;
}

/** What the declaration questions ask of the resolver. */
export interface DeclarationContext extends OriginContext {
  entityRelations(declaration: Node): EntityRelations | undefined;
  localModule(source: string, declaration?: TSESTree.ImportDeclaration): DeclarationContext | undefined;
  importedLocalExport(id: TSESTree.Identifier): { resolver: DeclarationContext; node: Node } | undefined;
}

/** The library package export a name comes from (`import { ManyToOne } from 'typeorm'`, `require`). */
export function packageExportOf(ctx: OriginContext, node: Node): { source: string; name: string } | undefined {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.MemberExpression && target.object.type === AST_NODE_TYPES.Identifier) {
    // `@orm.ManyToOne()` with `import * as orm from 'typeorm'` or `const orm = require('typeorm')`.
    const name = propertyName(target);
    const namespace = packageExportOf(ctx, target.object);
    return name && namespace && (namespace.name === '*' || namespace.name === 'default') ? { source: namespace.source, name } : undefined;
  }
  if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = ctx.variableOf(target)?.defs[0];
  if (!def) return undefined;
  if (def.type === DefinitionType.ImportBinding) {
    const spec = def.node;
    if (spec.type === AST_NODE_TYPES.TSImportEqualsDeclaration) return undefined;
    const declaration = importDeclarationOf(spec);
    if (!declaration) return undefined;
    const name =
      spec.type === AST_NODE_TYPES.ImportSpecifier ? importedName(spec) : spec.type === AST_NODE_TYPES.ImportNamespaceSpecifier ? '*' : 'default';
    return { source: declaration.source.value, name };
  }
  if (def.type === DefinitionType.Variable && def.node.init) {
    const source = requireSource(unwrap(def.node.init));
    if (source === undefined) return undefined;
    if (def.node.id === def.name) return { source, name: '*' };
    if (def.node.id.type === AST_NODE_TYPES.ObjectPattern) {
      for (const prop of def.node.id.properties) {
        if (prop.type === AST_NODE_TYPES.Property && prop.value === def.name && !prop.computed && prop.key.type === AST_NODE_TYPES.Identifier) {
          return { source, name: prop.key.name };
        }
      }
    }
  }
  return undefined;
}

/** The active library with relation knowledge whose package a module specifier is. */
function relationLibrary(ctx: OriginContext, source: string): { library: LibraryId; catalog: RelationCatalog } | undefined {
  for (const library of ctx.env.libraries) {
    const catalog = libraries[library];
    if (!catalog.relations) continue;
    if (Object.hasOwn(catalog.modules, source) || (catalog.modulePatterns ?? []).some((p) => p.pattern.test(source))) {
      return { library, catalog: catalog.relations };
    }
  }
  return undefined;
}

/** The entity an expression names (a class or schema, here or in an imported module). */
export function entityOf(ctx: DeclarationContext, node: Node): EntityRelations | undefined {
  const target = unwrap(node);
  if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ctx.variableOf(target);
  return variable ? entityOfVariable(ctx, variable, target) : undefined;
}

/** The entity a variable holds: a class, a schema, or one imported from a project module. */
export function entityOfVariable(ctx: DeclarationContext, variable: ScopeVariable, id?: TSESTree.Identifier): EntityRelations | undefined {
  const found = declarationOfVariable(ctx, variable, id ?? variable.identifiers[0]);
  return found ? found.resolver.entityRelations(found.node) : undefined;
}

/** The class or schema construction a variable names, in the module that declares it. */
function declarationOfVariable(
  ctx: DeclarationContext,
  variable: ScopeVariable,
  id: TSESTree.Identifier | undefined,
  depth = 0,
): { resolver: DeclarationContext; node: Node } | undefined {
  if (variable.defs.length !== 1 || depth > 4) return undefined;
  const def = variable.defs[0];
  if (!def) return undefined;
  if (def.type === DefinitionType.ClassName) return { resolver: ctx, node: def.node };
  let imported: { resolver: DeclarationContext; node: Node } | undefined;
  let exportName: string | undefined;
  if (def.type === DefinitionType.ImportBinding) {
    imported = id ? ctx.importedLocalExport(id) : undefined;
    exportName = def.node.type === AST_NODE_TYPES.ImportSpecifier ? importedName(def.node) : undefined;
  } else if (def.type === DefinitionType.Variable && def.node.init) {
    if (def.node.id === def.name) {
      const init = unwrap(def.node.init);
      return init.type === AST_NODE_TYPES.ClassExpression || init.type === AST_NODE_TYPES.NewExpression ? { resolver: ctx, node: init } : undefined;
    }
    // `const { Book } = require('./models')`.
    const source = requireSource(unwrap(def.node.init));
    const key = def.node.id.type === AST_NODE_TYPES.ObjectPattern ? destructuredKey(def.node.id, def.name) : undefined;
    const module = source !== undefined && key !== undefined ? ctx.localModule(source) : undefined;
    const node = key !== undefined ? module?.exportNode(key) : undefined;
    imported = module && node && node !== 'namespace' ? { resolver: module, node } : undefined;
    exportName = key;
  }
  if (!imported) return undefined;
  let node = imported.node;
  // Barrels: `export { default as Book } from './Book'`, followed a few modules deep.
  for (let hops = 0; node.type === AST_NODE_TYPES.ExportNamedDeclaration && node.source && hops < 4; hops += 1) {
    if (exportName === undefined) return undefined;
    exportName = reexportedName(node, exportName);
    const module: DeclarationContext | undefined = imported.resolver.localModule(node.source.value);
    const next: Node | 'namespace' | undefined = module?.exportNode(exportName);
    if (!module || !next || next === 'namespace') return undefined;
    imported = { resolver: module, node: next };
    node = next;
  }
  if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression || node.type === AST_NODE_TYPES.NewExpression) return imported;
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  // An exported variable (`export const Book = new EntitySchema(…)`) or a name exported by reference (`module.exports = { Book }`).
  const target = imported.resolver.variableOf(node);
  return target ? declarationOfVariable(imported.resolver, target, node, depth + 1) : undefined;
}

/** The relations a class or a schema construction declares (asked through the resolver's cache). */
export function declaredRelations(ctx: DeclarationContext, node: Node): EntityRelations | undefined {
  if (node.type === AST_NODE_TYPES.NewExpression) return schemaRelations(ctx, node);
  if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) return classRelations(ctx, node);
  return undefined;
}

function schemaRelations(ctx: DeclarationContext, node: TSESTree.NewExpression): EntityRelations | undefined {
  const from = packageExportOf(ctx, node.callee);
  const known = from && relationLibrary(ctx, from.source);
  const schema = known?.catalog.schemas?.find((s) => s.constructor === from?.name);
  const options = node.arguments[0];
  if (!known || !schema || options?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const entries = objectProperty(options, schema.property);
  if (entries?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const relations = new Map<string, DeclaredRelation>();
  for (const entry of entries.properties) {
    if (entry.type !== AST_NODE_TYPES.Property || entry.computed || entry.value.type !== AST_NODE_TYPES.ObjectExpression) continue;
    const name = entry.key.type === AST_NODE_TYPES.Identifier ? entry.key.name : staticString(entry.key);
    if (name === undefined) continue;
    const cardinality = schema.marker
      ? schema.marker.values[staticString(objectProperty(entry.value, schema.marker.key)) ?? '']
      : schema.typeKey
        ? schema.typeValues?.[staticString(objectProperty(entry.value, schema.typeKey)) ?? '']
        : 'one';
    if (!cardinality) continue;
    relations.set(name, {
      name,
      cardinality,
      eager: isTrue(objectProperty(entry.value, known.catalog.decorators?.eagerOption ?? 'eager')),
      lazy: flagProperty(entry.value, known.catalog.decorators?.lazyOption),
      target: undefined,
    });
  }
  const entityName = staticString(objectProperty(options, 'name')) ?? ctx.textOf(node.parent.type === AST_NODE_TYPES.VariableDeclarator ? node.parent.id : node) ?? 'entity';
  return relations.size > 0 ? { library: known.library, catalog: known.catalog, name: entityName, declaration: node, relations, defaultLoads: false } : undefined;
}

function classRelations(ctx: DeclarationContext, cls: ClassNode): EntityRelations | undefined {
  let found: { library: LibraryId; catalog: RelationCatalog } | undefined;
  const relations = new Map<string, DeclaredRelation>();
  for (const element of cls.body.body) {
    if (element.type !== AST_NODE_TYPES.PropertyDefinition || element.decorators.length === 0) continue;
    const name = keyName(element);
    if (name === undefined) continue;
    for (const decorator of element.decorators) {
      const expression = unwrap(decorator.expression);
      const callee = expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression;
      const from = packageExportOf(ctx, callee);
      const known = from && relationLibrary(ctx, from.source);
      const decorators = known?.catalog.decorators;
      const cardinality = from && decorators?.names[from.name];
      if (!known || !decorators || !cardinality) continue;
      found = known;
      const args = expression.type === AST_NODE_TYPES.CallExpression ? expression.arguments : [];
      const options = args.find((a) => a.type === AST_NODE_TYPES.ObjectExpression);
      const annotation = element.typeAnnotation?.typeAnnotation;
      const promiseTyped =
        decorators.promiseTypeIsLazy === true &&
        annotation?.type === AST_NODE_TYPES.TSTypeReference &&
        annotation.typeName.type === AST_NODE_TYPES.Identifier &&
        annotation.typeName.name === 'Promise';
      relations.set(name, {
        name,
        cardinality,
        eager: options !== undefined && isTrue(objectProperty(options, decorators.eagerOption ?? 'eager')),
        lazy: (options && flagProperty(options, decorators.lazyOption)) ?? (promiseTyped ? annotation : undefined),
        target: targetOf(ctx, args[0]),
      });
    }
  }
  const associated = associationRelations(ctx, cls, relations);
  found ??= associated;
  if (!found || relations.size === 0 || !cls.id) return undefined;
  const words = found.catalog.associations?.defaultLoads ?? [];
  const text = ctx.module.text ?? '';
  return {
    ...found,
    name: cls.id.name,
    declaration: cls,
    relations,
    defaultLoads: words.some((word) => text.includes(word)),
  };
}

/** `Book.hasMany(Author, { as: 'authors' })` (or `this.hasMany` in a static method) in the class's module. */
function associationRelations(
  ctx: DeclarationContext,
  cls: ClassNode,
  relations: Map<string, DeclaredRelation>,
): { library: LibraryId; catalog: RelationCatalog } | undefined {
  const text = ctx.module.text ?? '';
  // Only modules whose text calls an association method of an active library are asked more.
  const calls = (library: LibraryId) => Object.keys(libraries[library].relations?.associations?.methods ?? {}).some((method) => text.includes(`.${method}(`));
  if (!cls.id || !cls.superClass || ![...ctx.env.libraries].some(calls)) return undefined;
  const model = ctx.resolveClass(cls);
  const catalog = model && libraries[model.library].relations;
  const associations = catalog?.associations;
  if (!model || !catalog || !associations) return undefined;
  const className = cls.id.name;
  walk(ctx.module.ast, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return true;
    const method = propertyName(node.callee);
    const cardinality = method !== undefined && Object.hasOwn(associations.methods, method) ? associations.methods[method] : undefined;
    if (!cardinality || !isTheClass(ctx, node.callee.object, cls, className)) return true;
    const options = node.arguments[1];
    const alias = options?.type === AST_NODE_TYPES.ObjectExpression ? staticString(objectProperty(options, associations.aliasOption)) : undefined;
    if (alias !== undefined) {
      relations.set(alias, { name: alias, cardinality, eager: false, lazy: undefined, target: targetOf(ctx, node.arguments[0]) });
    }
    return true;
  });
  return { library: model.library, catalog };
}

function isTheClass(ctx: DeclarationContext, node: Node, cls: ClassNode, className: string): boolean {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.ThisExpression) {
    const found = enclosingClass(target);
    return found?.cls === cls && found.isStatic;
  }
  if (target.type !== AST_NODE_TYPES.Identifier || target.name !== className) return false;
  const def = ctx.variableOf(target)?.defs[0];
  return def?.node === cls;
}

/** The declaration of a relation's target (`() => Author`, `Author`), in this module's terms. */
function targetOf(ctx: DeclarationContext, node: Node | undefined): Node | undefined {
  if (!node || node.type === AST_NODE_TYPES.SpreadElement) return undefined;
  let target = unwrap(node);
  if (isFunction(target) && target.body.type !== AST_NODE_TYPES.BlockStatement) target = unwrap(target.body);
  if (target.type !== AST_NODE_TYPES.Identifier) return undefined;
  return entityDeclarationNode(ctx, target);
}

/** The class or schema node an identifier names, followed into project modules. */
export function entityDeclarationNode(ctx: DeclarationContext, id: TSESTree.Identifier): Node | undefined {
  const variable = ctx.variableOf(id);
  return variable ? declarationOfVariable(ctx, variable, id)?.node : undefined;
}

function isTrue(node: Node | undefined): boolean {
  return node?.type === AST_NODE_TYPES.Literal && node.value === true;
}

/** The `name: true` property of an options object, if set. */
function flagProperty(object: TSESTree.ObjectExpression, name: string | undefined): Node | undefined {
  if (name === undefined) return undefined;
  return object.properties.find(
    (prop) => prop.type === AST_NODE_TYPES.Property && !prop.computed && prop.key.type === AST_NODE_TYPES.Identifier && prop.key.name === name && isTrue(prop.value),
  );
}

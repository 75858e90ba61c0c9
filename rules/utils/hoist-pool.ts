/**
 * The text of no-pool-per-request's `hoistPool` suggestion, for a construction the resolver found
 * hoistable (`orm/pools/hoist.ts` says when): a module-level variable and a getter that makes the
 * instance at first use, declared right before the module statement that holds the function; the
 * construction replaced by a call of the getter; the statements that closed it removed, with a
 * `finally` clause they leave empty (and its `try`, when it has no `catch`).
 *
 * Names: `<name>Instance` and `get<Name>` after the local `const`, with the same number (2 to 9)
 * added to both when either is taken in the module, by a scope around the function, or as a global.
 */
import type { Scope, ScopeVariable } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { isFreeModuleName } from '../../orm/pools/hoist.js';
import type { HoistPlan } from '../../orm/pools/hoist.js';
import type { Resolver } from '../../orm/resolver.js';
import { bindingIdentifiers, walk } from '../../orm/syntax.js';
import { lineIndent, reindentedText, removalRange } from './edits.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

interface TextEdit {
  readonly range: readonly [number, number];
  readonly text: string;
}

export interface HoistFix {
  /** The getter's name, for the suggestion's message. */
  readonly getter: string;
  readonly fix: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[];
}

const typeScriptFile = /\.[cm]?tsx?$/;

/** `Pool`, `pg.Pool`, `mysql.createPool`: a name `typeof` can take. */
function entityName(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier) {
    const object = entityName(node.object);
    return object === undefined ? undefined : `${object}.${node.property.name}`;
  }
  return undefined;
}

/** The type of the instance a construction makes, written from its callee. */
function instanceType(construction: HoistPlan['construction']): string | undefined {
  if (construction.typeArguments) return undefined;
  const callee = entityName(construction.callee);
  if (callee === undefined) return undefined;
  return construction.type === AST_NODE_TYPES.NewExpression ? `InstanceType<typeof ${callee}>` : `ReturnType<typeof ${callee}>`;
}

function freeNames(resolver: Resolver, plan: HoistPlan): { instance: string; getter: string } | undefined {
  const base = plan.name.name;
  const capital = base.charAt(0).toUpperCase() + base.slice(1);
  for (const suffix of ['', '2', '3', '4', '5', '6', '7', '8', '9']) {
    const names = { instance: `${base}Instance${suffix}`, getter: `get${capital}${suffix}` };
    if (isFreeModuleName(resolver, names.instance, plan.construction) && isFreeModuleName(resolver, names.getter, plan.construction)) return names;
  }
  return undefined;
}

/** The variable a name refers to at a node. */
function visibleAt(resolver: Resolver, name: string, at: TSESTree.Node): ScopeVariable | undefined {
  for (let scope: Scope | null = resolver.scopeOf(at); scope; scope = scope.upper) {
    const variable = scope.set.get(name);
    if (variable) return variable;
  }
  return undefined;
}

/**
 * The getter an earlier `hoistPool` edit declared for the same construction (its text, as this
 * one would write it): `function getPool() { poolInstance ??= <the same>; return poolInstance; }`
 * over a module variable only that getter writes, and not shadowed where the function calls it.
 */
function existingGetter(sourceCode: SourceCode, resolver: Resolver, plan: HoistPlan, made: string): string | undefined {
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.FunctionDeclaration || statement.async || statement.generator || statement.params.length > 0) continue;
    const [assign, returned, ...rest] = statement.body.body;
    if (rest.length > 0 || assign?.type !== AST_NODE_TYPES.ExpressionStatement || returned?.type !== AST_NODE_TYPES.ReturnStatement) continue;
    const assignment = assign.expression;
    if (assignment.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '??=' || assignment.left.type !== AST_NODE_TYPES.Identifier) continue;
    const instance = assignment.left;
    if (returned.argument?.type !== AST_NODE_TYPES.Identifier || returned.argument.name !== instance.name || sourceCode.getText(assignment.right) !== made) continue;
    const variable = resolver.variableOf(instance);
    const declared = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    // Declared at module scope before the statement that holds the function, as a new one would be.
    if (declared?.parent?.type !== AST_NODE_TYPES.VariableDeclaration || declared.parent.parent.type !== AST_NODE_TYPES.Program) continue;
    if (declared.parent.range[0] > plan.topLevel.range[0]) continue;
    if (variable?.references.some((reference) => reference.isWrite() && reference.init !== true && reference.identifier !== instance)) continue;
    if (visibleAt(resolver, statement.id.name, plan.construction)?.defs[0]?.name !== statement.id) continue;
    return statement.id.name;
  }
  return undefined;
}

/** Where the declarations go: the start of the line of the statement (its decorators), or of the comments right above it. */
function insertionPoint(sourceCode: SourceCode, statement: TSESTree.ProgramStatement): number | undefined {
  const declaration =
    statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ? statement.declaration : statement;
  const decorator = declaration?.type === AST_NODE_TYPES.ClassDeclaration ? declaration.decorators[0] : undefined;
  let first: TSESTree.Node | TSESTree.Comment = decorator && decorator.range[0] < statement.range[0] ? decorator : statement;
  for (const comment of sourceCode.getCommentsBefore(first).reverse()) {
    if (comment.loc.end.line < first.loc.start.line - 1) break;
    first = comment;
  }
  const lineStart = sourceCode.getIndexFromLoc({ line: first.loc.start.line, column: 0 });
  return /^[ \t]*$/.test(sourceCode.text.slice(lineStart, first.range[0])) ? lineStart : undefined;
}

/** Would moving a block's declarations into its parent block clash with a name there? */
function unwrapClashes(resolver: Resolver, tryStatement: TSESTree.TryStatement): boolean {
  const names = new Set<string>();
  for (const statement of tryStatement.block.body) {
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) for (const id of bindingIdentifiers(declarator.id)) names.add(id.name);
    } else if (statement.type === AST_NODE_TYPES.FunctionDeclaration || statement.type === AST_NODE_TYPES.ClassDeclaration) {
      names.add(statement.id.name);
    } else if (statement.type.startsWith('TS') && statement.type.endsWith('Declaration')) {
      return true;
    }
  }
  if (names.size === 0) return false;
  const scope = resolver.scopeOf(tryStatement);
  if ([...names].some((name) => scope.set.has(name))) return true;
  let clash = false;
  walk(tryStatement.parent, (child) => {
    if (clash || child === tryStatement.block) return false;
    if (child.type === AST_NODE_TYPES.Identifier && names.has(child.name)) clash = true;
    return !clash;
  });
  return clash;
}

/** The edit that drops a `finally` clause: after the `catch`, or the `try` unwrapped into its statements. */
function dropFinally(sourceCode: SourceCode, resolver: Resolver, tryStatement: TSESTree.TryStatement): TextEdit | undefined {
  const finalizer = tryStatement.finalizer;
  if (!finalizer) return undefined;
  if (tryStatement.handler) return { range: [tryStatement.handler.range[1], finalizer.range[1]], text: '' };
  const holder = tryStatement.parent;
  if (holder.type !== AST_NODE_TYPES.BlockStatement || unwrapClashes(resolver, tryStatement)) return undefined;
  const block = tryStatement.block;
  const open = sourceCode.getFirstToken(block);
  const close = sourceCode.getLastToken(block);
  const first = open && sourceCode.getTokenAfter(open, { includeComments: true });
  const last = close && sourceCode.getTokenBefore(close, { includeComments: true });
  if (!open || !close || !first || !last) return undefined;
  if (first === close) return { range: removalRange(sourceCode, tryStatement), text: '' };
  const to = lineIndent(sourceCode, tryStatement.range[0]);
  const from = first.loc.start.line === open.loc.start.line ? to.length : first.loc.start.column;
  return { range: tryStatement.range, text: reindentedText(sourceCode, [first.range[0], last.range[1]], from, to) };
}

/** The edits that remove the closing statements. */
function closingEdits(sourceCode: SourceCode, resolver: Resolver, plan: HoistPlan): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  const done = new Set<TSESTree.Node>();
  for (const statement of plan.closes) {
    const block = statement.parent;
    const owner = block.parent;
    if (done.has(block)) continue;
    if (owner?.type === AST_NODE_TYPES.TryStatement && block.type === AST_NODE_TYPES.BlockStatement) {
      // A `finally` that only closed the pool goes, with the comments in it.
      if (block.body.every((inner) => plan.closes.includes(inner as TSESTree.ExpressionStatement))) {
        const edit = dropFinally(sourceCode, resolver, owner);
        if (!edit) return undefined;
        edits.push(edit);
        done.add(block);
        continue;
      }
    }
    edits.push({ range: removalRange(sourceCode, statement), text: '' });
  }
  return edits;
}

/** The `hoistPool` suggestion for a plan, or undefined when its text cannot be written safely. */
export function hoistPoolFix(sourceCode: SourceCode, filename: string, resolver: Resolver, plan: HoistPlan): HoistFix | undefined {
  const construction = plan.construction;
  const closing = closingEdits(sourceCode, resolver, plan);
  if (!closing) return undefined;
  // The file's own line break and indentation unit (a tab, or two spaces).
  const eol = sourceCode.text.includes('\r\n') ? '\r\n' : '\n';
  const indented = lineIndent(sourceCode, construction.range[0]);
  const indent = indented.startsWith('\t') ? '\t' : '  ';
  const made = reindentedText(sourceCode, construction.range, indented.length, indent);
  let getter = existingGetter(sourceCode, resolver, plan, made);
  const edits: TextEdit[] = [...closing];
  if (getter === undefined) {
    const typed = typeScriptFile.test(filename);
    const type = typed ? instanceType(construction) : '';
    const names = freeNames(resolver, plan);
    const at = insertionPoint(sourceCode, plan.topLevel);
    if (type === undefined || !names || at === undefined) return undefined;
    const blankBefore = at > 0 && !/\n[ \t]*\r?\n$/.test(sourceCode.text.slice(0, at)) ? eol : '';
    const declarations = [
      `let ${names.instance}${typed ? `: ${type} | undefined` : ''};`,
      '/** Created at first use, then shared by every call. */',
      `function ${names.getter}() {`,
      `${indent}${names.instance} ??= ${made};`,
      `${indent}return ${names.instance};`,
      '}',
    ].join(eol);
    edits.push({ range: [at, at], text: `${blankBefore}${declarations}${eol}${eol}` });
    getter = names.getter;
  }
  edits.push({ range: construction.range, text: `${getter}()` });
  // Every hoist of a file also touches the file's first statement: the codemod then applies one
  // per pass, and each pass chooses names that are free after the previous ones.
  const start = sourceCode.ast.body[0]?.range[0] ?? 0;
  if (edits.every((edit) => edit.range[0] > start)) edits.push({ range: [start, start], text: '' });
  edits.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  for (let i = 1; i < edits.length; i += 1) {
    const previous = edits[i - 1];
    const current = edits[i];
    if (previous && current && current.range[0] < previous.range[1]) return undefined;
  }
  return {
    getter,
    fix: (fixer) => edits.map((edit) => fixer.replaceTextRange([edit.range[0], edit.range[1]], edit.text)),
  };
}

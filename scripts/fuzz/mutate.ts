/**
 * Random mutations of source text (in the manner of eslump): parse with typescript-estree, pick
 * nodes by their ranges, splice the text. Each mutation is kept only if the result still parses,
 * so the rules see unusual but valid programs: deleted, duplicated and swapped statements,
 * expressions replaced by others of the same file, statements wrapped in try / if / loops / async
 * arrows, renamed identifiers, `await` dropped or added, `const` turned into `let`, ...
 */
import { AST_NODE_TYPES, parse, simpleTraverse } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/typescript-estree';

import type { Random } from './random.js';

interface Nodes {
  lists: TSESTree.Node[][];
  expressions: TSESTree.Node[];
  identifiers: TSESTree.Identifier[];
  awaits: TSESTree.AwaitExpression[];
  calls: TSESTree.CallExpression[];
  consts: TSESTree.VariableDeclaration[];
  functions: (TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration)[];
  members: TSESTree.MemberExpression[];
}

function collect(ast: TSESTree.Program): Nodes {
  const nodes: Nodes = { lists: [ast.body], expressions: [], identifiers: [], awaits: [], calls: [], consts: [], functions: [], members: [] };
  simpleTraverse(ast, {
    enter(node) {
      switch (node.type) {
        case AST_NODE_TYPES.BlockStatement:
        case AST_NODE_TYPES.StaticBlock:
        case AST_NODE_TYPES.TSModuleBlock:
          if (node.body.length > 0) nodes.lists.push(node.body);
          break;
        case AST_NODE_TYPES.SwitchCase:
          if (node.consequent.length > 0) nodes.lists.push(node.consequent);
          break;
        case AST_NODE_TYPES.Identifier:
          nodes.identifiers.push(node);
          break;
        case AST_NODE_TYPES.AwaitExpression:
          nodes.awaits.push(node);
          break;
        case AST_NODE_TYPES.CallExpression:
          nodes.calls.push(node);
          break;
        case AST_NODE_TYPES.VariableDeclaration:
          if (node.kind === 'const') nodes.consts.push(node);
          break;
        case AST_NODE_TYPES.ArrowFunctionExpression:
        case AST_NODE_TYPES.FunctionExpression:
        case AST_NODE_TYPES.FunctionDeclaration:
          nodes.functions.push(node);
          break;
        case AST_NODE_TYPES.MemberExpression:
          nodes.members.push(node);
          break;
        default:
      }
      if (/Expression$|^Literal$|^TemplateLiteral$|^Identifier$/.test(node.type)) nodes.expressions.push(node);
    },
  });
  return nodes;
}

const textOf = (text: string, node: TSESTree.Node) => text.slice(node.range[0], node.range[1]);
const splice = (text: string, [start, end]: readonly [number, number], insert: string) => text.slice(0, start) + insert + text.slice(end);

export function parses(text: string, jsx: boolean): boolean {
  try {
    parse(text, { jsx });
    return true;
  } catch {
    return false;
  }
}

type Mutation = (rng: Random, text: string, nodes: Nodes) => string | undefined;

const wrappers = [
  (s: string) => `try {\n${s}\n} catch {}`,
  (s: string) => `if (Math.random() > 0.5) {\n${s}\n}`,
  (s: string) => `for (const _i of [0, 1]) {\n${s}\n}`,
  (s: string) => `await (async () => {\n${s}\n})();`,
  (s: string) => `void (async () => {\n${s}\n})();`,
  (s: string) => `label: {\n${s}\nbreak label;\n}`,
  (s: string) => `while (true) {\n${s}\nbreak;\n}`,
];

export const mutations: Readonly<Record<string, Mutation>> = {
  'delete statement': (rng, text, { lists }) => {
    const statement = rng.pick(rng.pick(lists));
    return splice(text, statement.range, '');
  },
  'duplicate statement': (rng, text, { lists }) => {
    const statement = rng.pick(rng.pick(lists));
    return splice(text, [statement.range[1], statement.range[1]], `\n${textOf(text, statement)}`);
  },
  'swap statements': (rng, text, { lists }) => {
    const list = rng.pick(lists);
    if (list.length < 2) return undefined;
    const [a, b] = rng.sample(list, 2).sort((x, y) => x.range[0] - y.range[0]);
    if (!a || !b) return undefined;
    return text.slice(0, a.range[0]) + textOf(text, b) + text.slice(a.range[1], b.range[0]) + textOf(text, a) + text.slice(b.range[1]);
  },
  'move statement': (rng, text, { lists }) => {
    const statement = rng.pick(rng.pick(lists));
    const target = rng.pick(rng.pick(lists));
    if (target === statement) return undefined;
    const copy = textOf(text, statement);
    // Insert first at the later position so the earlier range stays valid.
    if (target.range[0] > statement.range[1]) return splice(splice(text, [target.range[0], target.range[0]], `${copy}\n`), statement.range, '');
    if (target.range[1] < statement.range[0]) return splice(splice(text, statement.range, ''), [target.range[0], target.range[0]], `${copy}\n`);
    return undefined;
  },
  'replace expression': (rng, text, { expressions }) => {
    const target = rng.pick(expressions);
    const source = rng.pick(expressions);
    if (source === target) return undefined;
    const replacement = textOf(text, source);
    return splice(text, target.range, rng.chance(0.5) ? `(${replacement})` : replacement);
  },
  'wrap statement': (rng, text, { lists }) => {
    const statement = rng.pick(rng.pick(lists));
    return splice(text, statement.range, rng.pick(wrappers)(textOf(text, statement)));
  },
  'rename identifier': (rng, text, { identifiers }) => {
    const name = rng.pick(identifiers).name;
    const other = rng.chance(0.5) ? rng.pick(identifiers).name : `${name}_renamed`;
    let result = text;
    for (const id of identifiers.filter((i) => i.name === name).sort((a, b) => b.range[0] - a.range[0])) {
      result = splice(result, [id.range[0], id.range[0] + name.length], other);
    }
    return result;
  },
  'drop await': (rng, text, { awaits }) => {
    if (awaits.length === 0) return undefined;
    const node = rng.pick(awaits);
    return splice(text, node.range, textOf(text, node.argument));
  },
  'add await': (rng, text, { calls, members }) => {
    const pool = [...calls, ...members];
    if (pool.length === 0) return undefined;
    const node = rng.pick(pool);
    return splice(text, node.range, `(await ${textOf(text, node)})`);
  },
  'const to let': (rng, text, { consts }) => {
    if (consts.length === 0) return undefined;
    const node = rng.pick(consts);
    if (!text.startsWith('const', node.range[0])) return undefined;
    return splice(text, [node.range[0], node.range[0] + 5], 'let');
  },
  'toggle async': (rng, text, { functions }) => {
    if (functions.length === 0) return undefined;
    const node = rng.pick(functions);
    const start = node.range[0];
    if (text.startsWith('async ', start)) return splice(text, [start, start + 6], '');
    return splice(text, [start, start], 'async ');
  },
  'swap arguments': (rng, text, { calls }) => {
    const withArgs = calls.filter((c) => c.arguments.length >= 2);
    if (withArgs.length === 0) return undefined;
    const call = rng.pick(withArgs);
    const [a, b] = call.arguments;
    if (!a || !b) return undefined;
    return text.slice(0, a.range[0]) + textOf(text, b) + text.slice(a.range[1], b.range[0]) + textOf(text, a) + text.slice(b.range[1]);
  },
  'optional chain': (rng, text, { members }) => {
    const plain = members.filter((m) => !m.optional && !m.computed);
    if (plain.length === 0) return undefined;
    const node = rng.pick(plain);
    return splice(text, [node.object.range[1], node.property.range[0]], '?.');
  },
  'rename property': (rng, text, { members }) => {
    const named = members.filter((m) => !m.computed && m.property.type === AST_NODE_TYPES.Identifier);
    if (named.length < 2) return undefined;
    const target = rng.pick(named);
    const source = rng.pick(named);
    return splice(text, target.property.range, textOf(text, source.property));
  },
};

const mutationNames = Object.keys(mutations);

/**
 * Applies `count` random mutations to `text`, each kept only if the result parses.
 * Returns the mutant and the names of the mutations applied, or undefined when none applied.
 */
export function mutate(rng: Random, text: string, jsx: boolean, count: number): { text: string; applied: string[] } | undefined {
  let current = text;
  const applied: string[] = [];
  for (let attempt = 0; attempt < count * 4 && applied.length < count; attempt += 1) {
    let ast: TSESTree.Program;
    try {
      ast = parse(current, { jsx, range: true });
    } catch {
      return undefined;
    }
    const nodes = collect(ast);
    const name = rng.pick(mutationNames);
    const mutation = mutations[name];
    if (!mutation || nodes.lists.every((l) => l.length === 0)) continue;
    let next: string | undefined;
    try {
      next = mutation(rng, current, { ...nodes, lists: nodes.lists.filter((l) => l.length > 0) });
    } catch {
      next = undefined;
    }
    if (next === undefined || next === current || !parses(next, jsx)) continue;
    current = next;
    applied.push(name);
  }
  return applied.length > 0 ? { text: current, applied } : undefined;
}

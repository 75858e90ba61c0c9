import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

import { databaseInPlay } from '../orm/activation.js';
import { blocking } from '../orm/catalog/index.js';
import type { LibraryId } from '../orm/catalog/index.js';
import type { BlockingCall } from '../orm/blocking.js';
import type { Resolver } from '../orm/resolver.js';
import { fileMayServe } from '../orm/serving.js';
import type { Serving } from '../orm/serving.js';
import { isFunction, propertyName, unwrap } from '../orm/syntax.js';
import { createRule } from './utils/create-rule.js';
import { librariesOptionSchema } from './utils/options.js';
import { fileResolver } from './utils/resolver.js';

/**
 * What not to report, in typescript-eslint's TypeOrValueSpecifier shape: a function name; a
 * package's functions or a driver's methods (`{ from: 'package', package: 'fs', name: 'existsSync' }`);
 * a global's (`{ from: 'lib', name: 'Atomics.wait' }`); a project helper (`{ from: 'file', name: 'loadTemplate' }`).
 */
export type AllowSpecifier =
  | string
  | { from: 'package'; package: string; name: string | string[] }
  | { from: 'lib'; name: string | string[] }
  | { from: 'file'; name: string | string[]; path?: string };

export type Options = [
  {
    /** Libraries to check; default: those the project depends on. */
    libraries?: LibraryId[];
    allow?: AllowSpecifier[];
  },
];

export type MessageId = 'blockingCall' | 'awaitedBlockingCall' | 'blockingHelper' | 'useAsyncForm';

const nameSchema: JSONSchema4 = {
  oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true }],
};

const allowSchema: JSONSchema4 = {
  type: 'array',
  description:
    "Calls not to report, in typescript-eslint's TypeOrValueSpecifier shape: a function name, `{ from: 'package', package, name }`, `{ from: 'lib', name }` (globals such as `Atomics.wait`) or `{ from: 'file', name, path? }` (project helpers).",
  items: {
    oneOf: [
      { type: 'string' },
      {
        type: 'object',
        additionalProperties: false,
        required: ['from', 'package', 'name'],
        properties: { from: { type: 'string', enum: ['package'] }, package: { type: 'string' }, name: nameSchema },
      },
      {
        type: 'object',
        additionalProperties: false,
        required: ['from', 'name'],
        properties: { from: { type: 'string', enum: ['lib'] }, name: nameSchema },
      },
      {
        type: 'object',
        additionalProperties: false,
        required: ['from', 'name'],
        properties: { from: { type: 'string', enum: ['file'] }, name: nameSchema, path: { type: 'string' } },
      },
    ],
  },
};

export default createRule<Options, MessageId>({
  name: 'no-blocking-call-in-async',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow synchronous database drivers and blocking `*Sync` calls in code that runs while the server serves requests or jobs',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      blockingCall:
        '{{what}} blocks the event loop until it returns, and this runs {{context}}: every other request and job of the process waits meanwhile. {{advice}}',
      awaitedBlockingCall:
        'Awaiting {{what}} does not make it asynchronous: it blocks the event loop before the `await` is reached, and this runs {{context}}. {{advice}}',
      blockingHelper:
        '`{{helper}}()` calls {{what}}{{through}} synchronously, which blocks the event loop until it returns, and this runs {{context}}: every other request and job of the process waits meanwhile. {{advice}}',
      useAsyncForm: 'Await `{{replacement}}` instead.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: { libraries: librariesOptionSchema, allow: allowSchema },
      },
    ],
    defaultOptions: [{ allow: [] }],
  },
  create(context, [options]) {
    // Text first: a file with no async function and no handler has nothing that runs while serving.
    if (!fileMayServe(context.sourceCode.text, context.filename)) return {};
    const fileResolverOrNone = fileResolver(context, options.libraries);
    if (!fileResolverOrNone || !databaseInPlay(fileResolverOrNone.env.libraries, context.sourceCode.ast)) return {};
    // Module text first: most files neither call a blocking API nor import a module that does.
    if (fileResolverOrNone.fileOutsideServing() !== undefined || !fileResolverOrNone.moduleMayReachBlocking()) return {};
    const resolver = fileResolverOrNone;
    const sourceCode = context.sourceCode;
    const allow = options.allow ?? [];

    return {
      CallExpression(node) {
        const direct = resolver.blockingCall(node);
        if (direct) {
          if (allowed(allow, direct, calleeName(node), context.filename) || isInnerLinkOfBlockingChain(resolver, node)) return;
          const serving = resolver.servingContext(node);
          if (!serving || resolver.runsOnceCached(node)) return;
          const awaited = node.parent.type === AST_NODE_TYPES.AwaitExpression && node.parent.argument === node ? node.parent : undefined;
          const suggestion = suggestAsyncForm(resolver, sourceCode, node, direct, awaited !== undefined);
          context.report({
            node: awaited ?? node,
            messageId: awaited ? 'awaitedBlockingCall' : 'blockingCall',
            data: { what: direct.what, context: describe(serving), advice: blocking.advice[direct.category] },
            suggest: suggestion ? [{ messageId: 'useAsyncForm', data: { replacement: suggestion.replacement }, fix: suggestion.fix }] : [],
          });
          return;
        }
        // A synchronous project helper that blocks, called while serving.
        if (!resolver.mayReachBlocking(unwrap(node.callee))) return;
        const serving = resolver.servingContext(node);
        if (!serving) return;
        const helper = resolver.localFunction(node.callee) ?? resolver.projectMethod(node.callee);
        if (!helper || allowed(allow, undefined, helper.name.replace(/^this\./, ''), helper.resolver.filename)) return;
        const effect = helper.resolver.blockingEffect(helper.fn);
        if (!effect || allowed(allow, effect.blocking, undefined, context.filename) || resolver.runsOnceCached(node)) return;
        context.report({
          node,
          messageId: 'blockingHelper',
          data: {
            helper: helper.name,
            what: effect.blocking.what,
            through: effect.through.length > 0 ? ` (through ${effect.through.map((name) => `\`${name}()\``).join(', ')})` : '',
            context: describe(serving),
            advice: blocking.advice[effect.blocking.category],
          },
        });
      },
    };
  },
});

function describe(serving: Serving): string {
  return serving.kind === 'handler' ? `in ${serving.what}` : 'in an async function';
}

/** The name a callee ends in (`readFileSync`, `all`), for the `allow` option. */
function calleeName(call: TSESTree.CallExpression): string | undefined {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  return callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : undefined;
}

function allowed(allow: readonly AllowSpecifier[], call: BlockingCall | undefined, name: string | undefined, filename: string): boolean {
  const names = (value: string | string[]) => (Array.isArray(value) ? value : [value]);
  const module = call?.callee?.module.replace(/^node:/, '');
  return allow.some((specifier) => {
    if (typeof specifier === 'string') return specifier === name;
    switch (specifier.from) {
      case 'package': {
        if (!call || !names(specifier.name).includes(name ?? '')) return false;
        const wanted = specifier.package.replace(/^node:/, '');
        return wanted === module || (call.library !== undefined && call.what.startsWith(`${wanted} `));
      }
      case 'lib':
        return call !== undefined && call.callee === undefined && call.library === undefined && names(specifier.name).some((n) => call.what === `\`${n}()\``);
      case 'file':
        return call === undefined && names(specifier.name).includes(name ?? '') && (specifier.path === undefined || filename.endsWith(specifier.path));
    }
  });
}

/** `db.prepare(sql).all()`: the chain is reported once, at its last blocking call. */
function isInnerLinkOfBlockingChain(resolver: Resolver, call: TSESTree.CallExpression): boolean {
  const member = call.parent;
  if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== call) return false;
  let outer: TSESTree.Node = member;
  // Skip links that only configure the statement (`.pluck()`).
  for (;;) {
    const next: TSESTree.Node = outer.parent;
    if (next.type !== AST_NODE_TYPES.CallExpression || next.callee !== outer) return false;
    if (resolver.blockingCall(next)) return true;
    const after: TSESTree.Node = next.parent;
    if (after.type !== AST_NODE_TYPES.MemberExpression || after.object !== next) return false;
    outer = after;
  }
}

/** Parents where `await x` must be parenthesised to keep the meaning of `x`. */
function needsParentheses(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression:
      return parent.object === node;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return parent.callee === node;
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return parent.tag === node;
    case AST_NODE_TYPES.BinaryExpression:
      return parent.operator === '**' && parent.left === node;
    case AST_NODE_TYPES.TSNonNullExpression:
      return true;
    default:
      return false;
  }
}

/**
 * The asynchronous drop-in, awaited, when one takes the same arguments and fulfils with the same
 * value and the call is directly in an async function: `fs.readFileSync(p)` →
 * `await fs.promises.readFile(p)`; `readFileSync(p)` → `await readFile(p)` with `readFile`
 * imported from `node:fs/promises`; `zlib.gzipSync(b)` → `await promisify(zlib.gzip)(b)`.
 */
function suggestAsyncForm(
  resolver: Resolver,
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression,
  found: BlockingCall,
  awaited: boolean,
): { replacement: string; fix: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[] } | undefined {
  const form = found.asyncForm;
  const origin = found.callee;
  if (!form || !origin || call.typeArguments || call.optional) return undefined;
  let fn: TSESTree.Node | undefined = call.parent;
  while (fn && !isFunction(fn)) fn = fn.parent;
  if (!fn || !isFunction(fn) || !fn.async) return undefined;
  const callee = unwrap(call.callee);
  let newCallee: string | undefined;
  let addImport: { name: string; module: string } | undefined;
  if (origin.style === 'member' && callee.type === AST_NODE_TYPES.MemberExpression && !callee.optional) {
    const object = sourceCode.getText(callee.object);
    if (form.style === 'promises') {
      newCallee = `${object}.${form.property}.${form.name}`;
    } else {
      const promisify = promisifyBinding(resolver, call);
      if (!promisify) return undefined;
      newCallee = `${promisify.text}(${object}.${form.name})`;
      addImport = promisify.add;
    }
  } else if (origin.style === 'named' && form.style === 'promises') {
    const existing = bindingAt(resolver, call, form.name);
    if (existing === 'other') return undefined;
    newCallee = form.name;
    if (existing === 'none') addImport = { name: form.name, module: form.module };
  }
  if (newCallee === undefined) return undefined;
  const importText = addImport ? importStatement(resolver, addImport) : undefined;
  if (addImport && !importText) return undefined;
  const args = call.arguments.length > 0 ? sourceCode.text.slice(call.arguments[0]?.range[0], call.arguments.at(-1)?.range[1]) : '';
  const replacementCall = `${newCallee}(${args})`;
  const replacement = awaited ? replacementCall : `await ${replacementCall}`;
  const text = !awaited && needsParentheses(call) ? `(${replacement})` : replacement;
  return {
    replacement: `await ${replacementCall}`,
    fix: (fixer) => {
      const fixes = [fixer.replaceText(call, text)];
      if (importText) fixes.push(importText.at === undefined ? fixer.insertTextBeforeRange([0, 0], importText.text) : fixer.insertTextAfter(importText.at, importText.text));
      return fixes;
    },
  };
}

/** How to call `util.promisify` at the call: an existing import, `util.promisify`, or a new import. */
function promisifyBinding(resolver: Resolver, call: TSESTree.CallExpression): { text: string; add?: { name: string; module: string } } | undefined {
  const existing = bindingAt(resolver, call, 'promisify');
  if (existing === 'util') return { text: 'promisify' };
  if (existing === 'other') return undefined;
  return { text: 'promisify', add: { name: 'promisify', module: 'node:util' } };
}

/**
 * What a name refers to at the call: nothing (`none`), an import of it from the module the
 * suggestion would import it from (`util` for `promisify`, the promises module otherwise), or
 * something else (`other`).
 */
function bindingAt(resolver: Resolver, call: TSESTree.CallExpression, name: string): 'none' | 'util' | 'other' {
  for (let scope: ReturnType<Resolver['scopeOf']> | null = resolver.scopeOf(call); scope; scope = scope.upper) {
    const variable = scope.set.get(name);
    if (!variable) continue;
    const def = variable.defs[0];
    if (def?.node.type === AST_NODE_TYPES.ImportSpecifier && def.node.parent.type === AST_NODE_TYPES.ImportDeclaration) {
      const source = def.node.parent.source.value;
      const imported = def.node.imported.type === AST_NODE_TYPES.Identifier ? def.node.imported.name : def.node.imported.value;
      if (imported === name && (source === 'util' || source === 'node:util' || source === 'fs/promises' || source === 'node:fs/promises')) return 'util';
    }
    return 'other';
  }
  return 'none';
}

/** The import (ESM) or require (CommonJS) statement to add, after the module's last import. */
function importStatement(resolver: Resolver, add: { name: string; module: string }): { text: string; at: TSESTree.Node | undefined } | undefined {
  const body = resolver.module.ast.body;
  const imports = body.filter((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration);
  const last = imports.at(-1);
  if (last) return { text: `\nimport { ${add.name} } from '${add.module}';`, at: last };
  // A CommonJS module: beside its first require.
  const firstRequire = body.find(
    (statement) =>
      statement.type === AST_NODE_TYPES.VariableDeclaration &&
      statement.declarations.some((d) => d.init?.type === AST_NODE_TYPES.CallExpression && d.init.callee.type === AST_NODE_TYPES.Identifier && d.init.callee.name === 'require'),
  );
  if (firstRequire) return { text: `\nconst { ${add.name} } = require('${add.module}');`, at: firstRequire };
  return undefined;
}

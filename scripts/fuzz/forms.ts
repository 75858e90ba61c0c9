/**
 * Syntax forms that wrap database code without changing what it does: statement wrappers
 * (try, labeled loops, switch, IIFEs, `using`, `.then`), expression wrappers (casts, `!`,
 * sequences, conditionals, logical assignment) and the declarations that hold it (functions,
 * overloads, classes with private members, accessors, static blocks, decorators, generators,
 * namespaces, object literals, request handlers).
 */
import type { Mod } from './emit.js';
import type { Random } from './random.js';

/** Wraps an expression (already a complete expression) in a form with the same value. */
export function wrapExpression(rng: Random, mod: Mod, expr: string): string {
  if (!rng.chance(0.3)) return expr;
  const forms: [string, number][] = [
    [`(${expr})`, 2],
    [`(0, ${expr})`, 1],
    [`(id ? ${expr} : ${expr})`, 1],
    [`(${expr} ?? null)`, 1],
    [`[${expr}][0]`, 0.5],
    [`(void 0, ${expr})`, 1],
  ];
  if (mod.ts) forms.push([`(${expr} as any)`, 2], [`(${expr})!`, 1], [`(${expr} satisfies unknown)`, 1], [`(<any>${expr})`, mod.ext === 'tsx' ? 0 : 0.5], [`(${expr} as unknown as Promise<any>)`, 1]);
  return rng.weighted(forms);
}

/** Wraps statements in a block-level form; `awaitOk` says the code is inside an async function. */
export function wrapStatements(rng: Random, mod: Mod, statements: readonly string[], awaitOk: boolean, depth = 0): string[] {
  if (depth > 1 || !rng.chance(0.45)) return [...statements];
  const body = statements.join('\n');
  const label = mod.uid('outer');
  const forms: [() => string, number][] = [
    [() => `try {\n${body}\n} catch (error${mod.ts && rng.chance(0.5) ? ': unknown' : ''}) {\nconsole.error(error);\n}${rng.chance(0.3) ? ' finally {\nvoid 0;\n}' : ''}`, 3],
    [() => `if (id${rng.pick([' > 0', '', ' !== undefined'])}) {\n${body}\n} else {\nvoid id;\n}`, 2],
    [() => `${label}: for (const item of [1, 2]) {\nif (!item) continue ${label};\n${body}\nbreak ${label};\n}`, 1.5],
    [() => `{\n${body}\n}`, 1],
    [() => `switch (mode) {\ncase 1: {\n${body}\nbreak;\n}\ndefault:\nbreak;\n}`, 1],
    [() => `do {\n${body}\n} while (false);`, 1],
    [() => `for (let attempt = 0; attempt < 2; attempt += 1) {\n${body}\n}`, 1],
    [() => `while (id-- > 0) {\n${body}\n}`, 0.5],
  ];
  if (awaitOk) {
    forms.push(
      [() => `await (async () => {\n${body}\n})();`, 2],
      [() => `await Promise.resolve().then(async () => {\n${body}\n});`, 1],
      [() => `for await (const _row of [1]) {\n${body}\n}`, 0.5],
    );
    if (mod.ts) forms.push([() => `{\nawait using _scope = { async [Symbol.asyncDispose]() {} };\n${body}\n}`, 0.7]);
  }
  if (mod.ts) forms.push([() => `{\nusing _res = { [Symbol.dispose]() {} };\n${body}\n}`, 0.5]);
  const wrapped = rng.weighted(forms)();
  return wrapStatements(rng, mod, [wrapped], awaitOk, depth + 1);
}

/** Parameters `id`, `url`, `ids` as a plain list, rest or destructured with defaults. */
export function params(rng: Random, mod: Mod): string {
  const t = (type: string) => mod.type(type);
  return rng.pick([
    `id${t('number')}, url${t('string')} = 'https://api.example.com', ids${t('number[]')} = [id]`,
    `{ id = 1, url = 'https://api.example.com', ids = [id] }${t('{ id?: number; url?: string; ids?: number[] }')} = {}`,
    `id${t('any')}, url${t('any')} = '', ...ids${t('any[]')}`,
    `[id, url, ids = []]${t('[any, any, any?]')} = [1, '']`,
    `{ id, nested: { url, ids = [] } = { url: '' } }${t('any')}`,
  ]);
}

/**
 * The names a scenario uses: `mode`, `args`, `opts`, `rest`, and `id`, `url`, `ids` unless they
 * are parameters.
 */
export const preamble = (mod: Mod, withParams = true) => {
  const t = (type: string) => mod.type(type);
  const ids = withParams ? '' : `id${t('any')} = 1, url${t('string')} = 'https://api.example.com', ids${t('any[]')} = [1, 2], `;
  return `let ${ids}mode${t('number')} = 1, args${t('any[]')} = [], opts${t('any')} = {}, rest${t('any')} = {};\nvoid [id, url, ids, mode, args, opts, rest];`;
};

export interface Container {
  /** The declaration, with `BODY` where the statements go. */
  readonly text: string;
  /** A call expression to run it from elsewhere in the module, if it has a name. */
  readonly call?: string;
  /** Class fields holding the values: field name → expression in BODY (`this.#db`). */
  readonly members?: ReadonlyMap<string, string>;
}

/**
 * An async declaration to hold statements; `fields` are class members holding values
 * (`name = expr`) that the body reaches as `this.name`.
 */
export function container(rng: Random, mod: Mod, fields: readonly { name: string; expr: string; decorator?: string; type?: string }[]): Container {
  const name = mod.uid(rng.pick(['placeOrder', 'checkout', 'transfer', 'sync', 'handle', 'run', 'importBooks']));
  const exp = mod.cjs ? '' : rng.chance(0.6) ? 'export ' : '';
  const p = params(rng, mod);
  const forms: [() => Container, number][] = [
    [() => ({ text: `${exp}async function ${name}(${p}) {\n${preamble(mod)}\nBODY\n}`, call: `${name}(1)` }), 4],
    [() => ({ text: `${exp}const ${name} = async (${p}) => {\n${preamble(mod)}\nBODY\n};`, call: `${name}(1)` }), 3],
    [() => ({ text: `${mod.topLevelAwait ? 'await ' : 'void '}(async () => {\n${preamble(mod, false)}\nBODY\n})();` }), 1],
    [() => ({ text: `${exp}const ${name} = {\nasync [${quoteName('run')}](${p}) {\n${preamble(mod)}\nBODY\n},\n};`, call: `${name}.run(1)` }), 1],
    [() => ({ text: `${exp}async function* ${name}(${p}) {\n${preamble(mod)}\nyield 1;\nBODY\nyield 2;\n}`, call: `${name}(1).next()` }), 1],
    [() => ({ text: `Promise.resolve().then(async () => {\n${preamble(mod, false)}\nBODY\n}).catch(() => undefined);` }), 1],
    [() => handler(rng, mod), 3],
    [() => classContainer(rng, mod, name, fields), 3],
  ];
  if (mod.ts) {
    forms.push(
      [
        () => ({
          text: `${exp}function ${name}(id: number): Promise<void>;\n${exp}function ${name}(id: string, url?: string): Promise<void>;\n${exp}async function ${name}(id: any, url: any = '', ids: any[] = []): Promise<void> {\n${preamble(mod)}\nBODY\n}`,
          call: `${name}(1)`,
        }),
        1.5,
      ],
      [() => ({ text: `${exp}namespace ${cap(name)} {\nexport const ready = true;\nexport async function run(${p}) {\n${preamble(mod)}\nBODY\n}\n}`, call: `${cap(name)}.run(1)` }), 1],
    );
  }
  return rng.weighted(forms)();
}

const cap = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const quoteName = (name: string) => `'${name}'`;

/** A request handler of an express-, fastify- or Next.js-like server. */
function handler(rng: Random, mod: Mod): Container {
  const t = (type: string) => mod.type(type);
  const body = `${preamble(mod, false)}\nBODY`;
  const form = rng.pick(['express', 'fastify', 'next', 'router']);
  if (form === 'next' && !mod.cjs) {
    const method = rng.pick(['POST', 'GET', 'PUT']);
    if (mod.names.has(method)) return { text: `export default async function handler(req${t('any')}, res${t('any')}) {\n${body}\nres.status(200).end();\n}` };
    mod.names.add(method);
    return { text: `export async function ${method}(request${t('Request')}) {\n${body}\nreturn Response.json({ ok: true, request: request.url });\n}` };
  }
  const server = mod.uid(form === 'fastify' ? 'fastify' : 'app');
  if (form === 'fastify') {
    if (mod.cjs) mod.head.push(`const ${server} = require('fastify')({ logger: true });`);
    else {
      mod.addImport(`import Fastify from 'fastify';`);
      mod.head.push(`const ${server} = Fastify();`);
    }
    return { text: `${server}.post('/orders/:id', async (request${t('any')}, reply${t('any')}) => {\n${body}\nreturn reply.send({ ok: true });\n});` };
  }
  if (!mod.cjs && rng.chance(0.7)) mod.addImport(`import express from 'express';`);
  else if (!mod.bound.has('express')) mod.head.push(`const express = require('express');`);
  mod.bound.set('express', 'express');
  mod.head.push(form === 'router' ? `const ${server} = express.Router();` : `const ${server} = express();`);
  const verb = rng.pick(['post', 'get', 'put', 'delete']);
  return { text: `${server}.${verb}('/books/:id', ${rng.chance(0.3) ? 'auth, ' : ''}async (req${t('any')}, res${t('any')}, next${t('any')}) => {\ntry {\n${body}\nres.json({ ok: true });\n} catch (error) {\nnext(error);\n}\n});` };
}

/** A class holding the values as fields (or injected constructor parameters), the body in a method. */
function classContainer(rng: Random, mod: Mod, name: string, fields: readonly { name: string; expr: string; decorator?: string; type?: string }[]): Container {
  const className = mod.uid(cap(`${name}Service`));
  const exp = mod.cjs ? '' : rng.chance(0.6) ? 'export ' : '';
  const lines: string[] = [];
  const decorators = mod.ts && rng.chance(0.6);
  const abstract = mod.ts && rng.chance(0.15);
  if (decorators) lines.push(rng.pick(['@Injectable()', '@Injectable({ scope: Scope.REQUEST })', '@Controller(\'books\')', '@Service()']));
  lines.push(`${exp}${abstract ? 'abstract ' : ''}class ${className} {`);
  const injected = fields.filter((f) => f.decorator !== undefined && mod.ts);
  const plain = fields.filter((f) => !injected.includes(f));
  const privateFields = !mod.ts || rng.chance(0.3);
  const members = new Map<string, string>();
  for (const field of plain) {
    const key = privateFields && rng.chance(0.5) ? `#${field.name}` : field.name;
    const accessor = mod.ts && !key.startsWith('#') && rng.chance(0.15) ? 'accessor ' : '';
    const isStatic = rng.chance(0.1);
    lines.push(`${isStatic ? 'static ' : ''}${accessor}${key} = ${field.expr};`);
    members.set(field.name, isStatic ? `${className}.${key}` : `this.${key}`);
  }
  if (injected.length > 0 || (mod.ts && rng.chance(0.2))) {
    const ctorParams = injected.map((f) => `${f.decorator ?? ''} private readonly ${f.name}${f.type ? `: ${f.type}` : ''}`);
    lines.push(`constructor(${ctorParams.join(', ')}) {${rng.chance(0.3) ? '\nvoid 0;' : ''}}`);
    for (const f of injected) members.set(f.name, `this.${f.name}`);
  }
  if (abstract) lines.push('abstract describe(): string;', 'protected abstract readonly label: string;');
  if (rng.chance(0.2)) lines.push(`static {\n${className}.ready = true;\n}`, `static ready${mod.type('boolean')} = false;`);
  if (rng.chance(0.2)) lines.push(`get size() {\nreturn 1;\n}`, `set size(value${mod.type('number')}) {\nvoid value;\n}`);
  const method = rng.pick(['run', 'placeOrder', '#run', '[`run`]', 'execute']);
  const methodDecorator = mod.ts && decorators && rng.chance(0.4) ? `${rng.pick(['@Post()', '@Get(\':id\')', '@Transactional()', '@UseGuards(AuthGuard)'])}\n` : '';
  const paramDecorator = mod.ts && decorators && rng.chance(0.3) ? "@Param('id') " : '';
  lines.push(`${methodDecorator}async ${method}(${paramDecorator}${params(rng, mod)}) {\n${preamble(mod)}\nBODY\n}`);
  if (method === '#run') lines.push(`async run() {\nreturn this.#run(1);\n}`);
  lines.push('}');
  const call = abstract ? undefined : `new ${className}(${injected.map(() => 'undefined as any').join(', ')}).${method === '[`run`]' || method === '#run' ? 'run' : method}(1)`;
  return { text: lines.join('\n'), ...(call ? { call } : {}), members };
}

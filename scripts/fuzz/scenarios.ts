/**
 * Transactions and their bodies for the generator: one database scenario is usually a transaction
 * (callback or begin/commit form) over the module's values, with a body of mixed work (queries on
 * the handle and on outer clients, helpers, I/O, nested transactions), or plain queries outside one.
 */
import { callbackTransaction, ioCall, queryOn, regionTransaction, applySteps, bindEntry, paren } from './emit.js';
import type { Helper, Mod, TransactionPlan, Value } from './emit.js';
import { clientPaths, related, role } from './facts.js';
import { wrapExpression, wrapStatements } from './forms.js';
import type { Random } from './random.js';

/** What one program's generation carries: its random source, its language, its modules. */
export interface Context {
  readonly rng: Random;
  readonly js: boolean;
  readonly mods: Mod[];
}


/** Statements for one database scenario: usually a transaction, with a body of mixed work. */
export function scenario(ctx: Context, mod: Mod, values: readonly Value[], helpers: readonly Helper[], depth: number): string[] {
  const { rng } = ctx;
  const libs = rng.shuffle([...new Set(values.map((v) => v.lib))]);
  let plan: TransactionPlan | undefined;
  for (const lib of libs) {
    plan = rng.chance(0.6) ? (callbackTransaction(rng, mod, values, lib, true) ?? regionTransaction(rng, mod, values, lib, true)) : (regionTransaction(rng, mod, values, lib, true) ?? callbackTransaction(rng, mod, values, lib, true));
    if (plan) break;
  }
  if (!plan || rng.chance(0.08)) return plainQueries(ctx, mod, values, helpers);
  const inner: string[] = [];
  const asyncBody = !plan.synchronous || plan.open.includes('async');
  const count = rng.int(2, 6);
  for (let i = 0; i < count; i += 1) inner.push(...bodyStatement(ctx, mod, values, helpers, plan, asyncBody, depth));
  return [plan.open, ...wrapStatements(rng, mod, inner, asyncBody), plan.close];
}

/** Queries outside a transaction: loops over rows, `Promise.all`, a client made per call. */
function plainQueries(ctx: Context, mod: Mod, values: readonly Value[], helpers: readonly Helper[]): string[] {
  const { rng } = ctx;
  const clients = values.filter((v) => role(v.lib, v.kind) !== undefined);
  if (clients.length === 0) return [`await ${ioCall(rng, mod)};`];
  const value = rng.pick(clients);
  const query = () => queryOn(rng, mod, value, { awaitOk: true }) ?? value.expr;
  const form = rng.pick(['loop', 'all', 'per-call', 'then', 'helper']);
  switch (form) {
    case 'loop':
      // The inner query reads the row (most generated arguments name `id`): a query per item.
      return [`for (const row of await ${query()}${mod.ts ? ' as any[]' : ''} ?? []) {\nconst id = row.id;\nawait ${query()};\n}`];
    case 'all':
      return [`await Promise.all(ids.map(async (id${mod.type('any')}) => ${query()}));`];
    case 'then':
      return [`await ${paren(query())}.then((rows${mod.type('any')}) => rows, () => null);`];
    case 'helper': {
      const helper = helpers.length > 0 ? rng.pick(helpers) : undefined;
      return helper ? [`for (const item of ids) await ${helper.call}(${helper.takesHandle ? `${value.expr}, ` : ''}item);`] : [`await ${query()};`];
    }
    default: {
      // A client made inside the function that runs per request.
      const paths = clientPaths(value.lib);
      if (paths.length === 0) return [`await ${query()};`];
      const path = rng.weighted(paths);
      const name = mod.uid('perCall');
      const expr = applySteps(rng, mod, value.lib, bindEntry(rng, mod, path.entry), path.entry.kind, path.steps, true);
      const local: Value = { lib: value.lib, kind: path.kind, expr: name };
      return [`const ${name} = ${expr};`, `await ${queryOn(rng, mod, local, { awaitOk: true }) ?? name};`];
    }
  }
}

function bodyStatement(ctx: Context, mod: Mod, values: readonly Value[], helpers: readonly Helper[], plan: TransactionPlan, asyncBody: boolean, depth: number): string[] {
  const { rng } = ctx;
  const aw = asyncBody ? 'await ' : '';
  const handle = plan.handle;
  const handleName = plan.handleName;
  const outers = values.filter((v) => related(v.lib, plan.lib) && role(v.lib, v.kind) !== 'constructor' && role(v.lib, v.kind) !== 'module');
  const others = values.filter((v) => !related(v.lib, plan.lib));
  const q = (value: Value, bind: boolean) => queryOn(rng, mod, value, { awaitOk: asyncBody, ...(handleName !== undefined ? { handle: handleName } : {}), bind });
  const kind = rng.weighted<string>([
    ['handle', handle ? 5 : 0],
    ['outer', outers.length > 0 ? 4 : 0],
    ['other', others.length > 0 ? 1 : 0],
    ['io', asyncBody ? 3 : 0.3],
    ['helper', helpers.length > 0 ? 3 : 0],
    ['nested', depth < 1 ? 1 : 0],
    ['loop', 1.5],
    ['alias', outers.length > 0 || handle ? 1.5 : 0],
    ['logical', 0.7],
    ['conditional', 0.7],
  ]);
  const pickValue = () => (handle && (outers.length === 0 || rng.chance(0.5)) ? handle : rng.pick(outers.length > 0 ? outers : values));
  switch (kind) {
    case 'handle': {
      const query = handle ? q(handle, true) : undefined;
      return query ? [`${aw}${wrapExpression(rng, mod, query)};`] : [];
    }
    case 'outer': {
      const query = q(rng.pick(outers), rng.chance(0.4));
      return query ? [`${aw}${wrapExpression(rng, mod, query)};`] : [];
    }
    case 'other': {
      const query = q(rng.pick(others), false);
      return query ? [`${aw}${query};`] : [];
    }
    case 'io':
      return [`${aw}${wrapExpression(rng, mod, ioCall(rng, mod))};`];
    case 'helper': {
      const helper = rng.pick(helpers);
      const args = helper.takesHandle ? `${handleName ?? (plan.outer?.expr ?? 'undefined')}, id` : 'id';
      return [rng.chance(0.15) ? `${aw}${helper.call}(...[${args}]);` : `${aw}${helper.call}(${args});`];
    }
    case 'nested': {
      const inner = scenario(ctx, mod, handle ? [...values, handle] : values, helpers, depth + 1);
      return asyncBody ? inner : [`void (async () => {\n${inner.join('\n')}\n})();`];
    }
    case 'loop': {
      const query = q(pickValue(), rng.chance(0.5));
      if (!query) return [];
      const body = `${aw}${query};`;
      return [
        rng.pick([
          `for (const item of ids) {\n${body}\n}`,
          asyncBody ? `await Promise.all(ids.map(async (item${mod.type('any')}) => ${query}));` : `ids.forEach((item${mod.type('any')}) => ${query});`,
          `for (let i = 0; i < ids.length; i++) {\nif (i > 3) break;\n${body}\n}`,
          `ids.forEach(async (item${mod.type('any')}) => {\nawait ${query};\n});`,
        ]),
      ];
    }
    case 'alias': {
      const value = pickValue();
      const alias = mod.uid(rng.pick(['repo', 'c', 'target', 'conn']));
      const spec = value.lib.catalog.kinds[value.kind];
      const props = Object.entries(spec?.properties ?? {});
      if (props.length > 0 && rng.chance(0.4)) {
        const [prop, propKind] = rng.pick(props);
        const query = q({ lib: value.lib, kind: propKind, expr: alias }, rng.chance(0.5));
        return query ? [`const { ${prop}: ${alias} = ${value.expr}.${prop} } = ${value.expr};`, `${aw}${query};`] : [];
      }
      if (spec?.anyProperty && rng.chance(0.5)) {
        const query = q({ lib: value.lib, kind: spec.anyProperty.kind, expr: alias }, true);
        return query ? [`const { book: ${alias} } = ${value.expr};`, `${aw}${query};`] : [];
      }
      const query = q({ ...value, expr: alias }, rng.chance(0.5));
      const cast = mod.ts ? rng.pick(['', ' as any', '!', ` as typeof ${value.expr.replace(/\(.*$/, '').split('.')[0] ?? 'Object'}`]) : '';
      return query ? [`const ${alias}${mod.ts && rng.chance(0.2) ? ': any' : ''} = ${value.expr}${value.expr.startsWith('this.') || value.expr.includes('(') ? '' : cast};`, `${aw}${query};`] : [];
    }
    case 'logical': {
      const query = q(pickValue(), true);
      if (!query) return [];
      const cache = mod.uid('cache');
      return [`let ${cache}${mod.type('any')};`, `${cache} ${rng.pick(['??=', '||=', '&&='])} ${aw}${query};`];
    }
    default: {
      const a = pickValue();
      const b = pickValue();
      const qa = q(a, true);
      const qb = q(b, false);
      if (!qa || !qb) return [];
      return [`const ${mod.uid('picked')} = id ? ${aw}${qa} : (0, ${aw}${qb});`];
    }
  }
}

/**
 * What the resolver knows of a value, and the catalog's answers about values: which kind a
 * property or a type leads to. Pure functions of the catalog; no syntax, no scopes.
 */
import { libraries } from './catalog/index.js';
import type { IoCategory, KindSpec, LibraryCatalog, LibraryId } from './catalog/index.js';

/** A database object: what the resolver knows of an expression's value. */
export interface DbValue {
  readonly library: LibraryId;
  readonly kind: string;
  readonly spec: KindSpec;
  /**
   * Which connection source it came from: the file and offset of the constructor or factory call
   * that made its client. Undefined when only its type is known (injected, annotated).
   */
  readonly origin: string | undefined;
  /** It is, or is derived from, a transaction handle. */
  readonly viaHandle: boolean;
  /** Source text naming its entity (`getRepository(User)`, `@InjectRepository(User)`), if known. */
  readonly entity: string | undefined;
}

/** Non-database I/O an expression leads to. */
export interface IoValue {
  readonly category: IoCategory;
  /** The module or global it comes from, for messages. */
  readonly source: string;
}

export function catalogOf(library: LibraryId): LibraryCatalog {
  return libraries[library];
}

export function makeValue(
  library: LibraryId,
  kind: string,
  from: Partial<Pick<DbValue, 'origin' | 'viaHandle' | 'entity'>> = {},
): DbValue | undefined {
  const spec = catalogOf(library).kinds[kind];
  if (!spec) return undefined;
  return {
    library,
    kind,
    spec,
    origin: from.origin,
    viaHandle: from.viaHandle ?? spec.role === 'transaction',
    entity: from.entity,
  };
}

/** A value of another kind reached from `base` (a property, a method's result): same origin. */
export function derive(base: DbValue, kind: string, entity?: string): DbValue | undefined {
  return makeValue(base.library, kind, {
    origin: base.origin,
    viaHandle: base.viaHandle,
    entity: entity ?? base.entity,
  });
}

/** A value made by a constructor or factory call in `filename`: a client's origin is that call. */
export function freshValue(base: DbValue, kind: string, call: { readonly range: readonly [number, number] }, filename: string): DbValue | undefined {
  const spec = catalogOf(base.library).kinds[kind];
  const origin = spec?.role === 'client' ? `${filename}:${String(call.range[0])}` : base.origin;
  return makeValue(base.library, kind, { origin, viaHandle: base.viaHandle, entity: base.entity });
}

/** The kind a property of an object leads to. */
export function memberOf(base: DbValue, name: string): DbValue | undefined {
  const spec = base.spec;
  const kind = spec.properties?.[name];
  if (kind) return derive(base, kind);
  const any = spec.anyProperty;
  if (
    any &&
    !(spec.queryMethods ?? []).includes(name) &&
    !(any.except ?? []).includes(name) &&
    !(any.exceptPrefixes ?? []).some((prefix) => name.startsWith(prefix)) &&
    !(spec.transactions ?? []).some((t) => t.method === name) &&
    !Object.hasOwn(spec.methods ?? {}, name) &&
    !isObjectPrototypeMember(name)
  ) {
    return derive(base, any.kind);
  }
  return undefined;
}

/** The instance a type names: constructors give their instances, other kinds are themselves. */
export function instanceOf(value: DbValue, entity: string | undefined): DbValue | undefined {
  // Classes (constructors, and model classes whose instances are rows) stand for their instances.
  if ((value.spec.role === 'constructor' || value.spec.role === 'model') && value.spec.newInstance) {
    return makeValue(value.library, value.spec.newInstance, { origin: value.origin, entity: entity ?? value.entity });
  }
  if (value.spec.role === 'constructor' && value.spec.callResult) {
    return makeValue(value.library, value.spec.callResult, { origin: value.origin, entity });
  }
  if (value.spec.role === 'model-base') return undefined;
  return entity && !value.entity ? { ...value, entity } : value;
}

/** Looks a module's export (or type) up in the catalogs of the given libraries. */
export function catalogExport(
  active: ReadonlySet<LibraryId>,
  source: string,
  name: string,
  table: 'exports' | 'types',
): DbValue | undefined {
  for (const library of active) {
    const catalog = catalogOf(library);
    const tables: Array<Readonly<Record<string, string>> | undefined> = [];
    if (table === 'types') tables.push(catalog.types?.[source]);
    tables.push(catalog.modules[source]);
    for (const pattern of catalog.modulePatterns ?? []) {
      if (!pattern.pattern.test(source)) continue;
      if (table === 'types') tables.push(pattern.types);
      tables.push(pattern.exports);
    }
    for (const exports of tables) {
      if (!exports) continue;
      const kind = exports[name];
      if (kind) return makeValue(library, kind);
      // `import pg from 'pg'` then `pg.Pool`: named exports reached through the namespace.
      const namespace = exports['*'] ?? exports.default;
      if (namespace && name !== '*' && name !== 'default') {
        const viaNamespace = makeValue(library, namespace);
        const member = viaNamespace && memberOf(viaNamespace, name);
        if (member) return member;
      }
    }
  }
  return undefined;
}

function isObjectPrototypeMember(name: string): boolean {
  return name in Object.prototype || name === 'then' || name === 'catch' || name === 'finally';
}

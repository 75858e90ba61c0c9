/**
 * With type information: what the checker says an expression's type is, by the package (or
 * project file) that declares it; and which file an import names, as TypeScript resolves it.
 */
import path from 'node:path';

import type { TSESTree } from '@typescript-eslint/utils';

import { libraries } from '../catalog/index.js';
import type { Node } from '../syntax.js';
import { catalogExport, instanceOf } from '../values.js';
import type { DbValue } from '../values.js';
import type { OriginContext } from './context.js';

/** The database object the checker's type of a node names, if any. */
export function resolveByType(ctx: OriginContext, node: Node): DbValue | undefined {
  const services = ctx.env.services;
  if (!services?.program) return undefined;
  try {
    const checker = services.program.getTypeChecker();
    const tsNode = services.esTreeNodeToTSNodeMap.get(node);
    const type = checker.getTypeAtLocation(tsNode);
    const symbol = type.aliasSymbol ?? type.getSymbol();
    if (!symbol) return undefined;
    // `"knex".Knex.Transaction` for ambient modules, `"/…/node_modules/knex/types/index".Knex`
    // for files, `"/…/src/prisma.service".PrismaService` for project classes.
    const qualified = /^"([^"]+)"\.(.+)$/.exec(checker.getFullyQualifiedName(symbol));
    if (!qualified) return undefined;
    const [, moduleName = '', dotted = ''] = qualified;
    const isPath = moduleName.startsWith('/') || /^[A-Za-z]:[\\/]/.test(moduleName);
    const specifier = isPath
      ? specifierOfDeclarationFile(`${moduleName.replace(/\\/g, '/')}.ts`)
      : { package: moduleName, module: moduleName, local: false };
    if (!specifier) return undefined;
    if (specifier.local) {
      const declaration = symbol.declarations?.[0];
      const file = declaration?.getSourceFile().fileName;
      const module = file ? ctx.moduleAt(path.normalize(file)) : undefined;
      const value = module?.resolveExport(dotted);
      return value ? instanceOf(value, undefined) : undefined;
    }
    const last = dotted.slice(dotted.lastIndexOf('.') + 1);
    for (const source of new Set([specifier.module, specifier.package])) {
      const value =
        catalogExport(ctx.env.libraries, source, dotted, 'types') ?? catalogExport(ctx.env.libraries, source, last, 'types');
      if (value) return instanceOf(value, undefined);
    }
    return undefined;
  } catch {
    return undefined;
  }
}

/** With a program, the import's file as TypeScript resolves it (paths, baseUrl, exports maps). */
export function moduleFileByProgram(ctx: OriginContext, declaration?: TSESTree.ImportDeclaration): string | undefined {
  const services = ctx.env.services;
  if (!declaration || !services?.program) return undefined;
  try {
    const tsNode = services.esTreeNodeToTSNodeMap.get(declaration.source);
    const symbol = services.program.getTypeChecker().getSymbolAtLocation(tsNode);
    const file = symbol?.valueDeclaration?.getSourceFile().fileName ?? symbol?.declarations?.[0]?.getSourceFile().fileName;
    return file ? path.normalize(file) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `/x/node_modules/@prisma/client/index.d.ts` → `{ package: '@prisma/client', module: '@prisma/client' }`;
 * a file outside node_modules is a project file (`local`), matched by module patterns only.
 */
function specifierOfDeclarationFile(file: string): { package: string; module: string; local: boolean } | undefined {
  const marker = file.lastIndexOf('/node_modules/');
  if (marker === -1) {
    const stripped = file.replace(/\.d\.[cm]?ts$|\.[cm]?[jt]sx?$/, '');
    // A generated client inside the project (Prisma's `prisma-client` generator) is a library.
    const generated = Object.values(libraries).some((c) => (c.modulePatterns ?? []).some((p) => p.pattern.test(stripped)));
    return { package: stripped, module: stripped, local: !generated };
  }
  const rest = file.slice(marker + '/node_modules/'.length).split('/');
  const pkgParts = rest[0]?.startsWith('@') ? rest.slice(0, 2) : rest.slice(0, 1);
  let pkg = pkgParts.join('/');
  if (pkg.startsWith('@types/')) {
    const inner = pkg.slice('@types/'.length);
    pkg = inner.includes('__') ? `@${inner.replace('__', '/')}` : inner;
  }
  const sub = rest
    .slice(pkgParts.length)
    .join('/')
    .replace(/\.d\.[cm]?ts$|\.[cm]?[jt]sx?$/, '')
    .replace(/(^|\/)(?:dist|lib|build|types|cjs|esm)\//g, '$1')
    .replace(/\/?index$/, '');
  // `.prisma/client` is where Prisma ≤ 6 generates its types.
  if (pkg === '.prisma') pkg = '@prisma/client';
  return { package: pkg, module: sub ? `${pkg}/${sub}` : pkg, local: false };
}

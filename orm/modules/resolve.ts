/**
 * Finding a project's own modules, without TypeScript: for an import in a linted file, which
 * project file it names: relative imports, tsconfig `paths` and `baseUrl` (following `extends`),
 * package.json `imports` (`#db`), and packages of the same workspace (`@acme/db`, found from the
 * workspace's globs or from a `node_modules` link out of `node_modules`), mapped back from their
 * built entry to their source. Packages installed from a registry resolve to undefined: they are
 * known from the catalog.
 */
import path from 'node:path';

import { expireCaches, fileSystemCache, remember, withExtensions } from './files.js';
import { splitPackageSpecifier } from './manifests.js';
import { packageEntry, packageImport } from './package-entries.js';
import { mappedTargets, pathMappingFor } from './tsconfig.js';
import { linkedPackageFolder, packagesOf } from './workspaces.js';

/** Answers by importing folder and specifier: they do not change during a lint run. */
const resolutions = fileSystemCache<string | null>();

/**
 * Resolves a project-local import specifier to a file: relative paths; tsconfig `paths` (with
 * `extends`); a file under tsconfig `baseUrl` (only when one exists there, so `pg` stays a
 * package); `#imports` of the nearest package.json; a package of the same workspace, or one linked
 * into `node_modules` from outside it, to the source of its entry or subpath. Packages installed
 * from a registry resolve to undefined: libraries are known from the catalog, not from their code.
 */
export function resolveLocalModule(fromFile: string, specifier: string): string | undefined {
  if (!path.isAbsolute(fromFile)) return undefined;
  expireCaches();
  const folder = path.dirname(fromFile);
  const key = `${folder}\0${specifier}`;
  const cached = resolutions.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const file = resolveUncached(folder, specifier);
  remember(resolutions, key, file ?? null);
  return file;
}

function resolveUncached(folder: string, specifier: string): string | undefined {
  if (specifier === '') return undefined;
  if (specifier.startsWith('.')) return withExtensions(path.resolve(folder, specifier));
  if (path.isAbsolute(specifier)) return withExtensions(specifier);
  // `node:fs`, `bun:sqlite`, `https://…`, `virtual:…`: never a project file.
  if (/^[a-z][\w+.-]*:/i.test(specifier)) return undefined;
  const mapping = pathMappingFor(folder);
  if (mapping) {
    for (const target of mappedTargets(mapping, specifier)) {
      const found = withExtensions(target);
      if (found) return found;
    }
    if (mapping.baseUrl !== undefined) {
      const found = withExtensions(path.resolve(mapping.baseUrl, specifier));
      if (found) return found;
    }
  }
  if (specifier.startsWith('#')) return packageImport(folder, specifier);
  const split = splitPackageSpecifier(specifier);
  if (!split) return undefined;
  const packageFolder = packagesOf(folder).get(split.name) ?? linkedPackageFolder(folder, split.name);
  return packageFolder === undefined ? undefined : packageEntry(packageFolder, split.subpath);
}

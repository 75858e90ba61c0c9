/**
 * The project's test suite with scripts/suggestions/record-tests.ts as a setup file: used by
 * `npm run suggestions` to check the suggestions of every text the tests lint.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';

import base from '../../vitest.config.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export default mergeConfig(
  base,
  defineConfig({
    root,
    test: {
      setupFiles: [path.join(root, 'scripts', 'suggestions', 'record-tests.ts')],
      // The fixture app's suggestions are checked (with types) by `npm run suggestions` itself.
      exclude: [...configDefaults.exclude, 'tests/suggestions.test.ts'],
    },
  }),
);

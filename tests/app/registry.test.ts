/**
 * The fixture app's library registry: entries name only known pitfalls, and the CI subset
 * (`verify --quick`) stays pg + mysql2 so that CI time stays small.
 */
import { describe, expect, it } from 'vitest';

import { libraries } from '../../fixtures/app/src/data/registry.js';
import { pitfallIds } from '../../fixtures/app/src/data/types.js';

describe('library registry', () => {
  it('keeps verify --quick to pg and mysql2', () => {
    const quick = Object.values(libraries).filter((lib) => lib.quick === true).map((lib) => lib.id);
    expect(quick.sort()).toEqual(['mysql2', 'pg']);
  });

  for (const lib of Object.values(libraries)) {
    it(`${lib.id}: keyed by its own id, names only known pitfalls`, () => {
      expect(libraries[lib.id]).toBe(lib);
      const known: readonly string[] = pitfallIds;
      expect(Object.keys(lib.pitfalls).filter((p) => !known.includes(p))).toEqual([]);
    });
  }
});

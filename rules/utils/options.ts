import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

import { libraryIds } from '../../orm/catalog/index.js';

/** The `libraries` option every rule takes. */
export const librariesOptionSchema: JSONSchema4 = {
  type: 'array',
  description: 'Libraries to check. Default: the ones the nearest package.json files depend on.',
  items: { type: 'string', enum: libraryIds },
  uniqueItems: true,
};

/** The schema of a rule whose only option is `libraries`. */
export const librariesOnlySchema: JSONSchema4[] = [
  {
    type: 'object',
    additionalProperties: false,
    properties: {
      libraries: librariesOptionSchema,
    },
  },
];

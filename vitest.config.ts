import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['rules/**/*.test.ts', 'orm/**/*.test.ts', 'tests/**/*.test.ts', 'codemods/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Failures inside the resolver's questions throw in tests instead of answering nothing.
    env: { ASYNC_DB_STRICT: '1' },
  },
});

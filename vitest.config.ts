import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // helm renders are real processes; the 2-core CI machine needs generous limits
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});

// Vitest settings of the server package: tests start the whole all-in-one (store, admin plane, PDP), in process and as a child.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    include: ['src/**/*.test.ts'],
  },
});

import { preset } from '../../jest.preset.mjs';

// Unit specs live beside the sources; e2e specs in test/ talk to a real database
// (TEST_DB=pglite for the embedded default, TEST_DB=postgres for a server).
export default preset({
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  // Hooks boot the whole API on a fresh database; on a busy 2-core machine that can pass 30 s.
  testTimeout: 60000,
  maxWorkers: 2,
});

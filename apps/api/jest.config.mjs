import { preset } from '../../jest.preset.mjs';

// Unit specs live beside the sources; e2e specs in test/ talk to a real database
// (TEST_DB=pglite for the embedded default, TEST_DB=postgres for a server).
export default preset({
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  testTimeout: 30000,
  maxWorkers: 2,
});

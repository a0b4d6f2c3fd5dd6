import { preset } from '../../jest.preset.mjs';

// The built product (dist/main.js) as a child process, killed with SIGKILL mid-request and
// started again on the same database: what survives a crash. Needs `pnpm --filter @gatehouse/api build`.
export default preset({
  testMatch: ['<rootDir>/test-crash/**/*.crash-spec.ts'],
  // A retry after a crash waits out the dead process's lease (about 40 s with the default limits).
  testTimeout: 180000,
  maxWorkers: 1,
});

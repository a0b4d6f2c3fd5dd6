import { preset } from '../../../jest.preset.mjs';

// Browser tests: the built product in a child process, driven through real headless Chromium.
export default preset({
  rootDir: '..',
  testMatch: ['<rootDir>/e2e/**/*.browser.ts'],
  testTimeout: 90000,
  maxWorkers: 1,
});

import { preset } from '../../jest.preset.mjs';

// Component tests in jsdom; browser tests (e2e/) run separately in real Chromium.
export default preset({
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.spec.tsx'],
  setupFiles: ['<rootDir>/jest.setup.mjs'],
  moduleNameMapper: {
    ...preset().moduleNameMapper,
    '\\.css$': '<rootDir>/jest.style-stub.mjs',
  },
});

// Used by every package under libs/: unit tests beside the sources.
import { preset } from './jest.preset.mjs';

export default preset({ testMatch: ['<rootDir>/src/**/*.spec.ts'] });

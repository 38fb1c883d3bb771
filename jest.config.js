import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configForTier } from './tests/support/tiers.js';

// Jest runs in ESM mode (Nest 12 is ESM-only); @swc/jest keeps decorator metadata for Nest's DI.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'es6' },
  },
];

const config = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^#([a-z]+)$': '<rootDir>/libs/$1/src/index.ts',
  },
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tests'],
  testMatch: ['**/*.spec.ts', '**/*.test.ts'],
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.cjs'],
};

// TEST_TIER (scripts/test.sh --tier X) narrows the run to one tier; without it, every test file runs once.
const tier = process.env.TEST_TIER;
export default tier ? configForTier(config, dirname(fileURLToPath(import.meta.url)), tier) : config;

// Two tiers, as in immich: fast unit specs beside the code, and e2e suites on real services.
const fs = require('fs');
const swc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc.jest.json`, 'utf8'));
const shared = {
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@afs/contracts$': '<rootDir>/libs/contracts/src/index.ts',
    '^@afs/storage$': '<rootDir>/libs/storage/src/index.ts',
    '^content-disposition$': '<rootDir>/test/support/content-disposition-cjs.js',
  },
  testEnvironment: 'node',
};
module.exports = {
  // Per-project testTimeout is ignored by Jest 30; suites boot real apps on a shared, busy machine.
  testTimeout: 60000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{src,gpu-runner,libs}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      setupFiles: ['<rootDir>/test/support/reset-orm-globals.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      testTimeout: 120000,
    },
  ],
};

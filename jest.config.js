/** @type {import('jest').Config} */
const swcrc = JSON.parse(require('node:fs').readFileSync(`${__dirname}/.swcrc`, 'utf8'));

/**
 * Areas (folders of test/) whose tests start no service and need no running hub: pure code, configuration, the
 * seed generator. They form the `unit` project; every other test file is in `hub`, whose global setup starts the
 * whole hub once. `npx jest --selectProjects unit` starts nothing.
 */
const UNIT_AREAS = ['config', 'docs', 'seed'];

const common = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  setupFiles: ['reflect-metadata'],
};

module.exports = {
  testTimeout: 30000,
  projects: [
    { ...common, displayName: 'unit', testMatch: UNIT_AREAS.map((area) => `<rootDir>/test/${area}/**/*.test.ts`) },
    {
      ...common,
      displayName: 'hub',
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', `<rootDir>/test/(${UNIT_AREAS.join('|')})/`],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};

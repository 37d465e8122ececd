/** @type {import('jest').Config} */
module.exports = {
  displayName: 'e2e',
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/e2e'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      },
    ],
  },
  // A real server, a real H5 build and a real browser: slow by nature.
  testTimeout: 240_000,
  setupFilesAfterEnv: ['<rootDir>/e2e/helpers/setup.ts'],
  slowTestThreshold: 60,
};

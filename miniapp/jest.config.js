/** @type {import('jest').Config} Unit tests of the mini-program's pure helpers (no Taro runtime needed). */
module.exports = {
  displayName: 'miniapp',
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
};

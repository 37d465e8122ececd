const base = require('./jest.config');

/** @type {import('jest').Config} The reliability suite: real API and worker processes, MariaDB and Redis (`npm run test:reliability`). */
module.exports = {
  ...base,
  displayName: 'reliability',
  roots: ['<rootDir>/test/reliability'],
  testPathIgnorePatterns: ['/node_modules/'],
  // One scenario at a time: each starts its own processes, and the machine has two cores.
  maxWorkers: 1,
  testTimeout: 180_000,
};

/** @type {import('jest').Config} One run for every suite: server (unit + integration), mini-program units, e2e. */
module.exports = {
  projects: ['<rootDir>/server', '<rootDir>/miniapp', '<rootDir>/test'],
  // Per-project testTimeout is ignored under `projects`; the slowest (integration) bound applies to all.
  testTimeout: 120_000,
};

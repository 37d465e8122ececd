// `testTimeout` is a global Jest option that a root `projects` run ignores; this per-project setup always applies.
jest.setTimeout(240_000);

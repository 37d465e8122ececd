export * from './errors';
export * from './ticket-machine';
export * from './schemas/common';
export * from './schemas/auth';
export * from './schemas/public';
export * from './schemas/jobs';
export * from './schemas/admin';
export * from './schemas/labels';

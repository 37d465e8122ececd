import type { MigrationInterface } from 'typeorm';
import { Initial1795401683619 } from './1795401683619-Initial';

export const MIGRATIONS: Array<new () => MigrationInterface> = [
  Initial1795401683619,
];

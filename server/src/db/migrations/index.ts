import type { MigrationInterface } from 'typeorm';
import { Initial1795401576180 } from './1795401576180-Initial';

export const MIGRATIONS: Array<new () => MigrationInterface> = [
  Initial1795401576180,
];

import type { MigrationInterface } from 'typeorm';
import { AssetExternalId1795403632274 } from './1795403632274-AssetExternalId';
import { Initial1795401683619 } from './1795401683619-Initial';

export const MIGRATIONS: Array<new () => MigrationInterface> = [
  Initial1795401683619,
  AssetExternalId1795403632274,
];

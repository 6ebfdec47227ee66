import { Migration20261125000100_identity } from './Migration20261125000100_identity';
import { Migration20261125000200_credits } from './Migration20261125000200_credits';
import { Migration20261125000300_projects_jobs } from './Migration20261125000300_projects_jobs';
import { Migration20261125000400_assets } from './Migration20261125000400_assets';
import { Migration20261125000500_admin } from './Migration20261125000500_admin';
import { Migration20261125000600_notifications } from './Migration20261125000600_notifications';
import { Migration20261125000700_credit_stats } from './Migration20261125000700_credit_stats';
import { Migration20261129000800_youtube } from './Migration20261129000800_youtube';
import { Migration20261130000900_scene_assets } from './Migration20261130000900_scene_assets';

/**
 * Every migration, in order. Listed explicitly (not globbed) so the same list runs from
 * TypeScript under Jest and from `dist/` in production.
 */
export const migrationsList = [
  { name: 'Migration20261125000100_identity', class: Migration20261125000100_identity },
  { name: 'Migration20261125000200_credits', class: Migration20261125000200_credits },
  { name: 'Migration20261125000300_projects_jobs', class: Migration20261125000300_projects_jobs },
  { name: 'Migration20261125000400_assets', class: Migration20261125000400_assets },
  { name: 'Migration20261125000500_admin', class: Migration20261125000500_admin },
  { name: 'Migration20261125000600_notifications', class: Migration20261125000600_notifications },
  { name: 'Migration20261125000700_credit_stats', class: Migration20261125000700_credit_stats },
  { name: 'Migration20261129000800_youtube', class: Migration20261129000800_youtube },
  { name: 'Migration20261130000900_scene_assets', class: Migration20261130000900_scene_assets },
];

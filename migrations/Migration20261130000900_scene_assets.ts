import { Migration } from '@mikro-orm/migrations';

/**
 * Stills, narration and music become assets like the film: an image_generation or voice_synthesis
 * job used to produce files its owner could not download. Stills are one per scene, so a job's
 * files are unique by kind and scene rather than by kind alone.
 */
export class Migration20261130000900_scene_assets extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table assets drop constraint assets_kind_check`);
    this.addSql(`
      alter table assets add constraint assets_kind_check
        check (kind in ('film', 'subtitles_srt', 'subtitles_vtt', 'thumbnail', 'scenes', 'image', 'narration', 'music'))`);
    // The scene's index in scenes.json, from 0; only per-scene kinds have one, and they always do.
    this.addSql(`alter table assets add column scene_index integer check (scene_index >= 0)`);
    this.addSql(`
      alter table assets add constraint assets_scene_index_kind_check
        check ((scene_index is not null) = (kind = 'image'))`);
    this.addSql(`alter table assets drop constraint assets_job_kind_uq`);
    // NULLS NOT DISTINCT: one film per job still, as one still per scene.
    this.addSql(`
      alter table assets add constraint assets_job_file_uq
        unique nulls not distinct (job_id, kind, scene_index)`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from assets where kind in ('image', 'narration', 'music')`);
    this.addSql(`alter table assets drop constraint assets_job_file_uq`);
    this.addSql(`alter table assets add constraint assets_job_kind_uq unique (job_id, kind)`);
    this.addSql(`alter table assets drop constraint assets_scene_index_kind_check`);
    this.addSql(`alter table assets drop column scene_index`);
    this.addSql(`alter table assets drop constraint assets_kind_check`);
    this.addSql(`
      alter table assets add constraint assets_kind_check
        check (kind in ('film', 'subtitles_srt', 'subtitles_vtt', 'thumbnail', 'scenes'))`);
  }
}

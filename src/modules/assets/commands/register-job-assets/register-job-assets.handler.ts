import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { type JobOutputFile } from '@afs/contracts';
import { AssetErrors } from '../../errors';
import { outputProblem, outputSlot } from '../../domain/asset-rules';
import { isUuid } from '../../../../platform/http/is-uuid';
import { RegisterJobAssetsCommand, RegisteredJobAssets } from './register-job-assets.command';

@CommandHandler(RegisterJobAssetsCommand)
export class RegisterJobAssetsHandler implements ICommandHandler<RegisterJobAssetsCommand> {
  private readonly logger = new Logger('Assets');

  constructor(private readonly em: EntityManager) {}

  async execute({ input }: RegisterJobAssetsCommand): Promise<RegisteredJobAssets> {
    for (const field of ['jobId', 'projectId', 'userId'] as const) {
      if (!isUuid(input[field])) throw AssetErrors.invalidOutput(`${field} must be a UUID`);
    }
    const rejected: RegisteredJobAssets['rejected'] = [];
    const accepted: JobOutputFile[] = [];
    const seen = new Set<string>();
    for (const output of input.outputs ?? []) {
      const reason =
        outputProblem(output) ??
        (seen.has(outputSlot(output)) ? 'a second file of the same kind and scene' : undefined);
      if (reason) {
        rejected.push({ kind: String(output?.kind), reason });
        this.logger.error(
          { jobId: input.jobId, kind: output?.kind, reason },
          'job output not registered',
        );
        continue;
      }
      seen.add(outputSlot(output));
      accepted.push(output);
    }

    // Joins the caller's transaction (as a savepoint) when there is one.
    return this.em.transactional(async (em) => {
      let inserted = 0;
      if (accepted.length) {
        // Lists run newest first, then by id: one time for the whole job (its files mix with another
        // job's only if both register in the same millisecond) and ids falling in the runner's order (film, subtitles, thumbnail,
        // scenes.json, stills by scene, narration, music), so a job's files are listed in that order.
        const now = new Date();
        const ids = accepted.map(() => randomUUID()).sort().reverse();
        const values = accepted.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
        const params = accepted.flatMap((o, i) => [
          ids[i],
          input.projectId,
          input.jobId,
          input.userId,
          o.kind,
          o.storageKey,
          o.size,
          o.contentType,
          o.checksum,
          o.durationSeconds ?? null,
          o.width ?? null,
          o.height ?? null,
          o.sceneIndex ?? null,
          now,
        ]);
        // A duplicate result message, or two consumers racing on one, keeps the first rows.
        const rows: { id: string }[] = await em.execute(
          `insert into assets (id, project_id, job_id, user_id, kind, storage_key, size, content_type, checksum,
             duration_seconds, width, height, scene_index, created_at)
           values ${values}
           on conflict on constraint assets_job_file_uq do nothing
           returning id`,
          params,
        );
        inserted = rows.length;
      }
      const assets: RegisteredJobAssets['assets'] = await em.execute(
        `select id, kind, scene_index as "sceneIndex" from assets where job_id = ? order by kind, scene_index`,
        [input.jobId],
      );
      return { inserted, assets, rejected };
    });
  }
}

import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { ProjectErrors } from '../../errors';
import { ProjectVersion } from '../../persistence/project-version.entity';
import { GetProjectVersionQuery } from './get-project-version.query';

@QueryHandler(GetProjectVersionQuery)
export class GetProjectVersionHandler implements IQueryHandler<GetProjectVersionQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ projectId, version }: GetProjectVersionQuery) {
    const row = await this.em.fork().findOne(ProjectVersion, { projectId, version });
    if (!row) throw ProjectErrors.versionNotFound();
    return { title: row.title, script: row.script, options: row.options };
  }
}

import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '../../../../platform/http/domain-error';
import { GetBalanceQuery } from '../../../credits/queries/get-balance/get-balance.query';
import { ListJobsQuery } from '../../../jobs/queries/list-jobs/list-jobs.query';
import { ListSessionsQuery } from '../../../users/queries/list-sessions/list-sessions.query';
import { GetAdminUserQuery } from '../../../users/queries/get-admin-user/get-admin-user.query';
import { GetUserDetailQuery, UserDetailView } from './get-user-detail.query';

@QueryHandler(GetUserDetailQuery)
export class GetUserDetailHandler implements IQueryHandler<GetUserDetailQuery> {
  constructor(private readonly queries: QueryBus) {}

  async execute({ userId }: GetUserDetailQuery): Promise<UserDetailView> {
    const user = await this.queries.execute(new GetAdminUserQuery(userId));
    const [balance, jobs, sessions] = await Promise.all([
      this.queries.execute(new GetBalanceQuery(userId)).catch((error: unknown) => {
        if (error instanceof DomainError && error.status === 404) return null;
        throw error;
      }),
      this.queries.execute(new ListJobsQuery(userId, 10)),
      this.queries.execute(new ListSessionsQuery(userId, '', 20)),
    ]);
    return { user, balance, recentJobs: jobs.items, sessions: sessions.items };
  }
}

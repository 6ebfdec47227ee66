import { Query } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { BalanceView } from '../../../credits/http/views';
import { JobView } from '../../../jobs/http/job.view';
import { SessionView } from '../../../users/http/session.view';
import { AdminUserView } from '../../../users/queries/get-admin-user/admin-user.view';

export class UserDetailView {
  @ApiProperty({ type: AdminUserView }) user!: AdminUserView;
  @ApiProperty({ type: BalanceView, nullable: true }) balance!: BalanceView | null;
  @ApiProperty({ type: [JobView], description: 'The 10 newest jobs.' }) recentJobs!: JobView[];
  @ApiProperty({ type: [SessionView], description: 'Live sessions, newest first (up to 20).' }) sessions!: SessionView[];
}

/** Profile, balance, recent jobs and live sessions of one account, from the owning modules' queries. */
export class GetUserDetailQuery extends Query<UserDetailView> {
  constructor(readonly userId: string) {
    super();
  }
}

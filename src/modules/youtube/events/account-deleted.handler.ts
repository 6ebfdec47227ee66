import { EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { AccountDeletedEvent } from '../../users/events/account-deleted.event';
import { DeletedAccountGrants } from '../connect/deleted-account-grants';

@EventsHandler(AccountDeletedEvent)
export class AccountDeletedHandler implements IEventHandler<AccountDeletedEvent> {
  constructor(private readonly grants: DeletedAccountGrants) {}

  handle({ userId }: AccountDeletedEvent): Promise<void> {
    return this.grants.forget(userId);
  }
}

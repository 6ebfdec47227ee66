import { Command } from '@nestjs/cqrs';

export interface CreateAdminResult {
  userId: string;
  created: boolean;
}

/** Creates an admin account, or promotes the existing account with that email. */
export class CreateAdminCommand extends Command<CreateAdminResult> {
  constructor(
    readonly email: string,
    readonly password: string | undefined,
    readonly firstName: string,
    readonly lastName: string,
  ) {
    super();
  }
}

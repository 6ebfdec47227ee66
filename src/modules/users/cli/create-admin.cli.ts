import { parseArgs } from 'node:util';
import { CommandBus } from '@nestjs/cqrs';
import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import type { CliCommand } from '../../../platform/cli/cli-command';
import { CreateAdminCommand } from '../commands/create-admin/create-admin.command';

export const createAdminCli: CliCommand = {
  name: 'users:create-admin',
  description: 'Create an admin account, or promote the account with that email to admin.',
  usage: '--email <email> [--password <password>] [--first-name <name>] [--last-name <name>]',
  needsApp: true,
  async run({ app, args }) {
    const { values } = parseArgs({
      args,
      options: {
        email: { type: 'string' },
        password: { type: 'string' },
        'first-name': { type: 'string', default: 'Admin' },
        'last-name': { type: 'string', default: 'User' },
      },
    });
    if (!values.email || !/^[^@\s]+@[^@\s]+$/.test(values.email)) {
      console.error('users:create-admin needs --email <email>');
      return 2;
    }
    if (values.password !== undefined && (values.password.length < 8 || Buffer.byteLength(values.password) > 72)) {
      console.error('--password must be 8 characters to 72 bytes');
      return 2;
    }
    const orm = app!.get(MikroORM);
    const result = await RequestContext.create(orm.em, () =>
      app!
        .get(CommandBus)
        .execute(new CreateAdminCommand(values.email!, values.password, values['first-name']!, values['last-name']!)),
    );
    console.log(
      result.created
        ? `Created admin ${values.email} (${result.userId})`
        : `Promoted ${values.email} (${result.userId}) to admin`,
    );
  },
};

import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { GoogleOAuth } from '../../../users/google/google-oauth.port';
import { ConnectStateStore } from '../../connect/connect-state.store';
import { YOUTUBE_SCOPES } from '../../domain/youtube-scopes';
import { YouTubeSetup } from '../../youtube-setup';
import { StartConnectCommand } from './start-connect.command';

@CommandHandler(StartConnectCommand)
export class StartConnectHandler implements ICommandHandler<StartConnectCommand> {
  constructor(
    private readonly setup: YouTubeSetup,
    private readonly google: GoogleOAuth,
    private readonly states: ConnectStateStore,
  ) {}

  async execute({ userId }: StartConnectCommand): Promise<{ url: string; browserKey: string }> {
    const { redirectUrl } = this.setup.require();
    const { state, codeChallenge, browserKey } = await this.states.start(userId);
    const url = await this.google.consentUrl({
      redirectUri: redirectUrl,
      scopes: [...YOUTUBE_SCOPES],
      state,
      codeChallenge,
      accessType: 'offline',
      // Google issues a refresh token only on consent; an account that consented before would get none.
      prompt: 'consent',
    });
    return { url, browserKey };
  }
}

import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { APP_CONFIG, AppConfig } from '../../../../platform/config/config';
import { GoogleOAuth } from '../../google/google-oauth.port';
import { GoogleSignInStateStore } from '../../google/google-sign-in-state.store';
import { GOOGLE_SIGN_IN_SCOPES, googleSignInRedirectUri } from './google-sign-in.settings';
import { StartedGoogleSignIn, StartGoogleSignInCommand } from './start-google-sign-in.command';

/** Opens a sign-in attempt: a fresh single-use state in Redis and the consent URL carrying it. */
@CommandHandler(StartGoogleSignInCommand)
export class StartGoogleSignInHandler implements ICommandHandler<StartGoogleSignInCommand> {
  constructor(
    private readonly google: GoogleOAuth,
    private readonly states: GoogleSignInStateStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(): Promise<StartedGoogleSignIn> {
    const redirectUri = googleSignInRedirectUri(this.google, this.config);
    const started = await this.states.start();
    const url = await this.google.consentUrl({
      redirectUri,
      scopes: GOOGLE_SIGN_IN_SCOPES,
      state: started.state,
      codeChallenge: started.codeChallenge,
      accessType: 'online',
      prompt: 'select_account',
    });
    return { url, browserKey: started.browserKey };
  }
}

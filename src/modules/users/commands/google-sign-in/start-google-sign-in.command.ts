import { Command } from '@nestjs/cqrs';

export interface StartedGoogleSignIn {
  /** Google's consent page, with our state and PKCE challenge. */
  url: string;
  /** Goes into the httpOnly state cookie; never into a URL. */
  browserKey: string;
}

export class StartGoogleSignInCommand extends Command<StartedGoogleSignIn> {}

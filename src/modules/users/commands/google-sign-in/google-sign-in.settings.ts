import type { AppConfig } from '../../../../platform/config/config';
import { UserErrors } from '../../errors';
import type { GoogleOAuth } from '../../google/google-oauth.port';

/** What sign-in asks Google for: an OpenID identity with a verified email, nothing more. */
export const GOOGLE_SIGN_IN_SCOPES = ['openid', 'email', 'profile'];

/** Seconds a one-time sign-in code lives between the callback redirect and the exchange. */
export const GOOGLE_LOGIN_CODE_TTL_SECONDS = 60;

/** The sign-in redirect URL, or the 503 problem when Google sign-in is not set up. */
export function googleSignInRedirectUri(google: GoogleOAuth, config: AppConfig): string {
  if (!google.configured || !config.GOOGLE_SIGNIN_REDIRECT_URL)
    throw UserErrors.googleNotConfigured();
  return config.GOOGLE_SIGNIN_REDIRECT_URL;
}

import { DomainError } from '../../platform/http/domain-error';

export const UserErrors = {
  emailTaken: () =>
    new DomainError('USER.EMAIL_TAKEN', 409, 'Email already registered', 'An account with this email already exists.'),
  invalidCredentials: () =>
    new DomainError('AUTH.INVALID_CREDENTIALS', 401, 'Invalid credentials', 'The email or password is wrong.'),
  suspended: () =>
    new DomainError('USER.SUSPENDED', 403, 'Account suspended', 'This account is suspended. Contact support.'),
  invalidRefreshToken: () =>
    new DomainError('AUTH.INVALID_REFRESH_TOKEN', 401, 'Invalid refresh token', 'The refresh token is unknown, expired or revoked.'),
  refreshTokenReused: () =>
    new DomainError(
      'AUTH.REFRESH_TOKEN_REUSED',
      401,
      'Refresh token reused',
      'This refresh token was already used. The session has been revoked; sign in again.',
    ),
  wrongPassword: () =>
    new DomainError('AUTH.WRONG_PASSWORD', 403, 'Wrong password', 'The current password is wrong.'),
  noPassword: () =>
    new DomainError(
      'AUTH.NO_PASSWORD',
      409,
      'No password set',
      'This account signs in with Google and has no password; use "forgot password" to set one.',
    ),
  invalidResetToken: () =>
    new DomainError('AUTH.INVALID_RESET_TOKEN', 400, 'Invalid reset token', 'The reset link is unknown, used or expired.'),
  sessionNotFound: () => new DomainError('SESSION.NOT_FOUND', 404, 'Not found', 'No such session.'),
  userNotFound: () => new DomainError('USER.NOT_FOUND', 404, 'Not found', 'No such user.'),
  googleNotConfigured: () =>
    new DomainError(
      'AUTH.GOOGLE_NOT_CONFIGURED',
      503,
      'Google sign-in is not configured',
      'Set GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET and GOOGLE_SIGNIN_REDIRECT_URL to enable it.',
    ),
  googleStateInvalid: () =>
    new DomainError('AUTH.GOOGLE_STATE_INVALID', 400, 'Invalid sign-in state', 'The sign-in attempt is unknown or expired; start again.'),
  /** `reason`: Google's error code (`invalid_grant`, `access_denied`, ...) or a word of ours. */
  googleFailed: (detail: string, reason = 'google_error') =>
    new DomainError('AUTH.GOOGLE_FAILED', 502, 'Google sign-in failed', detail, { reason }),
  googleEmailUnverified: () =>
    new DomainError('AUTH.GOOGLE_EMAIL_UNVERIFIED', 403, 'Email not verified', 'Google has not verified this email address.'),
  googleAccountMismatch: () =>
    new DomainError(
      'AUTH.GOOGLE_ACCOUNT_MISMATCH',
      409,
      'Linked to another Google account',
      'The account with this email is already linked to a different Google account.',
    ),
  invalidLoginCode: () =>
    new DomainError('AUTH.INVALID_LOGIN_CODE', 400, 'Invalid code', 'The sign-in code is unknown, used or expired.'),
};

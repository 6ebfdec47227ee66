import { Inject, Logger } from '@nestjs/common';
import { CommandBus, CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { APP_CONFIG, AppConfig } from '../../../../platform/config/config';
import { DomainError } from '../../../../platform/http/domain-error';
import { RecordAuditCommand } from '../../../audit/commands/record-audit/record-audit.command';
import type { RequestMeta } from '../../auth/request-meta';
import { hashSecretToken, newSecretToken } from '../../auth/secret-token';
import { UserErrors } from '../../errors';
import { UserRegisteredEvent } from '../../events/user-registered.event';
import { GoogleOAuth, GoogleOAuthError, GoogleProfile } from '../../google/google-oauth.port';
import { GoogleSignInStateStore } from '../../google/google-sign-in-state.store';
import { OneTimeToken } from '../../persistence/one-time-token.entity';
import { User } from '../../persistence/user.entity';
import { AccountCreator } from '../register-user/account-creator';
import { CompleteGoogleSignInCommand } from './complete-google-sign-in.command';
import { GOOGLE_LOGIN_CODE_TTL_SECONDS, googleSignInRedirectUri } from './google-sign-in.settings';

interface SignedIn {
  user: User;
  loginCode: string;
  created: boolean;
}

/**
 * Google's redirect came back: check the state, trade the code for the person's verified identity,
 * find their account (by Google id, then by verified email) or create one, and hand out a
 * one-time login code. Tokens are only handed out by the exchange, never in a URL.
 */
@CommandHandler(CompleteGoogleSignInCommand)
export class CompleteGoogleSignInHandler implements ICommandHandler<CompleteGoogleSignInCommand> {
  private readonly logger = new Logger(CompleteGoogleSignInHandler.name);

  constructor(
    private readonly em: EntityManager,
    private readonly google: GoogleOAuth,
    private readonly states: GoogleSignInStateStore,
    private readonly accounts: AccountCreator,
    private readonly commandBus: CommandBus,
    private readonly events: EventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(command: CompleteGoogleSignInCommand): Promise<{ loginCode: string }> {
    const redirectUri = googleSignInRedirectUri(this.google, this.config);
    // First, whatever else came back: an unknown, spent, expired or foreign state ends here.
    const verified = await this.states.consume(command.state, command.browserKey);
    if (!verified) throw UserErrors.googleStateInvalid();
    if (command.googleError) {
      const reason = /^[a-z_]{1,64}$/.test(command.googleError)
        ? command.googleError
        : 'google_error';
      throw UserErrors.googleFailed(`Google ended the sign-in: ${reason}.`, reason);
    }
    if (!command.code || command.code.length > 2048) {
      throw UserErrors.googleFailed('Google sent no authorization code.', 'no_code');
    }

    let profile: GoogleProfile;
    try {
      const tokens = await this.google.exchangeCode({
        code: command.code,
        redirectUri,
        codeVerifier: verified.codeVerifier,
      });
      profile = await this.google.profile(tokens.accessToken);
    } catch (error) {
      if (error instanceof GoogleOAuthError) {
        this.logger.warn(
          { reason: error.reason, requestId: command.meta.requestId },
          error.message,
        );
        throw UserErrors.googleFailed(error.message, error.reason);
      }
      throw error;
    }
    // An unverified address proves nothing: it must not open (or create) the account that has it.
    if (!profile.emailVerified) throw UserErrors.googleEmailUnverified();

    const signedIn = await this.signInRetryingOnce(profile, command.meta);
    if (signedIn.created) {
      this.events.publish(
        new UserRegisteredEvent(
          signedIn.user.id,
          signedIn.user.email,
          signedIn.user.tier,
          'google',
        ),
      );
    }
    return { loginCode: signedIn.loginCode };
  }

  /** Two first sign-ins of one person at once: the loser's insert conflicts, and its retry links. */
  private async signInRetryingOnce(profile: GoogleProfile, meta: RequestMeta): Promise<SignedIn> {
    try {
      return await this.signIn(profile, meta);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'USER.EMAIL_TAKEN')
        return this.signIn(profile, meta);
      throw error;
    }
  }

  private async signIn(profile: GoogleProfile, meta: RequestMeta): Promise<SignedIn> {
    const email = profile.email.trim().toLowerCase();
    const context = { ip: meta.ip, requestId: meta.requestId };
    let suspendedId: string | null = null;
    try {
      return await this.em.transactional(async (em) => {
        let created = false;
        let user = await em.findOne(
          User,
          { googleSubject: profile.subject, deletedAt: null },
          { lockMode: LockMode.PESSIMISTIC_WRITE },
        );
        if (!user) {
          user = await em.findOne(
            User,
            { email, deletedAt: null },
            { lockMode: LockMode.PESSIMISTIC_WRITE },
          );
          if (user) {
            if (user.googleSubject && user.googleSubject !== profile.subject)
              throw UserErrors.googleAccountMismatch();
            if (user.status === 'suspended') {
              suspendedId = user.id;
              throw UserErrors.suspended();
            }
            user.googleSubject = profile.subject;
            await this.commandBus.execute(
              new RecordAuditCommand({
                actorId: user.id,
                action: 'user.google_linked',
                targetType: 'user',
                targetId: user.id,
                before: { googleLinked: false },
                after: { googleLinked: true, matchedBy: 'verified email' },
                context,
              }),
            );
          } else {
            user = await this.accounts.create(
              em,
              {
                email,
                passwordHash: null,
                googleSubject: profile.subject,
                firstName: clip(profile.givenName ?? profile.name ?? email.split('@')[0]),
                lastName: clip(profile.familyName ?? ''),
              },
              meta,
              'google',
            );
            created = true;
          }
        }
        if (user.status === 'suspended') {
          suspendedId = user.id;
          throw UserErrors.suspended();
        }
        const loginCode = newSecretToken();
        em.create(OneTimeToken, {
          userId: user.id,
          purpose: 'google_login',
          tokenHash: hashSecretToken(loginCode),
          expiresAt: new Date(Date.now() + GOOGLE_LOGIN_CODE_TTL_SECONDS * 1000),
        });
        return { user, loginCode, created };
      });
    } catch (error) {
      if (suspendedId) {
        // As with a password login: the refusal is recorded even though the sign-in fails.
        await this.em.transactional(() =>
          this.commandBus.execute(
            new RecordAuditCommand({
              actorId: null,
              action: 'user.login_failed',
              targetType: 'user',
              targetId: suspendedId,
              reason: 'account suspended',
              context: { ...context, via: 'google' },
            }),
          ),
        );
      }
      throw error;
    }
  }
}

function clip(name: string): string {
  return name.trim().slice(0, 100);
}

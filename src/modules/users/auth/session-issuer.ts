import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { EntityManager } from '@mikro-orm/postgresql';
import { APP_CONFIG, AppConfig } from '../../../platform/config/config';
import { Session } from '../persistence/session.entity';
import { RefreshToken } from '../persistence/refresh-token.entity';
import { User } from '../persistence/user.entity';
import { AuthTokens } from './auth-tokens';
import { RequestMeta } from './request-meta';
import { hashSecretToken, newSecretToken } from './secret-token';

export interface AccessTokenClaims {
  sub: string;
  sid: string;
}

/** Opens sessions and hands out token pairs; call it inside the caller's transaction. */
@Injectable()
export class SessionIssuer {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  open(em: EntityManager, user: User, meta: RequestMeta): AuthTokens {
    const session = em.create(Session, {
      userId: user.id,
      userAgent: meta.userAgent,
      ip: meta.ip,
      expiresAt: new Date(Date.now() + this.config.REFRESH_TTL_DAYS * 86_400_000),
      createdAt: new Date(),
      lastUsedAt: new Date(),
    });
    return this.tokensFor(em, user.id, session.id);
  }

  /** A fresh refresh token for an existing session, plus a new access token. */
  tokensFor(em: EntityManager, userId: string, sessionId: string): AuthTokens {
    const refreshToken = newSecretToken();
    em.create(RefreshToken, { sessionId, tokenHash: hashSecretToken(refreshToken), createdAt: new Date() });
    const claims: AccessTokenClaims = { sub: userId, sid: sessionId };
    return {
      accessToken: this.jwt.sign(claims),
      refreshToken,
      expiresIn: this.config.JWT_ACCESS_TTL_SECONDS,
    };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { MikroORM } from '@mikro-orm/postgresql';
import { APP_CONFIG, AppConfig } from '../../../platform/config/config';
import type { AuthenticatedUser } from '../../../platform/auth/authenticated-user';
import { UserErrors } from '../errors';
import type { AccessTokenClaims } from './session-issuer';
import { isUuid } from '../../../platform/http/is-uuid';

/**
 * Verifies the access token (HS256 only: `alg: none` and other keys fail) and then checks the
 * account and the session on every request, so a suspension, a deletion or a logout takes
 * effect at the next request rather than when the token expires.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly orm: MikroORM,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.JWT_SECRET,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessTokenClaims): Promise<AuthenticatedUser | false> {
    if (!isUuid(claims?.sub) || !isUuid(claims?.sid)) return false;
    const rows: { id: string; email: string; role: 'user' | 'admin'; tier: AuthenticatedUser['tier']; status: string }[] =
      await this.orm.em
        .fork()
        .getConnection()
        .execute(
          `select u.id, u.email, u.role, u.tier, u.status
             from users u join sessions s on s.user_id = u.id
            where u.id = ? and s.id = ? and u.deleted_at is null
              and s.revoked_at is null and s.expires_at > now()`,
          [claims.sub, claims.sid],
        );
    const row = rows[0];
    if (!row) return false;
    if (row.status === 'suspended') throw UserErrors.suspended();
    return { id: row.id, email: row.email, role: row.role, tier: row.tier, sessionId: claims.sid };
  }
}

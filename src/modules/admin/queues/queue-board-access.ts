import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { FastifyRequest } from 'fastify';
import jwt from 'jsonwebtoken';
import { APP_CONFIG, AppConfig } from '../../../platform/config/config';
import { GetUserQuery } from '../../users/queries/get-user/get-user.query';
import { IsSessionActiveQuery } from '../../users/queries/is-session-active/is-session-active.query';
import { isUuid } from '../../../platform/http/is-uuid';

export const QUEUE_BOARD_COOKIE = 'afs_queue_board';
const COOKIE_TTL_SECONDS = 15 * 60;

export type BoardAccess = 'allowed' | 'anonymous' | 'forbidden';

/**
 * Bull Board is a raw Fastify plugin, outside Nest's guards. A browser cannot send a bearer
 * header to a page, so an admin first gets a short-lived signed cookie from
 * POST /admin/queues/session; API clients may send their admin bearer token instead. Either way the
 * account and session are checked on every request, like the JWT guard does.
 */
@Injectable()
export class QueueBoardAccess {
  constructor(
    private readonly queries: QueryBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  issueCookie(userId: string, sessionId: string): { value: string; maxAge: number; expiresAt: Date } {
    const expires = Math.floor(Date.now() / 1000) + COOKIE_TTL_SECONDS;
    const payload = `${userId}.${sessionId}.${expires}`;
    return { value: `${payload}.${this.sign(payload)}`, maxAge: COOKIE_TTL_SECONDS, expiresAt: new Date(expires * 1000) };
  }

  async check(request: FastifyRequest): Promise<BoardAccess> {
    const identity = this.fromBearer(request) ?? this.fromCookie(request);
    if (!identity) return 'anonymous';
    if (!(await this.queries.execute(new IsSessionActiveQuery(identity.userId, identity.sessionId)))) return 'anonymous';
    const user = await this.queries.execute(new GetUserQuery(identity.userId)).catch(() => undefined);
    return user?.role === 'admin' ? 'allowed' : 'forbidden';
  }

  private fromBearer(request: FastifyRequest): { userId: string; sessionId: string } | undefined {
    const header = request.headers.authorization;
    if (!header?.startsWith('Bearer ')) return undefined;
    try {
      const claims = jwt.verify(header.slice(7), this.config.JWT_SECRET, { algorithms: ['HS256'] }) as { sub?: unknown; sid?: unknown };
      return isUuid(claims.sub) && isUuid(claims.sid) ? { userId: claims.sub, sessionId: claims.sid } : undefined;
    } catch {
      return undefined;
    }
  }

  private fromCookie(request: FastifyRequest): { userId: string; sessionId: string } | undefined {
    const value = (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies?.[QUEUE_BOARD_COOKIE];
    const parts = value?.split('.');
    if (!parts || parts.length !== 4) return undefined;
    const [userId, sessionId, expires, signature] = parts;
    const expected = Buffer.from(this.sign(`${userId}.${sessionId}.${expires}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    if (Number(expires) * 1000 < Date.now() || !isUuid(userId) || !isUuid(sessionId)) return undefined;
    return { userId, sessionId };
  }

  private sign(payload: string): string {
    return createHmac('sha256', `queue-board:${this.config.JWT_SECRET}`).update(payload).digest('base64url');
  }
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Session } from '../persistence/session.entity';

/** Ends sessions at once: their refresh tokens stop working and so do their access tokens. */
export async function revokeSessions(
  em: EntityManager,
  where: { userId: string; except?: string; sessionId?: string },
  reason: string,
): Promise<number> {
  return em.nativeUpdate(
    Session,
    {
      userId: where.userId,
      revokedAt: null,
      ...(where.sessionId ? { id: where.sessionId } : {}),
      ...(where.except ? { id: { $ne: where.except } } : {}),
    },
    { revokedAt: new Date(), revokedReason: reason },
  );
}

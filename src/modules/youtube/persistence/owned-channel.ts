import type { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { isUuid } from '../../../platform/http/is-uuid';
import { YouTubeErrors } from '../errors';
import { YouTubeChannel } from './youtube-channel.entity';

/** The caller's channel connection; another user's is as unknown as a missing one (404). */
export async function findOwnedChannel(em: EntityManager, userId: string, channelRowId: string, lockMode?: LockMode): Promise<YouTubeChannel> {
  const channel = isUuid(channelRowId) ? await em.findOne(YouTubeChannel, { id: channelRowId, userId }, lockMode ? { lockMode } : {}) : null;
  if (!channel) throw YouTubeErrors.channelNotFound();
  return channel;
}

/** As findOwnedChannel, and usable now: a channel whose grant Google refused answers 409. */
export async function findUsableChannel(em: EntityManager, userId: string, channelRowId: string, lockMode?: LockMode): Promise<YouTubeChannel> {
  const channel = await findOwnedChannel(em, userId, channelRowId, lockMode);
  if (channel.status !== 'connected') throw YouTubeErrors.reconnectRequired(channel.statusReason);
  return channel;
}

import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

export type ChannelStatus = 'connected' | 'needs_reconnect';

/**
 * A YouTube channel a user connected. Tokens are stored sealed (TokenCipher); only
 * YouTubeClients opens them, and only to call Google.
 */
@Entity({ tableName: 'youtube_channels' })
@Unique({ name: 'youtube_channels_user_channel_uq', properties: ['userId', 'channelId'] })
export class YouTubeChannel {
  [OptionalProps]?: 'status' | 'connectedAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  userId!: string;

  /** YouTube's id (UC...). */
  @Property({ type: 'text' })
  channelId!: string;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text', nullable: true })
  thumbnailUrl?: string | null;

  @Property({ type: 'text', hidden: true })
  accessToken!: string;

  @Property({ type: 'text', hidden: true })
  refreshToken!: string;

  @Property({ type: 'timestamptz', nullable: true })
  tokenExpiresAt?: Date | null;

  /** Space-separated, as Google grants them. */
  @Property({ type: 'text' })
  scopes!: string;

  @Property({ type: 'text' })
  status: ChannelStatus = 'connected';

  @Property({ type: 'text', nullable: true })
  statusReason?: string | null;

  @Property({ type: 'timestamptz' })
  connectedAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/** The additional data a channel's sealed token is bound to (see TokenCipher). */
export const tokenContext = (channelRowId: string, field: 'access' | 'refresh') => `youtube-channel:${channelRowId}:${field}`;

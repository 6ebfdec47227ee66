import { Injectable } from '@nestjs/common';
import { YouTubeErrors } from '../errors';
import type { YouTubeChannel } from '../persistence/youtube-channel.entity';
import { QuotaGate } from '../upload/quota-gate';
import { ChannelReconnect } from './channel-reconnect';
import { toYouTubeApiError } from './youtube-api-error';
import { YouTubeClients } from './youtube-clients';
import { withFreshToken } from './with-fresh-token';

/** Asks YouTube about a channel's playlists before an upload is accepted. */
@Injectable()
export class ChannelPlaylists {
  constructor(
    private readonly clients: YouTubeClients,
    private readonly reconnect: ChannelReconnect,
    private readonly gate: QuotaGate,
  ) {}

  /**
   * Whether `playlistId` is one of `channel`'s playlists; null when YouTube cannot say now (quota,
   * an outage): the upload then goes ahead, and adding the video to the playlist is tried after it.
   * Throws YOUTUBE.RECONNECT_REQUIRED when Google refuses the channel's grant.
   */
  async belongsTo(channel: YouTubeChannel, playlistId: string): Promise<boolean | null> {
    const client = await this.clients.authorizeForRequest(channel);
    const api = await this.clients.api(client);
    try {
      // One quota unit. Google lists anyone's public playlist by id, so the owner is compared too.
      const res = await withFreshToken(client, () => api.playlists.list({ part: ['snippet'], id: [playlistId], maxResults: 1 }));
      const playlist = res.data.items?.find((item) => item.id === playlistId);
      return playlist?.snippet?.channelId === channel.channelId;
    } catch (error) {
      const failure = toYouTubeApiError(error, 'reading the playlist');
      if (failure.kind === 'auth') {
        await this.reconnect.mark(channel, failure.reason);
        throw YouTubeErrors.reconnectRequired(failure.reason);
      }
      if (failure.kind === 'client' && failure.status === 404) return false;
      // The upload would be refused too: it is saved waiting for the reset.
      if (failure.kind === 'quota') await this.gate.pause();
      return null;
    }
  }
}

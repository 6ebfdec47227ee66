import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { YouTubeErrors } from '../../errors';
import { ChannelReconnect } from '../../google/channel-reconnect';
import { toYouTubeApiError } from '../../google/youtube-api-error';
import { YouTubeClients } from '../../google/youtube-clients';
import { withFreshToken } from '../../google/with-fresh-token';
import type { PlaylistView } from '../../http/playlist.view';
import { findUsableChannel } from '../../persistence/owned-channel';
import { QuotaGate } from '../../upload/quota-gate';
import { CreatePlaylistCommand } from './create-playlist.command';

@CommandHandler(CreatePlaylistCommand)
export class CreatePlaylistHandler implements ICommandHandler<CreatePlaylistCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly clients: YouTubeClients,
    private readonly reconnect: ChannelReconnect,
    private readonly gate: QuotaGate,
  ) {}

  async execute(command: CreatePlaylistCommand): Promise<PlaylistView> {
    const channel = await findUsableChannel(this.em.fork(), command.userId, command.channelRowId);
    const client = await this.clients.authorizeForRequest(channel);
    const api = await this.clients.api(client);
    try {
      const res = await withFreshToken(client, () => api.playlists.insert({
        part: ['snippet', 'status'],
        requestBody: {
          snippet: { title: command.title, description: command.description },
          status: { privacyStatus: command.privacyStatus },
        },
      }));
      const id = res.data.id!;
      return {
        id,
        title: res.data.snippet?.title ?? command.title,
        privacyStatus: res.data.status?.privacyStatus ?? command.privacyStatus,
        url: `https://www.youtube.com/playlist?list=${encodeURIComponent(id)}`,
      };
    } catch (error) {
      const failure = toYouTubeApiError(error, 'creating the playlist');
      if (failure.kind === 'auth') {
        await this.reconnect.mark(channel, failure.reason);
        throw YouTubeErrors.reconnectRequired(failure.reason);
      }
      // The quota is the API project's: uploads would be refused too until the reset.
      if (failure.kind === 'quota') throw YouTubeErrors.quotaExceeded(await this.gate.pause());
      throw YouTubeErrors.google(failure.reason, failure.message);
    }
  }
}

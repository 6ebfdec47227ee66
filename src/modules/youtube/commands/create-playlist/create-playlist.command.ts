import { Command } from '@nestjs/cqrs';
import type { PrivacyStatus } from '../../domain/upload-status';
import type { PlaylistView } from '../../http/playlist.view';

export class CreatePlaylistCommand extends Command<PlaylistView> {
  constructor(
    readonly userId: string,
    readonly channelRowId: string,
    readonly title: string,
    readonly description: string,
    readonly privacyStatus: PrivacyStatus,
  ) {
    super();
  }
}

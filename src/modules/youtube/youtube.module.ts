import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bull';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { AssetsModule } from '../assets/assets.module';
import { UsersModule } from '../users/users.module';
import { CancelUploadHandler } from './commands/cancel-upload/cancel-upload.handler';
import { CompleteConnectHandler } from './commands/connect-channel/complete-connect.handler';
import { StartConnectHandler } from './commands/connect-channel/start-connect.handler';
import { CreatePlaylistHandler } from './commands/create-playlist/create-playlist.handler';
import { DisconnectChannelHandler } from './commands/disconnect-channel/disconnect-channel.handler';
import { RequestUploadHandler } from './commands/request-upload/request-upload.handler';
import { RetryUploadHandler } from './commands/retry-upload/retry-upload.handler';
import { AccountDeletedHandler } from './events/account-deleted.handler';
import { DeletedAccountGrants } from './connect/deleted-account-grants';
import { ConnectStateStore } from './connect/connect-state.store';
import { ChannelPlaylists } from './google/channel-playlists';
import { ChannelReconnect } from './google/channel-reconnect';
import { YouTubeClients } from './google/youtube-clients';
import { YouTubeController } from './http/youtube.controller';
import { YouTubeUploadsController } from './http/youtube-uploads.controller';
import { YouTubeChannel } from './persistence/youtube-channel.entity';
import { YouTubeUpload } from './persistence/youtube-upload.entity';
import { GetUploadHandler } from './queries/get-upload/get-upload.handler';
import { ListChannelsHandler } from './queries/list-channels/list-channels.handler';
import { ListUploadsHandler } from './queries/list-uploads/list-uploads.handler';
import { tokenCipherProvider } from './tokens/token-cipher.provider';
import { TokenResealer } from './tokens/token-resealer';
import { QuotaGate } from './upload/quota-gate';
import { UploadEvents } from './upload/upload-events';
import { UploadFiles } from './upload/upload-files';
import { UploadProcessor } from './upload/upload.processor';
import { UploadQueue, YOUTUBE_UPLOAD_QUEUE } from './upload/upload-queue';
import { UploadRecovery } from './upload/upload-recovery';
import { UploadRunner } from './upload/upload-runner';
import { UploadLease } from './upload/upload-lease';
import { UploadProgress } from './upload/upload-progress';
import { FilmSender } from './upload/film-sender';
import { VideoFinisher } from './upload/video-finisher';
import { UploadFailurePolicy } from './upload/upload-failure-policy';
import { YouTubeSetup } from './youtube-setup';

/**
 * Connected channels and uploads of finished films. Uploads run in the API (it holds the tokens)
 * on their own Bull queue; the notifications module tells users through the events in ./events.
 */
@Module({
  imports: [
    MikroOrmModule.forFeature([YouTubeChannel, YouTubeUpload]),
    BullModule.registerQueue({ name: YOUTUBE_UPLOAD_QUEUE }),
    UsersModule,
    AssetsModule,
  ],
  controllers: [YouTubeController, YouTubeUploadsController],
  providers: [
    tokenCipherProvider,
    TokenResealer,
    YouTubeSetup,
    YouTubeClients,
    ChannelReconnect,
    ChannelPlaylists,
    ConnectStateStore,
    UploadQueue,
    UploadFiles,
    UploadEvents,
    UploadLease,
    UploadProgress,
    FilmSender,
    VideoFinisher,
    UploadFailurePolicy,
    UploadRunner,
    UploadProcessor,
    UploadRecovery,
    QuotaGate,
    StartConnectHandler,
    CompleteConnectHandler,
    DisconnectChannelHandler,
    CreatePlaylistHandler,
    RequestUploadHandler,
    CancelUploadHandler,
    RetryUploadHandler,
    ListChannelsHandler,
    ListUploadsHandler,
    GetUploadHandler,
    AccountDeletedHandler,
    DeletedAccountGrants,
  ],
  exports: [QuotaGate],
})
export class YouTubeModule {}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { YouTubeChannel } from '../persistence/youtube-channel.entity';

export class ChannelView {
  @ApiProperty({ format: 'uuid', description: 'Our id of the connection; use it as channelId in uploads.' })
  id!: string;

  @ApiProperty({ example: 'UCx2y3z...', description: "YouTube's channel id." })
  youtubeChannelId!: string;

  @ApiProperty()
  title!: string;

  @ApiPropertyOptional({ nullable: true })
  thumbnailUrl!: string | null;

  @ApiProperty({ example: 'https://www.youtube.com/channel/UCx2y3z...' })
  url!: string;

  @ApiProperty({ enum: ['connected', 'needs_reconnect'] })
  status!: string;

  @ApiPropertyOptional({ nullable: true, description: 'Why it needs reconnecting.' })
  statusReason!: string | null;

  @ApiProperty({ type: [String] })
  scopes!: string[];

  @ApiProperty()
  connectedAt!: string;

  static of(channel: YouTubeChannel): ChannelView {
    return {
      id: channel.id,
      youtubeChannelId: channel.channelId,
      title: channel.title,
      thumbnailUrl: channel.thumbnailUrl ?? null,
      url: `https://www.youtube.com/channel/${channel.channelId}`,
      status: channel.status,
      statusReason: channel.statusReason ?? null,
      scopes: channel.scopes.split(' ').filter(Boolean),
      connectedAt: channel.connectedAt.toISOString(),
    };
  }
}

import { ApiProperty } from '@nestjs/swagger';

export class PlaylistView {
  @ApiProperty({ example: 'PLx...', description: "YouTube's playlist id; pass it as playlistId in uploads." })
  id!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ enum: ['public', 'unlisted', 'private'] })
  privacyStatus!: string;

  @ApiProperty({ example: 'https://www.youtube.com/playlist?list=PLx...' })
  url!: string;
}

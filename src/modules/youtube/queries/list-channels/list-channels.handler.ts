import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { ChannelView } from '../../http/channel.view';
import { YouTubeChannel } from '../../persistence/youtube-channel.entity';
import { ListChannelsQuery } from './list-channels.query';

@QueryHandler(ListChannelsQuery)
export class ListChannelsHandler implements IQueryHandler<ListChannelsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ userId }: ListChannelsQuery): Promise<ChannelView[]> {
    const rows = await this.em.fork().find(YouTubeChannel, { userId }, { orderBy: { connectedAt: 'asc', id: 'asc' } });
    return rows.map(ChannelView.of);
  }
}

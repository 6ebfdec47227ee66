import { Query } from '@nestjs/cqrs';
import type { PackListView } from '../../http/views';

/** The credit packs on sale (from configuration) and whether checkout works on this server. */
export class ListPacksQuery extends Query<PackListView> {}

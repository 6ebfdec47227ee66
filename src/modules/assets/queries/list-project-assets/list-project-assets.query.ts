import { Query } from '@nestjs/cqrs';
import type { AssetKind } from '@afs/contracts';
import type { Page } from '../../../../platform/http/pagination';
import type { AssetView } from '../../http/asset.view';

export interface ProjectAssetFilter {
  kind?: AssetKind;
  jobId?: string;
}

/**
 * A project's assets, newest first, keyset-paginated. The project must be the caller's (checked
 * with the projects module's GetOwnedProjectQuery): otherwise PROJECT.NOT_FOUND 404. Throws
 * PAGINATION.BAD_CURSOR 400.
 */
export class ListProjectAssetsQuery extends Query<Page<AssetView>> {
  constructor(
    readonly userId: string,
    readonly projectId: string,
    readonly filter: ProjectAssetFilter = {},
    readonly limit = 20,
    readonly cursor?: string,
  ) {
    super();
  }
}

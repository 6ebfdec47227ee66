import { Query } from '@nestjs/cqrs';
import type { SingleFileAssetKind } from '@afs/contracts';

/** Where a job's file of one kind is stored; for modules that read it from ASSET_STORAGE. */
export interface JobFile {
  assetId: string;
  storageKey: string;
  size: number;
  contentType: string;
}

/** The owner's file of `kind` from `jobId`, or null when the job made none. */
export class GetJobFileQuery extends Query<JobFile | null> {
  constructor(
    readonly userId: string,
    readonly jobId: string,
    readonly kind: SingleFileAssetKind,
  ) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import type { AssetKind, JobOutputFile } from '@afs/contracts';

export interface RegisteredJobAssets {
  /** Rows this call added; 0 when a duplicate result message arrives. */
  inserted: number;
  /** Every asset of the job after this call, new and earlier ones. */
  assets: { id: string; kind: AssetKind; sceneIndex: number | null }[];
  /** Outputs refused as malformed (bad kind, key, checksum...), with why; they are logged too. */
  rejected: { kind: string; reason: string }[];
}

/**
 * Records the files a completed job produced. Dispatch it inside the transaction that completes the
 * job (it joins it as a savepoint), so the job and its files commit together. Idempotent: one row
 * per (job, kind, scene), and a repeat of the same result registers nothing twice (the first one wins).
 * Malformed outputs are not registered and come back in `rejected` rather than failing the
 * completion, so one bad file does not keep a finished film from its owner.
 */
export class RegisterJobAssetsCommand extends Command<RegisteredJobAssets> {
  constructor(
    readonly input: { jobId: string; projectId: string; userId: string; outputs: JobOutputFile[] },
  ) {
    super();
  }
}

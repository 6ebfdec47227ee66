import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Readable } from 'node:stream';
import type { SingleFileAssetKind } from '@afs/contracts';
import { streamRange, type Storage } from '@afs/storage';
import { GetJobFileQuery, type JobFile } from '../../assets/queries/get-job-file/get-job-file.query';
import { ASSET_STORAGE } from '../../assets/storage/asset-storage';

/** The job's files an upload sends, read from the store the runners wrote them to. */
@Injectable()
export class UploadFiles {
  constructor(
    private readonly queries: QueryBus,
    @Inject(ASSET_STORAGE) private readonly storage: Storage,
  ) {}

  find(userId: string, jobId: string, kind: SingleFileAssetKind): Promise<JobFile | null> {
    return this.queries.execute(new GetJobFileQuery(userId, jobId, kind));
  }

  /** False when the file's record outlived its bytes (deleted from the store, a store restored from an older backup). */
  isStored(file: JobFile): Promise<boolean> {
    return this.storage.exists(file.storageKey);
  }

  /** Bytes [start, end) of a file, in memory: one upload chunk, resendable as it is. */
  async read(file: JobFile, start: number, end: number): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await streamRange(this.storage, file.storageKey, { start, end: end - 1 })) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  open(file: JobFile): Promise<Readable> {
    return this.storage.stream(file.storageKey);
  }
}

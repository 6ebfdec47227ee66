import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { StorageNotFoundError } from './storage-errors';
import { assertStorageKey, assertStoragePrefix } from './storage-key';
import type { ByteRange, SignedUrlOptions, Storage, StorageBody, StoredObjectInfo } from './storage.port';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** An S3-compatible server (MinIO, Ceph, R2, s3rver in tests); unset means AWS itself. */
  endpoint?: string;
  forcePathStyle?: boolean;
  /** Unset: the SDK's default chain (AWS_* variables, profiles, instance or task roles). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /**
   * 'when_required' turns off the CRC checksum headers the SDK sends and checks by default since
   * 3.729, which several S3-compatible stores do not support (AWS's own notice names the risk).
   * Default: 'when_required' with a custom endpoint, 'when_supported' against AWS itself.
   */
  checksums?: 'when_supported' | 'when_required';
  /** Multipart part size; S3's minimum is 5 MiB. */
  partSizeBytes?: number;
  /** Parts uploaded in parallel. */
  uploadConcurrency?: number;
}

const MIN_PART_SIZE = 5 * 1024 * 1024;
/** SigV4 presigned URLs cannot live longer than seven days. */
const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

function isNotFound(error: unknown): boolean {
  if (!(error instanceof S3ServiceException)) return false;
  return error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata?.httpStatusCode === 404;
}

/** RFC 6266 attachment header; the quoted fallback keeps to printable ASCII, filename* carries the rest. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Objects in one S3 bucket (or an S3-compatible store), keyed exactly like LocalStorage so a
 * deployment can move between the two. Uploads go through lib-storage's Upload, which switches to
 * a multipart upload above one part, so films of any size stream without being held in memory.
 */
export class S3Storage implements Storage {
  readonly client: S3Client;
  readonly bucket: string;
  private readonly partSize: number;
  private readonly concurrency: number;

  constructor(options: S3StorageOptions) {
    this.bucket = options.bucket;
    this.partSize = Math.max(options.partSizeBytes ?? MIN_PART_SIZE, MIN_PART_SIZE);
    this.concurrency = options.uploadConcurrency ?? 4;
    const checksums = options.checksums ?? (options.endpoint ? 'when_required' : 'when_supported');
    const config: S3ClientConfig = {
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle ?? false,
      credentials: options.credentials,
      requestChecksumCalculation: checksums === 'when_required' ? 'WHEN_REQUIRED' : 'WHEN_SUPPORTED',
      responseChecksumValidation: checksums === 'when_required' ? 'WHEN_REQUIRED' : 'WHEN_SUPPORTED',
    };
    this.client = new S3Client(config);
  }

  async put(key: string, body: StorageBody): Promise<void> {
    assertStorageKey(key);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: body },
      partSize: this.partSize,
      queueSize: this.concurrency,
      // A failed multipart upload is aborted, so no invisible parts keep costing storage.
      leavePartsOnError: false,
    });
    await upload.done();
  }

  async get(key: string): Promise<Buffer> {
    const body = await this.open(key);
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks);
  }

  stream(key: string): Promise<Readable> {
    return this.open(key);
  }

  streamRange(key: string, range: ByteRange): Promise<Readable> {
    return this.open(key, `bytes=${range.start}-${range.end}`);
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== undefined;
  }

  async delete(key: string): Promise<void> {
    // S3 answers 204 for a missing key too, which is the port's contract.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: assertStorageKey(key) }));
  }

  async list(prefix: string): Promise<string[]> {
    const clean = assertStoragePrefix(prefix);
    // A trailing slash makes "jobs/a" mean the folder, as on the filesystem, not also "jobs/ab".
    const s3Prefix = clean === '' ? '' : `${clean}/`;
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: s3Prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }

  async stat(key: string): Promise<StoredObjectInfo | undefined> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: assertStorageKey(key) }));
      return { key, size: Number(head.ContentLength ?? 0), modifiedAt: head.LastModified ?? new Date(0) };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** A presigned GET: the client downloads straight from the bucket, the API streams nothing. */
  async signedUrl(key: string, options: SignedUrlOptions): Promise<string> {
    const expiresIn = Math.min(Math.max(Math.floor(options.expiresInSeconds), 1), MAX_PRESIGN_SECONDS);
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: assertStorageKey(key),
      ResponseContentType: options.contentType,
      ResponseContentDisposition: options.fileName ? contentDisposition(options.fileName) : undefined,
    });
    return getSignedUrl(this.client, command, { expiresIn });
  }

  /** Resolves once the object's headers arrived, so a missing key fails here and not on first read. */
  private async open(key: string, range?: string): Promise<Readable> {
    try {
      const answer = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: assertStorageKey(key), Range: range }),
      );
      const body = answer.Body;
      if (body instanceof Readable) return body;
      // Node's SDK always answers an IncomingMessage; this covers any other runtime's stream.
      return Readable.from(await (body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
    } catch (error) {
      if (isNotFound(error)) throw new StorageNotFoundError(key);
      throw error;
    }
  }
}

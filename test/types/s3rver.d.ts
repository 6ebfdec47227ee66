// s3rver 3.7 ships no types; this covers what the tests use (an S3-compatible server on loopback).
declare module 's3rver' {
  interface S3rverOptions {
    port?: number;
    address?: string;
    silent?: boolean;
    directory: string;
    resetOnClose?: boolean;
    configureBuckets?: { name: string; configs: (string | Buffer)[] }[];
  }
  class S3rver {
    constructor(options: S3rverOptions);
    /** Resolves with the bound address; with port 0 the port is the one the OS chose. */
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
  }
  export = S3rver;
}

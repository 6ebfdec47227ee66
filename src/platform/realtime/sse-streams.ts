import { Injectable, OnModuleDestroy } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { openSseStream, type SseOptions } from './sse-stream';

/**
 * The process's open event streams. They never end by themselves, and the HTTP server waits for
 * open responses before it closes: one open stream kept the API from shutting down (a deploy
 * waited for the kill). They are ended first; clients reconnect after `retry`, to another replica.
 */
@Injectable()
export class SseStreams implements OnModuleDestroy {
  private readonly open = new Set<() => void>();
  private closing = false;

  start(request: FastifyRequest, reply: FastifyReply, options: SseOptions): void {
    const close = openSseStream(request, reply, options);
    // The server takes requests until the last shutdown hooks have run: a stream opened meanwhile
    // (a client reconnecting) sends its current state and ends, and the client goes elsewhere.
    if (this.closing) return close();
    // Already gone (it left while its stream was prepared): ended at once, never kept.
    if (request.raw.destroyed) return;
    this.open.add(close);
    request.raw.on('close', () => this.open.delete(close));
  }

  onModuleDestroy(): void {
    this.closing = true;
    for (const close of this.open) close();
    this.open.clear();
  }
}

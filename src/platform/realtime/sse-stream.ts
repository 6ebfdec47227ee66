import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RealtimeEvent } from './realtime-event';

export interface SseOptions {
  heartbeatMs: number;
  /** Checked at every heartbeat; the stream ends when it answers false (logged out, suspended). */
  stillAllowed: () => Promise<boolean>;
  subscribe: (send: (event: RealtimeEvent) => void) => () => void;
  /** Events sent at once, before live ones (the current state). */
  initial?: RealtimeEvent[];
}

/**
 * Writes a Server-Sent Events stream on the raw response. Nest's @Sse() cannot send comment
 * heartbeats nor end the stream from the server side on our terms, so the reply is hijacked.
 * Returns the function that ends the stream; it is called by itself when the client goes away.
 */
export function openSseStream(request: FastifyRequest, reply: FastifyReply, options: SseOptions): () => void {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': String(request.id),
  });
  let closed = false;
  const write = (event: RealtimeEvent) => {
    if (!closed) res.write(`event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
  };
  res.write(`retry: 3000\n\n`);
  options.initial?.forEach(write);
  const unsubscribe = options.subscribe(write);
  const heartbeat = setInterval(async () => {
    const allowed = await options.stillAllowed().catch(() => true);
    if (!allowed) return close();
    if (!closed) res.write(`: heartbeat ${Date.now()}\n\n`);
  }, options.heartbeatMs);

  function close() {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    res.end();
  }
  request.raw.on('close', close);
  // A client that left while the stream was being prepared (its job read, say) sends no more 'close'.
  if (request.raw.destroyed) close();
  return close;
}

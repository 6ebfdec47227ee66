import { createParser } from 'eventsource-parser';

export interface SseEvent {
  type: string;
  data: any;
}

/** Reads a real SSE stream over HTTP and collects its events, for assertions on live progress. */
export class SseClient {
  readonly events: SseEvent[] = [];
  ended = false;
  private controller = new AbortController();
  private waiters: (() => void)[] = [];

  static async open(url: string, token: string): Promise<SseClient> {
    const client = new SseClient();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: client.controller.signal });
    if (res.status !== 200 || !res.body) throw new Error(`SSE answered ${res.status}: ${await res.text()}`);
    void client.read(res.body);
    return client;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    // Heartbeat comments and the retry field are the parser's business; only named events are kept.
    const parser = createParser({
      onEvent: (message) => {
        if (message.event && message.data) this.events.push({ type: message.event, data: JSON.parse(message.data) });
        this.wake();
      },
    });
    try {
      for await (const text of body.pipeThrough(new TextDecoderStream())) parser.feed(text);
    } catch {
      // aborted by close()
    }
    this.ended = true;
    this.wake();
  }

  private wake() {
    this.waiters.splice(0).forEach((w) => w());
  }

  /** Resolves at the next event or the end of the stream, or after `ms` at the latest. */
  private next(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      this.waiters.push(done);
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  /** Resolves with the first event matching, waiting up to `ms`. */
  async waitFor(match: (e: SseEvent) => boolean, ms = 120_000): Promise<SseEvent> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.events.find(match);
      if (found) return found;
      if (this.ended) throw new Error(`stream ended; events: ${this.events.map((e) => e.type).join(', ')}`);
      if (Date.now() > deadline) throw new Error(`no matching event within ${ms} ms; got ${this.events.map((e) => e.type).join(', ')}`);
      await this.next(deadline - Date.now() + 1);
    }
  }

  async waitForEnd(ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!this.ended) {
      if (Date.now() > deadline) throw new Error('stream still open');
      await this.next(deadline - Date.now() + 1);
    }
  }

  close() {
    this.controller.abort();
  }
}

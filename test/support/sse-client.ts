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
    void client.read(res.body as unknown as AsyncIterable<Uint8Array>);
    return client;
  }

  private async read(body: AsyncIterable<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const type = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (type && data) this.events.push({ type, data: JSON.parse(data) });
          this.wake();
        }
      }
    } catch {
      // aborted by close()
    }
    this.ended = true;
    this.wake();
  }

  private wake() {
    this.waiters.splice(0).forEach((w) => w());
  }

  /** Resolves with the first event matching, waiting up to `ms`. */
  async waitFor(match: (e: SseEvent) => boolean, ms = 120_000): Promise<SseEvent> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.events.find(match);
      if (found) return found;
      if (this.ended) throw new Error(`stream ended; events: ${this.events.map((e) => e.type).join(', ')}`);
      if (Date.now() > deadline) throw new Error(`no matching event within ${ms} ms; got ${this.events.map((e) => e.type).join(', ')}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 500);
      });
    }
  }

  async waitForEnd(ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!this.ended) {
      if (Date.now() > deadline) throw new Error('stream still open');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  close() {
    this.controller.abort();
  }
}

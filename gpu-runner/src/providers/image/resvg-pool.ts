import { Worker } from 'node:worker_threads';
import { abortError } from '../../abort';

// The worker is plain JavaScript evaluated from a string so it runs the same under ts-node, Jest and
// the compiled build, with no separate file to ship.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { Resvg } = require(workerData.resvgPath);
parentPort.on('message', ({ id, svg, fontFiles, defaultFontFamily }) => {
  try {
    const resvg = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles, defaultFontFamily }, shapeRendering: 2, textRendering: 1 });
    const png = resvg.render().asPng();
    const bytes = new Uint8Array(png);
    parentPort.postMessage({ id, png: bytes }, [bytes.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

interface Pending {
  resolve: (png: Buffer) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: boolean;
}

/** SVG to PNG on worker threads, so rasterising never blocks the runner's event loop (Bull renews locks there). */
export class ResvgPool {
  private slots: Slot[] = [];
  private queue: { id: number; job: { svg: string; fontFiles: string[] }; pending: Pending }[] = [];
  private pending = new Map<number, Pending & { slot: Slot }>();
  private nextId = 1;

  constructor(private readonly size = 2) {}

  render(svg: string, fontFiles: string[], signal?: AbortSignal): Promise<Buffer> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job: { svg, fontFiles }, pending: { resolve, reject } });
      this.pump();
    });
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { resvgPath: require.resolve('@resvg/resvg-js') } });
    const slot: Slot = { worker, busy: false };
    worker.on('message', (message: { id: number; png?: Uint8Array; error?: string }) => {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      slot.busy = false;
      if (message.png) pending.resolve(Buffer.from(message.png.buffer, message.png.byteOffset, message.png.byteLength));
      else pending.reject(new Error(`resvg could not render the storyboard: ${message.error}`));
      this.pump();
    });
    worker.on('error', (error) => this.failSlot(slot, error));
    this.slots.push(slot);
    return slot;
  }

  private failSlot(slot: Slot, error: Error): void {
    this.slots = this.slots.filter((s) => s !== slot);
    for (const [id, pending] of this.pending) {
      if (pending.slot === slot) {
        this.pending.delete(id);
        pending.reject(error);
      }
    }
    this.pump();
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const next = this.queue.shift()!;
      slot.busy = true;
      this.pending.set(next.id, { ...next.pending, slot });
      slot.worker.postMessage({ id: next.id, svg: next.job.svg, fontFiles: next.job.fontFiles, defaultFontFamily: 'DejaVu Sans' });
    }
  }

  async close(): Promise<void> {
    const slots = this.slots;
    this.slots = [];
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}

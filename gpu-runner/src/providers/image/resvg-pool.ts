import { spawn, type ChildProcess } from 'node:child_process';
import { abortError } from '../../abort';

// The child is plain JavaScript given with -e so it runs the same under ts-node, Jest and the
// compiled build, with no separate file to ship.
const CHILD_SOURCE = `
const { Resvg } = require(process.argv[1]);
process.on('message', ({ id, svg, fontFiles, defaultFontFamily }) => {
  try {
    const resvg = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles, defaultFontFamily }, shapeRendering: 2, textRendering: 1 });
    process.send({ id, png: new Uint8Array(resvg.render().asPng()) });
  } catch (error) {
    process.send({ id, error: String(error && error.message || error) });
  }
});
process.on('disconnect', () => process.exit(0));
`;

interface Pending {
  resolve: (png: Buffer) => void;
  reject: (error: Error) => void;
}

interface Slot {
  child: ChildProcess;
  busy: boolean;
}

/**
 * SVG to PNG in child processes, so rasterising never blocks the runner's event loop (Bull renews
 * locks there). Processes rather than worker threads: the memory rasterising takes (about 60 MB at
 * 1080p) stayed in the runner after worker threads ended, beside every encoder compose runs.
 */
export class ResvgPool {
  private slots: Slot[] = [];
  private queue: { id: number; job: { svg: string; fontFiles: string[] }; pending: Pending }[] = [];
  private pending = new Map<number, Pending & { slot: Slot }>();
  private nextId = 1;

  constructor(private readonly size = 2) {}

  render(svg: string, fontFiles: string[], signal?: AbortSignal): Promise<Buffer> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      const onAbort = () => this.drop(id, abortError(signal!));
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle: Pending = {
        resolve: (png) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(png);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      this.queue.push({ id, job: { svg, fontFiles }, pending: settle });
      this.pump();
    });
  }

  /** Settles a render nobody waits for any more; a child busy with it is free again once it answers. */
  private drop(id: number, error: Error): void {
    const queued = this.queue.findIndex((entry) => entry.id === id);
    if (queued >= 0) this.queue.splice(queued, 1)[0].pending.reject(error);
    const pending = this.pending.get(id);
    if (pending) {
      this.pending.delete(id);
      pending.reject(error);
    }
  }

  private start(): Slot {
    const child = spawn(process.execPath, ['-e', CHILD_SOURCE, require.resolve('@resvg/resvg-js')], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    const slot: Slot = { child, busy: false };
    child.on('message', (message: { id: number; png?: Uint8Array; error?: string }) => {
      slot.busy = false;
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.png) pending?.resolve(Buffer.from(message.png.buffer, message.png.byteOffset, message.png.byteLength));
      else pending?.reject(new Error(`resvg could not render the storyboard: ${message.error}`));
      this.pump();
    });
    child.on('error', (error) => this.failSlot(slot, error));
    child.on('exit', (code, signal) => {
      if (this.slots.includes(slot)) this.failSlot(slot, new Error(`resvg child process ended (${signal ?? `exit code ${code}`})`));
    });
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
      if (!slot && this.slots.length < this.size) slot = this.start();
      if (!slot) return;
      const next = this.queue.shift()!;
      slot.busy = true;
      this.pending.set(next.id, { ...next.pending, slot });
      slot.child.send({ id: next.id, svg: next.job.svg, fontFiles: next.job.fontFiles, defaultFontFamily: 'DejaVu Sans' });
    }
  }

  /** Ends the children; renders still queued or in flight reject. */
  async close(): Promise<void> {
    const slots = this.slots;
    this.slots = [];
    const closed = new Error('the resvg pool was closed');
    for (const entry of this.queue.splice(0)) entry.pending.reject(closed);
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      pending.reject(closed);
    }
    await Promise.all(
      slots.map(
        (slot) =>
          new Promise<void>((resolve) => {
            // A child that never started (spawn failed) has no exit to wait for.
            if (slot.child.pid === undefined || slot.child.exitCode !== null || slot.child.signalCode !== null) return resolve();
            slot.child.once('exit', () => resolve());
            slot.child.kill();
          }),
      ),
    );
  }
}

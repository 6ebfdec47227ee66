import type { RenderProgress } from '@afs/contracts';

/** A one-line bar on a terminal; on a pipe, a line per step and every 25 percent, so logs stay short. */
export function createProgressBar(stream: NodeJS.WriteStream = process.stderr): { update(p: RenderProgress): void; done(): void } {
  let lastLine = '';
  let lastStep = '';
  let lastQuarter = -1;
  return {
    update(progress) {
      const width = 30;
      const filled = Math.round((progress.overall / 100) * width);
      const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(progress.overall).padStart(3)}%  ${progress.step} ${progress.percent}%`;
      if (stream.isTTY) {
        if (line !== lastLine) stream.write(`\r${line.padEnd(70)}`);
      } else {
        const quarter = Math.floor(progress.overall / 25);
        if (progress.step !== lastStep || quarter !== lastQuarter) stream.write(`${line}\n`);
        lastStep = progress.step;
        lastQuarter = quarter;
      }
      lastLine = line;
    },
    done() {
      if (stream.isTTY && lastLine) stream.write('\n');
    },
  };
}

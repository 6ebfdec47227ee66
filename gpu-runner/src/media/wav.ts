import { readSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';

// Narration is kept as 16-bit mono PCM WAV so durations come from exact sample counts and scenes
// can be joined without re-encoding.

export interface Pcm {
  sampleRate: number;
  /** Interleaved 16-bit little-endian samples, mono. */
  samples: Buffer;
}

/** Where a 16-bit mono WAV keeps its samples: found in its header, without reading the samples. */
export interface WavLayout {
  sampleRate: number;
  dataOffset: number;
  dataBytes: number;
}

/**
 * Walks the chunk headers of a WAV of `size` bytes, reading through `at(position, length)`, and
 * finds its samples; chunks before them (LIST, id3, JUNK of any size) are skipped unread.
 */
function walkWav(size: number, at: (position: number, length: number) => Buffer): WavLayout {
  const riff = at(0, 12);
  if (riff.length < 12 || riff.toString('ascii', 0, 4) !== 'RIFF' || riff.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error('not a RIFF/WAVE file');
  }
  let format: { channels: number; sampleRate: number; bits: number } | undefined;
  for (let offset = 12; offset + 8 <= size; ) {
    const header = at(offset, 8);
    const id = header.toString('ascii', 0, 4);
    let chunkSize = header.readUInt32LE(4);
    const body = offset + 8;
    if (id === 'fmt ') {
      const fmt = at(body, 16);
      if (chunkSize < 16 || fmt.length < 16) throw new Error('WAV format chunk is too short');
      format = { channels: fmt.readUInt16LE(2), sampleRate: fmt.readUInt32LE(4), bits: fmt.readUInt16LE(14) };
    } else if (id === 'data') {
      if (format?.channels !== 1 || format.bits !== 16) throw new Error(`expected 16-bit mono WAV, got ${format?.bits}-bit with ${format?.channels} channels`);
      // Streamed WAVs (espeak to stdout, some servers) leave the size at 0 or 0xFFFFFFFF: read to the end.
      if (chunkSize === 0 || body + chunkSize > size) chunkSize = size - body;
      return { sampleRate: format.sampleRate, dataOffset: body, dataBytes: chunkSize - (chunkSize % 2) };
    }
    offset = body + chunkSize + (chunkSize % 2);
  }
  throw new Error('WAV file has no data chunk');
}

export function parseWav(file: Buffer): Pcm {
  const layout = walkWav(file.length, (position, length) => file.subarray(position, position + length));
  return { sampleRate: layout.sampleRate, samples: file.subarray(layout.dataOffset, layout.dataOffset + layout.dataBytes) };
}

export interface WavReader extends WavLayout {
  /** Sample bytes from `startByte` up to `endByte`, counted from the first sample and kept within the data. */
  read(startByte: number, endByte: number): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * A WAV file read a stretch of samples at a time: a long film's narration (280 MB for 97 minutes)
 * never has to be in memory whole.
 */
export async function openWav(path: string): Promise<WavReader> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    // A few reads of 8 to 16 bytes: synchronous, they cost less than the promises would.
    const layout = walkWav(size, (position, length) => {
      const buffer = Buffer.alloc(length);
      return buffer.subarray(0, readSync(file.fd, buffer, 0, length, position));
    });
    return {
      ...layout,
      async read(startByte, endByte) {
        const from = Math.max(0, Math.min(startByte, layout.dataBytes));
        const to = Math.max(from, Math.min(endByte, layout.dataBytes));
        const { buffer, bytesRead } = await file.read(Buffer.alloc(to - from), 0, to - from, layout.dataOffset + from);
        return buffer.subarray(0, bytesRead);
      },
      close: () => file.close(),
    };
  } catch (error) {
    await file.close();
    throw error;
  }
}

export function pcmDuration(pcm: Pcm): number {
  return pcm.samples.length / 2 / pcm.sampleRate;
}

export function silence(sampleRate: number, seconds: number): Buffer {
  return Buffer.alloc(Math.round(sampleRate * seconds) * 2);
}

function wavHeader(sampleRate: number, dataBytes: number): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

export function encodeWav(pcm: Pcm): Buffer {
  return Buffer.concat([wavHeader(pcm.sampleRate, pcm.samples.length), pcm.samples]);
}

/** Samples in memory, or raw 16-bit samples in a file of `bytes` bytes. */
export type WavPiece = Buffer | { file: string; bytes: number };

export const pieceBytes = (piece: WavPiece) => (Buffer.isBuffer(piece) ? piece.length : piece.bytes);

/**
 * Writes mono 16-bit samples given in pieces as one WAV file, reading file pieces one at a time:
 * an hour of narration is 170 MB of samples, and joining it in memory, then prefixing a header,
 * held it three times.
 */
export async function writeWav(path: string, sampleRate: number, pieces: readonly WavPiece[]): Promise<void> {
  const file = await open(path, 'w');
  try {
    await file.write(wavHeader(sampleRate, pieces.reduce((sum, piece) => sum + pieceBytes(piece), 0)));
    for (const piece of pieces) await file.write(Buffer.isBuffer(piece) ? piece : await readFile(piece.file));
  } finally {
    await file.close();
  }
}

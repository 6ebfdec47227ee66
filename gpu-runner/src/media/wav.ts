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

/** The layout from the file's first bytes (`head`, at least up to the data chunk) and its length. */
export function wavLayout(head: Buffer, fileLength: number): WavLayout {
  if (head.toString('ascii', 0, 4) !== 'RIFF' || head.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error('not a RIFF/WAVE file');
  }
  let offset = 12;
  let sampleRate = 0;
  let channels = 0;
  let bits = 0;
  while (offset + 8 <= head.length) {
    const id = head.toString('ascii', offset, offset + 4);
    let size = head.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      channels = head.readUInt16LE(body + 2);
      sampleRate = head.readUInt32LE(body + 4);
      bits = head.readUInt16LE(body + 14);
    } else if (id === 'data') {
      if (channels !== 1 || bits !== 16) throw new Error(`expected 16-bit mono WAV, got ${bits}-bit with ${channels} channels`);
      // Streamed WAVs (espeak to stdout, some servers) leave the size at 0 or 0xFFFFFFFF: read to the end.
      if (size === 0 || body + size > fileLength) size = fileLength - body;
      return { sampleRate, dataOffset: body, dataBytes: size - (size % 2) };
    }
    offset = body + size + (size % 2);
  }
  throw new Error('WAV file has no data chunk');
}

export function parseWav(file: Buffer): Pcm {
  const layout = wavLayout(file, file.length);
  return { sampleRate: layout.sampleRate, samples: file.subarray(layout.dataOffset, layout.dataOffset + layout.dataBytes) };
}

/** The header's share of a WAV file that parsing reads: chunks before the samples are small. */
const HEAD_BYTES = 64 * 1024;

/**
 * A WAV file read a stretch of samples at a time: a long film's narration (280 MB for 97 minutes)
 * never has to be in memory whole.
 */
export interface WavReader extends WavLayout {
  /** Sample bytes from `startByte` up to `endByte`, counted from the first sample and kept within the data. */
  read(startByte: number, endByte: number): Promise<Buffer>;
  close(): Promise<void>;
}

export async function openWav(path: string): Promise<WavReader> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const { buffer, bytesRead } = await file.read(Buffer.alloc(Math.min(HEAD_BYTES, size)), 0, Math.min(HEAD_BYTES, size), 0);
    const layout = wavLayout(buffer.subarray(0, bytesRead), size);
    return {
      ...layout,
      async read(startByte, endByte) {
        const from = Math.max(0, Math.min(startByte, layout.dataBytes));
        const to = Math.max(from, Math.min(endByte, layout.dataBytes));
        const out = Buffer.alloc(to - from);
        const { bytesRead: got } = await file.read(out, 0, out.length, layout.dataOffset + from);
        return out.subarray(0, got);
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

import { open, readFile } from 'node:fs/promises';

// Narration is kept as 16-bit mono PCM WAV so durations come from exact sample counts and scenes
// can be joined without re-encoding.

export interface Pcm {
  sampleRate: number;
  /** Interleaved 16-bit little-endian samples, mono. */
  samples: Buffer;
}

export function parseWav(file: Buffer): Pcm {
  if (file.toString('ascii', 0, 4) !== 'RIFF' || file.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error('not a RIFF/WAVE file');
  }
  let offset = 12;
  let sampleRate = 0;
  let channels = 0;
  let bits = 0;
  while (offset + 8 <= file.length) {
    const id = file.toString('ascii', offset, offset + 4);
    let size = file.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      channels = file.readUInt16LE(body + 2);
      sampleRate = file.readUInt32LE(body + 4);
      bits = file.readUInt16LE(body + 14);
    } else if (id === 'data') {
      if (channels !== 1 || bits !== 16) throw new Error(`expected 16-bit mono WAV, got ${bits}-bit with ${channels} channels`);
      // Streamed WAVs (espeak to stdout, some servers) leave the size at 0 or 0xFFFFFFFF: read to the end.
      if (size === 0 || body + size > file.length) size = file.length - body;
      return { sampleRate, samples: file.subarray(body, body + size - (size % 2)) };
    }
    offset = body + size + (size % 2);
  }
  throw new Error('WAV file has no data chunk');
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

import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

export interface ProbedStream {
  codec_type: string;
  codec_name: string;
  pix_fmt?: string;
  width?: number;
  height?: number;
  duration?: string;
}

export function ffprobe(path: string): { streams: ProbedStream[]; format: { duration: string; format_name: string } } {
  return JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', path], { encoding: 'utf8' }));
}

/** Cue end times as ffmpeg's own subtitle demuxers read them: proves the file parses. */
export function subtitleCueEnds(path: string): number[] {
  const { packets } = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_packets', '-of', 'json', path], { encoding: 'utf8' })) as {
    packets: { pts_time: string; duration_time: string }[];
  };
  return packets.map((p) => Number(p.pts_time) + Number(p.duration_time));
}

export function integratedLoudness(path: string): number {
  // ebur128 logs to stderr; spawnSync keeps it even on success.
  const { stderr } = spawnSync('ffmpeg', ['-hide_banner', '-nostats', '-i', path, '-af', 'ebur128=framelog=verbose', '-f', 'null', '-'], { encoding: 'utf8' });
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  return Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)?.[1]);
}

/** Mean and standard deviation of the luma of an image: a black or flat frame has a tiny deviation. */
export function lumaStats(path: string): { mean: number; deviation: number } {
  const gray = execFileSync('ffmpeg', ['-v', 'error', '-i', path, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', '-']);
  const mean = gray.reduce((sum, v) => sum + v, 0) / gray.length;
  const variance = gray.reduce((sum, v) => sum + (v - mean) ** 2, 0) / gray.length;
  return { mean, deviation: Math.sqrt(variance) };
}

/** Top-level MP4 box names in file order; faststart puts moov before mdat. */
export function topLevelBoxes(path: string): string[] {
  const file = readFileSync(path);
  const boxes: string[] = [];
  let offset = 0;
  while (offset + 8 <= file.length) {
    let size = file.readUInt32BE(offset);
    boxes.push(file.toString('latin1', offset + 4, offset + 8));
    if (size === 1) size = Number(file.readBigUInt64BE(offset + 8));
    if (size < 8) break;
    offset += size;
  }
  return boxes;
}

/** ffmpeg processes whose parent is the given process. */
export function ffmpegChildren(parentPid = process.pid): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (comm === 'ffmpeg' && ppid === parentPid) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface VideoEncoder {
  name: 'libx264' | 'h264_nvenc';
  /** Output options for the encoder, quality and pixel format included. */
  options: string[];
}

let nvencListed: boolean | undefined;

function ffmpegListsNvenc(ffmpegPath: string): boolean {
  if (nvencListed === undefined) {
    try {
      nvencListed = execFileSync(ffmpegPath, ['-hide_banner', '-encoders'], { encoding: 'utf8' }).includes('h264_nvenc');
    } catch {
      nvencListed = false;
    }
  }
  return nvencListed;
}

export interface NvencProbe {
  hasNvidiaDevice(): boolean;
  ffmpegHasNvenc(ffmpegPath: string): boolean;
}

const systemProbe: NvencProbe = { hasNvidiaDevice: () => existsSync('/dev/nvidia0'), ffmpegHasNvenc: ffmpegListsNvenc };

/** NVENC only when enabled by config and both the ffmpeg build and an NVIDIA device are present; libx264 otherwise. */
export function chooseVideoEncoder(
  config: { NVENC: 'on' | 'off'; X264_PRESET: string; X264_CRF: number; X264_PARAMS: string; FFMPEG_PATH?: string },
  probe: NvencProbe = systemProbe,
): VideoEncoder {
  if (config.NVENC === 'on' && probe.hasNvidiaDevice() && probe.ffmpegHasNvenc(config.FFMPEG_PATH ?? 'ffmpeg')) {
    return { name: 'h264_nvenc', options: ['-c:v', 'h264_nvenc', '-preset', 'p4', '-rc', 'vbr', '-cq', String(config.X264_CRF), '-pix_fmt', 'yuv420p'] };
  }
  return {
    name: 'libx264',
    options: [
      '-c:v', 'libx264',
      '-preset', config.X264_PRESET,
      ...(config.X264_PARAMS === 'none' ? [] : ['-x264-params', config.X264_PARAMS]),
      '-crf', String(config.X264_CRF),
      '-pix_fmt', 'yuv420p',
      '-profile:v', 'high',
    ],
  };
}

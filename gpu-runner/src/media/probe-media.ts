import ffmpeg from 'fluent-ffmpeg';

export interface MediaInfo {
  duration: number;
  streams: ffmpeg.FfprobeStream[];
  format: ffmpeg.FfprobeFormat;
}

export function probeMedia(path: string, ffprobePath?: string): Promise<MediaInfo> {
  return new Promise((resolve, reject) => {
    const command = ffmpeg(path);
    if (ffprobePath) command.setFfprobePath(ffprobePath);
    command.ffprobe((error, data) => {
      if (error) return reject(new Error(`ffprobe could not read ${path}: ${(error as Error).message}`));
      resolve({ duration: Number(data.format.duration ?? 0), streams: data.streams, format: data.format });
    });
  });
}

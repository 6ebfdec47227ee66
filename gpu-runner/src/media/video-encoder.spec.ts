import { chooseVideoEncoder } from './video-encoder';

describe('chooseVideoEncoder', () => {
  const base = { X264_PRESET: 'veryfast', X264_CRF: 23, X264_PARAMS: 'me=dia:subme=1' };
  const gpu = { hasNvidiaDevice: () => true, ffmpegHasNvenc: () => true };

  it('uses libx264 with the configured preset, parameters and crf unless NVENC is enabled', () => {
    expect(chooseVideoEncoder({ ...base, NVENC: 'off' }, gpu)).toEqual({
      name: 'libx264',
      options: ['-c:v', 'libx264', '-preset', 'veryfast', '-x264-params', 'me=dia:subme=1', '-crf', '23', '-pix_fmt', 'yuv420p', '-profile:v', 'high'],
    });
    expect(chooseVideoEncoder({ ...base, X264_PARAMS: 'none', NVENC: 'off' }, gpu).options).not.toContain('-x264-params');
  });

  it('uses h264_nvenc when enabled and both the device and the ffmpeg build have it', () => {
    expect(chooseVideoEncoder({ ...base, NVENC: 'on' }, gpu).name).toBe('h264_nvenc');
  });

  it('falls back to libx264 when enabled but the device or the encoder is missing', () => {
    expect(chooseVideoEncoder({ ...base, NVENC: 'on' }, { ...gpu, hasNvidiaDevice: () => false }).name).toBe('libx264');
    expect(chooseVideoEncoder({ ...base, NVENC: 'on' }, { ...gpu, ffmpegHasNvenc: () => false }).name).toBe('libx264');
  });
});

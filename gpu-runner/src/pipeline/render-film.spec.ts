import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RENDER_STEPS, type FilmDescription, type RenderProgress } from '@afs/contracts';
import { downloadFile, LocalStorage } from '@afs/storage';
import { eventually } from '../../../test/support/eventually';
import { RenderAbortedError } from '../abort';
import { loadRunnerConfig } from '../config/runner-config';
import { FakeHttpServer, sendJson } from '../testing/fake-http-server';
import { ffmpegChildren, ffprobe, integratedLoudness, lumaStats, subtitleCueEnds, topLevelBoxes } from '../testing/media-probe';
import { RenderInputError, renderFilm, RenderStepError, type RenderFilmResult } from './render-film';

// Real ffmpeg, ffprobe and espeak-ng; short scripts at 480p and 24 fps keep the suite quick.
jest.setTimeout(60_000);

const SCRIPT = `EXT. HARBOUR - NIGHT

Rain falls on the harbour. A small boat rocks at the pier.

INT. CABIN - NIGHT

ANNA
Who is there?

The lamp flickers. Someone knocks twice.
`;

describe('renderFilm with real ffmpeg and espeak-ng', () => {
  let root: string;
  let storage: LocalStorage;
  const config = loadRunnerConfig({ RENDER_CONCURRENCY: '2' });
  const options = { resolution: '480p', fps: 24 } as const;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'afs-render-spec-'));
    storage = new LocalStorage(join(root, 'storage'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  async function fetch(key: string | undefined, name: string): Promise<string> {
    const path = join(root, `${Date.now()}-${name}`);
    await downloadFile(storage, key!, path);
    return path;
  }

  describe('a short Fountain script', () => {
    let result: RenderFilmResult;
    const progress: RenderProgress[] = [];

    beforeAll(async () => {
      result = await renderFilm({ jobId: 'short-film', script: SCRIPT, title: 'Knock Twice', options, storage, config, onProgress: (p) => progress.push(p) });
    });

    it('runs every step and reports progress per step up to 100 percent overall', () => {
      expect(result.stepsRun).toEqual([...RENDER_STEPS]);
      expect([...new Set(progress.map((p) => p.step))]).toEqual([...RENDER_STEPS]);
      expect(progress[progress.length - 1]).toEqual({ step: 'thumbnail', percent: 100, overall: 100 });
      const overall = progress.map((p) => p.overall);
      expect(overall).toEqual([...overall].sort((a, b) => a - b));
    });

    it('makes an H.264/AAC MP4 at the frame size, as long as the narration, with faststart', async () => {
      const film = await fetch(result.outputs.film, 'film.mp4');
      const probe = ffprobe(film);
      const video = probe.streams.find((s) => s.codec_type === 'video')!;
      const audio = probe.streams.find((s) => s.codec_type === 'audio')!;
      expect(video).toMatchObject({ codec_name: 'h264', pix_fmt: 'yuv420p', width: 854, height: 480 });
      expect(audio.codec_name).toBe('aac');
      expect(Math.abs(Number(probe.format.duration) - result.film.duration!)).toBeLessThan(0.5);
      expect(Math.abs(Number(video.duration) - Number(audio.duration))).toBeLessThan(0.1);
      const boxes = topLevelBoxes(film);
      expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
      expect(Math.abs(integratedLoudness(film) - -14)).toBeLessThan(1.5);
    });

    it('times every scene by its narration, back to back', () => {
      const scenes = result.film.scenes;
      expect(scenes).toHaveLength(2);
      expect(scenes[0].start).toBe(0);
      expect(scenes[1].start).toBeCloseTo(scenes[0].duration!, 2);
      expect(scenes[0].duration! + scenes[1].duration!).toBeCloseTo(result.film.duration!, 2);
      expect(scenes[1].sentences!.map((s) => s.text)).toEqual(['Anna: “Who is there?”', 'The lamp flickers.', 'Someone knocks twice.']);
    });

    it('writes SRT and VTT that ffmpeg parses, ending within the video', async () => {
      for (const [key, name] of [[result.outputs.subtitlesSrt, 'subtitles.srt'], [result.outputs.subtitlesVtt, 'subtitles.vtt']] as const) {
        const ends = subtitleCueEnds(await fetch(key, name));
        expect(ends.length).toBeGreaterThanOrEqual(5);
        expect(Math.max(...ends)).toBeLessThanOrEqual(result.film.duration! + 0.01);
      }
    });

    it('makes a 1280x720 title card thumbnail, not a black frame', async () => {
      const thumbnail = await fetch(result.outputs.thumbnail, 'thumbnail.jpg');
      expect(ffprobe(thumbnail).streams[0]).toMatchObject({ codec_name: 'mjpeg', width: 1280, height: 720 });
      const luma = lumaStats(thumbnail);
      expect(luma.mean).toBeGreaterThan(15);
      expect(luma.deviation).toBeGreaterThan(10);
    });

    it('stores scenes.json with the analysed scenes and the provider of each step', async () => {
      const scenes = JSON.parse(readFileSync(await fetch(result.outputs.scenes, 'scenes.json'), 'utf8')) as FilmDescription;
      expect(scenes.scenes[0]).toMatchObject({ heading: 'EXT. HARBOUR - NIGHT', mood: expect.any(String), start: 0, duration: expect.any(Number), visual: expect.any(String) });
      expect(scenes.providers).toEqual({
        analyse: 'local',
        images: 'local',
        voice: 'local',
        subtitles: 'local voice timings',
        music: 'local (ffmpeg audio sources)',
        compose: 'libx264',
        thumbnail: 'local (title card)',
      });
    });

    it('skips every finished step when the same job runs again', async () => {
      const again = await renderFilm({ jobId: 'short-film', script: SCRIPT, title: 'Knock Twice', options, storage, config });
      expect(again.stepsRun).toEqual([]);
      expect(again.stepsSkipped).toEqual([...RENDER_STEPS]);
      expect(again.outputs).toEqual(result.outputs);
    });
  });

  it('stops on abort during compose with no ffmpeg left, then resumes from compose', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const aborted = renderFilm({
      jobId: 'aborted-film',
      script: SCRIPT,
      title: 'Knock Twice',
      options,
      storage,
      config,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.step === 'compose' && p.percent > 0 && !controller.signal.aborted) {
          seen.push(ffmpegChildren().length);
          controller.abort();
        }
      },
    });
    await expect(aborted).rejects.toBeInstanceOf(RenderAbortedError);
    expect(seen[0]).toBeGreaterThan(0);
    // Every ffmpeg got SIGKILL at the abort, but compose rejects with the first one to end
    // (Promise.all over the audio mix and the parts): the others are reaped a moment later.
    await eventually(() => expect(ffmpegChildren()).toEqual([]), 5000);

    const resumed = await renderFilm({ jobId: 'aborted-film', script: SCRIPT, title: 'Knock Twice', options, storage, config });
    // The thumbnail runs beside compose, so it may have finished before the abort.
    expect(resumed.stepsSkipped.slice(0, 5)).toEqual(['analyse', 'images', 'voice', 'subtitles', 'music']);
    expect(resumed.stepsRun[0]).toBe('compose');
    expect([...resumed.stepsSkipped, ...resumed.stepsRun].sort()).toEqual([...RENDER_STEPS].sort());
    expect(ffprobe(await fetch(resumed.outputs.film, 'resumed.mp4')).streams).toHaveLength(2);
  });

  it('resumes on another host: a fresh work folder fetches earlier outputs from storage', async () => {
    await renderFilm({ jobId: 'two-hosts', script: SCRIPT, title: 'Hosts', options, storage, config, steps: ['subtitles', 'music'] });
    const second = await renderFilm({ jobId: 'two-hosts', script: SCRIPT, title: 'Hosts', options, storage, config: { ...config, RENDER_WORK_DIR: root } });
    expect(second.stepsRun).toEqual(['images', 'compose', 'thumbnail']);
    expect(second.stepsSkipped).toEqual(['analyse', 'voice', 'subtitles', 'music']);
  });

  it('renders Japanese, Arabic and emoji in 9:16 with soft subtitles and no music', async () => {
    // Each language's words are spelled out by the other's voice, so keep the sample short.
    const script = '港は静か。🌙\n\nالبحر هادئ. 🚢';
    const result = await renderFilm({ jobId: 'non-latin', script, title: '夜の港 🌙 الميناء', options: { ...options, aspectRatio: '9:16', subtitles: 'soft', language: 'ja', music: false }, storage, config });
    expect(result.film.providers.music).toBe('none (music off)');
    const probe = ffprobe(await fetch(result.outputs.film, 'non-latin.mp4'));
    expect(probe.streams.map((s) => s.codec_name).sort()).toEqual(['aac', 'h264', 'mov_text']);
    expect(probe.streams.find((s) => s.codec_type === 'video')).toMatchObject({ width: 480, height: 854 });
    expect(ffprobe(await fetch(result.outputs.thumbnail, 'non-latin.jpg')).streams[0]).toMatchObject({ width: 720, height: 1280 });
  });

  describe('bad input', () => {
    const attempt = (script: string, extra: Record<string, unknown> = {}): Promise<Error> =>
      renderFilm({ jobId: 'bad', script, title: 'Bad', options: extra, storage, config }).then(
        () => new Error('expected the render to be refused'),
        (error: unknown) => error as Error,
      );

    it.each([
      ['an empty script', '', 'script is empty'],
      ['a whitespace-only script', '   \n\t ', 'script is empty'],
      ['a punctuation-only script', '?!... — *** …', 'script has no words to narrate'],
      ['a 200,000 character script', 'a'.repeat(200_000), 'script is 200000 characters long; the limit is 100000 characters'],
    ])('refuses %s', async (_name, script, message) => {
      const error = await attempt(script);
      expect(error).toBeInstanceOf(RenderInputError);
      expect(error.message).toContain(message);
    });

    it('refuses an unknown style and aspect ratio, listing the allowed values', async () => {
      const error = await attempt(SCRIPT, { style: 'pixar', aspectRatio: '4:3' });
      expect(error.message).toBe(
        'invalid render input: style must be one of cinematic, documentary, anime, noir, watercolor, minimal; got "pixar"; aspectRatio must be one of 16:9, 9:16, 1:1; got "4:3"',
      );
    });

    it('names the step and provider when the analysis provider answers garbage', async () => {
      const server = new FakeHttpServer().route('POST', '/v1/chat/completions', (_req, res) => sendJson(res, 200, { choices: 'garbage' }));
      const base = await server.start();
      try {
        const remote = loadRunnerConfig({ ANALYSIS_PROVIDER: 'openai', OPENAI_BASE_URL: `${base}/v1`, PROVIDER_TIMEOUT_MS: '500', PROVIDER_MAX_RETRIES: '0' });
        const error = await renderFilm({ jobId: 'garbage', script: SCRIPT, title: 'G', storage, config: remote }).then(
          () => new Error('expected a failure'),
          (e: unknown) => e as Error,
        );
        expect(error).toBeInstanceOf(RenderStepError);
        expect(error.message).toBe('analyse step failed at provider openai: answer has no message content');
      } finally {
        await server.stop();
      }
    });
  });

  describe('subtitles timed by transcribing the narration', () => {
    const server = new FakeHttpServer();
    let base: string;
    const wav = execFileSync('espeak-ng', ['--stdout', 'Hello from the fake vendor.']);
    const script = 'The sea was calm. Anna knocked twice, and the lamp went out.';
    const remote = (extra: Record<string, string> = {}) =>
      loadRunnerConfig({ VOICE_PROVIDER: 'openai', OPENAI_BASE_URL: `${base}/v1`, PROVIDER_TIMEOUT_MS: '2000', PROVIDER_MAX_RETRIES: '0', ...extra });
    const srtTimes = (srt: string) =>
      [...srt.matchAll(/(\d\d):(\d\d):(\d\d),(\d{3}) --> (\d\d):(\d\d):(\d\d),(\d{3})/g)].map((m) => {
        const t = (h: string, mi: string, se: string, ms: string) => Number(h) * 3600 + Number(mi) * 60 + Number(se) + Number(ms) / 1000;
        return [t(m[1], m[2], m[3], m[4]), t(m[5], m[6], m[7], m[8])];
      });

    beforeAll(async () => {
      server.route('POST', '/v1/audio/speech', (_req, res) => res.writeHead(200, { 'content-type': 'audio/wav' }).end(wav));
      base = await server.start();
    });
    beforeEach(() => server.requests.splice(0));
    afterAll(() => server.stop());

    it('times cues from the transcript of a remote voice’s narration, keeping the script’s text', async () => {
      const voiced = await renderFilm({ jobId: 'transcribed', script, title: 'T', options, storage, config: remote(), steps: ['voice'] });
      const [first, second] = voiced.film.scenes[0].sentences!;
      // Padding the vendor left around each sentence: the transcript says where the words are.
      const heard = [
        { start: first.start + 0.31, end: first.start + first.duration - 0.22, text: ' The sea was calm.' },
        { start: second.start + 0.18, end: second.start + second.duration - 0.27, text: ' Anna knocked twice and the lamp went out.' },
      ];
      server.route('POST', '/v1/audio/transcriptions', async (req, res) => {
        const form = await new Response(req.body, { headers: { 'content-type': String(req.headers['content-type']) } }).formData();
        if (form.get('response_format') !== 'verbose_json' || !(form.get('file') instanceof File)) return sendJson(res, 400, { error: { message: 'bad form' } });
        sendJson(res, 200, { text: heard.map((h) => h.text).join(''), segments: heard.map((h, id) => ({ id, ...h })) });
      });

      const result = await renderFilm({ jobId: 'transcribed', script, title: 'T', options, storage, config: remote(), steps: ['subtitles'] });
      expect(result.stepsSkipped).toEqual(['analyse', 'voice']);
      expect(result.film.providers.subtitles).toBe('openai transcription');
      const transcriptions = server.requests.filter((r) => r.path === '/v1/audio/transcriptions');
      expect(transcriptions).toHaveLength(1);
      const form = await new Response(transcriptions[0].body, { headers: { 'content-type': String(transcriptions[0].headers['content-type']) } }).formData();
      expect(form.get('model')).toBe('whisper-1');
      // The whole narration went up: both sentences, gap and all.
      const sent = Buffer.from(await (form.get('file') as File).arrayBuffer());
      expect((sent.length - 44) / 2 / 22050).toBeCloseTo(second.start + second.duration, 2);

      const srt = readFileSync(await fetch(result.outputs.subtitlesSrt, 'transcribed.srt'), 'utf8');
      expect(srt).toContain('The sea was calm.');
      expect(srt).toContain('Anna knocked twice, and the lamp went out.');
      const times = srtTimes(srt);
      expect(times).toHaveLength(2);
      times.forEach(([start, end], i) => {
        expect(start).toBeCloseTo(heard[i].start, 2);
        expect(end).toBeCloseTo(heard[i].end, 2);
      });
    });

    it('fails the subtitles step naming the provider when the transcription server errs', async () => {
      server.route('POST', '/v1/audio/transcriptions', (_req, res) => sendJson(res, 500, { error: { message: 'whisper fell over' } }));
      const error = await renderFilm({ jobId: 'transcription-500', script, title: 'T', options, storage, config: remote(), steps: ['subtitles'] }).catch((e: unknown) => e as Error);
      expect(error).toBeInstanceOf(RenderStepError);
      expect((error as RenderStepError).step).toBe('subtitles');
      expect((error as Error).message).toMatch(/^subtitles step failed at provider openai: .*500.*whisper fell over \(TRANSCRIPTION_PROVIDER=auto transcribes a remote voice's narration; set it to none/);
    });

    it('keeps espeak’s measured timings on auto, and transcribes them when told to', async () => {
      const local = { ...remote(), VOICE_PROVIDER: 'local' as const };
      const auto = await renderFilm({ jobId: 'auto-local', script, title: 'T', options, storage, config: local, steps: ['subtitles'] });
      expect(auto.film.providers.subtitles).toBe('local voice timings');
      expect(server.requests).toEqual([]);
      server.route('POST', '/v1/audio/transcriptions', (_req, res) => sendJson(res, 200, { text: '', segments: [] }));
      const forced = await renderFilm({ jobId: 'forced', script, title: 'T', options, storage, config: { ...local, TRANSCRIPTION_PROVIDER: 'openai' }, steps: ['subtitles'] });
      expect(forced.film.providers.subtitles).toBe('openai transcription');
      // Nothing heard: every cue keeps its estimate rather than vanishing.
      const estimated = srtTimes(readFileSync(await fetch(forced.outputs.subtitlesSrt, 'forced.srt'), 'utf8'));
      expect(estimated).toHaveLength(2);
      expect(estimated[0][0]).toBe(0);
    });
  });

  describe('voice pacing and limits', () => {
    it('paces the speaking rate toward a reachable target duration', async () => {
      const natural = await renderFilm({ jobId: 'pace-natural', script: SCRIPT, title: 'P', options, storage, config, steps: ['voice'] });
      const target = Math.round(natural.film.duration! * 0.8);
      const paced = await renderFilm({ jobId: 'pace-target', script: SCRIPT, title: 'P', options: { ...options, targetDuration: target }, storage, config, steps: ['voice'] });
      expect(Math.abs(paced.film.duration! - target) / target).toBeLessThan(0.1);
      expect(paced.warnings).toEqual([]);
    });

    it('says so when a target duration cannot be met', async () => {
      const result = await renderFilm({ jobId: 'pace-impossible', script: SCRIPT, title: 'P', options: { ...options, targetDuration: 5 }, storage, config, steps: ['voice'] });
      expect(result.warnings).toEqual([expect.stringMatching(/^target duration 5 s cannot be met: the narration runs [\d.]+ s at speaking rate 1\.60, the fastest pace allowed/)]);
    });

    it('splits text longer than OpenAI speech takes (4096 characters) into several requests', async () => {
      const wav = execFileSync('espeak-ng', ['--stdout', 'Part.']);
      const server = new FakeHttpServer().route('POST', '/v1/audio/speech', (req, res) => {
        if (req.json().input.length > 4096) return sendJson(res, 400, { error: { message: 'input longer than 4096 characters' } });
        res.writeHead(200, { 'content-type': 'audio/wav' }).end(wav);
      });
      const base = await server.start();
      try {
        const remote = loadRunnerConfig({ VOICE_PROVIDER: 'openai', OPENAI_BASE_URL: `${base}/v1`, PROVIDER_TIMEOUT_MS: '2000' });
        const script = `${'word '.repeat(1500)}end.`;
        const result = await renderFilm({ jobId: 'long-sentence', script, title: 'L', options, storage, config: remote, steps: ['voice'] });
        expect(server.requests).toHaveLength(2);
        expect(result.film.providers.voice).toBe('openai');
      } finally {
        await server.stop();
      }
    });
  });
});

import { execFileSync } from 'node:child_process';
import { Resvg } from '@resvg/resvg-js';
import { loadRunnerConfig, type RunnerConfig } from '../config/runner-config';
import { FakeHttpServer, sendJson, type RecordedRequest } from '../testing/fake-http-server';
import { strictSchemaViolation } from '../testing/strict-json-schema';
import { AnthropicScriptAnalyser } from './analysis/anthropic-script-analyser';
import { OpenAIScriptAnalyser } from './analysis/openai-script-analyser';
import { OpenAIImageProvider } from './image/openai-image-provider';
import { ProviderError } from './provider-error';
import { createProviders } from './provider-set';
import { createAnthropicClient } from './anthropic-client';
import { createElevenLabsClient } from './elevenlabs-client';
import { createOpenAIClient } from './openai-client';
import { OpenAITranscriber } from './transcription/openai-transcriber';
import { ElevenLabsVoice } from './voice/elevenlabs-voice';
import { OpenAISpeechVoice } from './voice/openai-speech-voice';

const SCENES = {
  scenes: [
    { heading: 'EXT. SEA - NIGHT', narration: 'The sea was calm.', visual: 'A calm sea under the moon.', mood: 'calm', keywords: ['sea', 'moon'] },
    { heading: 'INT. CABIN', narration: 'Anna: “Who is there?”', visual: 'A woman in a cabin.', mood: 'tense', keywords: ['cabin'] },
  ],
};

// Real audio for the fakes to answer with: espeak speech re-encoded as the vendors send it.
const spokenWav = execFileSync('espeak-ng', ['--stdout', 'Hello from the fake vendor.']);
const wav24k = execFileSync('ffmpeg', ['-v', 'error', '-f', 'wav', '-i', 'pipe:0', '-ar', '24000', '-f', 'wav', 'pipe:1'], { input: spokenWav });
const mp3 = execFileSync('ffmpeg', ['-v', 'error', '-f', 'wav', '-i', 'pipe:0', '-ar', '44100', '-c:a', 'libmp3lame', '-b:a', '128k', '-f', 'mp3', 'pipe:1'], { input: spokenWav });
const png = Buffer.from(new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="1536" height="1024"><rect width="1536" height="1024" fill="#36c"/></svg>').render().asPng());

/** The multipart form an SDK sent, parsed by the platform's own multipart reader. */
function multipart(req: RecordedRequest): Promise<FormData> {
  return new Response(req.body, { headers: { 'content-type': String(req.headers['content-type']) } }).formData();
}

function chatCompletion(content: string) {
  return { id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } };
}

function anthropicMessage(content: unknown[]) {
  return { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude', content, stop_reason: 'tool_use', stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } };
}

describe('remote providers against fake vendor servers on loopback', () => {
  const server = new FakeHttpServer();
  let base: string;
  let config: RunnerConfig;
  const request = { script: 'The sea was calm. Anna: “Who is there?”', title: 'Sea', language: 'en', style: 'noir' as const };

  beforeAll(async () => {
    base = await server.start();
    config = loadRunnerConfig({
      OPENAI_BASE_URL: `${base}/v1`,
      OPENAI_API_KEY: 'sk-test',
      ANTHROPIC_BASE_URL: base,
      ANTHROPIC_API_KEY: 'ak-test',
      ELEVENLABS_BASE_URL: `${base}/v1`,
      ELEVENLABS_API_KEY: 'el-test',
      PROVIDER_TIMEOUT_MS: '400',
      PROVIDER_MAX_RETRIES: '1',
    });
  });
  beforeEach(() => server.requests.splice(0));
  afterAll(() => server.stop());

  describe('OpenAI-compatible analysis', () => {
    it('sends a strict JSON schema and reads the scenes from the answer', async () => {
      server.route('POST', '/v1/chat/completions', (req, res) => {
        const body = req.json();
        const violation = body.response_format?.type === 'json_schema' && body.response_format.json_schema.strict === true ? strictSchemaViolation(body.response_format.json_schema.schema) : 'strict json_schema response_format missing';
        if (violation) return sendJson(res, 400, { error: { message: violation, type: 'invalid_request_error' } });
        sendJson(res, 200, chatCompletion(JSON.stringify(SCENES)));
      });
      const scenes = await new OpenAIScriptAnalyser(createOpenAIClient(config), 'gpt-4o-mini').analyse(request);
      expect(scenes.map((s) => s.mood)).toEqual(['calm', 'tense']);
      expect(server.requests[0].headers.authorization).toBe('Bearer sk-test');
      expect(server.requests[0].json().messages[1].content).toContain('The sea was calm.');
    });

    it('names step and provider when the answer is not JSON', async () => {
      server.route('POST', '/v1/chat/completions', (_req, res) => sendJson(res, 200, chatCompletion('Sure! Here are your scenes: {')));
      const error = await new OpenAIScriptAnalyser(createOpenAIClient(config), 'm', config.PROVIDER_TIMEOUT_MS).analyse(request).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as Error).message).toMatch(/^analyse step failed at provider openai: answer is not JSON/);
    });

    it('names step and provider when the JSON has the wrong shape', async () => {
      server.route('POST', '/v1/chat/completions', (_req, res) => sendJson(res, 200, chatCompletion(JSON.stringify({ scenes: [{ heading: 'x', mood: 'angry' }] }))));
      await expect(new OpenAIScriptAnalyser(createOpenAIClient(config), 'm', config.PROVIDER_TIMEOUT_MS).analyse(request)).rejects.toThrow(
        /^analyse step failed at provider openai: answer does not match the scene schema at scenes\.0\.narration/,
      );
    });

    it('retries a 500 and a 429, then succeeds', async () => {
      let calls = 0;
      server.route('POST', '/v1/chat/completions', (_req, res) => {
        calls += 1;
        if (calls === 1) return sendJson(res, 503, { error: { message: 'overloaded' } });
        sendJson(res, 200, chatCompletion(JSON.stringify(SCENES)));
      });
      await expect(new OpenAIScriptAnalyser(createOpenAIClient(config), 'm', config.PROVIDER_TIMEOUT_MS).analyse(request)).resolves.toHaveLength(2);
      calls = 0;
      server.route('POST', '/v1/chat/completions', (_req, res) => {
        calls += 1;
        if (calls === 1) return res.writeHead(429, { 'retry-after-ms': '10', 'content-type': 'application/json' }).end('{"error":{"message":"slow down"}}');
        sendJson(res, 200, chatCompletion(JSON.stringify(SCENES)));
      });
      await expect(new OpenAIScriptAnalyser(createOpenAIClient(config), 'm', config.PROVIDER_TIMEOUT_MS).analyse(request)).resolves.toHaveLength(2);
      expect(calls).toBe(2);
    });

    it('gives up on a server that never answers within timeout x attempts, naming step and provider', async () => {
      server.route('POST', '/v1/chat/completions', () => undefined);
      const started = Date.now();
      const error = await new OpenAIScriptAnalyser(createOpenAIClient(config), 'm', config.PROVIDER_TIMEOUT_MS).analyse(request).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(/^analyse step failed at provider openai: .*timed out/i);
      expect(server.requests).toHaveLength(2);
      expect(Date.now() - started).toBeLessThan(5000);
    });
  });

  describe('Anthropic analysis', () => {
    it('forces the scene tool and reads its input', async () => {
      server.route('POST', '/v1/messages', (req, res) => {
        const body = req.json();
        // SDK 1.x sends the key as a bearer token; older ones used x-api-key: accept either.
        const key = req.headers['x-api-key'] ?? String(req.headers.authorization ?? '').replace(/^Bearer /, '');
        if (key !== 'ak-test' || !req.headers['anthropic-version']) return sendJson(res, 401, { type: 'error', error: { type: 'authentication_error', message: 'bad key' } });
        if (body.tool_choice?.name !== 'submit_scenes' || !body.tools?.[0]?.input_schema || !body.max_tokens) return sendJson(res, 400, { type: 'error', error: { type: 'invalid_request_error', message: 'bad request' } });
        sendJson(res, 200, anthropicMessage([{ type: 'tool_use', id: 'toolu_1', name: 'submit_scenes', input: SCENES }]));
      });
      const scenes = await new AnthropicScriptAnalyser(createAnthropicClient(config), 'claude-sonnet-5-5').analyse(request);
      expect(scenes[1].narration).toBe('Anna: “Who is there?”');
    });

    it('names step and provider when the answer has no tool call', async () => {
      server.route('POST', '/v1/messages', (_req, res) => sendJson(res, 200, anthropicMessage([{ type: 'text', text: 'I cannot help with that.' }])));
      await expect(new AnthropicScriptAnalyser(createAnthropicClient(config), 'c', config.PROVIDER_TIMEOUT_MS).analyse(request)).rejects.toThrow(/^analyse step failed at provider anthropic: answer has no submit_scenes tool call/);
    });

    it('times out a hanging server, naming step and provider', async () => {
      server.route('POST', '/v1/messages', () => undefined);
      await expect(new AnthropicScriptAnalyser(createAnthropicClient(config), 'c', config.PROVIDER_TIMEOUT_MS).analyse(request)).rejects.toThrow(/^analyse step failed at provider anthropic: .*timed out/i);
      expect(server.requests).toHaveLength(2);
    });
  });

  describe('OpenAI images', () => {
    it('asks for a landscape image and returns its bytes', async () => {
      server.route('POST', '/v1/images/generations', (req, res) => {
        const body = req.json();
        if (body.response_format !== undefined) return sendJson(res, 400, { error: { message: 'gpt-image-1 does not take response_format' } });
        sendJson(res, 200, { created: 1, data: [{ b64_json: png.toString('base64') }], size: body.size });
      });
      const provider = new OpenAIImageProvider(createOpenAIClient(config), 'gpt-image-1', config.PROVIDER_TIMEOUT_MS);
      const image = await provider.render({ index: 0, heading: 'h', visual: 'a boat', narration: 'n', mood: 'calm', keywords: [], style: 'anime', language: 'en', width: 1280, height: 720 });
      expect(image.equals(png)).toBe(true);
      expect(server.requests[0].json()).toMatchObject({ model: 'gpt-image-1', size: '1536x1024', n: 1 });
      expect(server.requests[0].json().prompt).toContain('anime');
    });

    it('names step and provider when the answer holds no image', async () => {
      server.route('POST', '/v1/images/generations', (_req, res) => sendJson(res, 200, { created: 1, data: [{}] }));
      const provider = new OpenAIImageProvider(createOpenAIClient(config), 'gpt-image-1', config.PROVIDER_TIMEOUT_MS);
      await expect(provider.render({ index: 0, heading: 'h', visual: 'v', narration: 'n', mood: 'calm', keywords: [], style: 'noir', language: 'en', width: 480, height: 854 })).rejects.toThrow(
        'images step failed at provider openai: answer has neither b64_json nor url',
      );
    });
  });

  describe('OpenAI speech', () => {
    it('asks for WAV at the requested speed and returns the audio', async () => {
      server.route('POST', '/v1/audio/speech', (req, res) => {
        const body = req.json();
        if (typeof body.input !== 'string' || body.input.length > 4096) return sendJson(res, 400, { error: { message: 'input too long' } });
        res.writeHead(200, { 'content-type': 'audio/wav' }).end(wav24k);
      });
      const voice = new OpenAISpeechVoice(createOpenAIClient(config), 'gpt-4o-mini-tts', 'alloy');
      const audio = await voice.synthesize({ text: 'Hello.', voice: 'default', rate: 1.25, language: 'en' });
      expect(audio.equals(wav24k)).toBe(true);
      expect(server.requests[0].json()).toEqual({ model: 'gpt-4o-mini-tts', voice: 'alloy', input: 'Hello.', speed: 1.25, response_format: 'wav' });
    });
  });

  describe('ElevenLabs speech', () => {
    it('calls /v1/text-to-speech/{voice_id} on the configured host and returns the MP3', async () => {
      server.route('POST', /^\/v1\/text-to-speech\/[\w-]+$/, (req, res) => {
        if (req.headers['xi-api-key'] !== 'el-test') return sendJson(res, 401, { detail: { status: 'invalid_api_key' } });
        res.writeHead(200, { 'content-type': 'audio/mpeg' }).end(mp3);
      });
      const voice = new ElevenLabsVoice(createElevenLabsClient(config), 'eleven_multilingual_v2', 'voice-123');
      const audio = await voice.synthesize({ text: 'Hello.', voice: 'default', rate: 1.5, language: 'en' });
      expect(audio.equals(mp3)).toBe(true);
      expect(server.requests[0].path).toBe('/v1/text-to-speech/voice-123');
      expect(server.requests[0].json()).toMatchObject({ text: 'Hello.', model_id: 'eleven_multilingual_v2', voice_settings: { speed: 1.2 } });
    });

    it('names step and provider on a server error after retrying', async () => {
      server.route('POST', /^\/v1\/text-to-speech\//, (_req, res) => sendJson(res, 500, { detail: 'boom' }));
      const voice = new ElevenLabsVoice(createElevenLabsClient(config), 'm', 'v');
      await expect(voice.synthesize({ text: 'Hi.', voice: 'default', rate: 1, language: 'en' })).rejects.toThrow(/^voice step failed at provider elevenlabs: .*500/);
      expect(server.requests).toHaveLength(2);
    });
  });

  describe('OpenAI transcription', () => {
    const transcriber = () => new OpenAITranscriber(createOpenAIClient(config), 'whisper-1', config.PROVIDER_TIMEOUT_MS);
    const segment = (start: number, end: number, text: string) => ({ id: 0, seek: 0, start, end, text, tokens: [1], temperature: 0, avg_logprob: -0.2, compression_ratio: 1.2, no_speech_prob: 0.01 });

    it('uploads the audio as multipart asking for verbose_json with word times, and reads the words', async () => {
      const forms: FormData[] = [];
      server.route('POST', '/v1/audio/transcriptions', async (req, res) => {
        forms.push(await multipart(req));
        sendJson(res, 200, {
          task: 'transcribe', language: 'english', duration: 1.9, text: 'Hello from the fake vendor.',
          words: [{ word: 'Hello', start: 0.12, end: 0.5 }, { word: 'vendor.', start: 1.3, end: 1.8 }],
          segments: [segment(0.12, 1.8, 'Hello from the fake vendor.')],
        });
      });
      const words = await transcriber().transcribe({ audio: spokenWav, fileName: 'narration-1.wav', language: 'en-GB' });
      expect(words).toEqual([{ text: 'Hello', start: 0.12, end: 0.5 }, { text: 'vendor.', start: 1.3, end: 1.8 }]);
      const form = forms[0];
      expect(form.get('model')).toBe('whisper-1');
      expect(form.get('response_format')).toBe('verbose_json');
      expect(form.get('language')).toBe('en');
      expect(form.getAll('timestamp_granularities[]')).toEqual(['word', 'segment']);
      const file = form.get('file') as File;
      expect(file.name).toBe('narration-1.wav');
      expect(Buffer.from(await file.arrayBuffer()).equals(spokenWav)).toBe(true);
    });

    it('estimates word times from segments when the server times only segments', async () => {
      server.route('POST', '/v1/audio/transcriptions', (_req, res) => sendJson(res, 200, { text: 'One three', segments: [segment(1, 2, ' One three')] }));
      const words = await transcriber().transcribe({ audio: spokenWav, fileName: 'a.wav', language: 'en' });
      expect(words.map((w) => w.text)).toEqual(['One', 'three']);
      expect(words[0].start).toBe(1);
      expect(words[1].end).toBe(2);
    });

    it('names step and provider when the answer is not a verbose transcription', async () => {
      server.route('POST', '/v1/audio/transcriptions', (_req, res) => sendJson(res, 200, { text: 'plain json, no timestamps' }));
      await expect(transcriber().transcribe({ audio: spokenWav, fileName: 'a.wav', language: 'en' })).rejects.toThrow(
        'subtitles step failed at provider openai: answer is not a verbose_json transcription: it has neither words nor segments (does the server support response_format verbose_json?)',
      );
      server.route('POST', '/v1/audio/transcriptions', (_req, res) => sendJson(res, 200, { segments: [{ start: 'soon', end: 1, text: 'x' }] }));
      await expect(transcriber().transcribe({ audio: spokenWav, fileName: 'a.wav', language: 'en' })).rejects.toThrow(
        /^subtitles step failed at provider openai: answer is not a verbose_json transcription at segments\.0\.start: Expected number/,
      );
    });

    it('names step and provider on a server error after retrying, within the bounded attempts', async () => {
      server.route('POST', '/v1/audio/transcriptions', (_req, res) => sendJson(res, 500, { error: { message: 'model crashed' } }));
      const error = await transcriber().transcribe({ audio: spokenWav, fileName: 'a.wav', language: 'en' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as Error).message).toMatch(/^subtitles step failed at provider openai: .*500.*model crashed/);
      expect(server.requests).toHaveLength(2);
    });

    it('times out a hanging server, naming step and provider', async () => {
      server.route('POST', '/v1/audio/transcriptions', () => undefined);
      await expect(transcriber().transcribe({ audio: spokenWav, fileName: 'a.wav', language: 'en' })).rejects.toThrow(/^subtitles step failed at provider openai: .*timed out/i);
      expect(server.requests).toHaveLength(2);
    });
  });

  it('chooses providers per step from the environment', () => {
    const providers = createProviders(loadRunnerConfig({ ANALYSIS_PROVIDER: 'anthropic', ANTHROPIC_API_KEY: 'k', IMAGE_PROVIDER: 'local', VOICE_PROVIDER: 'elevenlabs', ELEVENLABS_API_KEY: 'k' }));
    expect([providers.analysis.name, providers.images.name, providers.voice.name]).toEqual(['anthropic', 'local', 'elevenlabs']);
    expect(() => loadRunnerConfig({ VOICE_PROVIDER: 'polly' })).toThrow(/VOICE_PROVIDER/);
    expect(() => loadRunnerConfig({ VOICE_PROVIDER: 'elevenlabs' })).toThrow('invalid environment variable ELEVENLABS_API_KEY: required for VOICE_PROVIDER=elevenlabs');
    expect(() => loadRunnerConfig({ IMAGE_PROVIDER: 'openai' })).toThrow(/OPENAI_API_KEY/);
    expect(loadRunnerConfig({ IMAGE_PROVIDER: 'openai', OPENAI_BASE_URL: 'http://gpu-host:8000/v1' }).IMAGE_PROVIDER).toBe('openai');
  });

  it('has a transcriber when asked for one, or on auto when an OpenAI-compatible endpoint is configured', () => {
    expect(createProviders(loadRunnerConfig({})).transcription).toBeUndefined();
    expect(createProviders(loadRunnerConfig({ OPENAI_BASE_URL: 'http://gpu-host:8000/v1' })).transcription?.name).toBe('openai');
    expect(createProviders(loadRunnerConfig({ OPENAI_API_KEY: 'k', TRANSCRIPTION_PROVIDER: 'none' })).transcription).toBeUndefined();
    expect(() => loadRunnerConfig({ TRANSCRIPTION_PROVIDER: 'openai' })).toThrow('invalid environment variable OPENAI_API_KEY: required for an openai provider');
    expect(() => loadRunnerConfig({ TRANSCRIPTION_PROVIDER: 'whisper' })).toThrow(/TRANSCRIPTION_PROVIDER/);
  });
});

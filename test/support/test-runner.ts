import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalStorage } from '@afs/storage';
import { loadRunnerConfig } from '../../gpu-runner/src/config/runner-config';
import { createProviders, type ProviderSet } from '../../gpu-runner/src/providers/provider-set';
import { createLogger } from '../../gpu-runner/src/worker/logger';
import { loadWorkerConfig } from '../../gpu-runner/src/worker/worker-config';
import { startRenderWorker, type RenderWorker } from '../../gpu-runner/src/worker/render-worker';
import type { VoiceProvider } from '../../gpu-runner/src/providers/voice/voice-provider';

/** Renders still running when a suite ends (a failed test) get this long before they are stopped. */
const STOP_GRACE_MS = 10_000;

export interface TestRunner {
  worker: RenderWorker;
  storageDir: string;
  /** While true, the voice step fails (a provider outage), to exercise failure and retry. */
  faults: { voiceDown: boolean };
  stop(): Promise<void>;
}

/** The real GPU runner worker (Bull, the render engine, ffmpeg, espeak-ng), in this process. */
export async function startTestRunner(redisPrefix: string, storageDir?: string): Promise<TestRunner> {
  const dir = storageDir ?? (await mkdtemp(join(tmpdir(), 'afs-storage-')));
  const faults = { voiceDown: false };
  const runner = loadRunnerConfig({});
  const providers = (): ProviderSet => {
    const real = createProviders(runner);
    const voice: VoiceProvider = {
      name: real.voice.name,
      maxInputChars: real.voice.maxInputChars,
      synthesize: (request) =>
        faults.voiceDown ? Promise.reject(new Error('voice provider unavailable (injected outage)')) : real.voice.synthesize(request),
    };
    return { ...real, voice };
  };
  const worker = await startRenderWorker({
    worker: loadWorkerConfig({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: redisPrefix, LOG_LEVEL: 'silent' }),
    runner,
    storage: new LocalStorage(dir),
    logger: createLogger('silent'),
    providers,
  });
  return {
    worker,
    storageDir: dir,
    faults,
    async stop() {
      // A grace period, as main.ts gives one: an idle worker then closes its render queue after
      // Bull's own wait for current jobs. With 0 the grace timer wins that race and Bull's forced
      // reconnection of the blocking Redis client runs on after the queue closed: the client is
      // left connected, or a 2 s ioredis timer outlives stop(), and the Jest worker cannot exit.
      await worker.stop(STOP_GRACE_MS);
      if (!storageDir) await rm(dir, { recursive: true, force: true });
    },
  };
}

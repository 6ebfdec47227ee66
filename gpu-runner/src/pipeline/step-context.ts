import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FilmDescription, RenderStep } from '@afs/contracts';
import type { RunnerConfig } from '../config/runner-config';
import type { ProviderSet } from '../providers/provider-set';
import type { VideoEncoder } from '../media/video-encoder';
import type { JobStore } from './job-store';

export interface StepContext {
  script: string;
  film: FilmDescription;
  config: RunnerConfig;
  providers: ProviderSet;
  encoder: VideoEncoder;
  store: JobStore;
  /** A scratch folder for this run only; inputs from earlier steps are fetched into it on demand. */
  workDir: string;
  signal?: AbortSignal;
  progress(percent: number): void;
  /** Local path of a file an earlier step stored, downloading it when this run did not make it. */
  input(step: RenderStep, name: string): Promise<string>;
}

export interface StepOutput {
  film: FilmDescription;
  /** Files in workDir to store under the step, by name. */
  files: string[];
  provider?: string;
}

export interface PipelineStep {
  name: RenderStep;
  run(context: StepContext): Promise<StepOutput>;
}

/** Steps running side by side may want the same input: it is fetched once. */
export function makeInputFetcher(store: JobStore, workDir: string): (step: RenderStep, name: string) => Promise<string> {
  const fetching = new Map<string, Promise<string>>();
  return (step, name) => {
    const path = join(workDir, name);
    let fetched = fetching.get(path);
    if (!fetched) {
      fetched = existsSync(path) ? Promise.resolve(path) : store.fetchFile(store.key(step, name), path).then(() => path);
      fetching.set(path, fetched);
      fetched.catch(() => fetching.delete(path));
    }
    return fetched;
  };
}

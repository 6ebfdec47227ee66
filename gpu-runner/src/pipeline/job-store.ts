import { createHash } from 'node:crypto';
import { RENDER_STEPS, type FilmDescription, type RenderStep } from '@afs/contracts';
import { assertStorageKey, downloadFile, uploadFile, type Storage } from '@afs/storage';

export interface StepRecord {
  finishedAt: string;
  /** Order of completion; the film description of the highest one is the newest. */
  seq: number;
  provider?: string;
  /** File names under the step's folder. */
  files: string[];
  /**
   * The job that rendered these files, when they were copied from another job's store (absent: this
   * job rendered them). Two steps fit together when the step one was made from has the same origin.
   */
  origin?: string;
}

export interface JobManifest {
  jobId: string;
  /** Hash of script, title and options: a finished step is reused only for the same input. */
  inputHash: string;
  steps: Partial<Record<RenderStep, StepRecord>>;
}

export function inputHash(script: string, title: string, options: object): string {
  return createHash('sha256').update(JSON.stringify({ script, title, options })).digest('hex');
}

/**
 * The steps finished in `after`, in pipeline order, split into those a render ran (new or redone
 * since `before`, the manifest as the render found it) and those it reused (the same record as in
 * `before`). Records are compared, not clocks, so runners on other hosts cannot blur the line.
 */
export function finishedBetween(before: JobManifest | undefined, after: JobManifest | undefined): { stepsRun: RenderStep[]; stepsSkipped: RenderStep[] } {
  const done = RENDER_STEPS.filter((step) => after?.steps[step]);
  const reused = (step: RenderStep) => {
    const [was, is] = [before?.steps[step], after?.steps[step]];
    return was !== undefined && is !== undefined && was.seq === is.seq && was.finishedAt === is.finishedAt;
  };
  return { stepsRun: done.filter((step) => !reused(step)), stepsSkipped: done.filter(reused) };
}

/**
 * A job's step outputs in storage: `jobs/<jobId>/<step>/<file>`, the film description after each step
 * (`film.json`) and a manifest of finished steps, written last, so a step counts as done only once
 * all its files are stored. Any runner with the same storage can resume the job.
 */
export class JobStore {
  readonly prefix: string;

  constructor(
    private readonly storage: Storage,
    readonly jobId: string,
  ) {
    this.prefix = assertStorageKey(`jobs/${jobId}`);
  }

  key(step: RenderStep | 'output', name: string): string {
    return `${this.prefix}/${step}/${name}`;
  }

  private get manifestKey(): string {
    return `${this.prefix}/manifest.json`;
  }

  /** The stored manifest as it is, without touching it; undefined when the job has none. */
  async readManifest(): Promise<JobManifest | undefined> {
    if (!(await this.storage.exists(this.manifestKey))) return undefined;
    return JSON.parse((await this.storage.get(this.manifestKey)).toString('utf8')) as JobManifest;
  }

  /** The manifest for this input; a manifest for different input is discarded with its files. */
  async open(hash: string): Promise<JobManifest> {
    const stored = await this.readManifest();
    if (stored) {
      if (stored.inputHash === hash) return stored;
      for (const key of await this.storage.list(this.prefix)) await this.storage.delete(key);
    }
    const fresh: JobManifest = { jobId: this.jobId, inputHash: hash, steps: {} };
    await this.saveManifest(fresh);
    return fresh;
  }

  private async saveManifest(manifest: JobManifest): Promise<void> {
    await this.storage.put(this.manifestKey, JSON.stringify(manifest, null, 2));
  }

  async putFile(step: RenderStep | 'output', name: string, path: string): Promise<string> {
    const key = this.key(step, name);
    await uploadFile(this.storage, key, path);
    return key;
  }

  async putJson(step: RenderStep | 'output', name: string, value: unknown): Promise<string> {
    const key = this.key(step, name);
    await this.storage.put(key, JSON.stringify(value, null, 2));
    return key;
  }

  async fetchFile(key: string, path: string): Promise<void> {
    await downloadFile(this.storage, key, path);
  }

  async loadFilm(step: RenderStep): Promise<FilmDescription> {
    return JSON.parse((await this.storage.get(this.key(step, 'film.json'))).toString('utf8')) as FilmDescription;
  }

  async markDone(manifest: JobManifest, step: RenderStep, record: Omit<StepRecord, 'seq' | 'finishedAt'>): Promise<void> {
    const seq = Math.max(0, ...Object.values(manifest.steps).map((r) => r?.seq ?? 0)) + 1;
    manifest.steps[step] = { ...record, seq, finishedAt: new Date().toISOString() };
    await this.saveManifest(manifest);
  }

  /** The job that rendered a finished step's files. */
  originOf(manifest: JobManifest, step: RenderStep): string | undefined {
    const record = manifest.steps[step];
    return record && (record.origin ?? this.jobId);
  }

  /** The film description as it was just before `step` finished: what that step's changes apply to. */
  async filmBefore(manifest: JobManifest, step: RenderStep): Promise<FilmDescription | undefined> {
    const seq = manifest.steps[step]?.seq ?? 0;
    const earlier = RENDER_STEPS.filter((s) => (manifest.steps[s]?.seq ?? Infinity) < seq).sort((a, b) => manifest.steps[b]!.seq - manifest.steps[a]!.seq);
    return earlier.length ? this.loadFilm(earlier[0]) : undefined;
  }

  /** The film description written by the step that finished last. */
  async latestFilm(manifest: JobManifest): Promise<FilmDescription | undefined> {
    const done = RENDER_STEPS.filter((s) => manifest.steps[s]).sort((a, b) => manifest.steps[b]!.seq - manifest.steps[a]!.seq);
    return done.length ? this.loadFilm(done[0]) : undefined;
  }
}

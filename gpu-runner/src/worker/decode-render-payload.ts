import { z } from 'zod';
import { JOB_TYPE_STEPS, JOB_TYPES, RENDER_STEPS, type RenderJobPayload } from '@afs/contracts';

// Ids become storage keys (`jobs/<jobId>/...`): a strict alphabet keeps a bad payload from escaping.
const id = z.string().regex(/^[\w.-]{1,100}$/, 'must be 1-100 letters, digits, . _ -');

// Shape only: script, title and options are checked by renderFilm, which lists every problem.
const schema = z.object({
  jobId: id,
  attempt: z.number().int().min(0),
  projectId: z.string(),
  userId: z.string(),
  type: z.enum(JOB_TYPES),
  title: z.string(),
  script: z.string(),
  options: z.record(z.unknown()).default({}),
  steps: z.array(z.enum(RENDER_STEPS)).default([]),
  baseJobId: id.optional(),
  newerJobIds: z.array(id).max(50).optional(),
});

export class MalformedPayloadError extends Error {
  constructor(message: string) {
    super(`malformed render job payload: ${message}`);
    this.name = 'MalformedPayloadError';
  }
}

/** The Bull job's data as a RenderJobPayload; no steps means the job type's steps. */
export function decodeRenderPayload(data: unknown): RenderJobPayload {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MalformedPayloadError(`${issue.path.join('.') || 'payload'}: ${issue.message}`);
  }
  const payload = parsed.data;
  return {
    ...payload,
    options: payload.options as unknown as RenderJobPayload['options'],
    steps: payload.steps.length > 0 ? payload.steps : JOB_TYPE_STEPS[payload.type],
  };
}

/** jobId and attempt when readable, so even a malformed job can be reported to the API. */
export function readJobIdentity(data: unknown): { jobId: string; attempt: number } | undefined {
  const parsed = z.object({ jobId: id, attempt: z.number().int().min(0) }).safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

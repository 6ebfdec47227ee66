import type { Queue } from 'bull';
import type { JobResultMessage } from '@afs/contracts';

// A result must outlive an API that is down or failing: Bull keeps it until the API takes it, and
// retries the API's handler with backoff (about 17 minutes over 10 tries).
const RESULT_ATTEMPTS = 10;
const RESULT_BACKOFF_MS = 1_000;

/** Bull job id of a result: one final result per attempt, so a duplicate send (at-least-once) is dropped by Bull. */
export function resultJobId(
  message: Pick<JobResultMessage, 'jobId' | 'attempt' | 'final' | 'tries'>,
): string {
  // A failure Bull retries is news, not the end: it gets its own id so it never blocks the final one.
  return message.final
    ? `${message.jobId}:${message.attempt}:result`
    : `${message.jobId}:${message.attempt}:try-${message.tries ?? 0}`;
}

/** Puts results on the durable job-results queue that the API consumes. */
export class JobResultSender {
  constructor(private readonly queue: Queue<JobResultMessage>) {}

  async send(message: JobResultMessage): Promise<void> {
    await this.queue.add(message, {
      jobId: resultJobId(message),
      attempts: RESULT_ATTEMPTS,
      backoff: { type: 'exponential', delay: RESULT_BACKOFF_MS },
      removeOnComplete: true,
    });
  }
}

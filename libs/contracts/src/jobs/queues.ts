/** Bull queue names shared by the API and the runner. */
export const QUEUES = {
  /** Render work, consumed by GPU runners. */
  render: 'render',
  /** Outcomes of render work, consumed by the API: durable, unlike Bull's global events. */
  jobResults: 'job-results',
} as const;

/** Redis pub/sub channel (under the deployment's prefix) that carries cancel signals to runners. */
export const cancelChannel = (redisPrefix: string): string => `${redisPrefix}:jobs:cancel`;
/** Set with the signal, so a runner that missed the message still sees it between steps. */
export const cancelKey = (redisPrefix: string, jobId: string): string => `${redisPrefix}:cancel:${jobId}`;

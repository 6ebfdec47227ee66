export const PROJECT_STATUSES = ['draft', 'queued', 'processing', 'completed', 'failed'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const MODERATION_STATES = ['none', 'pending', 'approved', 'rejected'] as const;
export type ModerationState = (typeof MODERATION_STATES)[number];

/**
 * Published after a moderator's decision commits, for reactions that may be redone without harm
 * (the owner's notification: approved, or rejected with the reason).
 */
export class ProjectModeratedEvent {
  constructor(
    readonly projectId: string,
    readonly ownerId: string,
    readonly title: string,
    readonly decision: 'approved' | 'rejected',
    readonly reason: string | null,
    readonly moderatorId: string,
  ) {}
}

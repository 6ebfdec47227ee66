/** Google stopped accepting a channel's grant (revoked, expired): its owner must connect it again. */
export class YouTubeChannelNeedsReconnectEvent {
  constructor(
    readonly userId: string,
    readonly channelRowId: string,
    readonly channelTitle: string,
    readonly reason: string,
    /** When the grant that failed was given: one notice per grant. */
    readonly connectedAt: Date,
  ) {}
}

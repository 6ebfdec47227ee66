/** One message on a user's live stream (SSE): `event: <type>` with `data: <payload as JSON>`. */
export interface RealtimeEvent {
  type: string;
  data: Record<string, unknown>;
}

export const userChannel = (prefix: string, userId: string) => `${prefix}:events:user:${userId}`;

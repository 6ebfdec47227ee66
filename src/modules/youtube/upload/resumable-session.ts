import type { Auth } from 'googleapis';
import type { youtube_v3 } from 'googleapis/build/src/apis/youtube';
import { toYouTubeApiError, YouTubeApiError } from '../google/youtube-api-error';
import { withFreshToken } from '../google/with-fresh-token';

type Video = youtube_v3.Schema$Video;

/** Where an upload stands at Google: bytes confirmed so far, or done with the created video. */
export type SessionState = { done: false; confirmed: number } | { done: true; video: Video };

/** The session URL is unknown or expired at Google (about a week): start a new one. */
export class SessionGoneError extends Error {}

const RESUME_INCOMPLETE = 308;

/**
 * The YouTube Data API's resumable upload protocol over an authorized OAuth2Client, so tokens
 * refresh as for any call. googleapis' generated videos.insert sends one multipart request and
 * cannot resume; this speaks the protocol itself:
 * - start: POST {root}upload/youtube/v3/videos?uploadType=resumable with the video resource;
 *   Google answers the session URL in Location.
 * - put: PUT a chunk with `Content-Range: bytes a-b/total`; 308 Resume Incomplete with
 *   `Range: bytes=0-n` means n+1 bytes are stored, 200/201 carries the video.
 * - status: an empty PUT whose Content-Range has `*` for its range asks for the confirmed range.
 * Every call goes through withFreshToken (a 401 refreshes the token once).
 * Chunks are Buffers, never streams: a chunk cut half-way can be sent again from the confirmed
 * offset, and gaxios's own retry stays off (it cannot resend a consumed stream, and it would
 * resend from the wrong offset anyway).
 */
export class ResumableSession {
  constructor(
    private readonly client: Auth.OAuth2Client,
    private readonly chunkTimeoutMs: number,
  ) {}

  async start(rootUrl: string, video: Video, totalBytes: number, contentType: string, signal?: AbortSignal): Promise<string> {
    signal?.throwIfAborted();
    try {
      const res = await withFreshToken(this.client, () => this.client.request({
        url: `${rootUrl}upload/youtube/v3/videos`,
        method: 'POST',
        params: { uploadType: 'resumable', part: 'snippet,status', notifySubscribers: true },
        headers: {
          'content-type': 'application/json; charset=UTF-8',
          'x-upload-content-length': String(totalBytes),
          'x-upload-content-type': contentType,
        },
        data: video,
        retry: false,
        signal,
      }));
      const location = header(res.headers, 'location');
      if (!location) throw new YouTubeApiError('transient', 'no_session', 'YouTube started the upload without a session URL.');
      return location;
    } catch (error) {
      if (signal?.aborted) throw signal.reason ?? error;
      throw toYouTubeApiError(error, 'starting the upload');
    }
  }

  async status(sessionUrl: string, totalBytes: number, signal?: AbortSignal): Promise<SessionState> {
    return this.put(sessionUrl, `bytes */${totalBytes}`, undefined, 'asking how much of the upload arrived', signal);
  }

  async putChunk(sessionUrl: string, offset: number, chunk: Buffer, totalBytes: number, signal?: AbortSignal): Promise<SessionState> {
    const range = `bytes ${offset}-${offset + chunk.length - 1}/${totalBytes}`;
    return this.put(sessionUrl, range, chunk, 'uploading the film', signal);
  }

  private async put(sessionUrl: string, contentRange: string, body: Buffer | undefined, during: string, signal?: AbortSignal): Promise<SessionState> {
    // gaxios swaps a signal that is already aborted for its timeout signal: check it here.
    signal?.throwIfAborted();
    try {
      const res = await withFreshToken(this.client, () => this.client.request<Video>({
        url: sessionUrl,
        method: 'PUT',
        headers: { 'content-range': contentRange, 'content-type': 'application/octet-stream' },
        data: body ?? '',
        // 308 is the protocol's "keep going", not an error.
        validateStatus: (status) => (status >= 200 && status < 300) || status === RESUME_INCOMPLETE,
        responseType: 'json',
        timeout: this.chunkTimeoutMs,
        retry: false,
        signal,
      }));
      if (res.status === RESUME_INCOMPLETE) return { done: false, confirmed: confirmedBytes(header(res.headers, 'range')) };
      return { done: true, video: res.data };
    } catch (error) {
      if (signal?.aborted) throw signal.reason ?? error;
      const status = (error as { response?: { status?: number } }).response?.status;
      if (status === 404 || status === 410) throw new SessionGoneError('The upload session expired at YouTube.');
      throw toYouTubeApiError(error, during);
    }
  }
}

/** `bytes=0-524287` -> 524288; no Range header means Google kept nothing yet. */
export function confirmedBytes(range: string | null): number {
  const match = /^bytes=0-(\d+)$/.exec(range?.trim() ?? '');
  return match ? Number(match[1]) + 1 : 0;
}

function header(headers: unknown, name: string): string | null {
  if (headers && typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
  const value = (headers as Record<string, string | undefined> | undefined)?.[name];
  return value ?? null;
}

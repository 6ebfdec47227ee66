import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeGoogleReply, FakeGoogleServer, IssuedToken, RecordedGoogleRequest } from './fake-google-server';

const CHUNK_UNIT = 256 * 1024;
const UPLOAD_SCOPE = 'https://www.googleapis.com/auth/youtube.upload';
const FORCE_SSL_SCOPE = 'https://www.googleapis.com/auth/youtube.force-ssl';

export interface FakeChannel {
  id: string;
  title: string;
}

export interface FakeUploadSession {
  id: string;
  owner: string;
  resource: Record<string, any>;
  total: number;
  contentType: string;
  /** What "Google" stored: only whole 256 KiB units of a cut request, like the real one. */
  stored: Buffer;
  /** The first byte of every chunk PUT, in order. */
  chunkOffsets: number[];
  videoId?: string;
  /** Google forgot it (sessions last about a week): every PUT answers 404. */
  expired?: boolean;
}

export interface FakeVideo {
  id: string;
  owner: string;
  resource: Record<string, any>;
  bytes: Buffer;
  thumbnail?: Buffer;
}

/**
 * The YouTube Data API v3 on a FakeGoogleServer, speaking Google's wire format to the real
 * googleapis client and to our resumable uploader:
 * - GET  /youtube/v3/channels?mine=true: the channels of the token's account (`addChannel`).
 * - POST /upload/youtube/v3/videos?uploadType=resumable: starts a session, Location = session URL.
 * - PUT  /upload/youtube/v3/videos?upload_id=: chunks with Content-Range (a chunk that does not
 *   start at the stored length, a Content-Range that does not match the bytes, or a non-final chunk
 *   that is not whole 256 KiB units is refused with 400); 308 with `Range: bytes=0-n` until complete, then the
 *   video. `cutNextChunkAfter(n)` cuts the connection after n bytes of the next chunk and keeps
 *   only whole 256 KiB units, as Google does; `holdChunk(k)` reads half of the chunk after k more and never answers;
 *   `storeNothingOfNextChunks(n)` answers 308 with the old Range for n chunks.
 * - POST /upload/youtube/v3/thumbnails/set, POST /upload/youtube/v3/captions (multipart/related),
 *   POST and GET (by id) /youtube/v3/playlists, POST /youtube/v3/playlistItems, DELETE /youtube/v3/videos.
 * Data API calls need a live bearer token from the server's token endpoint; errors use Google's
 * `{ error: { code, message, errors: [{ reason }] } }` shape.
 */
export class FakeYouTube {
  readonly sessions = new Map<string, FakeUploadSession>();
  readonly videos = new Map<string, FakeVideo>();
  readonly captions: { id: string; videoId: string; snippet: Record<string, any>; body: string }[] = [];
  readonly playlists = new Map<string, { id: string; owner: string; snippet: Record<string, any>; status: Record<string, any> }>();
  readonly playlistItems: { id: string; playlistId: string; videoId: string }[] = [];
  readonly deletedVideos: string[] = [];
  /** An unverified API project: YouTube locks every upload to private. */
  unverifiedProject = false;
  refuseThumbnails = false;
  private readonly channels = new Map<string, FakeChannel[]>();
  private cutAfter: number | null = null;
  /** Chunks to let through before holding one; null: hold none. */
  private holdAfter: number | null = null;
  /** Resolves when a held chunk has arrived half-way. */
  heldChunk?: Promise<void>;
  private releaseHeld: () => void = () => undefined;
  private answerDelay: { arrive: () => void; released: Promise<void>; after: number } | null = null;
  private chunksToDrop = 0;

  constructor(private readonly google: FakeGoogleServer) {
    google.route('GET', '/youtube/v3/channels', (req) => this.listChannels(req));
    google.route('POST', '/upload/youtube/v3/videos', (req) => this.startUpload(req));
    google.streamRoute('PUT', '/upload/youtube/v3/videos', (req, res, url) => this.putChunk(req, res, url));
    google.route('POST', '/upload/youtube/v3/thumbnails/set', (req) => this.setThumbnail(req));
    google.route('POST', '/upload/youtube/v3/captions', (req) => this.insertCaption(req));
    google.route('POST', '/youtube/v3/playlists', (req) => this.insertPlaylist(req));
    google.route('GET', '/youtube/v3/playlists', (req) => this.listPlaylists(req));
    google.route('POST', '/youtube/v3/playlistItems', (req) => this.insertPlaylistItem(req));
    google.route('DELETE', '/youtube/v3/videos', (req) => this.deleteVideo(req));
  }

  /** A channel of the Google account `sub`. */
  addChannel(sub: string, channel: FakeChannel): void {
    this.channels.set(sub, [...(this.channels.get(sub) ?? []), channel]);
  }

  cutNextChunkAfter(bytes: number): void {
    this.cutAfter = bytes;
  }

  /**
   * The next `count` chunk PUTs are read whole but not stored, and answered 308 with the Range
   * Google already had: the protocol's way of saying "send it again from there".
   */
  storeNothingOfNextChunks(count: number): void {
    this.chunksToDrop = count;
  }

  /** Lets `afterChunks` chunk PUTs through, then reads half of the next and never answers it. */
  holdChunk(afterChunks = 0): void {
    this.holdAfter = afterChunks;
    this.heldChunk = new Promise((resolve) => (this.releaseHeld = resolve));
  }

  /**
   * The chunk after `afterChunks` more is stored but its answer waits until `release()`: an upload caught between
   * "Google has the bytes" and "the client knows it". `arrived` resolves when the chunk is in.
   */
  delayNextAnswer(afterChunks = 0): { arrived: Promise<void>; release: () => void } {
    let arrive: () => void = () => undefined;
    let release: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.answerDelay = { arrive, released, after: afterChunks };
    return { arrived, release };
  }

  /** The only video, for tests that make one. */
  onlyVideo(): FakeVideo {
    const [video, ...more] = [...this.videos.values()];
    if (!video || more.length) throw new Error(`expected one video, have ${this.videos.size}`);
    return video;
  }

  private caller(req: Pick<RecordedGoogleRequest, 'headers'>, scope?: string): IssuedToken | FakeGoogleReply {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const known = token ? this.google.accessTokens.get(token) : undefined;
    if (!known || known.revoked) return dataApiError(401, 'authError', 'Invalid Credentials');
    if (scope && !known.scope.split(' ').includes(scope)) return dataApiError(403, 'insufficientPermissions', 'Request had insufficient authentication scopes.');
    return known;
  }

  private listChannels(req: RecordedGoogleRequest): FakeGoogleReply {
    const who = this.caller(req);
    if ('status' in who) return who;
    if (req.query.mine !== 'true') return dataApiError(400, 'missingRequiredParameter', 'No filter selected.');
    const items = (this.channels.get(who.identity.sub) ?? []).map((c) => ({
      kind: 'youtube#channel',
      id: c.id,
      snippet: { title: c.title, thumbnails: { default: { url: `${this.google.url}/thumbs/${c.id}.jpg`, width: 88, height: 88 } } },
    }));
    return { status: 200, body: { kind: 'youtube#channelListResponse', pageInfo: { totalResults: items.length }, items } };
  }

  private startUpload(req: RecordedGoogleRequest): FakeGoogleReply {
    const who = this.caller(req, UPLOAD_SCOPE);
    if ('status' in who) return who;
    if (req.query.uploadType !== 'resumable') return dataApiError(400, 'badRequest', 'Only resumable uploads here.');
    const total = Number(req.headers['x-upload-content-length']);
    if (!Number.isInteger(total) || total <= 0) return dataApiError(400, 'badRequest', 'X-Upload-Content-Length is required.');
    const resource = JSON.parse(req.body || '{}') as Record<string, any>;
    const title: string = resource.snippet?.title ?? '';
    if (!title || title.length > 100 || /[<>]/.test(title)) return dataApiError(400, 'invalidTitle', 'The request metadata specifies an invalid video title.');
    const id = randomBytes(12).toString('base64url');
    this.sessions.set(id, {
      id,
      owner: who.identity.sub,
      resource,
      total,
      contentType: String(req.headers['x-upload-content-type'] ?? ''),
      stored: Buffer.alloc(0),
      chunkOffsets: [],
    });
    return { status: 200, headers: { location: `${this.google.url}/upload/youtube/v3/videos?uploadType=resumable&upload_id=${id}` }, body: '' };
  }

  private async putChunk(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const session = this.sessions.get(url.searchParams.get('upload_id') ?? '');
    const reply = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { ...(body !== undefined ? { 'content-type': 'application/json; charset=UTF-8' } : {}), ...headers });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (!session || session.expired) {
      req.resume();
      return reply(404, { error: { code: 404, message: 'Not Found' } });
    }
    const caller = this.caller(req, UPLOAD_SCOPE);
    if ('status' in caller || caller.identity.sub !== session.owner) {
      req.resume();
      const denied = 'status' in caller ? caller : dataApiError(403, 'forbidden', 'Not your upload.');
      return reply(denied.status, denied.body);
    }
    const range = /^bytes (\*|(\d+)-(\d+))\/(\d+)$/.exec(String(req.headers['content-range'] ?? ''));
    if (!range || Number(range[4]) !== session.total) {
      req.resume();
      return reply(400, { error: { code: 400, message: 'Invalid Content-Range' } });
    }
    if (range[1] === '*') {
      req.resume();
      await new Promise((resolve) => req.on('end', resolve));
      return this.answerState(session, reply);
    }
    const start = Number(range[2]);
    session.chunkOffsets.push(start);
    if (start !== session.stored.length) {
      req.resume();
      return reply(400, { error: { code: 400, message: `Chunk starts at ${start}, stored ${session.stored.length}` } });
    }
    const cutAfter = this.cutAfter;
    this.cutAfter = null;
    const hold = this.holdAfter === 0;
    if (this.holdAfter !== null) this.holdAfter = hold ? null : this.holdAfter - 1;
    const expected = Number(range[3]) - start + 1;
    const received: Buffer[] = [];
    let length = 0;
    for await (const piece of req) {
      received.push(piece as Buffer);
      length += (piece as Buffer).length;
      if (cutAfter !== null && length >= cutAfter) {
        // Google keeps what it received in whole 256 KiB units; the rest is lost with the connection.
        const kept = Math.floor(length / CHUNK_UNIT) * CHUNK_UNIT;
        session.stored = Buffer.concat([session.stored, Buffer.concat(received).subarray(0, kept)]);
        req.socket.destroy();
        return;
      }
      if (hold && length >= expected / 2) {
        this.releaseHeld();
        // Never answers: the client gives up (timeout, abort) or the test ends.
        return;
      }
    }
    const end = Number(range[3]);
    const last = end + 1 === session.total;
    if (length !== expected || end >= session.total || (!last && length % CHUNK_UNIT !== 0)) {
      return reply(400, { error: { code: 400, message: `Bad chunk: Content-Range ${range[0]} with ${length} bytes` } });
    }
    if (this.chunksToDrop > 0) {
      this.chunksToDrop -= 1;
      return this.answerState(session, reply);
    }
    session.stored = Buffer.concat([session.stored, ...received]);
    const delay = this.answerDelay?.after === 0 ? this.answerDelay : null;
    if (this.answerDelay) {
      if (delay) this.answerDelay = null;
      else this.answerDelay.after -= 1;
    }
    if (delay) {
      delay.arrive();
      await delay.released;
    }
    this.answerState(session, reply);
  }

  private answerState(session: FakeUploadSession, reply: (status: number, body?: unknown, headers?: Record<string, string>) => void): void {
    if (session.stored.length < session.total) {
      return reply(308, undefined, session.stored.length ? { range: `bytes=0-${session.stored.length - 1}` } : {});
    }
    if (!session.videoId) {
      const id = randomBytes(8).toString('base64url').slice(0, 11);
      const status = { ...session.resource.status, uploadStatus: 'uploaded' };
      if (this.unverifiedProject) status.privacyStatus = 'private';
      this.videos.set(id, { id, owner: session.owner, resource: { ...session.resource, status }, bytes: session.stored });
      session.videoId = id;
    }
    const video = this.videos.get(session.videoId)!;
    reply(200, { kind: 'youtube#video', id: video.id, snippet: video.resource.snippet, status: video.resource.status });
  }

  private setThumbnail(req: RecordedGoogleRequest): FakeGoogleReply {
    const who = this.caller(req, UPLOAD_SCOPE);
    if ('status' in who) return who;
    const video = this.videos.get(req.query.videoId ?? '');
    if (!video || video.owner !== who.identity.sub) return dataApiError(404, 'videoNotFound', 'The video that you are trying to update cannot be found.');
    if (this.refuseThumbnails) {
      return dataApiError(403, 'forbidden', "The authenticated user doesn't have permissions to upload and set custom video thumbnails.");
    }
    if (req.query.uploadType !== 'media' || !/^image\//.test(req.headers['content-type'] ?? '')) return dataApiError(400, 'mediaBodyRequired', 'Expected an image body.');
    video.thumbnail = req.raw;
    return { status: 200, body: { kind: 'youtube#thumbnailSetResponse', items: [{ default: { url: `${this.google.url}/vi/${video.id}/default.jpg` } }] } };
  }

  private insertCaption(req: RecordedGoogleRequest): FakeGoogleReply {
    const who = this.caller(req, FORCE_SSL_SCOPE);
    if ('status' in who) return who;
    const parts = multipartRelated(req);
    if (req.query.uploadType !== 'multipart' || parts.length !== 2) return dataApiError(400, 'mediaBodyRequired', 'Expected metadata and a caption file.');
    const resource = JSON.parse(parts[0]) as { snippet?: Record<string, any> };
    const video = this.videos.get(resource.snippet?.videoId ?? '');
    if (!video || video.owner !== who.identity.sub) return dataApiError(404, 'videoNotFound', 'The video identified by the videoId parameter could not be found.');
    const id = `AUieDa${randomBytes(12).toString('base64url')}`;
    this.captions.push({ id, videoId: video.id, snippet: resource.snippet!, body: parts[1] });
    return { status: 200, body: { kind: 'youtube#caption', id, snippet: { ...resource.snippet, status: 'serving' } } };
  }

  private deleteVideo(req: RecordedGoogleRequest): FakeGoogleReply {
    const who = this.caller(req, FORCE_SSL_SCOPE);
    if ('status' in who) return who;
    const video = this.videos.get(req.query.id ?? '');
    if (!video || video.owner !== who.identity.sub) return dataApiError(404, 'videoNotFound', 'The video that you are trying to delete cannot be found.');
    this.videos.delete(video.id);
    this.deletedVideos.push(video.id);
    return { status: 204 };
  }

  private insertPlaylist(req: RecordedGoogleRequest): FakeGoogleReply {
    const who = this.caller(req, FORCE_SSL_SCOPE);
    if ('status' in who) return who;
    const resource = JSON.parse(req.body || '{}') as { snippet?: Record<string, any>; status?: Record<string, any> };
    if (!resource.snippet?.title) return dataApiError(400, 'playlistTitleRequired', 'The request must specify a playlist title.');
    const id = `PL${randomBytes(16).toString('hex')}`;
    const channelId = this.channels.get(who.identity.sub)?.[0]?.id;
    const playlist = { id, owner: who.identity.sub, snippet: { ...resource.snippet, channelId }, status: resource.status ?? { privacyStatus: 'public' } };
    this.playlists.set(id, playlist);
    return { status: 200, body: { kind: 'youtube#playlist', id, snippet: playlist.snippet, status: playlist.status } };
  }

  /** By id, as Google answers it: anyone's public or unlisted playlists, private ones only to their owner; unknown ids are left out. */
  private listPlaylists(req: RecordedGoogleRequest): FakeGoogleReply {
    const who = this.caller(req);
    if ('status' in who) return who;
    if (!req.query.id) return dataApiError(400, 'missingRequiredParameter', 'No filter selected.');
    const items = req.query.id
      .split(',')
      .map((id) => this.playlists.get(id))
      .filter((p): p is NonNullable<typeof p> => Boolean(p) && (p!.owner === who.identity.sub || p!.status.privacyStatus !== 'private'))
      .map((p) => ({ kind: 'youtube#playlist', id: p.id, snippet: p.snippet, status: p.status }));
    return { status: 200, body: { kind: 'youtube#playlistListResponse', pageInfo: { totalResults: items.length }, items } };
  }

  /** A playlist made on YouTube itself, outside the app. */
  addPlaylist(sub: string, title: string, privacyStatus = 'public'): string {
    const id = `PL${randomBytes(16).toString('hex')}`;
    const channelId = this.channels.get(sub)?.[0]?.id;
    this.playlists.set(id, { id, owner: sub, snippet: { title, channelId }, status: { privacyStatus } });
    return id;
  }

  private insertPlaylistItem(req: RecordedGoogleRequest): FakeGoogleReply {
    const who = this.caller(req, FORCE_SSL_SCOPE);
    if ('status' in who) return who;
    const snippet = (JSON.parse(req.body || '{}') as { snippet?: Record<string, any> }).snippet;
    const playlist = this.playlists.get(snippet?.playlistId ?? '');
    if (!playlist || playlist.owner !== who.identity.sub) return dataApiError(404, 'playlistNotFound', 'The playlist identified with the request\'s playlistId parameter cannot be found.');
    const videoId = snippet?.resourceId?.videoId;
    if (!this.videos.has(videoId)) return dataApiError(404, 'videoNotFound', 'Video not found.');
    const id = `UE${randomBytes(12).toString('base64url')}`;
    this.playlistItems.push({ id, playlistId: playlist.id, videoId });
    return { status: 200, body: { kind: 'youtube#playlistItem', id, snippet } };
  }
}

/** Google's Data API error body. */
export function dataApiError(code: number, reason: string, message: string): FakeGoogleReply {
  return { status: code, body: { error: { code, message, errors: [{ message, domain: 'youtube', reason }] } } };
}

/** The parts of a multipart/related body, as text. */
function multipartRelated(req: RecordedGoogleRequest): string[] {
  const boundary = /boundary=([^;]+)/.exec(req.headers['content-type'] ?? '')?.[1]?.replace(/"/g, '');
  if (!boundary) return [];
  return req.body
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => part.slice(part.indexOf('\r\n\r\n') + 4).replace(/\r\n$/, ''));
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
  // Vendor request bodies are arbitrary JSON that each test inspects in its own way.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json(): any;
}

export type FakeHandler = (request: RecordedRequest, response: ServerResponse) => unknown;

/**
 * A loopback HTTP server for vendor fakes in tests: records every request and answers through the
 * handler for its route (`POST /v1/messages`, or a RegExp on the path). Unrouted requests get 404.
 */
export class FakeHttpServer {
  readonly requests: RecordedRequest[] = [];
  private readonly routes: { method: string; path: string | RegExp; handler: FakeHandler }[] = [];
  private server?: Server;

  route(method: string, path: string | RegExp, handler: FakeHandler): this {
    this.routes.unshift({ method, path, handler });
    return this;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const path = (req.url ?? '/').split('?')[0];
        const recorded: RecordedRequest = { method: req.method ?? 'GET', path, headers: req.headers, body, json: () => JSON.parse(body.toString('utf8')) };
        this.requests.push(recorded);
        const route = this.routes.find((r) => r.method === recorded.method && (typeof r.path === 'string' ? r.path === path : r.path.test(path)));
        if (!route) {
          res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `no fake for ${recorded.method} ${path}` } }));
          return;
        }
        Promise.resolve(route.handler(recorded, res)).catch((error: Error) => res.writeHead(500).end(error.message));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

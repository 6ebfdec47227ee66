import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedStripeRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  idempotencyKey: string | undefined;
  params: Record<string, any>;
}

/**
 * A small Stripe on loopback that speaks the real API for what we call: POST
 * /v1/checkout/sessions with form-encoded (bracketed) parameters, a bearer secret key, and
 * Stripe's Idempotency-Key semantics (same key, same answer). The real `stripe` SDK is pointed at
 * it through its host/port/protocol settings (STRIPE_API_URL).
 */
export class FakeStripeServer {
  readonly requests: RecordedStripeRequest[] = [];
  readonly sessions = new Map<string, Record<string, any>>();
  private readonly byIdempotencyKey = new Map<string, { status: number; body: unknown }>();
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '/').split('?')[0];
    const authorization = req.headers.authorization;
    const idempotencyKey = header(req, 'idempotency-key');
    const params = decodeForm(raw);
    this.requests.push({ method: req.method ?? 'GET', path, authorization, idempotencyKey, params });

    if (!authorization || !/^Bearer (sk|rk)_test_\w+$/.test(authorization)) {
      return send(res, 401, error('invalid_request_error', 'Invalid API Key provided.'));
    }
    if (req.method === 'POST' && path === '/v1/checkout/sessions') {
      const remembered = idempotencyKey ? this.byIdempotencyKey.get(idempotencyKey) : undefined;
      if (remembered) return send(res, remembered.status, remembered.body, { 'idempotent-replayed': 'true' });
      const answer = this.createSession(params);
      if (idempotencyKey) this.byIdempotencyKey.set(idempotencyKey, answer);
      return send(res, answer.status, answer.body);
    }
    return send(res, 404, error('invalid_request_error', `Unrecognized request URL (${req.method}: ${path}).`));
  }

  private createSession(params: Record<string, any>): { status: number; body: unknown } {
    for (const required of ['mode', 'success_url', 'line_items']) {
      if (params[required] === undefined) return { status: 400, body: error('invalid_request_error', `Missing required param: ${required}.`, required) };
    }
    const items: any[] = params.line_items;
    const amountTotal = items.reduce((sum, item) => sum + Number(item.price_data?.unit_amount ?? 0) * Number(item.quantity ?? 1), 0);
    const id = `cs_test_${randomBytes(12).toString('hex')}`;
    const session = {
      id,
      object: 'checkout.session',
      mode: params.mode,
      status: 'open',
      payment_status: 'unpaid',
      url: `${this.url}/c/pay/${id}`,
      client_reference_id: params.client_reference_id ?? null,
      metadata: params.metadata ?? {},
      amount_total: amountTotal,
      amount_subtotal: amountTotal,
      currency: items[0]?.price_data?.currency ?? 'usd',
      success_url: params.success_url,
      cancel_url: params.cancel_url ?? null,
      payment_intent: null,
      livemode: false,
      created: Math.floor(Date.now() / 1000),
    };
    this.sessions.set(id, session);
    return { status: 200, body: session };
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${randomBytes(6).toString('hex')}`, ...headers });
  res.end(JSON.stringify(body));
}

function error(type: string, message: string, param?: string) {
  return { error: { type, message, ...(param ? { param } : {}) } };
}

/** Stripe's form encoding: `a[b][0][c]=v` -> { a: { b: [ { c: 'v' } ] } }. */
export function decodeForm(body: string): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, '').split('[');
    let node: any = out;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else node = node[part] ??= /^\d+$/.test(path[i + 1]) ? [] : {};
    });
  }
  return out;
}

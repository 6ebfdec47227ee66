import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { FakeStripeServer } from '../fakes/fake-stripe-server';
import { startTestApp, TestApp } from '../support/test-app';
import { registerUser, RegisteredUser } from '../support/users';
import { eventually } from '../support/eventually';

const PROBLEM = 'application/problem+json';
const SECRET_KEY = 'sk_test_fakeStripeKey123';
const WEBHOOK_SECRET = `whsec_${randomBytes(16).toString('hex')}`;

const eventId = () => `evt_test_${randomBytes(10).toString('hex')}`;

function stripeEvent(type: string, object: Record<string, unknown>, id = eventId()) {
  return {
    id,
    object: 'event',
    api_version: '2025-10-29.clover',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}

/** Signed the way Stripe signs, with the SDK's own test helper. */
function sign(payload: string, secret = WEBHOOK_SECRET): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret });
}

describe('credits: Stripe checkout and webhook', () => {
  let t: TestApp;
  let stripe: FakeStripeServer;
  let user: RegisteredUser;

  beforeAll(async () => {
    stripe = await new FakeStripeServer().start();
    t = await startTestApp({
      STRIPE_SECRET_KEY: SECRET_KEY,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_URL: stripe.url,
      CREDITS_RESET_SCHEDULE_ENABLED: 'false',
    });
    user = await registerUser(t);
  });
  afterAll(async () => {
    await t?.close();
    await stripe?.stop();
  });

  const deliver = (payload: string, signature?: string) =>
    t.http.post('/api/v1/webhooks/stripe', undefined, {
      raw: payload,
      headers: signature === undefined ? {} : { 'stripe-signature': signature },
    });
  const balanceOf = async (who: RegisteredUser) => (await t.http.get('/api/v1/credits/balance', { token: who.accessToken })).body;
  const countEvents = async (type: string) =>
    (await t.sql<{ n: number }>(`select count(*)::int as n from credit_events where type = ?`, [type]))[0].n;
  const checkout = (who: RegisteredUser, packId: string, key?: string) =>
    t.http.post('/api/v1/credits/checkout', { packId }, { token: who.accessToken, headers: key ? { 'idempotency-key': key } : {} });
  const paidSession = (sessionId: string, who: RegisteredUser, extra: Record<string, unknown> = {}) => ({
    id: sessionId,
    object: 'checkout.session',
    mode: 'payment',
    status: 'complete',
    payment_status: 'paid',
    client_reference_id: who.id,
    metadata: { packId: 'medium' },
    amount_total: 2000,
    currency: 'usd',
    payment_intent: `pi_${randomBytes(8).toString('hex')}`,
    ...extra,
  });

  it('lists the packs with their prices, without signing in', async () => {
    const res = await t.http.get('/api/v1/credits/packs');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      checkoutAvailable: true,
      items: [
        { id: 'small', name: '10 credits', credits: 10, unitAmount: 500, currency: 'usd' },
        { id: 'medium', name: '50 credits', credits: 50, unitAmount: 2000, currency: 'usd' },
        { id: 'large', name: '200 credits', credits: 200, unitAmount: 7000, currency: 'usd' },
      ],
    });
  });

  it('creates a Checkout Session through the real SDK, and an Idempotency-Key repeat returns the same one', async () => {
    const calls = stripe.requests.length;
    const res = await checkout(user, 'medium', 'buy-1');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ sessionId: expect.stringMatching(/^cs_test_/), url: expect.stringContaining(stripe.url), packId: 'medium', credits: 50 });

    const sent = stripe.requests[calls];
    expect(sent).toMatchObject({ method: 'POST', path: '/v1/checkout/sessions', authorization: `Bearer ${SECRET_KEY}` });
    expect(sent.idempotencyKey).toBe(`checkout:${user.id}:buy-1`);
    expect(sent.params).toMatchObject({
      mode: 'payment',
      client_reference_id: user.id,
      metadata: { packId: 'medium' },
      line_items: [{ quantity: '1', price_data: { currency: 'usd', unit_amount: '2000', product_data: { name: '50 credits' } } }],
    });

    const again = await checkout(user, 'medium', 'buy-1');
    expect(again.status).toBe(201);
    expect(again.body).toEqual(res.body);
    expect(stripe.requests.length).toBe(calls + 1);

    const otherPack = await checkout(user, 'small', 'buy-1');
    expect(otherPack.status).toBe(409);
    expect(otherPack.body.type).toMatch(/CREDITS\.IDEMPOTENCY_KEY_REUSED$/);

    const unkeyed = await checkout(user, 'small');
    expect(unkeyed.status).toBe(201);
    expect(unkeyed.body.sessionId).not.toBe(res.body.sessionId);
  });

  it('answers bad checkout input with problems and stores nothing', async () => {
    const [{ n: before }] = await t.sql<{ n: number }>(`select count(*)::int as n from credit_checkouts`);
    const cases: [unknown, Record<string, string>, number, RegExp][] = [
      [{}, {}, 400, /VALIDATION\.FAILED$/],
      [{ packId: 'huge' }, {}, 400, /CREDITS\.UNKNOWN_PACK$/],
      [{ packId: 'small', credits: 1000 }, {}, 400, /VALIDATION\.FAILED$/],
      [{ packId: 7 }, {}, 400, /VALIDATION\.FAILED$/],
      [{ packId: 'small' }, { 'idempotency-key': 'bad key with spaces' }, 400, /CREDITS\.BAD_IDEMPOTENCY_KEY$/],
    ];
    for (const [body, headers, status, type] of cases) {
      const res = await t.http.post('/api/v1/credits/checkout', body, { token: user.accessToken, headers });
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
      expect(res.body.type).toMatch(type);
    }
    const anonymous = await t.http.post('/api/v1/credits/checkout', { packId: 'small' });
    expect(anonymous.status).toBe(401);
    const [{ n: after }] = await t.sql<{ n: number }>(`select count(*)::int as n from credit_checkouts`);
    expect(after).toBe(before);
  });

  it('refuses a webhook with a missing, wrong or stale signature, or a tampered body, and changes nothing', async () => {
    const buyer = await registerUser(t);
    const payload = JSON.stringify(stripeEvent('checkout.session.completed', paidSession('cs_test_forged', buyer)));
    const before = await balanceOf(buyer);
    const attempts = [
      await deliver(payload),
      await deliver(payload, 't=1,v1=deadbeef'),
      await deliver(payload, sign(payload, 'whsec_someone_else_secret')),
      await deliver(payload.replace('"amount_total":2000', '"amount_total":1'), sign(payload)),
      await deliver(payload, Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET, timestamp: Math.floor(Date.now() / 1000) - 3600 })),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
      expect(res.body.type).toMatch(/CREDITS\.STRIPE_SIGNATURE_INVALID$/);
    }
    expect(await balanceOf(buyer)).toEqual(before);
    expect(await t.sql(`select 1 from credit_events where payload->>'checkoutSessionId' = 'cs_test_forged'`)).toEqual([]);
  });

  it('credits a paid session once when the same event arrives 10 times at once', async () => {
    const buyer = await registerUser(t);
    const session = await checkout(buyer, 'medium', 'pay-once');
    const event = stripeEvent('checkout.session.completed', paidSession(session.body.sessionId, buyer));
    const payload = JSON.stringify(event);
    const purchasesBefore = await countEvents('CreditsPurchased');

    const deliveries = await Promise.all(Array.from({ length: 10 }, () => deliver(payload, sign(payload))));
    for (const res of deliveries) {
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ received: true, outcome: 'credited' });
    }
    expect(await countEvents('CreditsPurchased')).toBe(purchasesBefore + 1);
    expect(await balanceOf(buyer)).toMatchObject({ allowance: 3, purchased: 50, available: 53 });

    const ledger = await t.http.get('/api/v1/credits/ledger?limit=1', { token: buyer.accessToken });
    expect(ledger.body.items[0]).toMatchObject({
      type: 'CreditsPurchased',
      amounts: { allowance: 0, purchased: 50, reserved: 0 },
      paymentRef: session.body.sessionId,
      reason: 'bought pack medium',
    });
    const [stored] = await t.sql<{ idempotency_key: string; payload: Record<string, unknown> }>(
      `select idempotency_key, payload from credit_events where type = 'CreditsPurchased' and payload->>'checkoutSessionId' = ?`,
      [session.body.sessionId],
    );
    expect(stored.idempotency_key).toBe(`stripe:${event.id}`);
    expect(stored.payload).toMatchObject({ credits: 50, amountPaid: 2000, currency: 'usd', stripeEventId: event.id });

    // The buyer hears about it once, however many times Stripe delivered the event.
    await eventually(async () => {
      const notes = await t.http.get('/api/v1/notifications', { token: buyer.accessToken });
      expect(notes.body.items).toEqual([
        expect.objectContaining({ type: 'credits.purchased', title: '50 credits added', body: expect.stringContaining('$20.00') }),
      ]);
    });
  });

  it('waits for an asynchronous payment, then credits the session once whichever event brings it', async () => {
    const buyer = await registerUser(t);
    const sessionId = `cs_test_async_${randomBytes(6).toString('hex')}`;
    const pending = JSON.stringify(stripeEvent('checkout.session.completed', paidSession(sessionId, buyer, { payment_status: 'unpaid' })));
    const res = await deliver(pending, sign(pending));
    expect(res.body).toMatchObject({ outcome: 'ignored' });
    expect((await balanceOf(buyer)).purchased).toBe(0);

    const succeeded = JSON.stringify(stripeEvent('checkout.session.async_payment_succeeded', paidSession(sessionId, buyer)));
    expect((await deliver(succeeded, sign(succeeded))).body).toMatchObject({ outcome: 'credited' });
    // Another event about the same, already credited session (a different event id) credits nothing more.
    const echo = JSON.stringify(stripeEvent('checkout.session.completed', paidSession(sessionId, buyer)));
    expect((await deliver(echo, sign(echo))).status).toBe(200);
    expect((await balanceOf(buyer)).purchased).toBe(50);

    const other = JSON.stringify(stripeEvent('customer.created', { id: 'cus_1', object: 'customer' }));
    expect((await deliver(other, sign(other))).body).toMatchObject({ received: true, outcome: 'ignored' });
  });

  it('takes back the refunded share of a purchase on charge.refunded, once, never below zero', async () => {
    const buyer = await registerUser(t);
    const session = paidSession(`cs_test_refund_${randomBytes(6).toString('hex')}`, buyer);
    const paid = JSON.stringify(stripeEvent('checkout.session.completed', session));
    await deliver(paid, sign(paid));
    expect((await balanceOf(buyer)).purchased).toBe(50);

    const charge = { id: 'ch_1', object: 'charge', payment_intent: session.payment_intent, amount: 2000, amount_refunded: 1000, refunded: false };
    const half = JSON.stringify(stripeEvent('charge.refunded', charge));
    const twice = await Promise.all([deliver(half, sign(half)), deliver(half, sign(half))]);
    expect(twice.map((r) => r.status)).toEqual([200, 200]);
    expect((await balanceOf(buyer)).purchased).toBe(25);

    const full = JSON.stringify(stripeEvent('charge.refunded', { ...charge, amount_refunded: 2000, refunded: true }));
    expect((await deliver(full, sign(full))).body).toMatchObject({ outcome: 'refunded' });
    expect(await balanceOf(buyer)).toMatchObject({ purchased: 0, allowance: 3 });
    const refunds = await t.sql<{ requested: string; refunded: string }>(
      `select payload->>'requested' as requested, payload->>'refunded' as refunded from credit_events
        where stream_id = ? and type = 'CreditsRefunded' order by version`,
      [`credits-${buyer.id}`],
    );
    expect(refunds).toEqual([
      { requested: '25', refunded: '25' },
      { requested: '25', refunded: '25' },
    ]);
  });
});

describe('credits: without a Stripe key', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CREDITS_RESET_SCHEDULE_ENABLED: 'false' });
  });
  afterAll(() => t?.close());

  it('answers checkout and the webhook with a clear 503 problem', async () => {
    const user = await registerUser(t);
    const res = await t.http.post('/api/v1/credits/checkout', { packId: 'small' }, { token: user.accessToken });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain(PROBLEM);
    expect(res.body).toMatchObject({ type: expect.stringMatching(/CREDITS\.STRIPE_NOT_CONFIGURED$/), detail: expect.stringContaining('STRIPE_SECRET_KEY') });

    const payload = JSON.stringify(stripeEvent('checkout.session.completed', { id: 'cs_x' }));
    const hook = await t.http.post('/api/v1/webhooks/stripe', undefined, { raw: payload, headers: { 'stripe-signature': sign(payload) } });
    expect(hook.status).toBe(503);
    expect(hook.headers.get('content-type')).toContain(PROBLEM);

    const packs = await t.http.get('/api/v1/credits/packs');
    expect(packs.body.checkoutAvailable).toBe(false);
    expect(await t.sql(`select 1 from credit_events where type = 'CreditsPurchased'`)).toEqual([]);
  });
});

/**
 * The one port to Stripe. The SDK adapter implements it; with no STRIPE_SECRET_KEY it reports
 * itself as not configured and the routes answer 503.
 */
export interface CheckoutRequest {
  userId: string;
  packId: string;
  credits: number;
  unitAmount: number;
  currency: string;
  productName: string;
  successUrl: string;
  cancelUrl: string;
  /** Passed to Stripe as its Idempotency-Key. */
  idempotencyKey: string;
}

export interface CheckoutSession {
  id: string;
  url: string | null;
}

/** The parts of a verified Stripe event the credits module reads. */
export interface StripeEventEnvelope {
  id: string;
  type: string;
  data: { object: Record<string, unknown> };
}

export interface StripeGateway {
  /** Null when checkout works, otherwise the variables to set. */
  checkoutUnavailable(): string | null;
  webhookUnavailable(): string | null;
  createCheckoutSession(request: CheckoutRequest): Promise<CheckoutSession>;
  /** Verifies the signature over the raw body; throws StripeSignatureError when it does not hold. */
  verifyWebhook(rawBody: Buffer, signature: string): StripeEventEnvelope;
}

export const STRIPE_GATEWAY = Symbol('STRIPE_GATEWAY');

export class StripeSignatureError extends Error {}
export class StripeCallError extends Error {}

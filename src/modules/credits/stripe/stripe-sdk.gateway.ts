import { Inject, Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { APP_CONFIG, AppConfig } from '../../../platform/config/config';
import {
  CheckoutRequest,
  CheckoutSession,
  StripeCallError,
  StripeEventEnvelope,
  StripeGateway,
  StripeSignatureError,
} from './stripe-gateway';

/**
 * The real `stripe` SDK. STRIPE_API_URL, when set, sends its API calls to another host through
 * the SDK's own host/port/protocol settings (a proxy, or the fake server of the tests).
 */
@Injectable()
export class StripeSdkGateway implements StripeGateway {
  private readonly client?: Stripe;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.STRIPE_SECRET_KEY) {
      this.client = new Stripe(config.STRIPE_SECRET_KEY, {
        ...apiTarget(config.STRIPE_API_URL),
        maxNetworkRetries: 2,
        timeout: 15_000,
        telemetry: false,
        appInfo: { name: 'ai-film-studio' },
      });
    }
  }

  checkoutUnavailable(): string | null {
    return this.client ? null : 'STRIPE_SECRET_KEY';
  }

  webhookUnavailable(): string | null {
    const missing = [!this.client && 'STRIPE_SECRET_KEY', !this.config.STRIPE_WEBHOOK_SECRET && 'STRIPE_WEBHOOK_SECRET'].filter(Boolean);
    return missing.length ? missing.join(' and ') : null;
  }

  async createCheckoutSession(request: CheckoutRequest): Promise<CheckoutSession> {
    try {
      const session = await this.client!.checkout.sessions.create(
        {
          mode: 'payment',
          client_reference_id: request.userId,
          metadata: { packId: request.packId, credits: String(request.credits), userId: request.userId },
          payment_intent_data: { metadata: { packId: request.packId, userId: request.userId } },
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: request.currency,
                unit_amount: request.unitAmount,
                product_data: { name: request.productName },
              },
            },
          ],
          success_url: request.successUrl,
          cancel_url: request.cancelUrl,
        },
        { idempotencyKey: request.idempotencyKey },
      );
      return { id: session.id, url: session.url };
    } catch (error) {
      throw new StripeCallError(error instanceof Error ? error.message : String(error));
    }
  }

  verifyWebhook(rawBody: Buffer, signature: string): StripeEventEnvelope {
    try {
      const event = this.client!.webhooks.constructEvent(rawBody, signature, this.config.STRIPE_WEBHOOK_SECRET!);
      return event as unknown as StripeEventEnvelope;
    } catch (error) {
      throw new StripeSignatureError(error instanceof Error ? error.message : String(error));
    }
  }
}

function apiTarget(url: string | undefined): { host?: string; port?: number; protocol?: 'http' | 'https' } {
  if (!url) return {};
  const parsed = new URL(url);
  const protocol = parsed.protocol === 'http:' ? 'http' : 'https';
  return { host: parsed.hostname, port: parsed.port ? Number(parsed.port) : protocol === 'http' ? 80 : 443, protocol };
}

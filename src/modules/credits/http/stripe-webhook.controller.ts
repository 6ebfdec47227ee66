import { Controller, Headers, HttpCode, Inject, Post, RawBodyRequest, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../../../platform/auth/public.decorator';
import { HandleStripeEventCommand, StripeEventOutcome } from '../commands/handle-stripe-event/handle-stripe-event.command';
import { CreditErrors } from '../errors';
import { STRIPE_GATEWAY, StripeGateway, StripeSignatureError } from '../stripe/stripe-gateway';

/**
 * Stripe's webhook. The signature is checked over the raw body before anything else; a bad one
 * is a 400 and changes nothing. Stripe retries any non-2xx, and the ledger's keys make every
 * redelivery harmless.
 */
@ApiExcludeController()
@Controller('webhooks')
export class StripeWebhookController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(STRIPE_GATEWAY) private readonly stripe: StripeGateway,
  ) {}

  @Public()
  @Post('stripe')
  @HttpCode(200)
  async receive(
    @Req() req: RawBodyRequest<FastifyRequest>,
    @Headers('stripe-signature') signature?: string,
  ): Promise<{ received: true } & StripeEventOutcome> {
    const missing = this.stripe.webhookUnavailable();
    if (missing) throw CreditErrors.stripeNotConfigured(missing);
    if (!signature) throw CreditErrors.stripeSignatureInvalid('The Stripe-Signature header is missing.');
    if (!req.rawBody?.length) throw CreditErrors.stripeSignatureInvalid('The body is empty.');
    let event;
    try {
      event = this.stripe.verifyWebhook(req.rawBody, signature);
    } catch (error) {
      if (error instanceof StripeSignatureError) {
        throw CreditErrors.stripeSignatureInvalid('The Stripe signature does not match the body.');
      }
      throw error;
    }
    const outcome = await this.commands.execute(new HandleStripeEventCommand(event));
    return { received: true, ...outcome };
  }
}

import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, AppConfig } from '../../../../platform/config/config';
import { PackListView } from '../../http/views';
import { STRIPE_GATEWAY, StripeGateway } from '../../stripe/stripe-gateway';
import { ListPacksQuery } from './list-packs.query';

@QueryHandler(ListPacksQuery)
export class ListPacksHandler implements IQueryHandler<ListPacksQuery> {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(STRIPE_GATEWAY) private readonly stripe: StripeGateway,
  ) {}

  async execute(): Promise<PackListView> {
    return {
      items: this.config.CREDITS_PACKS.map((p) => ({
        id: p.id,
        name: p.name ?? `${p.credits} credits`,
        credits: p.credits,
        unitAmount: p.unitAmount,
        currency: p.currency,
      })),
      checkoutAvailable: this.stripe.checkoutUnavailable() === null,
    };
  }
}

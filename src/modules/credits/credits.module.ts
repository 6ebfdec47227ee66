import { CreditStatsHandler } from './queries/credit-stats/credit-stats.handler';
import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { CREDIT_POLICY, creditPolicyOf } from './credits.policy';
import { CreditCommandRunner } from './commands/credit-command-runner';
import { GrantAllowanceHandler } from './commands/grant-allowance/grant-allowance.handler';
import { ResetMonthlyAllowanceHandler } from './commands/reset-monthly-allowance/reset-monthly-allowance.handler';
import { MonthlyResetService } from './commands/reset-monthly-allowance/monthly-reset.service';
import { MonthlyResetSchedule } from './commands/reset-monthly-allowance/monthly-reset.schedule';
import { PurchaseCreditsHandler } from './commands/purchase-credits/purchase-credits.handler';
import { GrantCreditsHandler } from './commands/grant-credits/grant-credits.handler';
import { ReserveCreditsHandler } from './commands/reserve-credits/reserve-credits.handler';
import { CaptureReservationHandler } from './commands/capture-reservation/capture-reservation.handler';
import { ReleaseReservationHandler } from './commands/release-reservation/release-reservation.handler';
import { RefundCreditsHandler } from './commands/refund-credits/refund-credits.handler';
import { ChangeTierHandler } from './commands/change-tier/change-tier.handler';
import { StartCheckoutHandler } from './commands/start-checkout/start-checkout.handler';
import { HandleStripeEventHandler } from './commands/handle-stripe-event/handle-stripe-event.handler';
import { GetBalanceHandler } from './queries/get-balance/get-balance.handler';
import { GetLedgerHandler } from './queries/get-ledger/get-ledger.handler';
import { ListPacksHandler } from './queries/list-packs/list-packs.handler';
import { ListResetRunsHandler } from './queries/list-reset-runs/list-reset-runs.handler';
import { CreditEventStore } from './persistence/event-store';
import { BalanceProjection } from './persistence/balance-projection';
import { CheckoutStore } from './persistence/checkout-store';
import { ResetRunStore } from './persistence/reset-run-store';
import { ProjectionRebuilder } from './persistence/projection-rebuilder';
import { STRIPE_GATEWAY } from './stripe/stripe-gateway';
import { StripeSdkGateway } from './stripe/stripe-sdk.gateway';
import { CreditsController } from './http/credits.controller';
import { StripeWebhookController } from './http/stripe-webhook.controller';

const commandHandlers = [
  GrantAllowanceHandler,
  ResetMonthlyAllowanceHandler,
  PurchaseCreditsHandler,
  GrantCreditsHandler,
  ReserveCreditsHandler,
  CaptureReservationHandler,
  ReleaseReservationHandler,
  RefundCreditsHandler,
  ChangeTierHandler,
  StartCheckoutHandler,
  HandleStripeEventHandler,
];
const queryHandlers = [GetBalanceHandler, GetLedgerHandler, ListPacksHandler, ListResetRunsHandler, CreditStatsHandler];

/**
 * The event-sourced credits ledger. Other modules use it only through its commands and queries
 * (ReserveCreditsCommand, CaptureReservationCommand, ReleaseReservationCommand,
 * GrantCreditsCommand, ChangeTierCommand, GetBalanceQuery, ...), on the CQRS buses.
 */
@Module({
  controllers: [CreditsController, StripeWebhookController],
  providers: [
    { provide: CREDIT_POLICY, inject: [APP_CONFIG], useFactory: (config: AppConfig) => creditPolicyOf(config) },
    { provide: STRIPE_GATEWAY, useClass: StripeSdkGateway },
    CreditEventStore,
    BalanceProjection,
    CheckoutStore,
    ResetRunStore,
    ProjectionRebuilder,
    CreditCommandRunner,
    MonthlyResetService,
    MonthlyResetSchedule,
    ...commandHandlers,
    ...queryHandlers,
  ],
  exports: [MonthlyResetService, ProjectionRebuilder],
})
export class CreditsModule {}

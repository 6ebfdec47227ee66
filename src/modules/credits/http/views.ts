import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CREDIT_EVENT_TYPES, CREDIT_TIERS, Tier } from '../domain/credit-account';

export class BalanceView {
  @ApiProperty({ enum: CREDIT_TIERS }) tier!: Tier;
  @ApiProperty({ description: 'Monthly allowance left in this period' }) allowance!: number;
  @ApiProperty({ description: 'Purchased or granted credits; they never expire' }) purchased!: number;
  @ApiProperty({ description: 'Set aside for running jobs' }) reserved!: number;
  @ApiProperty({ description: 'allowance + purchased: what a new job can use' }) available!: number;
  @ApiProperty({ example: '2026-11', description: 'Calendar month (UTC) of the allowance' }) period!: string;
  @ApiProperty({ description: 'When the allowance resets (start of next month, UTC)' }) periodEnd!: string;
  @ApiProperty({ description: 'Events in the ledger so far' }) version!: number;
}

export class BucketAmounts {
  @ApiProperty() allowance!: number;
  @ApiProperty() purchased!: number;
  @ApiProperty() reserved!: number;
}

export class LedgerEntryView {
  @ApiProperty() id!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: CREDIT_EVENT_TYPES }) type!: string;
  @ApiProperty({ type: BucketAmounts, description: 'What the entry changed in each bucket' }) amounts!: BucketAmounts;
  @ApiProperty() reason!: string;
  @ApiPropertyOptional() period?: string;
  @ApiPropertyOptional() jobId?: string;
  @ApiPropertyOptional() attempt?: number;
  @ApiPropertyOptional({ description: 'Stripe Checkout Session or payment intent' }) paymentRef?: string;
  @ApiProperty() occurredAt!: string;
}

export class PackView {
  @ApiProperty({ example: 'small' }) id!: string;
  @ApiProperty({ example: '10 credits' }) name!: string;
  @ApiProperty({ example: 10 }) credits!: number;
  @ApiProperty({ example: 500, description: 'Price in the currency minor unit (cents)' }) unitAmount!: number;
  @ApiProperty({ example: 'usd' }) currency!: string;
}

export class PackListView {
  @ApiProperty({ type: [PackView] }) items!: PackView[];
  @ApiProperty({ description: 'False when this server has no Stripe key: checkout answers 503' }) checkoutAvailable!: boolean;
}

export class CheckoutView {
  @ApiProperty() sessionId!: string;
  @ApiProperty({ description: "Stripe's hosted payment page" }) url!: string;
  @ApiProperty() packId!: string;
  @ApiProperty() credits!: number;
}

export class ResetRunView {
  @ApiProperty() id!: string;
  @ApiProperty() period!: string;
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ enum: ['schedule', 'cli', 'manual'] }) trigger!: string;
  @ApiProperty({ enum: ['running', 'finished', 'failed'] }) status!: string;
  @ApiProperty() startedAt!: string;
  @ApiProperty({ nullable: true }) finishedAt!: string | null;
  @ApiProperty() accountsDue!: number;
  @ApiProperty() accountsReset!: number;
  @ApiProperty() accountsFailed!: number;
  @ApiProperty() creditsExpired!: number;
  @ApiProperty() creditsGranted!: number;
  @ApiProperty({ nullable: true }) error!: string | null;
}

import { Body, Controller, Get, Headers, HttpCode, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../../platform/auth/authenticated-user';
import { CurrentUser } from '../../../platform/auth/current-user.decorator';
import { Public } from '../../../platform/auth/public.decorator';
import { ApiPage, ApiProblems } from '../../../platform/http/api-docs';
import { Page, PageQuery } from '../../../platform/http/pagination';
import { StartCheckoutCommand } from '../commands/start-checkout/start-checkout.command';
import { CreditErrors } from '../errors';
import { GetBalanceQuery } from '../queries/get-balance/get-balance.query';
import { GetLedgerQuery } from '../queries/get-ledger/get-ledger.query';
import { ListPacksQuery } from '../queries/list-packs/list-packs.query';
import { CheckoutDto } from './dto/checkout.dto';
import { BalanceView, CheckoutView, LedgerEntryView, PackListView } from './views';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;

@ApiTags('credits')
@ApiBearerAuth()
@Controller('credits')
export class CreditsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('balance')
  @ApiOkResponse({ type: BalanceView })
  @ApiProblems(401, 404)
  balance(@CurrentUser() user: AuthenticatedUser): Promise<BalanceView> {
    return this.queries.execute(new GetBalanceQuery(user.id));
  }

  @Get('ledger')
  @ApiPage(LedgerEntryView)
  @ApiProblems(400, 401)
  ledger(@CurrentUser() user: AuthenticatedUser, @Query() page: PageQuery): Promise<Page<LedgerEntryView>> {
    return this.queries.execute(new GetLedgerQuery(user.id, page.limit, page.cursor));
  }

  @Public()
  @Get('packs')
  @ApiOkResponse({ type: PackListView })
  packs(): Promise<PackListView> {
    return this.queries.execute(new ListPacksQuery());
  }

  @Post('checkout')
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A repeat with the same key returns the same session' })
  @ApiCreatedResponse({ type: CheckoutView })
  @ApiProblems(400, 401, 409, 502, 503)
  checkout(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: CheckoutDto,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<CheckoutView> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) throw CreditErrors.badIdempotencyKeyHeader();
    return this.commands.execute(new StartCheckoutCommand({ userId: user.id, packId: dto.packId, idempotencyKey }));
  }
}

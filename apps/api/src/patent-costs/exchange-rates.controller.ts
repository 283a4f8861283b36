import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Reply } from '../http/reply';
import { Actor } from '@app/access';
import { ExchangeRate, ExchangeRateService } from '@app/patents';
import { PlatformService } from '@app/platform';
import { ApiErrors } from '../http/api-errors.decorator';
import { CurrentActor, Roles } from '../http/auth.decorators';
import { markReplay } from '../http/idempotency';
import { UuidPipe } from '../http/uuid.pipe';
import { ExchangeRateQueryDto, RecordExchangeRateDto } from './patent-costs.dto';

const present = (r: ExchangeRate) => ({
  currency: r.currency,
  rateDate: r.rateDate,
  yenPerUnit: r.yenPerUnit,
  createdAt: r.createdAt,
});

@ApiTags('patent costs')
@Controller('platforms/:platformId/exchange-rates')
export class ExchangeRatesController {
  constructor(
    private readonly rates: ExchangeRateService,
    private readonly platforms: PlatformService,
  ) {}

  @Post()
  @Roles('admin', 'finance')
  @ApiOperation({
    summary:
      'Record the yen rate of a currency on a date (the same rate again is a replay; a different one, 409)',
  })
  @ApiCreatedResponse()
  @ApiErrors(400, 404, 409)
  async record(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Body() dto: RecordExchangeRateDto,
    @Res({ passthrough: true }) res: Reply,
  ) {
    await this.platforms.get(actor, platformId);
    const { rate, replayed } = await this.rates.record(actor, platformId, dto);
    markReplay(res, replayed);
    return present(rate);
  }

  @Get()
  @Roles('admin', 'cpo', 'finance', 'auditor')
  @ApiOperation({ summary: 'Recorded exchange rates, by currency and date' })
  @ApiOkResponse()
  @ApiErrors(400, 404)
  async list(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Query() q: ExchangeRateQueryDto,
  ) {
    await this.platforms.get(actor, platformId);
    return (await this.rates.list(platformId, q.currency)).map(present);
  }
}

import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@app/access';
import { PatentForecastService, PortfolioForecast, parseRatesParam } from '@app/patents';
import { PlatformService } from '@app/platform';
import { ApiErrors } from '../http/api-errors.decorator';
import { CurrentActor, Roles } from '../http/auth.decorators';
import { jsonSafe } from '../http/json-safe';
import { UuidPipe } from '../http/uuid.pipe';
import { ForecastQueryDto, RunwayQueryDto } from './patent-review.dto';

/** The platform forecast leaves out the payment detail (per-filing forecasts carry it). */
function withoutItems(f: PortfolioForecast) {
  const { items: _items, ...rest } = f;
  return rest;
}

@ApiTags('patent forecasts and reviews')
@Controller('platforms/:platformId')
export class ForecastsController {
  constructor(
    private readonly forecasts: PatentForecastService,
    private readonly platforms: PlatformService,
  ) {}

  @Get('forecasts/fees')
  @Roles('admin', 'cpo', 'finance', 'auditor')
  @ApiOperation({
    summary:
      'Official fees the active filings (filed, examination requested, granted) will owe per Japanese fiscal year, per filing and in total, in the office currency and in yen, with the exchange rates used. Totals are sums of the per-filing figures.',
  })
  @ApiOkResponse({
    description: 'fiscalYears, total, filings[], notForecast[], ratesUsed[], warnings[]',
  })
  @ApiErrors(400, 404, 422)
  async fees(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Query() q: ForecastQueryDto,
  ) {
    await this.platforms.get(actor, platformId);
    const forecast = await this.forecasts.platformForecast(platformId, {
      fromFiscalYear: q.fromFiscalYear,
      asOf: q.asOf,
      years: q.years ?? 20,
      rates: parseRatesParam(q.rates),
    });
    return jsonSafe({ platformId, ...withoutItems(forecast) });
  }

  @Get('ip-assets/:assetId/filings/:filingId/forecast')
  @Roles('admin', 'cpo', 'finance', 'auditor')
  @ApiOperation({
    summary:
      "One filing's fee forecast with every payment (due date, fee year, amount, yen, rate used)",
  })
  @ApiOkResponse({ description: 'the platform forecast restricted to this filing, with items[]' })
  @ApiErrors(400, 404, 422)
  async filing(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('assetId', UuidPipe) assetId: string,
    @Param('filingId', UuidPipe) filingId: string,
    @Query() q: ForecastQueryDto,
  ) {
    await this.platforms.get(actor, platformId);
    const forecast = await this.forecasts.filingForecast(platformId, assetId, filingId, {
      fromFiscalYear: q.fromFiscalYear,
      asOf: q.asOf,
      years: q.years ?? 20,
      rates: parseRatesParam(q.rates),
    });
    return jsonSafe({ platformId, filingId, ...forecast });
  }

  @Get('forecasts/ip-fund-runway')
  @Roles('admin', 'cpo', 'finance', 'auditor')
  @ApiOperation({
    summary:
      "Projected IP-fund balance per fiscal year: today's balance + planned company funding × (overhead − standard rate) − forecast fees of pooled assets (non-company share), and the year the fund would run out",
  })
  @ApiOkResponse({ description: 'currentBalanceYen, years[], runsOutInFiscalYear, rule' })
  @ApiErrors(400, 404, 422)
  async runway(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Query() q: RunwayQueryDto,
  ) {
    await this.platforms.get(actor, platformId);
    return jsonSafe(
      await this.forecasts.ipFundRunway(platformId, {
        asOf: q.asOf,
        years: q.years ?? 10,
        rates: parseRatesParam(q.rates),
      }),
    );
  }
}

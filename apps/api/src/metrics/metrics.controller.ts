import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { csvDownload } from '../http/csv';
import type { Reply } from '../http/reply';
import { Actor } from '@app/access';
import { FactBook, MetricsReport, MetricsService } from '@app/metrics';
import { PlatformService } from '@app/platform';
import { ApiErrors } from '../http/api-errors.decorator';
import { CurrentActor, Roles } from '../http/auth.decorators';
import { FiscalYearPipe } from '../http/fiscal-year.pipe';
import { jsonSafe } from '../http/json-safe';
import { UuidPipe } from '../http/uuid.pipe';
import {
  FactBookQueryDto,
  IpOfficeCostDto,
  KpiTargetDto,
  KpiTargetsQueryDto,
  MetricsQueryDto,
} from './metrics.dto';

const s = (v: bigint | number | null) => (v === null ? '' : String(v));

/** One row per figure: metric, value, numerator, denominator (rates in bp). */
function metricsCsv(m: MetricsReport): (string | number)[][] {
  const rate = (
    name: string,
    r: { bp: number | null; numerator: bigint | number; denominator: bigint | number | null },
  ) => [name, s(r.bp), s(r.numerator), s(r.denominator)];
  return [
    ['applications', m.applications, '', ''],
    ['grants', m.grants, '', ''],
    ['licences', m.licences, '', ''],
    ['cumulativeLicences', m.cumulativeLicences, '', ''],
    ['commercialisations', m.commercialisations, '', ''],
    ['licenceIncomeYen', s(m.licenceIncomeYen), '', ''],
    ['personnelCostYen', s(m.personnelCostYen), '', ''],
    ['patentCostYen', s(m.patentCostYen), '', ''],
    rate('licenceRateBp', m.licenceRate),
    rate('profitabilityBp', m.profitability),
    rate('commercialisationRateBp', m.commercialisationRate),
    ['homeRunThresholdYen', s(m.homeRunThresholdYen), '', ''],
    ['homeRunAssets', m.homeRunAssets, '', ''],
    ['derivedProjects', m.derivedProjects, '', ''],
    ['ipFundBalanceAtYearEndYen', s(m.ipFund.balanceAtYearEndYen), '', ''],
    ['ipFundRunsOutInFiscalYear', s(m.ipFund.runsOutInFiscalYear), '', ''],
    ...m.notes.map((n) => ['note', n, '', '']),
  ];
}

function factBookCsv(f: FactBook): (string | number)[][] {
  const jr = f.jointResearch;
  return [
    ['jointResearch.all.count', jr.all.count],
    ['jointResearch.all.amountYen', s(jr.all.amountYen)],
    ['jointResearch.companies.count', jr.companies.count],
    ['jointResearch.companies.amountYen', s(jr.companies.amountYen)],
    ['jointResearch.largeCompanies.count', jr.largeCompanies.count],
    ['jointResearch.largeCompanies.amountYen', s(jr.largeCompanies.amountYen)],
    ['jointResearch.smes.count', jr.smes.count],
    ['jointResearch.smes.amountYen', s(jr.smes.amountYen)],
    ['jointResearch.largeProjectsCount', jr.largeProjectsCount],
    ['patents.filed', f.patents.filed],
    ['patents.held', f.patents.held],
    ['patents.licensed', f.patents.licensed],
    ['licenceIncomeYen', s(f.licenceIncomeYen)],
    ...f.topTechnologyFields.map((t, i) => [
      `topTechnologyFields.${i + 1}`,
      `${t.ipcClass} (${t.count})`,
    ]),
    ...f.notes.map((n) => ['note', n]),
  ];
}

@ApiTags('metrics')
@Controller('platforms/:platformId')
export class PoolMetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly platforms: PlatformService,
  ) {}

  @Get('metrics')
  @Roles('admin', 'cpo', 'finance', 'auditor')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary:
      'TLO / IP-office metrics for a fiscal year, for the platform or one institution: applications, grants, licences, licence income (AUTM), licence rate, profitability, commercialisation rate (bp with numerator and denominator; null when dividing by zero), home-run assets, derived research, IP-fund balance and runway. format=csv gives UTF-8 with BOM.',
  })
  @ApiOkResponse({
    description: 'JSON (format=json) or CSV (format=csv): metric,value,numerator,denominator',
  })
  @ApiErrors(400, 404)
  async get(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Query() q: MetricsQueryDto,
    @Res({ passthrough: true }) res: Reply,
  ) {
    await this.platforms.get(actor, platformId);
    const report = await this.metrics.metrics(platformId, {
      fiscalYear: q.fiscalYear,
      institutionId: q.institutionId,
      homeRunThresholdYen:
        q.homeRunThresholdYen === undefined ? undefined : BigInt(q.homeRunThresholdYen),
    });
    if (q.format === 'json') return jsonSafe(report);
    return csvDownload(
      res,
      `metrics-FY${q.fiscalYear}${q.institutionId ? `-${q.institutionId}` : ''}.csv`,
      ['metric', 'value', 'numerator', 'denominator'],
      metricsCsv(report),
    );
  }

  @Put('ip-office-costs/:fiscalYear')
  @Roles('admin', 'cpo', 'finance')
  @ApiOperation({
    summary:
      "Records the IP office's personnel cost for a fiscal year (replaces the previous figure; the audit log keeps it)",
  })
  @ApiErrors(400, 404)
  async setCost(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Body() body: IpOfficeCostDto,
  ) {
    await this.platforms.get(actor, platformId);
    return jsonSafe(
      await this.metrics.setIpOfficeCost(
        actor,
        platformId,
        fiscalYear,
        BigInt(body.personnelCostYen),
      ),
    );
  }

  @Get('ip-office-costs')
  @Roles('admin', 'cpo', 'finance', 'auditor')
  @ApiOperation({ summary: "The IP office's personnel cost per fiscal year" })
  @ApiErrors(400, 404)
  async listCosts(@CurrentActor() actor: Actor, @Param('platformId', UuidPipe) platformId: string) {
    await this.platforms.get(actor, platformId);
    return jsonSafe(await this.metrics.listIpOfficeCosts(platformId));
  }

  @Post('kpi-targets')
  @Roles('admin', 'cpo')
  @ApiOperation({
    summary:
      'A KPI target against a base year (S4 policy targets), e.g. company investment ×3 from FY2024 to FY2026',
  })
  @ApiErrors(400, 404, 409)
  async createTarget(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Body() body: KpiTargetDto,
  ) {
    await this.platforms.get(actor, platformId);
    return jsonSafe(await this.metrics.createKpiTarget(actor, platformId, body));
  }

  @Get('kpi-targets')
  @Roles('admin', 'cpo', 'finance', 'auditor')
  @ApiOperation({
    summary:
      'KPI targets with their actual (in the target year, or fiscalYear when given) and progress in bp of the target. Company investment = company contributions (direct + overhead, not reversed) of the year ÷ the base year; large joint research = projects with ≥ ¥10M company money in the year.',
  })
  @ApiErrors(400, 404)
  async listTargets(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Query() q: KpiTargetsQueryDto,
  ) {
    await this.platforms.get(actor, platformId);
    return jsonSafe(await this.metrics.listKpiTargets(platformId, q.fiscalYear));
  }

  @Get('fact-book')
  @Roles('admin', 'cpo', 'finance', 'auditor')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary:
      "An institution's fact book for a fiscal year (S0): joint research count and amount (all, companies, large companies, SMEs), count with ≥ ¥10M, patents filed / held / licensed, licence income, top 5 IPC classes. format=csv gives UTF-8 with BOM.",
  })
  @ApiErrors(400, 404)
  async factBook(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Query() q: FactBookQueryDto,
    @Res({ passthrough: true }) res: Reply,
  ) {
    await this.platforms.get(actor, platformId);
    const book = await this.metrics.factBook(platformId, q.institutionId, q.fiscalYear);
    if (q.format === 'json') return jsonSafe(book);
    return csvDownload(res, `fact-book-FY${q.fiscalYear}-${q.institutionId}.csv`, ['item', 'value'], factBookCsv(book));
  }
}

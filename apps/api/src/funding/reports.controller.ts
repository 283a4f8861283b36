import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { csvDownload } from '../http/csv';
import type { Reply } from '../http/reply';
import { Actor, isMember } from '@app/access';
import { ContributionService, FundingReportsService, ReconciliationTotals } from '@app/funding';
import { organisationNotFound } from '@app/membership';
import { PlatformService } from '@app/platform';
import { ApiErrors } from '../http/api-errors.decorator';
import { CurrentActor, Roles } from '../http/auth.decorators';
import { jsonSafe } from '../http/json-safe';
import { UuidPipe } from '../http/uuid.pipe';
import { presentContribution } from './contributions.controller';
import { FiscalYearReportQueryDto } from '../http/common.dto';
import { FunderStatementDto, IpFundStatementDto, ReconciliationDto, ReconciliationQueryDto } from './funding.dto';

const CSV_COLUMNS = [
  'level',
  'fiscalYear',
  'projectCode',
  'projectTitle',
  'funderKind',
  'funder',
  'contributions',
  'directCostYen',
  'overheadYen',
  'standardOverheadYen',
  'ipFundYen',
  'invoicedYen',
  'receivedYen',
  'receivableYen',
];

const STATEMENT_CSV_COLUMNS = [
  'line',
  'fiscalYear',
  'projectCode',
  'contributionId',
  'invoicedOn',
  'directCostYen',
  'overheadYen',
  'standardOverheadYen',
  'ipFundYen',
  'invoicedYen',
  'receivedYen',
  'outstandingYen',
];
/** The money columns of a reconciliation line, in CSV column order. */
function moneyCells(r: ReconciliationTotals): string[] {
  return [r.directCostYen, r.overheadYen, r.standardOverheadYen, r.ipFundYen, r.invoicedYen, r.receivedYen, r.receivableYen].map(String);
}

const IP_FUND_CSV_COLUMNS = ['line', 'date', 'kind', 'description', 'contributionId', 'entryId', 'amountYen'];

@ApiTags('funding')
@Controller('platforms/:platformId')
export class ReportsController {
  constructor(
    private readonly reports: FundingReportsService,
    private readonly contributions: ContributionService,
    private readonly platforms: PlatformService,
  ) {}

  @Get('reports/reconciliation')
  @Roles('admin', 'cpo', 'finance', 'auditor')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary:
      'Reconciliation for a fiscal year: per project and funder — direct cost, overhead, standard part, IP-fund part, invoiced, received, receivable — with subtotals per project and per funder. format=csv gives UTF-8 with BOM for Excel.',
  })
  @ApiOkResponse({ type: ReconciliationDto, description: 'JSON (format=json) or CSV (format=csv)' })
  @ApiErrors(400, 404)
  async reconciliation(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Query() q: ReconciliationQueryDto,
    @Res({ passthrough: true }) res: Reply,
  ) {
    await this.platforms.get(actor, platformId);
    const report = await this.reports.reconciliation(platformId, q.fiscalYear, q);
    if (q.format === 'json') return jsonSafe(report);
    const records = [
      ...report.rows.map((r) => ['detail', q.fiscalYear, r.projectCode, r.projectTitle, r.sourceKind, r.funderName, r.contributions, ...moneyCells(r)]),
      ...report.byProject.map((p) => ['project_total', q.fiscalYear, p.projectCode, '', '', '', p.contributions, ...moneyCells(p)]),
      ...report.byFunder.map((f) => ['funder_total', q.fiscalYear, '', '', f.organisationId ? 'company' : 'public_matching', f.funderName, f.contributions, ...moneyCells(f)]),
      ['grand_total', q.fiscalYear, '', '', '', '', report.total.contributions, ...moneyCells(report.total)],
    ];
    return csvDownload(res, `reconciliation-FY${q.fiscalYear}.csv`, CSV_COLUMNS, records);
  }

  @Get('ip-fund/statement')
  @Roles('admin', 'cpo', 'finance', 'auditor')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary:
      "The IP fund's statement for a fiscal year: opening balance, inflows by contribution, outflows, closing balance. format=csv gives UTF-8 with BOM for Excel.",
  })
  @ApiOkResponse({ type: IpFundStatementDto, description: 'JSON (format=json) or CSV (format=csv)' })
  @ApiErrors(400, 404)
  async ipFundStatement(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Query() q: FiscalYearReportQueryDto,
    @Res({ passthrough: true }) res: Reply,
  ) {
    const platform = await this.platforms.get(actor, platformId);
    const st = await this.reports.ipFundStatement(platformId, q.fiscalYear, platform.fiscalYearStartMonth);
    if (q.format === 'json') return jsonSafe(st);
    const move = (line: string) => (m: (typeof st.inflows)[number]) => [line, m.entryDate, m.kind, m.description, m.contributionId ?? '', m.entryId, String(m.amountYen)];
    const records = [
      ['opening_balance', st.startsOn, '', '', '', '', String(st.openingBalanceYen)],
      ...st.inflows.map(move('inflow')),
      ['inflow_total', '', '', '', '', '', String(st.inflowTotalYen)],
      ...st.outflows.map(move('outflow')),
      ['outflow_total', '', '', '', '', '', String(st.outflowTotalYen)],
      ['closing_balance', st.endsOn, '', '', '', '', String(st.closingBalanceYen)],
    ];
    return csvDownload(res, `ip-fund-FY${q.fiscalYear}.csv`, IP_FUND_CSV_COLUMNS, records);
  }

  @Get('organisations/:organisationId/statement')
  @Roles('admin', 'cpo', 'finance', 'auditor', 'member')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary:
      "A funder's statement for a fiscal year: its contributions, invoiced, received and outstanding (members: their own only). format=csv gives one row per contribution, per project and the total (UTF-8 with BOM)",
  })
  @ApiOkResponse({ type: FunderStatementDto, description: 'JSON (format=json) or CSV (format=csv)' })
  @ApiErrors(400, 404)
  async statement(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('organisationId', UuidPipe) organisationId: string,
    @Query() q: FiscalYearReportQueryDto,
    @Res({ passthrough: true }) res: Reply,
  ) {
    if (isMember(actor) && actor.organisationId !== organisationId) throw organisationNotFound(organisationId);
    await this.platforms.get(actor, platformId);
    const [report, contributions] = await Promise.all([
      this.reports.reconciliation(platformId, q.fiscalYear, { organisationId }),
      this.contributions.list(actor, platformId, { fiscalYear: q.fiscalYear, organisationId, limit: 500, offset: 0 }),
    ]);
    if (q.format === 'json') {
      return {
        organisationId,
        fiscalYear: q.fiscalYear,
        byProject: jsonSafe(report.rows),
        total: jsonSafe(report.total),
        contributions: contributions.map(presentContribution),
      };
    }
    const codeOf = new Map(report.rows.map((r) => [r.projectId, r.projectCode]));
    const records = [
      ...contributions.map(({ contribution: c, invoicedYen, receivedYen, outstandingYen, reversal }) => [
        reversal ? 'contribution_reversed' : 'contribution',
        q.fiscalYear,
        codeOf.get(c.projectId) ?? '',
        c.id,
        c.invoicedOn,
        ...[c.directCostYen, c.overheadYen, c.standardOverheadYen, c.ipFundYen, invoicedYen, receivedYen, outstandingYen].map(String),
      ]),
      ...report.rows.map((r) => [
        'project_total',
        q.fiscalYear,
        r.projectCode,
        '',
        '',
        ...moneyCells(r),
      ]),
      [
        'total',
        q.fiscalYear,
        '',
        '',
        '',
        ...moneyCells(report.total),
      ],
    ];
    return csvDownload(res, `statement-FY${q.fiscalYear}.csv`, STATEMENT_CSV_COLUMNS, records);
  }
}

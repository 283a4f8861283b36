import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { csvDownload } from '../http/csv';
import type { Reply } from '../http/reply';
import { DataSource } from 'typeorm';
import { Actor } from '@app/access';
import { DomainError, mapLocated, parseYen, requestHash } from '@app/kernel';
import { BatchPostingCommand, LedgerService, PostedEntry, PostingCoalescer, STANDARD_ACCOUNTS } from '@app/ledger';
import { PlatformService } from '@app/platform';
import { ApiErrors } from '../http/api-errors.decorator';
import { CurrentActor, Roles } from '../http/auth.decorators';
import { FiscalYearReportQueryDto, OnDateQueryDto } from '../http/common.dto';
import { ApiIdempotencyKey, IdempotencyKey, markReplay } from '../http/idempotency';
import { UuidPipe } from '../http/uuid.pipe';
import { FiscalYearPipe } from '../http/fiscal-year.pipe';
import {
  AccountBalanceDto,
  BalancesDto,
  EntryQueryDto,
  FiscalPeriodDto,
  JournalEntryBatchDto,
  JournalEntryDto,
  ManualEntryBatchDto,
  ManualEntryDto,
  ReopenDto,
  ReverseEntryDto,
  TrialBalanceDto,
} from './ledger.dto';

const JOURNAL_CSV_COLUMNS = [
  'entryDate',
  'fiscalYear',
  'entryId',
  'kind',
  'description',
  'reversesEntryId',
  'sourceType',
  'sourceId',
  'accountCode',
  'accountName',
  'debitYen',
  'creditYen',
  'balanceAfterYen',
];
const TRIAL_BALANCE_CSV_COLUMNS = ['fiscalYear', 'periodStatus', 'accountCode', 'accountType', 'accountName', 'openingYen', 'debitsYen', 'creditsYen', 'closingYen'];

export function presentEntry(p: PostedEntry): JournalEntryDto {
  const { platformId: _p, createdByTokenId: _c, ...entry } = p.entry;
  return {
    ...entry,
    lines: p.lines.map((l) => ({
      accountCode: l.accountCode,
      accountName: l.accountName,
      amountYen: l.amount.toString(),
      balanceAfterYen: l.balanceAfter.toString(),
    })),
  };
}

const STANDARD_BY_CODE = new Map(STANDARD_ACCOUNTS.map((a) => [a.code, a]));

/** A manual entry as a posting: standard accounts may be created, any other code must exist. */
function manualPosting(platformId: string, key: string, dto: ManualEntryDto): BatchPostingCommand {
  const lines = dto.lines.map((l, i) => {
    if ((l.debitYen === undefined) === (l.creditYen === undefined)) {
      throw DomainError.validation('LEDGER.LINE_SIDE', 'each line has exactly one of debitYen and creditYen', { field: `lines[${i}]` });
    }
    const amount = l.debitYen ? parseYen(l.debitYen) : -parseYen(l.creditYen as string);
    return { account: STANDARD_BY_CODE.get(l.accountCode) ?? { code: l.accountCode }, amount };
  });
  const { entryDate, description } = dto;
  return {
    idempotencyKey: `manual:${key}`,
    // The same hash as a single posting of the same content, so a key names one entry on both endpoints.
    requestHash: requestHash({ op: 'ledger.manual', platformId, entryDate, description, lines: dto.lines }),
    entryDate,
    kind: 'manual',
    description,
    lines,
  };
}

@ApiTags('ledger')
@Controller('platforms/:platformId')
export class LedgerController {
  constructor(
    private readonly ledger: LedgerService,
    private readonly coalescer: PostingCoalescer,
    private readonly platforms: PlatformService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Post('ledger/entries')
  @Roles('admin', 'finance')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Post a manual journal entry (must balance; existing or standard accounts only)' })
  @ApiCreatedResponse({ type: JournalEntryDto })
  @ApiErrors(400, 404, 409)
  async post(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @IdempotencyKey() key: string,
    @Body() dto: ManualEntryDto,
    @Res({ passthrough: true }) res: Reply,
  ): Promise<JournalEntryDto> {
    // Written with the postings that arrive at the same time, in one statement (group commit).
    const posted = await this.coalescer.post(actor, platformId, manualPosting(platformId, key, dto));
    markReplay(res, posted.replayed);
    return presentEntry(posted);
  }

  @Post('ledger/entries/batch')
  @Roles('admin', 'finance')
  @ApiOperation({
    summary: 'Post many manual journal entries at once (all or none; each entry carries its own idempotency key)',
    description:
      'Up to 500 entries in one transaction. An entry whose key already posted the same content is replayed (replayed: true); ' +
      'a key used with other content refuses the whole batch (409 IDEMPOTENCY.KEY_REUSED naming the entry). 201 when anything ' +
      'was posted, 200 with Idempotent-Replayed: true when every entry was a replay.',
  })
  @ApiCreatedResponse({ type: JournalEntryBatchDto })
  @ApiErrors(400, 404, 409)
  async postBatch(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Body() dto: ManualEntryBatchDto,
    @Res({ passthrough: true }) res: Reply,
  ): Promise<JournalEntryBatchDto> {
    const cmds = mapLocated(dto.entries, (i) => `entries[${i}]`, (e) => manualPosting(platformId, e.idempotencyKey, e));
    const posted = await this.ledger.postBatch(this.dataSource.manager, actor, platformId, cmds);
    const replayed = posted.filter((p) => p.replayed).length;
    markReplay(res, replayed === posted.length);
    return {
      posted: posted.length - replayed,
      replayed,
      entries: posted.map((p) => ({ ...presentEntry(p), replayed: p.replayed })),
    };
  }

  @Get('ledger/entries')
  @Roles('admin', 'cpo', 'finance', 'auditor')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary:
      'Journal entries with their lines (oldest first, paged). format=csv exports every line of the entries the filters select (no paging; UTF-8 with BOM), e.g. a fiscal year for the accounting system',
  })
  @ApiOkResponse({ type: [JournalEntryDto], description: 'JSON (format=json) or CSV (format=csv)' })
  @ApiErrors(400, 404, 422)
  async entries(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Query() q: EntryQueryDto,
    @Res({ passthrough: true }) res: Reply,
  ): Promise<JournalEntryDto[] | string> {
    await this.platforms.get(actor, platformId);
    if (q.from && q.to && q.to < q.from) throw DomainError.validation('LEDGER.DATE_RANGE', 'to cannot be before from', { field: 'to' });
    if (q.format === 'json') return (await this.ledger.listEntries(platformId, q)).map(presentEntry);
    const lines = await this.ledger.exportLines(platformId, { fiscalYear: q.fiscalYear, from: q.from, to: q.to, accountCode: q.accountCode, sourceId: q.sourceId });
    const records = lines.map((l) => [
      l.entryDate,
      l.fiscalYear,
      l.entryId,
      l.kind,
      l.description,
      l.reversesEntryId ?? '',
      l.sourceType ?? '',
      l.sourceId ?? '',
      l.accountCode,
      l.accountName,
      l.amount > 0n ? l.amount.toString() : '',
      l.amount < 0n ? (-l.amount).toString() : '',
      l.balanceAfter.toString(),
    ]);
    return csvDownload(res, `journal${q.fiscalYear === undefined ? '' : `-FY${q.fiscalYear}`}.csv`, JOURNAL_CSV_COLUMNS, records);
  }

  @Get('ledger/entries/:entryId')
  @Roles('admin', 'cpo', 'finance', 'auditor')
  @ApiOperation({ summary: 'One journal entry' })
  @ApiOkResponse({ type: JournalEntryDto })
  @ApiErrors(400, 404)
  async entry(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('entryId', UuidPipe) entryId: string,
  ): Promise<JournalEntryDto> {
    await this.platforms.get(actor, platformId);
    return presentEntry(await this.ledger.getEntry(this.dataSource.manager, platformId, entryId));
  }

  @Post('ledger/entries/:entryId/reversal')
  @Roles('admin', 'finance')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Reverse an entry: a new entry negating every line, referencing the original' })
  @ApiCreatedResponse({ type: JournalEntryDto })
  @ApiErrors(400, 404, 409)
  async reverse(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('entryId', UuidPipe) entryId: string,
    @IdempotencyKey() key: string,
    @Body() dto: ReverseEntryDto,
    @Res({ passthrough: true }) res: Reply,
  ): Promise<JournalEntryDto> {
    const posted = await this.dataSource.transaction((em) =>
      this.ledger.reverse(em, actor, {
        platformId,
        entryId,
        entryDate: dto.entryDate,
        reason: dto.reason,
        idempotencyKey: `reversal:${key}`,
        requestHash: requestHash({ op: 'ledger.reverse', platformId, entryId, ...dto }),
      }),
    );
    markReplay(res, posted.replayed);
    return presentEntry(posted);
  }

  @Get('ledger/accounts')
  @Roles('admin', 'cpo', 'finance', 'auditor')
  @ApiOperation({ summary: 'Every account with its balance, now or at the end of a date' })
  @ApiOkResponse({ type: BalancesDto })
  @ApiErrors(400, 404)
  async balances(@CurrentActor() actor: Actor, @Param('platformId', UuidPipe) platformId: string, @Query() q: OnDateQueryDto): Promise<BalancesDto> {
    await this.platforms.get(actor, platformId);
    const balances = await this.ledger.balances(platformId, q.on);
    const accounts: AccountBalanceDto[] = balances.map(({ balance, ...a }) => ({ ...a, balanceYen: balance.toString() }));
    return { asOf: q.on ?? null, accounts, totalYen: balances.reduce((s, b) => s + b.balance, 0n).toString() };
  }

  @Get('ledger/trial-balance')
  @Roles('admin', 'cpo', 'finance', 'auditor')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary:
      "Trial balance of a fiscal year: each account's opening balance, the year's debits and credits and the closing balance, with totals. format=csv gives UTF-8 with BOM for Excel.",
  })
  @ApiOkResponse({ type: TrialBalanceDto, description: 'JSON (format=json) or CSV (format=csv)' })
  @ApiErrors(400, 404)
  async trialBalance(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Query() q: FiscalYearReportQueryDto,
    @Res({ passthrough: true }) res: Reply,
  ): Promise<TrialBalanceDto | string> {
    await this.platforms.get(actor, platformId);
    const tb = await this.ledger.trialBalance(platformId, q.fiscalYear);
    const yen = (f: { opening: bigint; debits: bigint; credits: bigint; closing: bigint }) => ({
      openingYen: f.opening.toString(),
      debitsYen: f.debits.toString(),
      creditsYen: f.credits.toString(),
      closingYen: f.closing.toString(),
    });
    const body: TrialBalanceDto = {
      fiscalYear: tb.fiscalYear,
      periodStatus: tb.periodStatus,
      accounts: tb.accounts.map((a) => ({ code: a.code, type: a.type, name: a.name, projectId: a.projectId, organisationId: a.organisationId, ...yen(a) })),
      totals: yen(tb.totals),
    };
    if (q.format === 'json') return body;
    const records = [
      ...body.accounts.map((a) => [q.fiscalYear, tb.periodStatus, a.code, a.type, a.name, a.openingYen, a.debitsYen, a.creditsYen, a.closingYen]),
      [q.fiscalYear, tb.periodStatus, 'total', '', '', body.totals.openingYen, body.totals.debitsYen, body.totals.creditsYen, body.totals.closingYen],
    ];
    return csvDownload(res, `trial-balance-FY${q.fiscalYear}.csv`, TRIAL_BALANCE_CSV_COLUMNS, records);
  }

  @Get('fiscal-periods')
  @Roles('admin', 'cpo', 'finance', 'auditor')
  @ApiOperation({ summary: 'Fiscal periods that have been posted to or closed (a year not listed is open)' })
  @ApiOkResponse({ type: [FiscalPeriodDto] })
  @ApiErrors(400, 404)
  async periods(@CurrentActor() actor: Actor, @Param('platformId', UuidPipe) platformId: string): Promise<FiscalPeriodDto[]> {
    await this.platforms.get(actor, platformId);
    return this.ledger.listPeriods(platformId);
  }

  @Post('fiscal-periods/:fiscalYear/close')
  @HttpCode(200)
  @Roles('admin', 'finance')
  @ApiOperation({ summary: 'Close a fiscal year: postings dated in it are refused from now on' })
  @ApiOkResponse({ type: FiscalPeriodDto })
  @ApiErrors(400, 404, 409)
  async close(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
  ): Promise<FiscalPeriodDto> {
    await this.platforms.get(actor, platformId);
    const { platformId: _p, ...p } = await this.ledger.closePeriod(actor, platformId, fiscalYear);
    return p;
  }

  @Post('fiscal-periods/:fiscalYear/reopen')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Reopen a closed fiscal year (admin only, with a reason; audited)' })
  @ApiOkResponse({ type: FiscalPeriodDto })
  @ApiErrors(400, 404, 409)
  async reopen(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('fiscalYear', FiscalYearPipe) fiscalYear: number,
    @Body() dto: ReopenDto,
  ): Promise<FiscalPeriodDto> {
    await this.platforms.get(actor, platformId);
    const { platformId: _p, ...p } = await this.ledger.reopenPeriod(actor, platformId, fiscalYear, dto.reason);
    return p;
  }
}

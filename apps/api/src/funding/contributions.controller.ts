import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Reply } from '../http/reply';
import { Actor } from '@app/access';
import { ContributionService, ContributionView, FundingSharesService } from '@app/funding';
import { parseYen } from '@app/kernel';
import { PlatformService } from '@app/platform';
import { ApiErrors } from '../http/api-errors.decorator';
import { CurrentActor, Roles } from '../http/auth.decorators';
import { ApiIdempotencyKey, IdempotencyKey, markReplay } from '../http/idempotency';
import { jsonSafe } from '../http/json-safe';
import { UuidPipe } from '../http/uuid.pipe';
import { ContributionDto, ContributionQueryDto, CreateContributionDto, CreateReceiptDto, FundingSharesDto, FundingSharesQueryDto, ReverseDto } from './funding.dto';

export function presentContribution(v: ContributionView): ContributionDto {
  const { requestHash: _hidden, idempotencyKey: _key, createdByTokenId: _by, ...c } = v.contribution;
  return jsonSafe({
    ...c,
    invoicedYen: v.invoicedYen,
    receivedYen: v.receivedYen,
    outstandingYen: v.outstandingYen,
    reversed: v.reversal !== null,
    receipts: v.receipts.map((r) => ({
      id: r.id,
      receivedOn: r.receivedOn,
      amountYen: r.amountYen,
      entryId: r.entryId,
      reversal: r.reversal && { reversedOn: r.reversal.reversedOn, reason: r.reversal.reason, entryId: r.reversal.entryId },
    })),
  });
}

@ApiTags('funding')
@Controller('platforms/:platformId')
export class ContributionsController {
  constructor(
    private readonly contributions: ContributionService,
    private readonly shares: FundingSharesService,
    private readonly platforms: PlatformService,
  ) {}

  @Post('contributions')
  @Roles('admin', 'finance')
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: "Record a contribution: overhead at the platform rate in force on the invoice date, split into ordinary overhead and the IP fund, posted to the ledger",
  })
  @ApiCreatedResponse({ type: ContributionDto })
  @ApiErrors(400, 404, 409, 422)
  async record(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @IdempotencyKey() key: string,
    @Body() dto: CreateContributionDto,
    @Res({ passthrough: true }) res: Reply,
  ): Promise<ContributionDto> {
    await this.platforms.get(actor, platformId);
    const view = await this.contributions.record(actor, platformId, key, {
      ...dto,
      directCostYen: parseYen(dto.directCostYen, 'directCostYen'),
    });
    markReplay(res, view.replayed);
    return presentContribution(view);
  }

  @Get('contributions')
  @Roles('admin', 'cpo', 'finance', 'auditor', 'member')
  @ApiOperation({ summary: 'List contributions (a member token sees only its own)' })
  @ApiOkResponse({ type: [ContributionDto] })
  @ApiErrors(400, 404)
  async list(@CurrentActor() actor: Actor, @Param('platformId', UuidPipe) platformId: string, @Query() q: ContributionQueryDto): Promise<ContributionDto[]> {
    await this.platforms.get(actor, platformId);
    return (await this.contributions.list(actor, platformId, q)).map(presentContribution);
  }

  @Get('contributions/:contributionId')
  @Roles('admin', 'cpo', 'finance', 'auditor', 'member')
  @ApiOperation({ summary: 'Read a contribution with its receipts' })
  @ApiOkResponse({ type: ContributionDto })
  @ApiErrors(400, 404)
  async get(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('contributionId', UuidPipe) contributionId: string,
  ): Promise<ContributionDto> {
    await this.platforms.get(actor, platformId);
    return presentContribution(await this.contributions.get(actor, platformId, contributionId));
  }

  @Post('contributions/:contributionId/receipts')
  @Roles('admin', 'finance')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Record money received against a contribution (bank ← receivable)' })
  @ApiCreatedResponse({ type: ContributionDto })
  @ApiErrors(400, 404, 409, 422)
  async receive(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('contributionId', UuidPipe) contributionId: string,
    @IdempotencyKey() key: string,
    @Body() dto: CreateReceiptDto,
    @Res({ passthrough: true }) res: Reply,
  ): Promise<ContributionDto> {
    const view = await this.contributions.receive(actor, platformId, contributionId, key, {
      receivedOn: dto.receivedOn,
      amountYen: dto.amountYen === undefined ? null : parseYen(dto.amountYen, 'amountYen'),
    });
    markReplay(res, view.replayed);
    return presentContribution(view);
  }

  @Post('contributions/:contributionId/receipts/:receiptId/reversal')
  @Roles('admin', 'finance')
  @ApiIdempotencyKey()
  @ApiOperation({
    summary:
      'Correct one receipt (recorded twice, the wrong amount): a reversal entry of its posting; the contribution stays invoiced and is outstanding again by that amount',
  })
  @ApiCreatedResponse({ type: ContributionDto })
  @ApiErrors(400, 404, 409)
  async reverseReceipt(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('contributionId', UuidPipe) contributionId: string,
    @Param('receiptId', UuidPipe) receiptId: string,
    @IdempotencyKey() key: string,
    @Body() dto: ReverseDto,
    @Res({ passthrough: true }) res: Reply,
  ): Promise<ContributionDto> {
    const view = await this.contributions.reverseReceipt(actor, platformId, contributionId, receiptId, key, dto);
    markReplay(res, view.replayed);
    return presentContribution(view);
  }

  @Post('contributions/:contributionId/reversal')
  @Roles('admin', 'finance')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Correct a contribution: reversing entries for its invoice and receipts (nothing is deleted)' })
  @ApiCreatedResponse({ type: ContributionDto })
  @ApiErrors(400, 404, 409)
  async reverse(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('contributionId', UuidPipe) contributionId: string,
    @IdempotencyKey() key: string,
    @Body() dto: ReverseDto,
    @Res({ passthrough: true }) res: Reply,
  ): Promise<ContributionDto> {
    const view = await this.contributions.reverse(actor, platformId, contributionId, key, dto);
    markReplay(res, view.replayed);
    return presentContribution(view);
  }

  @Get('funding-shares')
  @Roles('admin', 'cpo', 'finance', 'auditor', 'member')
  @ApiOperation({
    summary: 'Funding shares per project, company and fiscal year (kept current by a background job; says when computed and whether stale)',
  })
  @ApiOkResponse({ type: FundingSharesDto })
  @ApiErrors(400, 404)
  async fundingShares(@CurrentActor() actor: Actor, @Param('platformId', UuidPipe) platformId: string, @Query() q: FundingSharesQueryDto): Promise<FundingSharesDto> {
    await this.platforms.get(actor, platformId);
    const { status, shares } = await this.shares.read(actor, platformId, q);
    const member = actor.role === 'member';
    return {
      computedAt: status.computedAt,
      stale: status.stale,
      shares: shares.map((s) => ({
        projectId: s.projectId,
        organisationId: s.organisationId,
        fiscalYear: s.fiscalYear,
        contributedYen: s.contributedYen.toString(),
        // A member must not learn other companies' money: the project's total stays hidden.
        ...(member ? {} : { projectCompanyTotalYen: s.projectCompanyTotalYen.toString() }),
        shareBp: Number((s.contributedYen * 10_000n) / s.projectCompanyTotalYen),
      })),
    };
  }
}

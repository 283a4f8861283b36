import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Reply } from '../http/reply';
import { Actor } from '@app/access';
import { parseYen } from '@app/kernel';
import { PatentCostsService } from '@app/patents';
import { PlatformService } from '@app/platform';
import { ApiErrors } from '../http/api-errors.decorator';
import { CurrentActor, Roles } from '../http/auth.decorators';
import { ApiIdempotencyKey, IdempotencyKey, markReplay } from '../http/idempotency';
import { UuidPipe } from '../http/uuid.pipe';
import {
  ApproveCostDto,
  CancelCostDto,
  CreatePatentCostDto,
  GenerateCostsDto,
  GeneratedCostsDto,
  PatentCostDto,
  PayCostDto,
  ReverseCostDto,
} from './patent-costs.dto';
import { presentCost } from './present';

@ApiTags('patent costs')
@Controller('platforms/:platformId/ip-assets/:assetId/filings/:filingId/costs')
export class PatentCostsController {
  constructor(
    private readonly costs: PatentCostsService,
    private readonly platforms: PlatformService,
  ) {}

  @Post()
  @Roles('admin', 'cpo', 'finance')
  @ApiIdempotencyKey()
  @ApiOperation({
    summary:
      'Record a cost of a filing (office currency and yen at the rate on the due date); its payers are computed at once',
  })
  @ApiCreatedResponse({ type: PatentCostDto })
  @ApiErrors(400, 404, 409, 422)
  async create(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('assetId', UuidPipe) assetId: string,
    @Param('filingId', UuidPipe) filingId: string,
    @IdempotencyKey() key: string,
    @Body() dto: CreatePatentCostDto,
    @Res({ passthrough: true }) res: Reply,
  ): Promise<PatentCostDto> {
    await this.platforms.get(actor, platformId);
    const view = await this.costs.create(actor, platformId, assetId, filingId, key, {
      ...dto,
      amount: parseYen(dto.amount, 'amount'),
    });
    markReplay(res, view.replayed);
    return presentCost(view);
  }

  @Post('generate')
  @Roles('admin', 'cpo', 'finance')
  @ApiOperation({
    summary:
      'Plan the official annual fees due up to a date from the fee schedules (one cost per fee year; re-running adds only new ones)',
  })
  @ApiCreatedResponse({ type: GeneratedCostsDto })
  @ApiErrors(400, 404, 422)
  async generate(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('assetId', UuidPipe) assetId: string,
    @Param('filingId', UuidPipe) filingId: string,
    @Body() dto: GenerateCostsDto,
  ): Promise<GeneratedCostsDto> {
    await this.platforms.get(actor, platformId);
    const result = await this.costs.generate(actor, platformId, assetId, filingId, dto.upToDate);
    return { created: result.created.map(presentCost), alreadyPlanned: result.alreadyPlanned };
  }

  @Get()
  @Roles('admin', 'cpo', 'finance', 'auditor')
  @ApiOperation({ summary: "A filing's costs with their current payers" })
  @ApiOkResponse({ type: [PatentCostDto] })
  @ApiErrors(400, 404)
  async list(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('assetId', UuidPipe) assetId: string,
    @Param('filingId', UuidPipe) filingId: string,
  ): Promise<PatentCostDto[]> {
    await this.platforms.get(actor, platformId);
    return (await this.costs.list(platformId, assetId, filingId)).map(presentCost);
  }

  @Get(':costId')
  @Roles('admin', 'cpo', 'finance', 'auditor')
  @ApiOperation({ summary: 'A cost with its payers and actions' })
  @ApiOkResponse({ type: PatentCostDto })
  @ApiErrors(400, 404)
  async get(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('assetId', UuidPipe) assetId: string,
    @Param('filingId', UuidPipe) filingId: string,
    @Param('costId', UuidPipe) costId: string,
  ): Promise<PatentCostDto> {
    await this.platforms.get(actor, platformId);
    return presentCost(await this.costs.get(platformId, assetId, filingId, costId));
  }

  @Post(':costId/approve')
  @Roles('admin', 'finance')
  @ApiIdempotencyKey()
  @ApiOperation({
    summary:
      'Approve for payment: one balanced entry, payers (IP fund, company receivable, project budget) ← patent_costs_payable',
  })
  @ApiCreatedResponse({ type: PatentCostDto })
  @ApiErrors(400, 404, 409, 422)
  async approve(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('assetId', UuidPipe) assetId: string,
    @Param('filingId', UuidPipe) filingId: string,
    @Param('costId', UuidPipe) costId: string,
    @IdempotencyKey() key: string,
    @Body() dto: ApproveCostDto,
    @Res({ passthrough: true }) res: Reply,
  ): Promise<PatentCostDto> {
    const view = await this.costs.approve(
      actor,
      { platformId, assetId, filingId, costId },
      key,
      dto,
    );
    markReplay(res, view.replayed);
    return presentCost(view);
  }

  @Post(':costId/pay')
  @Roles('admin', 'finance')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Pay an approved cost: patent_costs_payable ← bank' })
  @ApiCreatedResponse({ type: PatentCostDto })
  @ApiErrors(400, 404, 409)
  async pay(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('assetId', UuidPipe) assetId: string,
    @Param('filingId', UuidPipe) filingId: string,
    @Param('costId', UuidPipe) costId: string,
    @IdempotencyKey() key: string,
    @Body() dto: PayCostDto,
    @Res({ passthrough: true }) res: Reply,
  ): Promise<PatentCostDto> {
    const view = await this.costs.pay(actor, { platformId, assetId, filingId, costId }, key, dto);
    markReplay(res, view.replayed);
    return presentCost(view);
  }

  @Post(':costId/reversal')
  @Roles('admin', 'finance')
  @ApiIdempotencyKey()
  @ApiOperation({
    summary:
      'Correct a paid cost: reversing entries for its payment and approval (nothing is deleted)',
  })
  @ApiCreatedResponse({ type: PatentCostDto })
  @ApiErrors(400, 404, 409)
  async reverse(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('assetId', UuidPipe) assetId: string,
    @Param('filingId', UuidPipe) filingId: string,
    @Param('costId', UuidPipe) costId: string,
    @IdempotencyKey() key: string,
    @Body() dto: ReverseCostDto,
    @Res({ passthrough: true }) res: Reply,
  ): Promise<PatentCostDto> {
    const view = await this.costs.reverse(
      actor,
      { platformId, assetId, filingId, costId },
      key,
      dto,
    );
    markReplay(res, view.replayed);
    return presentCost(view);
  }

  @Post(':costId/cancel')
  @Roles('admin', 'cpo', 'finance')
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Cancel a cost not yet paid (an approved one has its approval reversed)',
  })
  @ApiCreatedResponse({ type: PatentCostDto })
  @ApiErrors(400, 404, 409)
  async cancel(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('assetId', UuidPipe) assetId: string,
    @Param('filingId', UuidPipe) filingId: string,
    @Param('costId', UuidPipe) costId: string,
    @IdempotencyKey() key: string,
    @Body() dto: CancelCostDto,
    @Res({ passthrough: true }) res: Reply,
  ): Promise<PatentCostDto> {
    const view = await this.costs.cancel(
      actor,
      { platformId, assetId, filingId, costId },
      key,
      dto,
    );
    markReplay(res, view.replayed);
    return presentCost(view);
  }
}

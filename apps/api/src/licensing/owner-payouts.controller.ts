import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Reply } from '../http/reply';
import { Actor, isMember } from '@app/access';
import { parseYen } from '@app/kernel';
import { OwnerPayoutView, OwnerPayoutsService } from '@app/licensing';
import { organisationNotFound } from '@app/membership';
import { PlatformService } from '@app/platform';
import { ApiErrors } from '../http/api-errors.decorator';
import { CurrentActor, Roles } from '../http/auth.decorators';
import { ApiIdempotencyKey, IdempotencyKey, markReplay } from '../http/idempotency';
import { jsonSafe } from '../http/json-safe';
import { UuidPipe } from '../http/uuid.pipe';
import { CreateOwnerPayoutDto } from './licensing.dto';

function presentPayout(p: OwnerPayoutView) {
  const { idempotencyKey: _k, createdByTokenId: _by, ...shown } = p;
  return jsonSafe(shown);
}

@ApiTags('licensing')
@Controller('platforms/:platformId/organisations/:organisationId/owner-payouts')
export class OwnerPayoutsController {
  constructor(
    private readonly payouts: OwnerPayoutsService,
    private readonly platforms: PlatformService,
  ) {}

  @Post()
  @Roles('admin', 'finance')
  @ApiIdempotencyKey()
  @ApiOperation({
    summary:
      "Pay an owner from its share of licence income: payable:owner ← bank, at most what is owed on the payment date and every later day",
  })
  @ApiCreatedResponse({ description: 'the payout, with the journal entry that settled it' })
  @ApiErrors(400, 404, 409, 422)
  async pay(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('organisationId', UuidPipe) organisationId: string,
    @IdempotencyKey() key: string,
    @Body() dto: CreateOwnerPayoutDto,
    @Res({ passthrough: true }) res: Reply,
  ) {
    await this.platforms.get(actor, platformId);
    const { payout, replayed } = await this.payouts.pay(actor, platformId, organisationId, key, {
      paidOn: dto.paidOn,
      amountYen: parseYen(dto.amountYen, 'amountYen'),
      note: dto.note,
    });
    markReplay(res, replayed);
    return presentPayout(payout);
  }

  @Get()
  @Roles('admin', 'cpo', 'finance', 'auditor', 'member')
  @ApiOperation({ summary: "An owner's payouts, what was paid and what is still owed (members: own only)" })
  @ApiOkResponse({ description: '{organisationId, payableYen, paidOutYen, payouts}' })
  @ApiErrors(400, 404)
  async list(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('organisationId', UuidPipe) organisationId: string,
  ) {
    if (isMember(actor) && actor.organisationId !== organisationId) throw organisationNotFound(organisationId);
    await this.platforms.get(actor, platformId);
    const all = await this.payouts.list(platformId, organisationId);
    return jsonSafe({ ...all, payouts: all.payouts.map(presentPayout) });
  }
}

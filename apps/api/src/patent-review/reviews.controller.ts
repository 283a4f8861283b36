import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@app/access';
import { EntitlementsService } from '@app/entitlements';
import { EntitlementHolder, EntitlementHolderLookup, PatentReviewService, parseRatesParam } from '@app/patents';
import { PlatformService } from '@app/platform';
import { ApiErrors } from '../http/api-errors.decorator';
import { CurrentActor, Roles } from '../http/auth.decorators';
import { jsonSafe } from '../http/json-safe';
import { UuidPipe } from '../http/uuid.pipe';
import {
  AcceptOfferDto,
  CloseOfferDto,
  CreateReviewDecisionDto,
  ReviewQueueQueryDto,
} from './patent-review.dto';

@ApiTags('patent forecasts and reviews')
@Controller('platforms/:platformId/reviews')
export class ReviewsController {
  constructor(
    private readonly reviews: PatentReviewService,
    private readonly platforms: PlatformService,
    private readonly entitlements: EntitlementsService,
  ) {}

  /** Holders of commercial rights per asset, from the entitlement engine (usable rights only). */
  private holdersLookup(platformId: string): EntitlementHolderLookup {
    return async (assetIds, on) => {
      const result = new Map<string, EntitlementHolder[]>();
      for (const assetId of assetIds) {
        const page = await this.entitlements.forAsset(platformId, assetId, { purpose: 'commercial', on, limit: 10_000, offset: 0 });
        result.set(
          assetId,
          page.items
            .filter((a) => a.right === 'free' || a.right === 'discounted' || a.right === 'standard')
            .map((a) => ({ organisationId: a.organisationId, right: a.right, discountBp: a.discountBp, ruleId: a.reason.ruleId })),
        );
      }
      return result;
    };
  }

  @Get('queue')
  @Roles('admin', 'cpo', 'finance', 'auditor')
  @ApiOperation({
    summary:
      'Maintain/abandon review queue (S4): filings whose next fee falls due within the window, with cost to date, the fees due, licensing, co-owners and shares, the holders of commercial rights, the last decision and any open takeover offer',
  })
  @ApiOkResponse({ description: 'asOf, until, entries[], notes[]' })
  @ApiErrors(400, 404, 422)
  async queue(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Query() q: ReviewQueueQueryDto,
  ) {
    await this.platforms.get(actor, platformId);
    return jsonSafe(
      await this.reviews.queue(platformId, {
        withinDays: q.withinDays ?? 90,
        asOf: q.asOf,
        rates: parseRatesParam(q.rates),
        entitlementHolders: this.holdersLookup(platformId),
      }),
    );
  }

  @Post()
  @Roles('admin', 'cpo')
  @ApiOperation({
    summary:
      'Record a maintain or abandon decision (append-only, audited). Abandon: a sole-owned filing becomes abandoned on decidedOn; a co-owned one is first offered to the other co-owners until decidedOn + offerDays (default 60).',
  })
  @ApiCreatedResponse({ description: 'decision, offer (or null), filingStatus' })
  @ApiErrors(400, 404, 409, 422)
  async decide(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Body() dto: CreateReviewDecisionDto,
  ) {
    await this.platforms.get(actor, platformId);
    return jsonSafe(await this.reviews.decide(actor, platformId, dto));
  }

  @Post('offers/:offerId/accept')
  @HttpCode(200)
  @Roles('admin', 'cpo', 'member')
  @ApiOperation({
    summary:
      "A co-owner takes the filing over: the asset's ownership moves to it (new ownership version from acceptedOn) and the filing stays alive. The CPO records it for the co-owner, or a member token of that co-owner accepts for itself (another organisation's id: 404).",
  })
  @ApiOkResponse({ description: 'offer, filingStatus, ownership' })
  @ApiErrors(400, 404, 409, 422)
  async accept(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('offerId', UuidPipe) offerId: string,
    @Body() dto: AcceptOfferDto,
  ) {
    await this.platforms.get(actor, platformId);
    return jsonSafe(await this.reviews.acceptOffer(actor, platformId, offerId, dto));
  }

  @Post('offers/:offerId/close')
  @HttpCode(200)
  @Roles('admin', 'cpo')
  @ApiOperation({
    summary:
      'The deadline passed without a taker: close the offer and abandon the filing on closedOn (after the deadline)',
  })
  @ApiOkResponse({ description: 'offer, filingStatus' })
  @ApiErrors(400, 404, 409, 422)
  async close(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('offerId', UuidPipe) offerId: string,
    @Body() dto: CloseOfferDto,
  ) {
    await this.platforms.get(actor, platformId);
    return jsonSafe(await this.reviews.closeOffer(actor, platformId, offerId, dto));
  }
}

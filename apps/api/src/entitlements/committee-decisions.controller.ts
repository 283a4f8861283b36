import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@app/access';
import { CommitteeDecisionService } from '@app/entitlements';
import { PlatformService } from '@app/platform';
import { ApiErrors } from '../http/api-errors.decorator';
import { CurrentActor, Roles } from '../http/auth.decorators';
import { UuidPipe } from '../http/uuid.pipe';
import { CreateCommitteeDecisionDto, HolderAcceptanceDto, HolderResearchConsentDto } from './entitlements.dto';

/** Steering-committee decisions on background IP and the holder's consents (Nagoya table). */
@ApiTags('entitlements')
@Controller('platforms/:platformId/ip-assets/:assetId')
export class CommitteeDecisionsController {
  constructor(
    private readonly decisions: CommitteeDecisionService,
    private readonly platforms: PlatformService,
  ) {}

  @Post('committee-decisions')
  @Roles('admin', 'cpo')
  @ApiOperation({ summary: "Records the steering committee's terms for a background asset's business licence, and the holder's acceptance" })
  @ApiErrors(400, 404, 422)
  async create(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('assetId', UuidPipe) assetId: string,
    @Body() dto: CreateCommitteeDecisionDto,
  ) {
    await this.platforms.get(actor, platformId);
    return this.decisions.record(actor, platformId, assetId, dto);
  }

  @Post('committee-decisions/:decisionId/holder-acceptance')
  @HttpCode(200)
  @Roles('admin', 'cpo')
  @ApiOperation({ summary: "Records the holder's acceptance of a decision's terms (from that day they apply)" })
  @ApiErrors(400, 404, 409, 422)
  async accept(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('assetId', UuidPipe) assetId: string,
    @Param('decisionId', UuidPipe) decisionId: string,
    @Body() dto: HolderAcceptanceDto,
  ) {
    await this.platforms.get(actor, platformId);
    return this.decisions.accept(actor, platformId, assetId, decisionId, dto.acceptedOn);
  }

  @Get('committee-decisions')
  @Roles('admin', 'cpo', 'finance', 'auditor')
  @ApiOperation({ summary: 'Decisions on the asset, oldest first, with the holder acceptance' })
  @ApiErrors(404)
  async list(@CurrentActor() actor: Actor, @Param('platformId', UuidPipe) platformId: string, @Param('assetId', UuidPipe) assetId: string) {
    await this.platforms.get(actor, platformId);
    return this.decisions.list(platformId, assetId);
  }

  @Post('holder-research-consents')
  @Roles('admin', 'cpo')
  @ApiOperation({ summary: 'The holder of a background asset accepts (or withdraws) research use inside the consortium, from a date' })
  @ApiErrors(400, 404, 422)
  async researchConsent(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('assetId', UuidPipe) assetId: string,
    @Body() dto: HolderResearchConsentDto,
  ) {
    await this.platforms.get(actor, platformId);
    return this.decisions.setResearchConsent(actor, platformId, assetId, dto);
  }
}

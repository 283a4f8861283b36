import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@app/access';
import { CommonsService } from '@app/metrics';
import { PlatformService } from '@app/platform';
import { ApiErrors } from '../http/api-errors.decorator';
import { CurrentActor, Roles } from '../http/auth.decorators';
import { UuidPipe } from '../http/uuid.pipe';
import { ResearchUseDto } from './commons.dto';

@ApiTags('research commons')
@Controller()
export class ResearchUsesController {
  constructor(
    private readonly commons: CommonsService,
    private readonly platforms: PlatformService,
  ) {}

  @Post('commons/assets/:assetId/research-uses')
  @Roles('admin', 'cpo', 'member')
  @ApiOperation({
    summary:
      "Registers an institution's research use of a commons asset (no licence needed; tells the holder). Member tokens register for their own organisation, which need not belong to the platform; staff name organisationId. Domestic (JP) institutions only.",
  })
  @ApiErrors(400, 404, 409, 422)
  async register(
    @CurrentActor() actor: Actor,
    @Param('assetId', UuidPipe) assetId: string,
    @Body() body: ResearchUseDto,
  ) {
    return this.commons.registerUse(actor, assetId, body);
  }

  @Get('platforms/:platformId/ip-assets/:assetId/research-uses')
  @Roles('admin', 'cpo', 'finance', 'auditor', 'member')
  @ApiOperation({
    summary:
      'Who registered research use of an asset: staff, or a member whose organisation owns the asset today (others: 404)',
  })
  @ApiErrors(400, 404)
  async list(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('assetId', UuidPipe) assetId: string,
  ) {
    await this.platforms.get(actor, platformId);
    return this.commons.usesForHolder(actor, platformId, assetId);
  }
}

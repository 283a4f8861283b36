import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@app/access';
import { PatentCostsService } from '@app/patents';
import { PlatformService } from '@app/platform';
import { ApiErrors } from '../http/api-errors.decorator';
import { CurrentActor, Roles } from '../http/auth.decorators';
import { jsonSafe } from '../http/json-safe';
import { UuidPipe } from '../http/uuid.pipe';
import { CostBillsDto, CostBillsQueryDto } from './patent-costs.dto';

@ApiTags('patent costs')
@Controller('platforms/:platformId/organisations/:organisationId/cost-bills')
export class CostBillsController {
  constructor(
    private readonly costs: PatentCostsService,
    private readonly platforms: PlatformService,
  ) {}

  @Get()
  @Roles('admin', 'cpo', 'finance', 'auditor', 'member')
  @ApiOperation({
    summary:
      "Patent costs charged to an organisation (a member token: its own organisation only), by the due date's fiscal year",
  })
  @ApiOkResponse({ type: CostBillsDto })
  @ApiErrors(400, 404)
  async bills(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('organisationId', UuidPipe) organisationId: string,
    @Query() q: CostBillsQueryDto,
  ): Promise<CostBillsDto> {
    await this.platforms.get(actor, platformId);
    const { status, bills, totalYen } = await this.costs.bills(
      actor,
      platformId,
      organisationId,
      q.fiscalYear,
    );
    return {
      computedAt: status.computedAt,
      stale: status.stale,
      bills: jsonSafe(bills),
      totalYen: totalYen.toString(),
    };
  }
}

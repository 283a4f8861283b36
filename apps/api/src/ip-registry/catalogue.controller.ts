import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@app/access';
import { todayInJapan } from '@app/kernel';
import { IpAssetService } from '@app/patents';
import { PlatformService } from '@app/platform';
import { ApiErrors } from '../http/api-errors.decorator';
import { CurrentActor, Roles } from '../http/auth.decorators';
import { UuidPipe } from '../http/uuid.pipe';
import { CatalogueEntryDto, CatalogueQueryDto, presentCatalogueEntry } from './ip-asset.dto';

@ApiTags('ip registry')
@Controller('platforms/:platformId/catalogue')
export class CatalogueController {
  constructor(
    private readonly assets: IpAssetService,
    private readonly platforms: PlatformService,
  ) {}

  @Get()
  @Roles('admin', 'cpo', 'finance', 'auditor', 'member')
  @ApiOperation({
    summary:
      "The pool's catalogue for members: pooled assets only, with owners' names (never shares), no abstract for confidential assets, no inventors, projects or drafts",
  })
  @ApiOkResponse({ type: [CatalogueEntryDto] })
  @ApiErrors(400, 404)
  async list(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Query() q: CatalogueQueryDto,
  ): Promise<CatalogueEntryDto[]> {
    await this.platforms.get(actor, platformId);
    return (await this.assets.catalogue(platformId, q, todayInJapan())).map(presentCatalogueEntry);
  }
}

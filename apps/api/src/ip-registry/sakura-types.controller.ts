import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@app/access';
import { SakuraTypeService } from '@app/patents';
import { ApiErrors } from '../http/api-errors.decorator';
import { CurrentActor, Roles } from '../http/auth.decorators';
import { SakuraTypeDto, UpdateSakuraTypeDto, presentSakuraType } from './sakura-type.dto';
import { SakuraTypePipe } from './sakura-type.pipe';

@ApiTags('ip registry')
@Controller('sakura-types')
export class SakuraTypesController {
  constructor(private readonly types: SakuraTypeService) {}

  @Get()
  @Roles('admin', 'cpo', 'finance', 'auditor', 'member')
  @ApiOperation({
    summary:
      'The Sakura Tool types (さくらツール 類型0–10): who owns the foreground IP an agreement produces, and the other party’s rights',
  })
  @ApiOkResponse({ type: [SakuraTypeDto] })
  async list(): Promise<SakuraTypeDto[]> {
    return (await this.types.list()).map(presentSakuraType);
  }

  @Patch(':type')
  @Roles('admin')
  @ApiOperation({
    summary:
      "Edit a Sakura type's terms (admin). Types 9–10 always; types 0–8 only while unverified (409 SAKURA.TYPE_VERIFIED once checked against MEXT's tool). The groups of 0–8 and the co-owned terms of 7–8 are fixed by the seed (409 SAKURA.FIXED_BY_SOURCE). Existing assets keep their terms.",
  })
  @ApiOkResponse({ type: SakuraTypeDto })
  @ApiErrors(400, 404, 409)
  async update(
    @CurrentActor() actor: Actor,
    @Param('type', SakuraTypePipe) type: number,
    @Body() dto: UpdateSakuraTypeDto,
  ): Promise<SakuraTypeDto> {
    return presentSakuraType(await this.types.update(actor, type, dto));
  }
}

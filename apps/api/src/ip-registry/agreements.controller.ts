import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@app/access';
import { AgreementService } from '@app/patents';
import { PlatformService } from '@app/platform';
import { ApiErrors } from '../http/api-errors.decorator';
import { CurrentActor, Roles } from '../http/auth.decorators';
import { UuidPipe } from '../http/uuid.pipe';
import {
  AgreementDto,
  AgreementQueryDto,
  CreateAgreementDto,
  presentAgreement,
} from './agreement.dto';

@ApiTags('ip registry')
@Controller('platforms/:platformId/agreements')
export class AgreementsController {
  constructor(
    private readonly agreements: AgreementService,
    private readonly platforms: PlatformService,
  ) {}

  @Post()
  @Roles('admin', 'cpo')
  @ApiOperation({
    summary:
      'Record a joint-research agreement of a project under a Sakura type; its parties must take part in the project',
  })
  @ApiOkResponse({ type: AgreementDto })
  @ApiErrors(400, 404, 422)
  async create(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Body() dto: CreateAgreementDto,
  ): Promise<AgreementDto> {
    return presentAgreement(await this.agreements.create(actor, platformId, dto));
  }

  @Get()
  @Roles('admin', 'cpo', 'finance', 'auditor')
  @ApiOperation({ summary: "List the platform's joint-research agreements" })
  @ApiOkResponse({ type: [AgreementDto] })
  @ApiErrors(400, 404)
  async list(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Query() q: AgreementQueryDto,
  ): Promise<AgreementDto[]> {
    await this.platforms.get(actor, platformId);
    return (await this.agreements.list(platformId, q.projectId)).map(presentAgreement);
  }

  @Get(':agreementId')
  @Roles('admin', 'cpo', 'finance', 'auditor')
  @ApiOperation({ summary: 'Read an agreement' })
  @ApiOkResponse({ type: AgreementDto })
  @ApiErrors(400, 404)
  async get(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('agreementId', UuidPipe) agreementId: string,
  ): Promise<AgreementDto> {
    await this.platforms.get(actor, platformId);
    return presentAgreement(await this.agreements.get(platformId, agreementId));
  }
}

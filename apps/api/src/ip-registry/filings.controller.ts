import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@app/access';
import { IpFilingService } from '@app/patents';
import { PlatformService } from '@app/platform';
import { ApiErrors } from '../http/api-errors.decorator';
import { CurrentActor, Roles } from '../http/auth.decorators';
import { UuidPipe } from '../http/uuid.pipe';
import {
  ChangeFilingStatusDto,
  CreateFilingDto,
  FilingDto,
  FilingStatusChangeDto,
  UpdateFilingDto,
  presentFiling,
  presentStatusChange,
} from './filing.dto';

@ApiTags('ip registry')
@Controller('platforms/:platformId/ip-assets/:assetId/filings')
export class FilingsController {
  constructor(
    private readonly filings: IpFilingService,
    private readonly platforms: PlatformService,
  ) {}

  @Post()
  @Roles('admin', 'cpo')
  @ApiOperation({
    summary:
      'Add a filing of the asset at one office (JP, PCT, US, EP, CN, KR, …). A national phase entry names its PCT filing as parentFilingId. Existing filings may be registered mid-life (e.g. granted).',
  })
  @ApiCreatedResponse({ type: FilingDto })
  @ApiErrors(400, 404, 409, 422)
  async create(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('assetId', UuidPipe) assetId: string,
    @Body() dto: CreateFilingDto,
  ): Promise<FilingDto> {
    return presentFiling((await this.filings.create(actor, platformId, assetId, dto)).filing);
  }

  @Get()
  @Roles('admin', 'cpo', 'finance', 'auditor')
  @ApiOperation({ summary: "The asset's filings" })
  @ApiOkResponse({ type: [FilingDto] })
  @ApiErrors(400, 404)
  async list(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('assetId', UuidPipe) assetId: string,
  ): Promise<FilingDto[]> {
    await this.platforms.get(actor, platformId);
    return (await this.filings.list(platformId, assetId)).map((v) => presentFiling(v.filing));
  }

  @Get(':filingId')
  @Roles('admin', 'cpo', 'finance', 'auditor')
  @ApiOperation({ summary: 'Read a filing, with the statuses it may move to next' })
  @ApiOkResponse({ type: FilingDto })
  @ApiErrors(400, 404)
  async get(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('assetId', UuidPipe) assetId: string,
    @Param('filingId', UuidPipe) filingId: string,
  ): Promise<FilingDto> {
    await this.platforms.get(actor, platformId);
    return presentFiling((await this.filings.get(platformId, assetId, filingId)).filing);
  }

  @Patch(':filingId')
  @Roles('admin', 'cpo')
  @ApiOperation({
    summary:
      "Correct or complete a filing's numbers and dates (its status changes through POST …/status)",
  })
  @ApiOkResponse({ type: FilingDto })
  @ApiErrors(400, 404, 409)
  async update(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('assetId', UuidPipe) assetId: string,
    @Param('filingId', UuidPipe) filingId: string,
    @Body() dto: UpdateFilingDto,
  ): Promise<FilingDto> {
    return presentFiling(
      (await this.filings.update(actor, platformId, assetId, filingId, dto)).filing,
    );
  }

  @Post(':filingId/status')
  @HttpCode(200)
  @Roles('admin', 'cpo')
  @ApiOperation({
    summary:
      'Move the filing to its next status on a date (drafted → filed → examination_requested → granted → lapsed/abandoned/expired; US has no examination request; PCT: filed → lapsed). Refused transitions: 409 FILING.INVALID_TRANSITION with details.allowed. Every change is kept in the status history.',
  })
  @ApiOkResponse({ type: FilingDto })
  @ApiErrors(400, 404, 409, 422)
  async changeStatus(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('assetId', UuidPipe) assetId: string,
    @Param('filingId', UuidPipe) filingId: string,
    @Body() dto: ChangeFilingStatusDto,
  ): Promise<FilingDto> {
    return presentFiling(
      (await this.filings.changeStatus(actor, platformId, assetId, filingId, dto)).filing,
    );
  }

  @Get(':filingId/status-history')
  @Roles('admin', 'cpo', 'finance', 'auditor')
  @ApiOperation({
    summary: "The filing's status changes, oldest first, with dates and who recorded them",
  })
  @ApiOkResponse({ type: [FilingStatusChangeDto] })
  @ApiErrors(400, 404)
  async history(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('assetId', UuidPipe) assetId: string,
    @Param('filingId', UuidPipe) filingId: string,
  ): Promise<FilingStatusChangeDto[]> {
    await this.platforms.get(actor, platformId);
    return (await this.filings.history(platformId, assetId, filingId)).map(presentStatusChange);
  }
}

import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { Actor } from '@app/access';
import { todayInJapan } from '@app/kernel';
import { IpAssetImportService, IpAssetService } from '@app/patents';
import { PlatformService } from '@app/platform';
import { ApiErrors } from '../http/api-errors.decorator';
import { CurrentActor, Roles } from '../http/auth.decorators';
import { OnDateQueryDto } from '../http/common.dto';
import { ErrorBodyDto } from '../http/error-body.dto';
import { UuidPipe } from '../http/uuid.pipe';
import {
  CreateIpAssetDto,
  ImportIpAssetsDto,
  ImportResultDto,
  ImportRowErrorDto,
  IpAssetDetailDto,
  IpAssetDto,
  IpAssetQueryDto,
  OwnershipVersionDto,
  SetOwnersDto,
  UpdateIpAssetDto,
  presentImport,
  presentIpAsset,
  presentIpAssetView,
  presentOwnership,
} from './ip-asset.dto';

@ApiTags('ip registry')
@ApiExtraModels(ImportRowErrorDto)
@Controller('platforms/:platformId/ip-assets')
export class IpAssetsController {
  constructor(
    private readonly assets: IpAssetService,
    private readonly importer: IpAssetImportService,
    private readonly platforms: PlatformService,
  ) {}

  @Post()
  @Roles('admin', 'cpo')
  @ApiOperation({
    summary:
      'Register an IP asset (patent family). Foreground: from a project, optionally under an agreement whose Sakura type sets the initial owners (when none are given) and the other parties’ options. Background: brought in by a member (its holder). Owners’ shares add up to 10000 bp.',
  })
  @ApiCreatedResponse({ type: IpAssetDetailDto })
  @ApiErrors(400, 404, 409, 422)
  async create(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Body() dto: CreateIpAssetDto,
  ): Promise<IpAssetDetailDto> {
    return presentIpAssetView(await this.assets.create(actor, platformId, dto));
  }

  @Post('import')
  @Roles('admin', 'cpo')
  @ApiOperation({
    summary:
      'Import IP assets from CSV (JSON body {csv}). All or nothing: every row is checked first; if any row is bad nothing is imported and the answer is 422 IMPORT.INVALID_ROWS with details.errors = [{row, field, code, message}]. Columns: docs/ip-registry.md.',
  })
  @ApiCreatedResponse({ type: ImportResultDto })
  @ApiUnprocessableEntityResponse({
    description:
      'IMPORT.INVALID_ROWS: nothing was imported; details.errors lists every problem of every row',
    schema: {
      allOf: [
        { $ref: getSchemaPath(ErrorBodyDto) },
        {
          properties: {
            details: {
              properties: {
                rows: { type: 'integer' },
                invalidRows: { type: 'integer' },
                errors: { type: 'array', items: { $ref: getSchemaPath(ImportRowErrorDto) } },
              },
            },
          },
        },
      ],
    },
  })
  @ApiErrors(400, 404)
  async import(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Body() dto: ImportIpAssetsDto,
  ): Promise<ImportResultDto> {
    return presentImport(await this.importer.importCsv(actor, platformId, dto.csv));
  }

  @Get()
  @Roles('admin', 'cpo', 'finance', 'auditor')
  @ApiOperation({ summary: "List the platform's IP assets (staff; members use the catalogue)" })
  @ApiOkResponse({ type: [IpAssetDto] })
  @ApiErrors(400, 404)
  async list(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Query() q: IpAssetQueryDto,
  ): Promise<IpAssetDto[]> {
    await this.platforms.get(actor, platformId);
    return (await this.assets.list(platformId, q)).map(presentIpAsset);
  }

  @Get(':assetId')
  @Roles('admin', 'cpo', 'finance', 'auditor')
  @ApiOperation({
    summary:
      'Read an IP asset with inventors, options, filings and the owners in force on a date (?on=, default today)',
  })
  @ApiOkResponse({ type: IpAssetDetailDto })
  @ApiErrors(400, 404)
  async get(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('assetId', UuidPipe) assetId: string,
    @Query() q: OnDateQueryDto,
  ): Promise<IpAssetDetailDto> {
    await this.platforms.get(actor, platformId);
    return presentIpAssetView(await this.assets.get(platformId, assetId, q.on ?? todayInJapan()));
  }

  @Patch(':assetId')
  @Roles('admin', 'cpo')
  @ApiOperation({
    summary:
      "Edit an asset's reference, title, abstract, IPC and flags (pooled, researchCommons, confidential). Origin and owners change elsewhere or never.",
  })
  @ApiOkResponse({ type: IpAssetDto })
  @ApiErrors(400, 404, 409)
  async update(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('assetId', UuidPipe) assetId: string,
    @Body() dto: UpdateIpAssetDto,
  ): Promise<IpAssetDto> {
    return presentIpAsset(await this.assets.update(actor, platformId, assetId, dto));
  }

  @Get(':assetId/owners')
  @Roles('admin', 'cpo', 'finance', 'auditor')
  @ApiOperation({
    summary:
      'The owners and shares in force on a date (?on=, default today); 404 OWNERSHIP.NONE_IN_FORCE before the first version',
  })
  @ApiOkResponse({ type: OwnershipVersionDto })
  @ApiErrors(400, 404)
  async owners(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('assetId', UuidPipe) assetId: string,
    @Query() q: OnDateQueryDto,
  ): Promise<OwnershipVersionDto> {
    await this.platforms.get(actor, platformId);
    return presentOwnership(
      await this.assets.ownershipOn(platformId, assetId, q.on ?? todayInJapan()),
    );
  }

  @Get(':assetId/owners/history')
  @Roles('admin', 'cpo', 'finance', 'auditor')
  @ApiOperation({ summary: 'Every ownership version of the asset, oldest first' })
  @ApiOkResponse({ type: [OwnershipVersionDto] })
  @ApiErrors(400, 404)
  async ownersHistory(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('assetId', UuidPipe) assetId: string,
  ): Promise<OwnershipVersionDto[]> {
    await this.platforms.get(actor, platformId);
    return (await this.assets.ownershipHistory(platformId, assetId)).map(presentOwnership);
  }

  @Put(':assetId/owners')
  @Roles('admin', 'cpo')
  @ApiOperation({
    summary:
      'Record new owners from a date (co-ownership change, 持分譲渡): writes a new ownership version after the latest one; earlier versions are kept. Shares add up to 10000 bp.',
  })
  @ApiOkResponse({ type: OwnershipVersionDto })
  @ApiErrors(400, 404, 409)
  async setOwners(
    @CurrentActor() actor: Actor,
    @Param('platformId', UuidPipe) platformId: string,
    @Param('assetId', UuidPipe) assetId: string,
    @Body() dto: SetOwnersDto,
  ): Promise<OwnershipVersionDto> {
    return presentOwnership(await this.assets.setOwners(actor, platformId, assetId, dto));
  }
}

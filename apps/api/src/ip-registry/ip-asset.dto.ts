import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  CONSIDERATIONS,
  CatalogueEntry,
  IP_ASSET_ORIGINS,
  IP_FILING_STATUSES,
  ImportedRow,
  IpAsset,
  IpAssetInventor,
  IpAssetOption,
  IpAssetView,
  MAX_CSV_ROWS,
  NON_OWNER_RIGHTS,
  OwnershipVersionView,
  REFERENCE_PATTERN,
} from '@app/patents';
import { PageQueryDto } from '../http/common.dto';
import { IsLocalDate } from '../http/is-local-date';
import { FilingDto, presentFiling } from './filing.dto';
import { IsIpc, IsPresentOrAbsent, QueryBoolean } from './registry-validators';

export class OwnerShareDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organisationId: string;

  @ApiProperty({
    minimum: 1,
    maximum: 10000,
    example: 5000,
    description: 'share (共有持分) in basis points; all shares add up to exactly 10000',
  })
  @IsInt()
  @Min(1)
  @Max(10000)
  shareBp: number;
}

export class InventorInputDto {
  @ApiProperty({ example: '山田 太郎' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the organisation the inventor belongs to' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

export class CreateIpAssetDto {
  @ApiPropertyOptional({
    example: 'TP-2026-001',
    description: "the pool's docket number (整理番号), unique on the platform",
  })
  @IsOptional()
  @IsString()
  @Matches(REFERENCE_PATTERN, { message: 'reference is 1–50 letters, digits, . _ / -' })
  reference?: string;

  @ApiProperty({ example: '固体電解質界面の形成方法' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title: string;

  @ApiPropertyOptional({
    example: '硫化物系固体電解質と正極活物質の界面に…',
    description: 'hidden from the members’ catalogue when confidential',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  abstract?: string;

  @ApiProperty({
    example: 'H01M 10/052',
    description: 'main IPC symbol: subclass (H01M) or group (H01M 10/052)',
  })
  @IsString()
  @IsIpc()
  technologyField: string;

  @ApiProperty({
    enum: IP_ASSET_ORIGINS,
    description:
      'foreground: created in a project of the platform; background: brought in by a member',
  })
  @IsIn(IP_ASSET_ORIGINS)
  origin: (typeof IP_ASSET_ORIGINS)[number];

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'foreground: the project it comes from (required)',
  })
  @IsOptional()
  @IsUUID()
  projectId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "foreground: the project's agreement it was made under; without owners, its Sakura type sets them",
  })
  @IsOptional()
  @IsUUID()
  agreementId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'background: the member that brings it in (required); owns 100% unless owners are given',
  })
  @IsOptional()
  @IsUUID()
  holderOrganisationId?: string;

  @ApiPropertyOptional({
    type: [OwnerShareDto],
    description:
      'initial owners; shares add up to 10000 bp. Left out: from the agreement (foreground) or the holder (background)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => OwnerShareDto)
  owners?: OwnerShareDto[];

  @ApiPropertyOptional({ type: [InventorInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => InventorInputDto)
  inventors?: InventorInputDto[];

  @ApiPropertyOptional({
    default: false,
    description: 'in the platform’s IP pool (shown in the members’ catalogue)',
  })
  @IsOptional()
  @IsBoolean()
  pooled?: boolean;

  @ApiPropertyOptional({
    default: false,
    description: 'opted into the Research Patent Commons (free research use)',
  })
  @IsOptional()
  @IsBoolean()
  researchCommons?: boolean;

  @ApiPropertyOptional({
    default: false,
    description: 'the abstract is hidden from the members’ catalogue',
  })
  @IsOptional()
  @IsBoolean()
  confidential?: boolean;

  @ApiPropertyOptional({
    example: '2026-06-01',
    description:
      'when the asset came into being; the first ownership version starts then. Default: filedOn, else today',
  })
  @IsOptional()
  @IsLocalDate()
  createdOn?: string;

  @ApiPropertyOptional({
    example: '2026-07-15',
    description:
      "application date of the family's first filing if already filed; option periods run from it",
  })
  @IsOptional()
  @IsLocalDate()
  filedOn?: string;
}

export class UpdateIpAssetDto {
  @ApiPropertyOptional({ nullable: true, type: String, example: 'TP-2026-001' })
  @IsOptional()
  @IsString()
  @Matches(REFERENCE_PATTERN, { message: 'reference is 1–50 letters, digits, . _ / -' })
  reference?: string | null;

  @ApiPropertyOptional()
  @IsPresentOrAbsent()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  abstract?: string | null;

  @ApiPropertyOptional({ example: 'H01M 10/0562' })
  @IsPresentOrAbsent()
  @IsString()
  @IsIpc()
  technologyField?: string;

  @ApiPropertyOptional()
  @IsPresentOrAbsent()
  @IsBoolean()
  pooled?: boolean;

  @ApiPropertyOptional()
  @IsPresentOrAbsent()
  @IsBoolean()
  researchCommons?: boolean;

  @ApiPropertyOptional()
  @IsPresentOrAbsent()
  @IsBoolean()
  confidential?: boolean;
}

export class SetOwnersDto {
  @ApiProperty({
    example: '2027-04-01',
    description: 'the new owners hold from this date; it must be after the latest version',
  })
  @IsLocalDate()
  effectiveFrom: string;

  @ApiProperty({ type: [OwnerShareDto], description: 'shares add up to exactly 10000 bp' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => OwnerShareDto)
  owners: OwnerShareDto[];

  @ApiPropertyOptional({
    example: 'Kitakami Materials took over the university’s share (持分譲渡)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class IpAssetQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  pooled?: boolean;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  researchCommons?: boolean;

  @ApiPropertyOptional({ enum: IP_ASSET_ORIGINS })
  @IsOptional()
  @IsIn(IP_ASSET_ORIGINS)
  origin?: (typeof IP_ASSET_ORIGINS)[number];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  projectId?: string;

  @ApiPropertyOptional({
    example: 'H01M',
    description: 'IPC prefix: section (H), class (H01), subclass (H01M) or full symbol',
  })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  technologyField?: string;
}

export class CatalogueQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    type: Boolean,
    description: 'only assets in (or out of) the Research Patent Commons',
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  researchCommons?: boolean;

  @ApiPropertyOptional({
    example: 'H01M',
    description: 'IPC prefix: section (H), class (H01), subclass (H01M) or full symbol',
  })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  technologyField?: string;
}

export class ImportIpAssetsDto {
  @ApiProperty({
    description: `the CSV text, UTF-8, header row first, at most ${MAX_CSV_ROWS} rows (columns: see docs/ip-registry.md)`,
    example:
      'title,technologyField,origin,project,owners\n固体電解質の製造方法,H01M 10/0562,foreground,P-1,青葉大学:10000\n',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5_000_000)
  csv: string;
}

export class IpAssetDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) platformId: string;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) abstract: string | null;
  @ApiProperty({ example: 'H01M 10/052' }) technologyField: string;
  @ApiProperty({ enum: IP_ASSET_ORIGINS }) origin: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) projectId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) agreementId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) holderOrganisationId:
    string | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: "the agreement's Sakura type when the asset was created",
  })
  sakuraType: number | null;
  @ApiProperty({ nullable: true, type: Boolean }) priorConsentThirdPartyLicence: boolean | null;
  @ApiProperty({ nullable: true, type: Boolean }) exclusivityFee: boolean | null;
  @ApiProperty({ description: 'the initial owners came from the agreement’s Sakura type' })
  ownersFromAgreement: boolean;
  @ApiProperty() pooled: boolean;
  @ApiProperty() researchCommons: boolean;
  @ApiProperty() confidential: boolean;
  @ApiProperty() createdOn: string;
  @ApiProperty({ nullable: true, type: String }) filedOn: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class InventorDto {
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organisationId: string | null;
}

export class AssetOptionDto {
  @ApiProperty({ format: 'uuid', description: 'the party that holds the right' })
  organisationId: string;
  @ApiProperty() sakuraType: number;
  @ApiProperty({ enum: NON_OWNER_RIGHTS }) right: string;
  @ApiProperty({ enum: CONSIDERATIONS }) consideration: string;
  @ApiProperty({ nullable: true, type: Number }) optionPeriodMonths: number | null;
  @ApiProperty({ description: 'filing date, or creation date when not filed yet' })
  startsOn: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'last day an option may be exercised; null for licences',
  })
  endsOn: string | null;
}

export class OwnerDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ example: 5000 }) shareBp: number;
}

export class OwnershipVersionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ example: '2026-06-01' }) effectiveFrom: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: [OwnerDto] }) owners: OwnerDto[];
}

export class IpAssetDetailDto extends IpAssetDto {
  @ApiProperty({ type: [InventorDto] }) inventors: InventorDto[];
  @ApiProperty({
    type: [AssetOptionDto],
    description: "non-owners' rights from the agreement's Sakura type",
  })
  options: AssetOptionDto[];
  @ApiProperty({
    type: OwnershipVersionDto,
    nullable: true,
    description: 'the owners in force on ownershipOn',
  })
  ownership: OwnershipVersionDto | null;
  @ApiProperty({ example: '2027-01-15' }) ownershipOn: string;
  @ApiProperty({ type: [FilingDto] }) filings: FilingDto[];
}

export class CatalogueOwnerDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
}

export class CatalogueFilingDto {
  @ApiProperty({ example: 'JP' }) jurisdiction: string;
  @ApiProperty({ enum: IP_FILING_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String }) registrationNumber: string | null;
  @ApiProperty({ nullable: true, type: String }) grantDate: string | null;
}

export class CatalogueEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String, description: 'null for confidential assets' })
  abstract: string | null;
  @ApiProperty() confidential: boolean;
  @ApiProperty() technologyField: string;
  @ApiProperty({ enum: IP_ASSET_ORIGINS }) origin: string;
  @ApiProperty() researchCommons: boolean;
  @ApiProperty({ type: [CatalogueOwnerDto], description: 'owners in force today, without shares' })
  owners: CatalogueOwnerDto[];
  @ApiProperty({
    type: [CatalogueFilingDto],
    description: 'filings made at an office (drafts left out)',
  })
  filings: CatalogueFilingDto[];
}

export class ImportedRowDto {
  @ApiProperty({ example: 2, description: 'CSV row (the header is row 1)' }) row: number;
  @ApiProperty({ format: 'uuid' }) assetId: string;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) filingId: string | null;
}

export class ImportResultDto {
  @ApiProperty({ example: 12 }) imported: number;
  @ApiProperty({ type: [ImportedRowDto] }) rows: ImportedRowDto[];
}

/** Shape of each item of `details.errors` in a 422 IMPORT.INVALID_ROWS response. */
export class ImportRowErrorDto {
  @ApiProperty({ example: 3, description: 'CSV row (the header is row 1)' }) row: number;
  @ApiProperty({ example: 'owners', description: 'the CSV column' }) field: string;
  @ApiProperty({ example: 'OWNERSHIP.SHARES_NOT_10000' }) code: string;
  @ApiProperty({ example: "owners' shares must add up to exactly 10000 basis points, not 9000" })
  message: string;
}

export function presentIpAsset(a: IpAsset): IpAssetDto {
  const { createdByTokenId: _by, ...rest } = a;
  return rest;
}

function presentInventor(i: IpAssetInventor): InventorDto {
  return { name: i.name, organisationId: i.organisationId };
}

function presentOption(o: IpAssetOption): AssetOptionDto {
  const { assetId: _a, ...rest } = o;
  return rest;
}

export function presentOwnership(v: OwnershipVersionView): OwnershipVersionDto {
  return { ...v, owners: v.owners.map((o) => ({ ...o })) };
}

export function presentIpAssetView(v: IpAssetView): IpAssetDetailDto {
  return {
    ...presentIpAsset(v.asset),
    inventors: v.inventors.map(presentInventor),
    options: v.options.map(presentOption),
    ownership: v.ownership ? presentOwnership(v.ownership) : null,
    ownershipOn: v.ownershipOn,
    filings: v.filings.map(presentFiling),
  };
}

export function presentCatalogueEntry(e: CatalogueEntry): CatalogueEntryDto {
  return e;
}

export function presentImport(rows: ImportedRow[]): ImportResultDto {
  return { imported: rows.length, rows };
}

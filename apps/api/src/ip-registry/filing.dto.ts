import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
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
} from 'class-validator';
import {
  IP_FILING_STATUSES,
  IpFiling,
  IpFilingStatus,
  IpFilingStatusChange,
  USPTO_ENTITY_STATUSES,
  UsptoEntityStatus,
  nextFilingStatuses,
} from '@app/patents';
import { IsLocalDate } from '../http/is-local-date';

const JURISDICTION = /^(PCT|[A-Z]{2})$/;

export class CreateFilingDto {
  @ApiProperty({
    example: 'JP',
    description: 'PCT, or a two-letter office code: JP, US, EP, CN, KR, … (ISO 3166 / WIPO ST.3)',
  })
  @IsString()
  @Matches(JURISDICTION, {
    message: 'jurisdiction is PCT or a two-letter upper-case office code such as JP, US, EP',
  })
  jurisdiction: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'national phase entry: the PCT filing of the same asset it comes from',
  })
  @IsOptional()
  @IsUUID()
  parentFilingId?: string;

  @ApiPropertyOptional({ example: '特願2026-123456' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  applicationNumber?: string;

  @ApiPropertyOptional({ example: '2026-07-15' })
  @IsOptional()
  @IsLocalDate()
  applicationDate?: string;

  @ApiPropertyOptional({ example: '2026-07-15' })
  @IsOptional()
  @IsLocalDate()
  priorityDate?: string;

  @ApiPropertyOptional({ example: '2029-03-01' })
  @IsOptional()
  @IsLocalDate()
  grantDate?: string;

  @ApiPropertyOptional({
    example: '特許第7654321号',
    description: 'registration / patent number once granted',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  registrationNumber?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 9999, example: 12 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9999)
  claimsCount?: number;

  @ApiPropertyOptional({
    enum: USPTO_ENTITY_STATUSES,
    description: 'US filings only (default standard)',
  })
  @IsOptional()
  @IsIn(USPTO_ENTITY_STATUSES)
  entityStatus?: UsptoEntityStatus;

  @ApiPropertyOptional({
    enum: IP_FILING_STATUSES,
    description:
      'status to register it with (existing filings: any non-terminal status reachable in its jurisdiction); default drafted, or filed with an application date',
  })
  @IsOptional()
  @IsIn(IP_FILING_STATUSES)
  status?: IpFilingStatus;

  @ApiPropertyOptional({
    example: '2026-07-15',
    description: 'since when it has that status; default grant date, application date or today',
  })
  @IsOptional()
  @IsLocalDate()
  statusEffectiveOn?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class UpdateFilingDto {
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  applicationNumber?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsLocalDate()
  applicationDate?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsLocalDate()
  priorityDate?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsLocalDate()
  grantDate?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  registrationNumber?: string | null;

  @ApiPropertyOptional({ nullable: true, type: Number, minimum: 1, maximum: 9999 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9999)
  claimsCount?: number | null;

  @ApiPropertyOptional({
    enum: USPTO_ENTITY_STATUSES,
    nullable: true,
    description: 'US filings only',
  })
  @IsOptional()
  @IsIn(USPTO_ENTITY_STATUSES)
  entityStatus?: UsptoEntityStatus | null;
}

export class ChangeFilingStatusDto {
  @ApiProperty({ enum: IP_FILING_STATUSES, example: 'examination_requested' })
  @IsIn(IP_FILING_STATUSES)
  status: IpFilingStatus;

  @ApiProperty({
    example: '2027-06-01',
    description: 'date the change took effect; not before the current status’s date',
  })
  @IsLocalDate()
  effectiveOn: string;

  @ApiPropertyOptional({ example: '審査請求 (request for examination) filed by the attorney' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class FilingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) platformId: string;
  @ApiProperty({ format: 'uuid' }) assetId: string;
  @ApiProperty({ example: 'JP' }) jurisdiction: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentFilingId: string | null;
  @ApiProperty({ nullable: true, type: String }) applicationNumber: string | null;
  @ApiProperty({ nullable: true, type: String }) applicationDate: string | null;
  @ApiProperty({ nullable: true, type: String }) priorityDate: string | null;
  @ApiProperty({ nullable: true, type: String }) grantDate: string | null;
  @ApiProperty({ nullable: true, type: String }) registrationNumber: string | null;
  @ApiProperty({ nullable: true, type: Number }) claimsCount: number | null;
  @ApiProperty({ enum: USPTO_ENTITY_STATUSES, nullable: true }) entityStatus: string | null;
  @ApiProperty({ enum: IP_FILING_STATUSES }) status: string;
  @ApiProperty({ example: '2026-07-15' }) statusEffectiveOn: string;
  @ApiProperty({
    enum: IP_FILING_STATUSES,
    isArray: true,
    description: 'statuses it may move to next',
  })
  nextStatuses: string[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class FilingStatusChangeDto {
  @ApiProperty({ example: '17' }) id: string;
  @ApiProperty({
    enum: IP_FILING_STATUSES,
    nullable: true,
    description: 'null: the status it was registered with',
  })
  fromStatus: string | null;
  @ApiProperty({ enum: IP_FILING_STATUSES }) toStatus: string;
  @ApiProperty({ example: '2027-06-01' }) effectiveOn: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorTokenId: string | null;
  @ApiProperty() actorLabel: string;
  @ApiProperty() recordedAt: Date;
}

export function presentFiling(f: IpFiling): FilingDto {
  const { createdByTokenId: _by, ...rest } = f;
  return { ...rest, nextStatuses: nextFilingStatuses(f.jurisdiction, f.status) };
}

export function presentStatusChange(c: IpFilingStatusChange): FilingStatusChangeDto {
  const { filingId: _f, ...rest } = c;
  return rest;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { PURPOSES, Purpose, RIGHTS, Right } from '@app/entitlements';
import { PageQueryDto } from '../http/common.dto';
import { IsLocalDate } from '../http/is-local-date';

const ON = { example: '2027-01-15', description: 'as of this date (YYYY-MM-DD); default today in Japan' };

export class RightsCheckQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'the member asked about; a member token defaults to its own organisation' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  assetId: string;

  @ApiProperty({ enum: PURPOSES })
  @IsIn(PURPOSES)
  purpose: Purpose;

  @ApiPropertyOptional(ON)
  @IsOptional()
  @IsLocalDate()
  on?: string;
}

export class MemberRightsQueryDto extends PageQueryDto {
  @ApiPropertyOptional(ON)
  @IsOptional()
  @IsLocalDate()
  on?: string;

  @ApiPropertyOptional({ enum: PURPOSES, description: 'default: both purposes' })
  @IsOptional()
  @IsIn(PURPOSES)
  purpose?: Purpose;

  @ApiPropertyOptional({ format: 'uuid', description: "only the foreground IP of this project" })
  @IsOptional()
  @IsUUID()
  projectId?: string;

  @ApiPropertyOptional({ example: 'H01M', description: 'IPC prefix of the technology field' })
  @IsOptional()
  @Matches(/^[A-H][0-9A-Z /]{0,20}$/)
  technologyField?: string;

  @ApiPropertyOptional({ enum: RIGHTS })
  @IsOptional()
  @IsIn(RIGHTS)
  right?: Right;
}

export class AssetRightsQueryDto extends PageQueryDto {
  @ApiProperty({ enum: PURPOSES })
  @IsIn(PURPOSES)
  purpose: Purpose = 'commercial';

  @ApiPropertyOptional(ON)
  @IsOptional()
  @IsLocalDate()
  on?: string;
}

export class MatrixQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PURPOSES, description: 'default: both purposes' })
  @IsOptional()
  @IsIn(PURPOSES)
  purpose?: Purpose;

  @ApiPropertyOptional(ON)
  @IsOptional()
  @IsLocalDate()
  on?: string;
}

const TERMS = ['free', 'discounted', 'standard', 'none'] as const;

export class CreateCommitteeDecisionDto {
  @ApiProperty({ example: '2026-10-01' })
  @IsLocalDate()
  decidedOn: string;

  @ApiProperty({ enum: TERMS, description: 'terms of the business licence' })
  @IsIn(TERMS)
  right: (typeof TERMS)[number];

  @ApiPropertyOptional({ minimum: 1, maximum: 9999, description: 'for discounted terms: discount on the standard royalty' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9999)
  discountBp?: number;

  @ApiPropertyOptional({ default: false, description: 'the holder accepted the terms (Nagoya: the holder respects the decision)' })
  @IsOptional()
  @IsBoolean()
  holderAccepted?: boolean;

  @ApiPropertyOptional({ example: '2026-10-05', description: 'default: the decision day' })
  @IsOptional()
  @IsLocalDate()
  holderAcceptedOn?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the member the terms are for; left out = every member' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class HolderAcceptanceDto {
  @ApiProperty({ example: '2026-10-05' })
  @IsLocalDate()
  acceptedOn: string;
}

export class HolderResearchConsentDto {
  @ApiProperty({ description: 'the holder accepts research use inside the consortium' })
  @IsBoolean()
  consents: boolean;

  @ApiProperty({ example: '2026-04-01' })
  @IsLocalDate()
  effectiveFrom: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

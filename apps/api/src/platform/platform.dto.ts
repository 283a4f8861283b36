import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
import { BENEFITS, Benefit } from '@app/platform';
import { IsLocalDate } from '../http/is-local-date';

export class MemberClassRuleDto {
  @ApiProperty({ example: 'S' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,20}$/)
  code: string;

  @ApiProperty({ example: '3000', description: 'inclusive minimum: share in bp (0–10000) or yen, as a decimal string' })
  @IsString()
  @Matches(/^(0|[1-9]\d{0,18})$/, { message: 'minimum must be a whole number written as a string' })
  minimum: string;

  @ApiProperty({ enum: BENEFITS })
  @IsIn(BENEFITS)
  benefit: Benefit;

  @ApiPropertyOptional({ example: 5000, description: 'discount on the standard royalty, for discount classes' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9999)
  discountBp?: number;
}

export class MemberClassRulesDto {
  @ApiProperty({ enum: ['project', 'platform'], description: "compare against one project's or the platform's company funding" })
  @IsIn(['project', 'platform'])
  basis: 'project' | 'platform';

  @ApiProperty({ enum: ['fiscal_year', 'cumulative'] })
  @IsIn(['fiscal_year', 'cumulative'])
  window: 'fiscal_year' | 'cumulative';

  @ApiProperty({ enum: ['share_bp', 'amount_yen'] })
  @IsIn(['share_bp', 'amount_yen'])
  thresholdKind: 'share_bp' | 'amount_yen';

  @ApiProperty({ type: [MemberClassRuleDto], description: 'highest class first' })
  @ValidateNested({ each: true })
  @Type(() => MemberClassRuleDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  classes: MemberClassRuleDto[];
}

export class CostBearingRulesDto {
  @ApiProperty({ enum: ['ip_fund'] })
  @IsIn(['ip_fund'])
  pooledForeground: 'ip_fund';

  @ApiProperty({ enum: ['company_pays_all', 'by_share'], description: 'patents co-filed with a company (Nagoya: that company pays)' })
  @IsIn(['company_pays_all', 'by_share'])
  coFiledWithCompany: 'company_pays_all' | 'by_share';

  @ApiProperty({ enum: ['by_share'] })
  @IsIn(['by_share'])
  multipleOwners: 'by_share';

  @ApiProperty({ enum: ['holder'] })
  @IsIn(['holder'])
  background: 'holder';

  @ApiProperty({ description: "charge patent costs to the project's direct cost during its term (JST rule)" })
  @IsBoolean()
  chargeProjectDirectCostDuringTerm: boolean;
}

export class PolicyTermsDto {
  @ApiPropertyOptional({ example: 2000, description: 'platform overhead rate in bp (20% = 2000)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  overheadRateBp?: number;

  @ApiPropertyOptional({ example: 1000, description: "the university's ordinary overhead rate in bp; the rest goes to the IP fund" })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  standardOverheadRateBp?: number;

  @ApiPropertyOptional({ type: MemberClassRulesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => MemberClassRulesDto)
  memberClassRules?: MemberClassRulesDto;

  @ApiPropertyOptional({ type: CostBearingRulesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CostBearingRulesDto)
  costBearingRules?: CostBearingRulesDto;
}

export class CreatePolicyVersionDto extends PolicyTermsDto {
  @ApiProperty({ example: '2027-04-01', description: 'must be after the latest version' })
  @IsLocalDate()
  effectiveFrom: string;

  @ApiPropertyOptional({ example: 'Steering committee decision 2027-02' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CreatePlatformDto {
  @ApiProperty({ example: '次世代材料共創プラットフォーム' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;

  @ApiProperty({ format: 'uuid', description: 'a university, research agency or TLO; it becomes the lead member' })
  @IsUUID()
  leadInstitutionId: string;

  @ApiProperty({ example: '2026-04-01' })
  @IsLocalDate()
  establishedOn: string;

  @ApiPropertyOptional({ example: 4, default: 4, description: 'first month of the fiscal year (Japan: April)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(12)
  fiscalYearStartMonth?: number;

  @ApiPropertyOptional({ type: PolicyTermsDto, description: 'policy version 1, effective on establishedOn; DOMAIN defaults where omitted' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PolicyTermsDto)
  policy?: PolicyTermsDto;
}

export class PlatformDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) leadInstitutionId: string;
  @ApiProperty({ example: 4 }) fiscalYearStartMonth: number;
  @ApiProperty({ example: '2026-04-01' }) establishedOn: string;
  @ApiProperty() createdAt: Date;
}

export class PolicyVersionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) platformId: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ example: '2026-04-01' }) effectiveFrom: string;
  @ApiProperty({ example: 2000 }) overheadRateBp: number;
  @ApiProperty({ example: 1000 }) standardOverheadRateBp: number;
  @ApiProperty({ type: MemberClassRulesDto }) memberClassRules: MemberClassRulesDto;
  @ApiProperty({ type: CostBearingRulesDto }) costBearingRules: CostBearingRulesDto;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() createdAt: Date;
}

export class CreatedPlatformDto extends PlatformDto {
  @ApiProperty({ type: PolicyVersionDto }) policy: PolicyVersionDto;
}

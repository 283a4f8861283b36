import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  CONSIDERATIONS,
  Consideration,
  NON_OWNER_RIGHTS,
  NonOwnerRight,
  OWNER_RULES,
  OwnerRule,
  SAKURA_GROUPS,
  SakuraGroup,
  SakuraType,
} from '@app/patents';
import { IsPresentOrAbsent } from './registry-validators';

export class SakuraTypeDto {
  @ApiProperty({ minimum: 0, maximum: 10, example: 7 }) type: number;
  @ApiProperty({ example: '類型7（共有）' }) name: string;
  @ApiProperty({
    enum: SAKURA_GROUPS,
    description: 'university_owned 0–3, company_owned 4–6, co_owned 7–8, consortium 9–10',
  })
  group: string;
  @ApiProperty({
    enum: OWNER_RULES,
    description: 'who owns the foreground IP an agreement of this type produces',
  })
  ownerRule: string;
  @ApiProperty({
    nullable: true,
    type: Number,
    example: 5000,
    description: "co-owned types: the university's share in bp; the companies split the rest",
  })
  defaultUniversityShareBp: number | null;
  @ApiProperty({
    enum: NON_OWNER_RIGHTS,
    description:
      "the non-owner's right: the companies' (university- and co-owned types) or the university's (company-owned)",
  })
  nonOwnerRight: string;
  @ApiProperty({ enum: CONSIDERATIONS }) consideration: string;
  @ApiProperty({
    nullable: true,
    type: Number,
    example: 12,
    description: 'option rights: months from filing (or creation) the option may be exercised',
  })
  optionPeriodMonths: number | null;
  @ApiProperty({ description: 'co-owners consent in advance to licences to third parties (7–8)' })
  priorConsentThirdPartyLicence: boolean;
  @ApiProperty({ description: 'a company wanting exclusivity pays a fee (7–8)' })
  exclusivityFee: boolean;
  @ApiProperty({
    description:
      "checked against MEXT's published tool; verified types 0–8 can no longer be edited",
  })
  verified: boolean;
  @ApiProperty({
    description:
      'whether an admin may edit this type now (types 9–10 always; 0–8 while unverified)',
  })
  editable: boolean;
  @ApiProperty({ description: 'where the values come from and what was checked' })
  sourceNote: string;
  @ApiProperty() updatedAt: Date;
}

export function presentSakuraType(t: SakuraType): SakuraTypeDto {
  return { ...t, editable: t.type >= 9 || !t.verified };
}

export class UpdateSakuraTypeDto {
  @ApiPropertyOptional({ example: '類型9（コンソーシアム）' })
  @IsPresentOrAbsent()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({
    enum: SAKURA_GROUPS,
    description: 'only types 9–10: the groups of 0–8 are fixed by MEXT (S3)',
  })
  @IsPresentOrAbsent()
  @IsIn(SAKURA_GROUPS)
  group?: SakuraGroup;

  @ApiPropertyOptional({ enum: OWNER_RULES })
  @IsPresentOrAbsent()
  @IsIn(OWNER_RULES)
  ownerRule?: OwnerRule;

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    minimum: 1,
    maximum: 9999,
    description: 'required for co-owned rules, null otherwise',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9999)
  defaultUniversityShareBp?: number | null;

  @ApiPropertyOptional({ enum: NON_OWNER_RIGHTS })
  @IsPresentOrAbsent()
  @IsIn(NON_OWNER_RIGHTS)
  nonOwnerRight?: NonOwnerRight;

  @ApiPropertyOptional({ enum: CONSIDERATIONS })
  @IsPresentOrAbsent()
  @IsIn(CONSIDERATIONS)
  consideration?: Consideration;

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    minimum: 1,
    maximum: 120,
    description: 'required for option rights, null for licences',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  optionPeriodMonths?: number | null;

  @ApiPropertyOptional()
  @IsPresentOrAbsent()
  @IsBoolean()
  priorConsentThirdPartyLicence?: boolean;

  @ApiPropertyOptional()
  @IsPresentOrAbsent()
  @IsBoolean()
  exclusivityFee?: boolean;

  @ApiPropertyOptional({
    description: "set true once checked against MEXT's published tool (types 0–8 then freeze)",
  })
  @IsPresentOrAbsent()
  @IsBoolean()
  verified?: boolean;

  @ApiPropertyOptional({ description: 'what the values were checked against' })
  @IsPresentOrAbsent()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  sourceNote?: string;
}

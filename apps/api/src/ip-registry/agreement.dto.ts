import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { AgreementView } from '@app/patents';
import { IsLocalDate } from '../http/is-local-date';

export class CreateAgreementDto {
  @ApiProperty({
    format: 'uuid',
    description: 'the project the agreement covers; every party takes part in it',
  })
  @IsUUID()
  projectId: string;

  @ApiProperty({
    minimum: 0,
    maximum: 10,
    example: 2,
    description:
      'さくらツール type (類型0–10): fixes initial ownership and options of the foreground IP',
  })
  @IsInt()
  @Min(0)
  @Max(10)
  sakuraType: number;

  @ApiProperty({ format: 'uuid', description: 'the university (or research agency / TLO) side' })
  @IsUUID()
  universityId: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description:
      'the companies, in the agreement’s order (the first gets any remainder of an equal split)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID(undefined, { each: true })
  companyIds: string[];

  @ApiProperty({ example: '2026-04-01' })
  @IsLocalDate()
  signedOn: string;

  @ApiProperty({ example: '全固体電池の界面制御に関する共同研究契約' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title: string;
}

export class AgreementQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  projectId?: string;
}

export class AgreementDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) platformId: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ minimum: 0, maximum: 10 }) sakuraType: number;
  @ApiProperty({ format: 'uuid' }) universityId: string;
  @ApiProperty({ type: [String], format: 'uuid' }) companyIds: string[];
  @ApiProperty() title: string;
  @ApiProperty() signedOn: string;
  @ApiProperty() createdAt: Date;
}

export function presentAgreement(v: AgreementView): AgreementDto {
  const { createdByTokenId: _by, ...a } = v.agreement;
  return { ...a, companyIds: v.companyIds };
}

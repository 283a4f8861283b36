import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
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
import { PageQueryDto } from '../http/common.dto';
import { IsLocalDate } from '../http/is-local-date';

export class CommonsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: 'H01M',
    description: 'IPC prefix: section (H), class (H01), subclass (H01M) or a full symbol',
  })
  @IsOptional()
  @Matches(/^[A-Ha-h](\d{2}([A-Za-z]( ?\d{1,4}\/\d{2,6})?)?)?$/, {
    message: 'technologyField must be an IPC prefix such as H, H01, H01M or H01M 10/052',
  })
  technologyField?: string;

  @ApiPropertyOptional({ example: 2025, description: 'calendar year of the first application' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1900)
  @Max(9998)
  year?: number;
}

export class CommonsFilingDto {
  @ApiProperty() jurisdiction: string;
  @ApiProperty() status: string;
  @ApiProperty({ nullable: true, type: String }) registrationNumber: string | null;
  @ApiProperty({ nullable: true, type: String }) grantDate: string | null;
}

export class CommonsAssetDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() platformName: string;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String, description: 'null for confidential assets' })
  abstract: string | null;
  @ApiProperty({ example: 'H01M 10/052' }) technologyField: string;
  @ApiProperty({ example: 'H01' }) ipcClass: string;
  @ApiProperty({ nullable: true, type: Number }) firstFiledYear: number | null;
  @ApiProperty({ type: [String], description: "holders' names (never their shares)" })
  holders: string[];
  @ApiProperty({ type: [CommonsFilingDto] }) filings: CommonsFilingDto[];
}

export class ResearchUseDto {
  @ApiProperty({ example: 'Benchmarking electrolyte additives in a student project' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  purpose: string;

  @ApiProperty({ example: '2026-10-01' })
  @IsLocalDate()
  startedOn: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'staff: the organisation that uses the asset (member tokens: their own, may be omitted)',
  })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

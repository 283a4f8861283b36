import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { REVIEW_DECISIONS, ReviewDecisionKind } from '@app/patents';
import { IsLocalDate } from '../http/is-local-date';

const RATES_DESCRIPTION =
  'Exchange rates for the yen figures, CURRENCY:YYYY-MM-DD:yenPerUnit separated by commas (e.g. USD:2026-04-01:150.25,EUR:2026-04-01:162.1). ' +
  "Without it, finance's recorded exchange rates are used where they exist. A payment is converted with the latest rate on or before its payment date.";

export class ForecastQueryDto {
  @ApiPropertyOptional({
    example: 2026,
    description: 'first Japanese fiscal year (April–March); default the current one',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1900)
  @Max(9998)
  fromFiscalYear?: number;

  @ApiPropertyOptional({ example: 20, description: 'fiscal years to cover, 1..20 (default 20)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  years?: number;

  @ApiPropertyOptional({
    example: '2026-04-01',
    description: 'forecast date; default today, or the first day of fromFiscalYear when later',
  })
  @IsOptional()
  @IsLocalDate()
  asOf?: string;

  @ApiPropertyOptional({ description: RATES_DESCRIPTION })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  rates?: string;
}

export class RunwayQueryDto {
  @ApiPropertyOptional({ example: 10, description: 'fiscal years to project, 1..20 (default 10)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  years?: number;

  @ApiPropertyOptional({ example: '2026-04-01', description: 'projection date; default today' })
  @IsOptional()
  @IsLocalDate()
  asOf?: string;

  @ApiPropertyOptional({ description: RATES_DESCRIPTION })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  rates?: string;
}

export class ReviewQueueQueryDto {
  @ApiPropertyOptional({ example: 90, description: 'days ahead, 0..730 (default 90)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(730)
  withinDays?: number;

  @ApiPropertyOptional({ example: '2026-04-01', description: 'review date; default today' })
  @IsOptional()
  @IsLocalDate()
  asOf?: string;

  @ApiPropertyOptional({ description: RATES_DESCRIPTION })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  rates?: string;
}

export class CreateReviewDecisionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  filingId: string;

  @ApiProperty({ enum: REVIEW_DECISIONS })
  @IsIn(REVIEW_DECISIONS)
  decision: ReviewDecisionKind;

  @ApiProperty({ example: 'no licensee in sight; the field moved on' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;

  @ApiProperty({ example: '2026-09-01' })
  @IsLocalDate()
  decidedOn: string;

  @ApiPropertyOptional({
    example: 60,
    description:
      'abandoning a co-owned filing: days the other co-owners have to take it over (default 60)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  offerDays?: number;
}

export class AcceptOfferDto {
  @ApiProperty({
    format: 'uuid',
    description:
      'the co-owner taking the filing over; a member token may only name its own organisation',
  })
  @IsUUID()
  organisationId: string;

  @ApiPropertyOptional({
    example: '2026-10-01',
    description: 'date the takeover takes effect (new ownership version); default today',
  })
  @IsOptional()
  @IsLocalDate()
  acceptedOn?: string;
}

export class CloseOfferDto {
  @ApiPropertyOptional({
    example: '2026-11-01',
    description: 'after the deadline; the filing is abandoned on this date; default today',
  })
  @IsOptional()
  @IsLocalDate()
  closedOn?: string;
}

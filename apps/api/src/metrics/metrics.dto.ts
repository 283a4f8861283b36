import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { KPIS, Kpi } from '@app/metrics';
import { FiscalYearQuery, ReportFormat, ReportFormatQuery } from '../http/common.dto';

export class MetricsQueryDto {
  @FiscalYearQuery({ required: true })
  fiscalYear: number;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'metrics of the assets this institution owns and the projects it takes part in',
  })
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @ApiPropertyOptional({
    example: '10000000',
    default: '10000000',
    description: 'licence income per asset in the year from which an asset counts as a home run',
  })
  @IsOptional()
  @Matches(/^[1-9]\d{0,17}$/, {
    message: 'homeRunThresholdYen must be a positive whole number of yen',
  })
  homeRunThresholdYen?: string;

  @ReportFormatQuery()
  format: ReportFormat = 'json';
}

export class IpOfficeCostDto {
  @ApiProperty({
    example: '6000000',
    description: "the IP office's personnel cost for the fiscal year, in yen",
  })
  @Matches(/^\d{1,18}$/, {
    message: 'personnelCostYen must be a whole number of yen written as a string',
  })
  personnelCostYen: string;
}

export class KpiTargetDto {
  @ApiProperty({ enum: KPIS })
  @IsIn(KPIS)
  kpi: Kpi;

  @ApiProperty({ example: 2024 })
  @Type(() => Number)
  @IsInt()
  @Min(1900)
  @Max(9998)
  baseFiscalYear: number;

  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(1900)
  @Max(9998)
  targetFiscalYear: number;

  @ApiProperty({
    example: '3',
    description: 'a multiple (×3 → "3") or a count, up to two decimals, as a string or number',
  })
  @Type(() => String)
  @Matches(/^\d{1,12}(\.\d{1,2})?$/, {
    message: 'targetValue must be a positive number with at most two decimals',
  })
  targetValue: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class KpiTargetsQueryDto {
  @FiscalYearQuery()
  fiscalYear?: number;
}

export class FactBookQueryDto {
  @FiscalYearQuery({ required: true })
  fiscalYear: number;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  institutionId: string;

  @ReportFormatQuery()
  format: ReportFormat = 'json';
}

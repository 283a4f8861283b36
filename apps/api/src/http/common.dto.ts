import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsLocalDate } from './is-local-date';

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 100;

  @ApiPropertyOptional({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  offset = 0;
}

export class OnDateQueryDto {
  @ApiPropertyOptional({ example: '2027-01-15', description: 'as of this date (YYYY-MM-DD); default today in Japan' })
  @IsOptional()
  @IsLocalDate()
  on?: string;
}

/** A fiscal year in a query string (Japanese fiscal years are named after the April they start in). */
export function FiscalYearQuery(options: { required?: boolean } = {}): PropertyDecorator {
  const doc = { example: 2026, description: 'fiscal year, e.g. 2026 = 2026-04-01 … 2027-03-31' };
  return applyDecorators(
    ...(options.required ? [ApiProperty(doc)] : [ApiPropertyOptional(doc), IsOptional()]),
    Type(() => Number),
    IsInt(),
    Min(1900),
    Max(9998),
  );
}

export type ReportFormat = 'json' | 'csv';

/** `format=json|csv` of a report (default json); CSV is UTF-8 with a BOM so that Excel reads Japanese text. */
export function ReportFormatQuery(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json', description: 'csv: UTF-8 with BOM, opens in Excel' }),
    IsOptional(),
    IsIn(['json', 'csv']),
  );
}

/** A report of one fiscal year, as JSON or CSV. */
export class FiscalYearReportQueryDto {
  @FiscalYearQuery({ required: true })
  fiscalYear: number;

  @ReportFormatQuery()
  format: ReportFormat = 'json';
}

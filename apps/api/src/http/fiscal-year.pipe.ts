import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

/** A fiscal year in a path: a four-digit year. */
@Injectable()
export class FiscalYearPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
    if (!(year >= 1900 && year <= 9998)) {
      throw new BadRequestException({ code: 'VALIDATION.INVALID_FIELD', message: 'fiscalYear must be a year such as 2026', field: 'fiscalYear' });
    }
    return year;
  }
}

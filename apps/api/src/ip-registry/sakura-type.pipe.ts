import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

/** A Sakura type number in a path: 0–10 (others are 404 from the service, non-numbers 400). */
@Injectable()
export class SakuraTypePipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^\d{1,3}$/.test(value)) {
      throw new BadRequestException({
        code: 'VALIDATION.INVALID_FIELD',
        message: 'type must be a Sakura type number 0–10',
        field: 'type',
      });
    }
    return Number(value);
  }
}

import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';

/** Path ids must be UUIDs: anything else is a 400 naming the parameter, never a database error. */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string, meta: ArgumentMetadata): string {
    if (!isUUID(value)) {
      throw new BadRequestException({ code: 'VALIDATION.INVALID_ID', message: `${meta.data ?? 'id'} must be a UUID`, field: meta.data });
    }
    // One spelling per id: ownership checks compare ids as strings.
    return value.toLowerCase();
  }
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'overheadRateBp' })
  field: string;

  @ApiProperty({ example: 'max', description: 'the failed constraint' })
  constraint: string;

  @ApiProperty({ example: 'overheadRateBp must not be greater than 10000' })
  message: string;
}

/** Every error response has this shape; `code` is stable and machine-readable. */
export class ErrorBodyDto {
  @ApiProperty({ example: 400 })
  statusCode: number;

  @ApiProperty({ example: 'VALIDATION.INVALID_FIELD', description: 'stable error code: switch on this, not on the message' })
  code: string;

  @ApiProperty({ example: 'overheadRateBp must not be greater than 10000' })
  message: string;

  @ApiPropertyOptional({ example: 'overheadRateBp', description: 'the offending input field, when there is one' })
  field?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  details?: Record<string, unknown>;

  @ApiPropertyOptional({ example: 'b3c1e0f2-…' })
  requestId?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
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
import { FiscalYearQuery } from '../http/common.dto';
import { IsLocalDate, POSITIVE_YEN_PATTERN, YEN_PATTERN } from '../http/is-local-date';

export class SetLicenceTermsDto {
  @ApiProperty({
    example: '2026-04-01',
    description:
      'the terms apply to requests whose term starts on or after this date (until the next version)',
  })
  @IsLocalDate()
  effectiveFrom: string;

  @ApiProperty({
    example: '2000000',
    description: 'standard upfront fee in whole yen, as a string',
  })
  @IsString()
  @Matches(YEN_PATTERN, {
    message: 'upfrontFeeYen must be a whole number of yen written as a string',
  })
  upfrontFeeYen: string;

  @ApiProperty({ example: 300, description: 'standard running royalty in bp of net sales' })
  @IsInt()
  @Min(0)
  @Max(10_000)
  royaltyBp: number;

  @ApiProperty({
    example: '1000000',
    description: 'standard annual minimum royalty in whole yen, as a string',
  })
  @IsString()
  @Matches(YEN_PATTERN, {
    message: 'annualMinimumYen must be a whole number of yen written as a string',
  })
  annualMinimumYen: string;

  @ApiPropertyOptional({
    example: 3000,
    default: 3000,
    description: 'share of licence income received that goes to the IP fund, in bp',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  ipFundShareBp?: number;
}

export class CreateLicenceRequestDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  assetIds: string[];

  @ApiProperty({ example: 'EV batteries', description: "free text; '*' = every field" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fieldOfUse: string;

  @ApiProperty({
    type: [String],
    example: ['JP', 'US'],
    description: "ISO 3166-1 alpha-2 codes, or ['WORLD']",
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(250)
  @Matches(/^([A-Z]{2}|WORLD)$/, {
    each: true,
    message: "territory holds ISO 3166-1 alpha-2 codes or 'WORLD'",
  })
  territory: string[];

  @ApiProperty()
  @IsBoolean()
  exclusive: boolean;

  @ApiProperty()
  @IsBoolean()
  sublicensing: boolean;

  @ApiProperty({
    example: '2027-04-01',
    description: 'the entitlements and standard terms on this date price the request',
  })
  @IsLocalDate()
  termStart: string;

  @ApiProperty({ example: '2032-03-31' })
  @IsLocalDate()
  termEnd: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ApproveLicenceRequestDto {
  @ApiProperty({
    example: '2027-03-15',
    description: 'grant date: the upfront fee is invoiced on it',
  })
  @IsLocalDate()
  approvedOn: string;
}

export class RejectLicenceRequestDto {
  @ApiProperty({ example: '2027-03-15' })
  @IsLocalDate()
  rejectedOn: string;

  @ApiProperty({ example: 'field of use too broad' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class CreateRoyaltyReportDto {
  @ApiProperty({ example: '2027-04-01' })
  @IsLocalDate()
  periodStart: string;

  @ApiProperty({ example: '2027-09-30' })
  @IsLocalDate()
  periodEnd: string;

  @ApiProperty({
    example: '50000000',
    description: 'net sales of the period in whole yen, as a string',
  })
  @IsString()
  @Matches(YEN_PATTERN, {
    message: 'netSalesYen must be a whole number of yen written as a string',
  })
  netSalesYen: string;
}

export class CreateLicenceReceiptDto {
  @ApiProperty({ example: '2027-10-31' })
  @IsLocalDate()
  receivedOn: string;

  @ApiProperty({ example: '1500000' })
  @IsString()
  @Matches(POSITIVE_YEN_PATTERN, {
    message: 'amountYen must be a positive whole number of yen written as a string',
  })
  amountYen: string;
}

export class CreateCommercialisationDto {
  @ApiProperty({ example: '2028-01-15' })
  @IsLocalDate()
  launchedOn: string;

  @ApiProperty({ example: 'Solid-state cell module SX-1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  product: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class LicenceStatementQueryDto {
  @FiscalYearQuery({ required: true })
  fiscalYear: number;
}

export class CreateOwnerPayoutDto {
  @ApiProperty({ example: '2027-05-31' })
  @IsLocalDate()
  paidOn: string;

  @ApiProperty({ example: '700000', description: 'at most what is owed to the owner on paidOn and on every later day' })
  @IsString()
  @Matches(POSITIVE_YEN_PATTERN, {
    message: 'amountYen must be a positive whole number of yen written as a string',
  })
  amountYen: string;

  @ApiPropertyOptional({ example: 'bank transfer 2027-05 batch' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class TerminateLicenceDto {
  @ApiProperty({ example: '2027-03-31', description: "the licence's last day: from the grant up to the day before the term's end" })
  @IsLocalDate()
  endsOn: string;

  @ApiProperty({ example: 'the licensee withdrew from the product line' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class LicensingReversalDto {
  @ApiProperty({ example: '2027-11-05', description: 'date of the reversing entries' })
  @IsLocalDate()
  reversedOn: string;

  @ApiProperty({ example: 'the transfer was booked twice', description: 'why the receipt or report is withdrawn' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IDEMPOTENCY_KEY_PATTERN } from '@app/kernel';
import { FiscalYearQuery, PageQueryDto, ReportFormat, ReportFormatQuery } from '../http/common.dto';
import { IsLocalDate, POSITIVE_YEN_PATTERN } from '../http/is-local-date';

export class ManualLineDto {
  @ApiProperty({ example: 'ip_fund', description: 'an existing account code, or bank / ordinary_overhead / ip_fund / adjustment' })
  @IsString()
  @Matches(/^[a-z_]+(:[A-Za-z0-9_.:-]+)?$/, { message: 'accountCode is not a valid account code' })
  @MaxLength(200)
  accountCode: string;

  @ApiPropertyOptional({ example: '1000', description: 'exactly one of debitYen / creditYen' })
  @IsOptional()
  @IsString()
  @Matches(POSITIVE_YEN_PATTERN, { message: 'debitYen must be a positive whole number of yen written as a string' })
  debitYen?: string;

  @ApiPropertyOptional({ example: '1000' })
  @IsOptional()
  @IsString()
  @Matches(POSITIVE_YEN_PATTERN, { message: 'creditYen must be a positive whole number of yen written as a string' })
  creditYen?: string;
}

export class ManualEntryDto {
  @ApiProperty({ example: '2026-09-30' })
  @IsLocalDate()
  entryDate: string;

  @ApiProperty({ example: 'Bank interest credited to the IP fund' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  description: string;

  @ApiProperty({ type: [ManualLineDto] })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ManualLineDto)
  lines: ManualLineDto[];
}

export class ManualEntryBatchItemDto extends ManualEntryDto {
  @ApiProperty({
    example: 'bank-2026-09-000123',
    description: "this entry's idempotency key (8–200 chars: letters, digits, . _ : -); the same key as a single posting's Idempotency-Key names the same entry",
  })
  @IsString()
  @Matches(IDEMPOTENCY_KEY_PATTERN, { message: 'idempotencyKey must be 8–200 characters: letters, digits, . _ : -' })
  idempotencyKey: string;
}

export const MAX_BATCH_ENTRIES = 500;

export class ManualEntryBatchDto {
  @ApiProperty({ type: [ManualEntryBatchItemDto], maxItems: MAX_BATCH_ENTRIES })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_ENTRIES)
  @ValidateNested({ each: true })
  @Type(() => ManualEntryBatchItemDto)
  entries: ManualEntryBatchItemDto[];
}

export class ReverseEntryDto {
  @ApiProperty({ example: '2026-10-01' })
  @IsLocalDate()
  entryDate: string;

  @ApiProperty({ example: 'posted twice by mistake' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class EntryQueryDto extends PageQueryDto {
  @FiscalYearQuery()
  fiscalYear?: number;

  @ApiPropertyOptional({ example: '2026-10-01', description: 'entries dated on or after this day' })
  @IsOptional()
  @IsLocalDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'entries dated on or before this day' })
  @IsOptional()
  @IsLocalDate()
  to?: string;

  @ApiPropertyOptional({ example: 'ip_fund' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  accountCode?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'entries of one contribution (or other source record)' })
  @IsOptional()
  @IsUUID()
  sourceId?: string;

  @ReportFormatQuery()
  format: ReportFormat = 'json';
}

export class ReopenDto {
  @ApiProperty({ example: 'auditor found a missing invoice' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class JournalLineDto {
  @ApiProperty() accountCode: string;
  @ApiProperty() accountName: string;
  @ApiProperty({ example: '-2000000', description: 'signed: debit positive, credit negative' }) amountYen: string;
  @ApiProperty({ example: '-2000000', description: "the account's running balance after this line" }) balanceAfterYen: string;
}

export class JournalEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() idempotencyKey: string;
  @ApiProperty() entryDate: string;
  @ApiProperty() fiscalYear: number;
  @ApiProperty({ example: 'contribution_invoice' }) kind: string;
  @ApiProperty() description: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) reversesEntryId: string | null;
  @ApiProperty({ nullable: true, type: String }) sourceType: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) sourceId: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: [JournalLineDto] }) lines: JournalLineDto[];
}

export class BatchJournalEntryDto extends JournalEntryDto {
  @ApiProperty({ description: 'true when this key had already posted the same entry: nothing new was posted' }) replayed: boolean;
}

export class JournalEntryBatchDto {
  @ApiProperty({ description: 'entries posted by this request' }) posted: number;
  @ApiProperty({ description: 'entries whose key had already posted them' }) replayed: number;
  @ApiProperty({ type: [BatchJournalEntryDto], description: 'in the order of the request' }) entries: BatchJournalEntryDto[];
}

export class AccountBalanceDto {
  @ApiProperty({ example: 'ip_fund' }) code: string;
  @ApiProperty({ enum: ['asset', 'liability', 'fund', 'income', 'expense'] }) type: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) projectId: string | null;
  @ApiProperty({ nullable: true, type: String }) organisationId: string | null;
  @ApiProperty({ example: '-2000000', description: 'signed, debit positive (funds carry negative balances)' }) balanceYen: string;
}

export class BalancesDto {
  @ApiProperty({ nullable: true, type: String, example: '2027-03-31' }) asOf: string | null;
  @ApiProperty({ type: [AccountBalanceDto] }) accounts: AccountBalanceDto[];
  @ApiProperty({ example: '0', description: 'sum of all balances: always 0 in a double-entry ledger' }) totalYen: string;
}

export class TrialBalanceAccountDto {
  @ApiProperty({ example: 'ip_fund' }) code: string;
  @ApiProperty({ enum: ['asset', 'liability', 'fund', 'income', 'expense'] }) type: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) projectId: string | null;
  @ApiProperty({ nullable: true, type: String }) organisationId: string | null;
  @ApiProperty({ example: '-1200000', description: 'balance at the start of the fiscal year (signed, debit positive)' }) openingYen: string;
  @ApiProperty({ example: '0', description: "sum of the year's debit lines" }) debitsYen: string;
  @ApiProperty({ example: '3000000', description: "sum of the year's credit lines (a positive figure)" }) creditsYen: string;
  @ApiProperty({ example: '-4200000', description: 'opening + debits − credits: the balance at the end of the fiscal year' }) closingYen: string;
}

export class TrialBalanceTotalsDto {
  @ApiProperty({ example: '0', description: 'always 0 in a double-entry ledger' }) openingYen: string;
  @ApiProperty({ example: '45000000' }) debitsYen: string;
  @ApiProperty({ example: '45000000', description: 'always equal to debitsYen' }) creditsYen: string;
  @ApiProperty({ example: '0', description: 'always 0 in a double-entry ledger' }) closingYen: string;
}

export class TrialBalanceDto {
  @ApiProperty({ example: 2026 }) fiscalYear: number;
  @ApiProperty({ enum: ['open', 'closed'], description: 'closed: the figures are final (postings dated in the year are refused)' }) periodStatus: string;
  @ApiProperty({ type: [TrialBalanceAccountDto], description: 'accounts with a balance at the start of the year or lines in it, by code' })
  accounts: TrialBalanceAccountDto[];
  @ApiProperty({ type: TrialBalanceTotalsDto }) totals: TrialBalanceTotalsDto;
}

export class FiscalPeriodDto {
  @ApiProperty() fiscalYear: number;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty({ nullable: true, type: Date, description: 'when it was last closed or reopened' }) changedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) changedByTokenId: string | null;
}

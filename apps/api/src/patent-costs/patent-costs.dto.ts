import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PATENT_COST_KINDS, PatentCostKind } from '@app/patents';
import { FiscalYearQuery } from '../http/common.dto';
import { IsLocalDate, POSITIVE_YEN_PATTERN } from '../http/is-local-date';

export class RecordExchangeRateDto {
  @ApiProperty({ enum: ['USD', 'EUR'] })
  @IsIn(['USD', 'EUR'])
  currency: 'USD' | 'EUR';

  @ApiProperty({ example: '2026-04-01' })
  @IsLocalDate()
  rateDate: string;

  @ApiProperty({
    example: '151.2345',
    description: 'yen for one unit, a decimal string with up to 4 decimals',
  })
  @IsString()
  @Matches(/^\d{1,9}(\.\d{1,4})?$/, {
    message: 'yenPerUnit must be a decimal string with up to 4 decimals, e.g. "151.2345"',
  })
  yenPerUnit: string;
}

export class ExchangeRateQueryDto {
  @ApiPropertyOptional({ enum: ['USD', 'EUR'] })
  @IsOptional()
  @IsIn(['USD', 'EUR'])
  currency?: 'USD' | 'EUR';
}

export class CreatePatentCostDto {
  @ApiProperty({ enum: PATENT_COST_KINDS })
  @IsIn(PATENT_COST_KINDS)
  kind: PatentCostKind;

  @ApiPropertyOptional({
    enum: ['JPY', 'USD', 'EUR'],
    description: "default: the office's currency (JP → JPY, US → USD, EP → EUR), JPY elsewhere",
  })
  @IsOptional()
  @IsIn(['JPY', 'USD', 'EUR'])
  currency?: 'JPY' | 'USD' | 'EUR';

  @ApiProperty({ example: '1600', description: 'whole units of the currency, as a string' })
  @IsString()
  @Matches(POSITIVE_YEN_PATTERN, {
    message: 'amount must be a positive whole number written as a string',
  })
  amount: string;

  @ApiProperty({
    example: '2027-06-01',
    description: 'due date: the policy, owners and exchange rate in force on it apply',
  })
  @IsLocalDate()
  dueOn: string;

  @ApiPropertyOptional({
    example: 4,
    description: 'fee year (annual fees): one cost per (filing, kind, fee year)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(25)
  feeYear?: number;

  @ApiPropertyOptional({
    example: 3,
    description: 'last fee year a single payment covers (JPO years 1–3 at registration)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(25)
  feeYearTo?: number;

  @ApiPropertyOptional({ enum: ['planned', 'invoiced'], default: 'planned' })
  @IsOptional()
  @IsIn(['planned', 'invoiced'])
  status?: 'planned' | 'invoiced';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

export class GenerateCostsDto {
  @ApiProperty({
    example: '2032-03-31',
    description: 'plan every official annual fee due on or before this date',
  })
  @IsLocalDate()
  upToDate: string;
}

export class ApproveCostDto {
  @ApiProperty({ example: '2027-05-20' })
  @IsLocalDate()
  approvedOn: string;
}

export class PayCostDto {
  @ApiProperty({ example: '2027-05-31' })
  @IsLocalDate()
  paidOn: string;
}

export class ReverseCostDto {
  @ApiProperty({ example: '2027-06-10' })
  @IsLocalDate()
  reversedOn: string;

  @ApiProperty({ example: 'paid twice by the attorney' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class CancelCostDto {
  @ApiProperty({ example: '2027-05-25' })
  @IsLocalDate()
  cancelledOn: string;

  @ApiProperty({ example: 'the filing was abandoned' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class CostBillsQueryDto {
  @FiscalYearQuery()
  fiscalYear?: number;
}

export class CostPayerDto {
  @ApiProperty({ enum: ['ip_fund', 'organisation', 'project_budget'] }) payerKind: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) organisationId: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) projectId: string | null;
  @ApiProperty({ example: '5360' }) amountYen: string;
}

export class PatentCostDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) assetId: string;
  @ApiProperty({ format: 'uuid' }) filingId: string;
  @ApiProperty({ enum: PATENT_COST_KINDS }) kind: string;
  @ApiPropertyOptional({ nullable: true }) feeYear: number | null;
  @ApiPropertyOptional({ nullable: true }) feeYearTo: number | null;
  @ApiProperty({ enum: ['JPY', 'USD', 'EUR'] }) currency: string;
  @ApiProperty({ example: '1600' }) amount: string;
  @ApiProperty({ example: '241975' }) amountYen: string;
  @ApiPropertyOptional({ nullable: true, description: 'date of the exchange rate used' }) rateDate:
    string | null;
  @ApiPropertyOptional({ nullable: true, description: 'the exchange rate used' }) yenPerUnit:
    string | null;
  @ApiProperty() dueOn: string;
  @ApiProperty() fiscalYear: number;
  @ApiPropertyOptional({ nullable: true }) description: string | null;
  @ApiProperty({ enum: ['manual', 'generated'] }) source: string;
  @ApiProperty({ enum: ['planned', 'invoiced', 'approved', 'paid', 'cancelled', 'reversed'] })
  status: string;
  @ApiProperty({ description: 'current allocation version (re-allocations add versions)' })
  allocationVersion: number;
  @ApiPropertyOptional({ nullable: true, description: 'the payer rule that applied' })
  allocationRule: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'uuid' }) approvalEntryId: string | null;
  @ApiProperty({ type: [CostPayerDto] }) payers: CostPayerDto[];
  @ApiProperty({
    description: 'approve / pay / reversal / cancel, with their dates and ledger entries',
  })
  actions: { action: string; actedOn: string; entryId: string | null; reason: string | null }[];
}

export class GeneratedCostsDto {
  @ApiProperty({ type: [PatentCostDto] }) created: PatentCostDto[];
  @ApiProperty({ description: 'fees due in the window that were planned already' })
  alreadyPlanned: number;
}

export class CostBillDto {
  @ApiProperty({ format: 'uuid' }) costId: string;
  @ApiProperty({ format: 'uuid' }) assetId: string;
  @ApiProperty({ format: 'uuid' }) filingId: string;
  @ApiProperty() jurisdiction: string;
  @ApiProperty() kind: string;
  @ApiPropertyOptional({ nullable: true }) feeYear: number | null;
  @ApiProperty() dueOn: string;
  @ApiProperty() fiscalYear: number;
  @ApiProperty() status: string;
  @ApiProperty() rule: string;
  @ApiProperty() currency: string;
  @ApiProperty() amount: string;
  @ApiProperty({ description: 'the whole cost in yen' }) costYen: string;
  @ApiProperty({ description: "this organisation's part in yen" }) amountYen: string;
}

export class CostBillsDto {
  @ApiPropertyOptional({ nullable: true }) computedAt: Date | null;
  @ApiProperty({ description: 'an ownership or cost-rule change is still being re-allocated' })
  stale: boolean;
  @ApiProperty({ type: [CostBillDto] }) bills: CostBillDto[];
  @ApiProperty() totalYen: string;
}

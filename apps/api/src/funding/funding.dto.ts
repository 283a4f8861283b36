import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { FiscalYearQuery, PageQueryDto, ReportFormat, ReportFormatQuery } from '../http/common.dto';
import { IsLocalDate, POSITIVE_YEN_PATTERN } from '../http/is-local-date';

export class CreateContributionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  projectId: string;

  @ApiPropertyOptional({ enum: ['company', 'public_matching'], default: 'company' })
  @IsOptional()
  @IsIn(['company', 'public_matching'])
  sourceKind: 'company' | 'public_matching' = 'company';

  @ApiPropertyOptional({ format: 'uuid', description: 'the contributing company (company contributions)' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ example: 'JST OPERA', description: 'the public funder (public matching money; no overhead is charged on it)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  funderName?: string;

  @ApiProperty({ example: 2026, description: 'the fiscal year the research money is for' })
  @IsInt()
  @Min(1900)
  @Max(9998)
  fiscalYear: number;

  @ApiProperty({ example: '20000000', description: 'direct research cost D in whole yen, as a string' })
  @IsString()
  @Matches(POSITIVE_YEN_PATTERN, { message: 'directCostYen must be a positive whole number of yen written as a string' })
  directCostYen: string;

  @ApiProperty({ example: '2026-05-15', description: 'invoice date: the policy in force on it sets the overhead rates' })
  @IsLocalDate()
  invoicedOn: string;

  @ApiPropertyOptional({ example: '2026-06-30', description: 'if given, the invoiced total is recorded as received on this date' })
  @IsOptional()
  @IsLocalDate()
  receivedOn?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CreateReceiptDto {
  @ApiProperty({ example: '2026-06-30' })
  @IsLocalDate()
  receivedOn: string;

  @ApiPropertyOptional({ example: '24000000', description: 'default: everything outstanding' })
  @IsOptional()
  @IsString()
  @Matches(POSITIVE_YEN_PATTERN, { message: 'amountYen must be a positive whole number of yen written as a string' })
  amountYen?: string;
}

export class ReverseDto {
  @ApiProperty({ example: '2026-07-01', description: 'date of the reversing entries' })
  @IsLocalDate()
  reversedOn: string;

  @ApiProperty({ example: 'invoiced to the wrong project' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class ContributionQueryDto extends PageQueryDto {
  @FiscalYearQuery()
  fiscalYear?: number;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  projectId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

export class FiscalYearQueryDto {
  @FiscalYearQuery({ required: true })
  fiscalYear: number;
}

export class ReconciliationQueryDto extends FiscalYearQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  projectId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ReportFormatQuery()
  format: ReportFormat = 'json';
}

export class FundingSharesQueryDto {
  @FiscalYearQuery()
  fiscalYear?: number;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  projectId?: string;
}

export class ReceiptReversalDto {
  @ApiProperty() reversedOn: string;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'uuid', description: 'the reversal entry' }) entryId: string;
}

export class ReceiptDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() receivedOn: string;
  @ApiProperty({ example: '24000000' }) amountYen: string;
  @ApiProperty({ format: 'uuid' }) entryId: string;
  @ApiProperty({ type: ReceiptReversalDto, nullable: true, description: 'set when the receipt was reversed: it no longer counts as received' })
  reversal: ReceiptReversalDto | null;
}

export class ContributionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) platformId: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ enum: ['company', 'public_matching'] }) sourceKind: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organisationId: string | null;
  @ApiProperty({ nullable: true, type: String }) funderName: string | null;
  @ApiProperty() fiscalYear: number;
  @ApiProperty({ example: '20000000' }) directCostYen: string;
  @ApiProperty({ example: 2000 }) overheadRateBp: number;
  @ApiProperty({ example: 1000 }) standardOverheadRateBp: number;
  @ApiProperty({ example: '4000000' }) overheadYen: string;
  @ApiProperty({ example: '2000000', description: "the university's ordinary overhead" }) standardOverheadYen: string;
  @ApiProperty({ example: '2000000', description: 'to the IP fund' }) ipFundYen: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'the policy version that set the rates' }) policyVersionId: string | null;
  @ApiProperty() invoicedOn: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ format: 'uuid' }) invoiceEntryId: string;
  @ApiProperty({ example: '24000000' }) invoicedYen: string;
  @ApiProperty({ example: '24000000' }) receivedYen: string;
  @ApiProperty({ example: '0' }) outstandingYen: string;
  @ApiProperty() reversed: boolean;
  @ApiProperty({ type: [ReceiptDto] }) receipts: ReceiptDto[];
  @ApiProperty() createdAt: Date;
}

export class FundingShareDto {
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() fiscalYear: number;
  @ApiProperty({ example: '30000000' }) contributedYen: string;
  @ApiPropertyOptional({ example: '40000000', description: "all companies' funding of the project that year (not shown to members)" })
  projectCompanyTotalYen?: string;
  @ApiProperty({ example: 7500, description: 'share of the project company funding, basis points, truncated' }) shareBp: number;
}

export class FundingSharesDto {
  @ApiProperty({ nullable: true, type: Date, description: 'when the shares were last recomputed' }) computedAt: Date | null;
  @ApiProperty({ description: 'true while a recompute is pending: contributions changed after computedAt' }) stale: boolean;
  @ApiProperty({ type: [FundingShareDto] }) shares: FundingShareDto[];
}

export class ReconciliationTotalsDto {
  @ApiProperty() contributions: number;
  @ApiProperty({ example: '30000000' }) directCostYen: string;
  @ApiProperty({ example: '6000000' }) overheadYen: string;
  @ApiProperty({ example: '3000000' }) standardOverheadYen: string;
  @ApiProperty({ example: '3000000' }) ipFundYen: string;
  @ApiProperty({ example: '36000000' }) invoicedYen: string;
  @ApiProperty({ example: '36000000' }) receivedYen: string;
  @ApiProperty({ example: '0' }) receivableYen: string;
}

export class ReconciliationRowDto extends ReconciliationTotalsDto {
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty() projectCode: string;
  @ApiProperty() projectTitle: string;
  @ApiProperty({ enum: ['company', 'public_matching'] }) sourceKind: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organisationId: string | null;
  @ApiProperty() funderName: string;
}

export class ProjectTotalsDto extends ReconciliationTotalsDto {
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty() projectCode: string;
}

export class FunderTotalsDto extends ReconciliationTotalsDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organisationId: string | null;
  @ApiProperty() funderName: string;
}

export class ReconciliationDto {
  @ApiProperty() fiscalYear: number;
  @ApiProperty({ type: [ReconciliationRowDto] }) rows: ReconciliationRowDto[];
  @ApiProperty({ type: [ProjectTotalsDto] }) byProject: ProjectTotalsDto[];
  @ApiProperty({ type: [FunderTotalsDto] }) byFunder: FunderTotalsDto[];
  @ApiProperty({ type: ReconciliationTotalsDto }) total: ReconciliationTotalsDto;
}

export class FundMovementDto {
  @ApiProperty({ format: 'uuid' }) entryId: string;
  @ApiProperty() entryDate: string;
  @ApiProperty({ example: 'contribution_invoice' }) kind: string;
  @ApiProperty() description: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) contributionId: string | null;
  @ApiProperty({ example: '3000000' }) amountYen: string;
}

export class IpFundStatementDto {
  @ApiProperty() fiscalYear: number;
  @ApiProperty() startsOn: string;
  @ApiProperty() endsOn: string;
  @ApiProperty({ example: '0' }) openingBalanceYen: string;
  @ApiProperty({ type: [FundMovementDto], description: 'credits to the fund (contribution invoices)' }) inflows: FundMovementDto[];
  @ApiProperty() inflowTotalYen: string;
  @ApiProperty({ type: [FundMovementDto], description: 'debits (patent costs, reversals of inflows)' }) outflows: FundMovementDto[];
  @ApiProperty() outflowTotalYen: string;
  @ApiProperty() closingBalanceYen: string;
}

export class FunderStatementDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() fiscalYear: number;
  @ApiProperty({ type: [ReconciliationRowDto] }) byProject: ReconciliationRowDto[];
  @ApiProperty({ type: ReconciliationTotalsDto }) total: ReconciliationTotalsDto;
  @ApiProperty({ type: [ContributionDto] }) contributions: ContributionDto[];
}

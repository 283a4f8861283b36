import { Module } from '@nestjs/common';
import { AccessModule } from '@app/access';
import { LedgerModule } from '@app/ledger';
import { PlatformModule } from '@app/platform';
import { ContributionService } from './contribution.service';
import { FundingReportsService } from './funding-reports.service';
import { FundingSharesService } from './funding-shares.service';

@Module({
  imports: [AccessModule, LedgerModule, PlatformModule],
  providers: [ContributionService, FundingSharesService, FundingReportsService],
  exports: [ContributionService, FundingSharesService, FundingReportsService],
})
export class FundingModule {}

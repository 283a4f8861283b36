import { Module } from '@nestjs/common';
import { AccessModule } from '@app/access';
import { EntitlementsModule } from '@app/entitlements';
import { LedgerModule } from '@app/ledger';
import { LicensingStatementsService } from './licensing-statements.service';
import { LicensingService } from './licensing.service';
import { OwnerPayoutsService } from './owner-payouts.service';

@Module({
  imports: [AccessModule, LedgerModule, EntitlementsModule],
  providers: [LicensingService, LicensingStatementsService, OwnerPayoutsService],
  exports: [LicensingService, LicensingStatementsService, OwnerPayoutsService],
})
export class LicensingModule {}

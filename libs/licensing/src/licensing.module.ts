import { Module } from '@nestjs/common';
import { AccessModule } from '@app/access';
import { EntitlementsModule } from '@app/entitlements';
import { LedgerModule } from '@app/ledger';
import { LicensingStatementsService } from './licensing-statements.service';
import { LicensingService } from './licensing.service';

@Module({
  imports: [AccessModule, LedgerModule, EntitlementsModule],
  providers: [LicensingService, LicensingStatementsService],
  exports: [LicensingService, LicensingStatementsService],
})
export class LicensingModule {}

import { Module } from '@nestjs/common';
import { AccessModule } from '@app/access';
import { LedgerModule } from '@app/ledger';
import { ExchangeRateService } from './exchange-rate.service';
import { PatentCostsService } from './patent-costs.service';

@Module({
  imports: [AccessModule, LedgerModule],
  providers: [ExchangeRateService, PatentCostsService],
  exports: [ExchangeRateService, PatentCostsService],
})
export class PatentCostsModule {}

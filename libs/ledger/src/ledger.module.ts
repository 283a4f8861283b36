import { Module } from '@nestjs/common';
import { AccessModule } from '@app/access';
import { LedgerService } from './ledger.service';

@Module({
  imports: [AccessModule],
  providers: [LedgerService],
  exports: [LedgerService],
})
export class LedgerModule {}

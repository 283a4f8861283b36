import { Module } from '@nestjs/common';
import { AccessModule } from '@app/access';
import { LedgerService } from './ledger.service';
import { PostingCoalescer } from './posting-coalescer';

@Module({
  imports: [AccessModule],
  providers: [LedgerService, PostingCoalescer],
  exports: [LedgerService, PostingCoalescer],
})
export class LedgerModule {}

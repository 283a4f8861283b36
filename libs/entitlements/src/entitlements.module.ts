import { Module } from '@nestjs/common';
import { AccessModule } from '@app/access';
import { CommitteeDecisionService } from './committee-decision.service';
import { EntitlementsRecomputeService } from './entitlements-recompute.service';
import { EntitlementsService } from './entitlements.service';

@Module({
  imports: [AccessModule],
  providers: [EntitlementsService, EntitlementsRecomputeService, CommitteeDecisionService],
  exports: [EntitlementsService, EntitlementsRecomputeService, CommitteeDecisionService],
})
export class EntitlementsModule {}

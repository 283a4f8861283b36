import { Module } from '@nestjs/common';
import { AccessModule } from '@app/access';
import { MembershipService } from './membership.service';

@Module({
  imports: [AccessModule],
  providers: [MembershipService],
  exports: [MembershipService],
})
export class MembershipModule {}

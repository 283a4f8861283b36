import { Module } from '@nestjs/common';
import { AccessModule } from '@app/access';
import { MembershipModule } from '@app/membership';
import { PlatformService } from './platform.service';

@Module({
  imports: [AccessModule, MembershipModule],
  providers: [PlatformService],
  exports: [PlatformService],
})
export class PlatformModule {}

import { Module } from '@nestjs/common';
import { AuditService } from './audit.service';
import { TokenService } from './token.service';

@Module({
  providers: [AuditService, TokenService],
  exports: [AuditService, TokenService],
})
export class AccessModule {}

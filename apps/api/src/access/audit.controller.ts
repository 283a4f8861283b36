import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditService } from '@app/access';
import { Roles } from '../http/auth.decorators';
import { ApiErrors } from '../http/api-errors.decorator';
import { AuditEntryDto, AuditQueryDto } from './access.dto';

@ApiTags('access')
@Controller('audit-log')
@Roles('admin', 'cpo', 'auditor')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Read the audit log: who changed what, when, before and after (newest first)' })
  @ApiOkResponse({ type: [AuditEntryDto] })
  @ApiErrors(400)
  async list(@Query() q: AuditQueryDto): Promise<AuditEntryDto[]> {
    return this.audit.list({ ...q, beforeId: q.beforeId?.toString() });
  }
}

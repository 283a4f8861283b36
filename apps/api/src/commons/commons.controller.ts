import { Controller, ExecutionContext, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { CommonsService } from '@app/metrics';
import { normaliseIpcPrefix } from '@app/patents';
import { Env } from '@app/runtime';
import { ApiErrors } from '../http/api-errors.decorator';
import { Public } from '../http/auth.decorators';
import { CommonsAssetDto, CommonsQueryDto } from './commons.dto';

/**
 * The limit is read per request from the validated setting (ConfigModule validates the same
 * process environment at start, so a bad value has already stopped the service).
 */
export function publicRateLimit(_context?: ExecutionContext): number {
  const value = Number(process.env.PUBLIC_RATE_LIMIT_PER_MINUTE);
  return Number.isInteger(value) && value > 0 ? value : new Env().PUBLIC_RATE_LIMIT_PER_MINUTE;
}

/** The Research Patent Commons, public and read-only, with a stricter per-IP rate limit. */
@ApiTags('research commons')
@Public()
@Throttle({ default: { limit: publicRateLimit, ttl: 60_000 } })
@Controller('commons')
export class CommonsController {
  constructor(private readonly commons: CommonsService) {}

  @Get('assets')
  @ApiOperation({
    summary:
      'Public catalogue of assets opted into the Research Patent Commons, across platforms: free research use by domestic institutions. No token. Title, IPC field, holders (names), filings (jurisdiction, status, registration); never shares, inventors, costs, licences or the abstract of a confidential asset.',
  })
  @ApiOkResponse({ type: [CommonsAssetDto] })
  @ApiErrors(400)
  async list(@Query() q: CommonsQueryDto): Promise<CommonsAssetDto[]> {
    const technologyField =
      q.technologyField === undefined
        ? undefined
        : (normaliseIpcPrefix(q.technologyField) ?? undefined);
    return this.commons.catalogue({
      technologyField,
      year: q.year,
      limit: q.limit,
      offset: q.offset,
    });
  }

  @Get('patent-map')
  @ApiOperation({
    summary:
      'Public patent map of the commons: asset counts by IPC class × calendar year of first application. No token.',
  })
  @ApiOkResponse({ description: 'cells[{ ipcClass, firstFiledYear, count }], total' })
  async patentMap() {
    return this.commons.patentMap();
  }
}

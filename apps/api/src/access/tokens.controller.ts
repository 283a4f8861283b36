import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiToken, TokenService } from '@app/access';
import { UuidPipe } from '../http/uuid.pipe';
import { CurrentActor, Roles } from '../http/auth.decorators';
import { ApiErrors } from '../http/api-errors.decorator';
import { CreateTokenDto, IssuedTokenDto, TokenDto } from './access.dto';

function present(t: ApiToken): TokenDto {
  return {
    id: t.id,
    label: t.label,
    role: t.role,
    organisationId: t.organisationId,
    tokenPrefix: t.tokenPrefix,
    createdAt: t.createdAt,
    revokedAt: t.revokedAt,
  };
}

@ApiTags('access')
@Controller('tokens')
@Roles('admin')
export class TokensController {
  constructor(private readonly tokens: TokenService) {}

  @Post()
  @ApiOperation({ summary: 'Issue an API token (the secret is shown once)' })
  @ApiOkResponse({ type: IssuedTokenDto })
  @ApiErrors(400, 404)
  async issue(@CurrentActor() actor: Actor, @Body() dto: CreateTokenDto): Promise<IssuedTokenDto> {
    const { token, secret } = await this.tokens.issue(actor, dto);
    return { ...present(token), secret };
  }

  @Get()
  @ApiOperation({ summary: 'List tokens (secrets are never shown again)' })
  @ApiOkResponse({ type: [TokenDto] })
  async list(): Promise<TokenDto[]> {
    return (await this.tokens.list()).map(present);
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a token; it stops working at once on every replica' })
  @ApiOkResponse({ type: TokenDto })
  @ApiErrors(400, 404)
  async revoke(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<TokenDto> {
    return present(await this.tokens.revoke(actor, id));
  }
}

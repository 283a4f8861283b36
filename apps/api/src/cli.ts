/**
 * Command-line tasks, booted like the API (same env, same database, migrations under the lock)
 * but without HTTP or job queues:
 *
 *   node dist/apps/api/apps/api/src/cli.js token:create --role cpo --label "Chief patent officer"
 *   node dist/apps/api/apps/api/src/cli.js seed:demo
 *
 * stdout carries only results (a token secret, the demo summary); progress goes to stderr.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { INestApplicationContext, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AccessModule, ROLES, Role, SYSTEM_ACTOR, TokenService } from '@app/access';
import { EmbeddedDatabase, runMigrationsLocked } from '@app/database';
import { DatabaseModule, dataSourceOptions } from '@app/schema';
import { DomainError } from '@app/kernel';
import { FundingModule } from '@app/funding';
import { LedgerModule } from '@app/ledger';
import { QueueModule } from '@app/queue';
import { MembershipModule } from '@app/membership';
import { PlatformModule } from '@app/platform';
import { ProjectsModule } from '@app/projects';
import { InvalidConfigError, prepareDatabase, validateEnv } from '@app/runtime';
import { DEMO_MEMBER_TOKEN_ORG } from './demo/demo-data';
import { DemoSeedResult, seedDemo } from './demo/seed-demo';

/** The domain modules the commands use; no HTTP, no queues. */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateEnv }),
    DatabaseModule,
    AccessModule,
    MembershipModule,
    PlatformModule,
    ProjectsModule,
    QueueModule,
    LedgerModule,
    FundingModule,
  ],
})
class CliModule {}

const USAGE = `Usage: node dist/apps/api/apps/api/src/cli.js <command> [options]
       (or: npm run <command> -- [options])

Commands:
  token:create --role <${ROLES.join('|')}> --label "<text>" [--organisation <uuid>]
      Creates an API token and prints its secret once on stdout.
      A member token must name its organisation (--organisation).
  seed:demo
      Loads the demo consortium (platform, members, projects, funding) unless it exists,
      and issues a member token for one demo company.

The database is DATABASE_URL, or the embedded PostgreSQL in EMBEDDED_PG_DIR when it is unset.`;

class UsageError extends Error {}

const info = (message: string) => process.stderr.write(`[ip-pool-ledger] ${message}\n`);
const out = (line = '') => process.stdout.write(`${line}\n`);
// A closed stdout (`... | head`) must not crash the command before it closes the database.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
});
const usage = (to: NodeJS.WriteStream) => to.write(`${USAGE}\n`);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface TokenArgs {
  role: Role;
  label: string;
  organisationId: string | null;
}

function parseTokenArgs(args: string[]): TokenArgs {
  const { values } = parseArgs({
    args,
    options: {
      role: { type: 'string' },
      label: { type: 'string' },
      organisation: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const role = values.role;
  if (!role || !(ROLES as readonly string[]).includes(role)) {
    throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  }
  const label = values.label?.trim();
  if (!label) throw new UsageError('--label "<text>" is required (who or what the token is for)');
  if (label.length > 200) throw new UsageError('--label is at most 200 characters');
  const organisationId = values.organisation ?? null;
  if (organisationId !== null && !UUID.test(organisationId)) {
    throw new UsageError('--organisation must be an organisation id (a UUID)');
  }
  return { role: role as Role, label, organisationId };
}

async function createToken(app: INestApplicationContext, args: TokenArgs): Promise<void> {
  const issued = await app
    .get(TokenService)
    .issue(
      { ...SYSTEM_ACTOR, label: 'cli token:create' },
      { role: args.role, label: args.label, organisationId: args.organisationId },
    );
  out(issued.secret);
  info(
    `created ${args.role} token "${args.label}" (id ${issued.token.id}${args.organisationId ? `, organisation ${args.organisationId}` : ''}).`,
  );
  info(
    'The secret above is shown only this once: store it now. Use it as "Authorization: Bearer <token>".',
  );
}

function printDemoSummary(result: DemoSeedResult): void {
  if (!result.created) {
    out(`The demo platform already exists; nothing was changed.`);
  } else {
    out('Demo loaded.');
  }
  out();
  out(`Platform  ${result.platform.id}  ${result.platform.name}`);
  out();
  out('Organisations');
  for (const o of result.organisations) {
    const kind = o.companySize ? `${o.kind}/${o.companySize}` : o.kind;
    out(`  ${o.id}  ${kind.padEnd(15)}  ${o.name}`);
  }
  out();
  out('Research projects');
  for (const p of result.projects) out(`  ${p.id}  ${p.code.padEnd(10)}  ${p.title}`);
  out();
  if (result.memberToken) {
    out(`Member token for ${result.memberToken.organisationName} (shown only this once):`);
    out(`  ${result.memberToken.secret}`);
    out(
      `Try it: curl -H "Authorization: Bearer <token>" http://localhost:3000/platforms/${result.platform.id}/projects`,
    );
  } else {
    const company = result.organisations.find((o) => o.key === DEMO_MEMBER_TOKEN_ORG);
    out('No member token was issued this time. Create one with:');
    out(
      `  npm run token:create -- --role member --organisation ${company?.id ?? '<organisation id>'} --label "demo member"`,
    );
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    usage(command ? process.stdout : process.stderr);
    return command ? 0 : 2;
  }
  let run: (app: INestApplicationContext) => Promise<void>;
  if (command === 'token:create') {
    const args = parseTokenArgs(rest);
    run = (app) => createToken(app, args);
  } else if (command === 'seed:demo') {
    if (rest.length > 0) throw new UsageError(`seed:demo takes no options (got ${rest.join(' ')})`);
    run = async (app) => printDemoSummary(await seedDemo(app));
  } else {
    throw new UsageError(`unknown command "${command}"`);
  }

  const env = validateEnv(process.env);
  let embedded: EmbeddedDatabase | null = null;
  let app: INestApplicationContext | null = null;
  let closing = false;
  const cleanup = async () => {
    if (closing) return;
    closing = true;
    await app?.close().catch((err: unknown) => info(`error while closing: ${String(err)}`));
    await embedded
      ?.stop()
      .catch((err: unknown) => info(`error stopping PostgreSQL: ${String(err)}`));
  };
  const onSignal = (signal: NodeJS.Signals) => {
    info(`${signal}: stopping`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    embedded = await prepareDatabase(env, info);
    const url = env.DATABASE_URL as string;
    if (env.RUN_MIGRATIONS) {
      const ds = await new DataSource(
        dataSourceOptions(url, { poolSize: 2, applicationName: `${env.APP_NAME}-cli` }),
      ).initialize();
      try {
        const ran = await runMigrationsLocked(ds);
        if (ran.length > 0) info(`applied migrations: ${ran.join(', ')}`);
      } finally {
        await ds.destroy();
      }
    }
    app = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
    await run(app);
    return 0;
  } finally {
    await cleanup();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err: unknown) => {
    if (
      err instanceof UsageError ||
      (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      info(`error: ${err.message}`);
      usage(process.stderr);
      process.exitCode = 2;
    } else if (err instanceof DomainError) {
      info(`error: ${err.code}: ${err.message}`);
      process.exitCode = 1;
    } else if (err instanceof InvalidConfigError) {
      info(err.message);
      process.exitCode = 1;
    } else {
      info(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exitCode = 1;
    }
  })
  .finally(() => {
    // Everything is closed; should a stray handle remain, do not hang the shell.
    setTimeout(() => process.exit(), 5000).unref();
  });

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, LocalDate } from '@app/kernel';
import { Actor, AuditService } from '@app/access';
import { ExchangeRateTable, ForeignCurrency } from '../fees';
import { ExchangeRate } from './exchange-rate.entity';

export interface NewExchangeRate {
  currency: ForeignCurrency;
  rateDate: LocalDate;
  yenPerUnit: string;
}

/** "151.2" and "151.2000" are the same rate. */
function sameRate(a: string, b: string): boolean {
  const norm = (r: string) => {
    const [whole, frac = ''] = r.trim().split('.');
    return `${BigInt(whole)}.${frac.padEnd(4, '0')}`;
  };
  return norm(a) === norm(b);
}

/** Finance's exchange rates, one per currency and date; conversions use the fees library's table. */
@Injectable()
export class ExchangeRateService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Records a rate; the same rate again is a replay, a different one for the same date a conflict. */
  async record(
    actor: Actor,
    platformId: string,
    input: NewExchangeRate,
  ): Promise<{ rate: ExchangeRate; replayed: boolean }> {
    // Validates currency, date and format exactly as conversions will read it.
    ExchangeRateTable.from([input]);
    const yenPerUnit = input.yenPerUnit.trim();
    return this.dataSource.transaction(async (em) => {
      const inserted = await em.query<unknown[]>(
        `INSERT INTO exchange_rates (platform_id, currency, rate_date, yen_per_unit, created_by_token_id)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING 1`,
        [platformId, input.currency, input.rateDate, yenPerUnit, actor.tokenId],
      );
      const rate = await em.findOneOrFail(ExchangeRate, {
        where: { platformId, currency: input.currency, rateDate: input.rateDate },
      });
      if (inserted.length === 0) {
        if (!sameRate(rate.yenPerUnit, yenPerUnit)) {
          throw DomainError.conflict(
            'EXCHANGE_RATE.ALREADY_RECORDED',
            `a different ${input.currency} rate is recorded for ${input.rateDate}`,
            {
              field: 'yenPerUnit',
              recorded: rate.yenPerUnit,
            },
          );
        }
        return { rate, replayed: true };
      }
      await this.audit.record(em, actor, {
        action: 'exchange_rate.recorded',
        entityType: 'exchange_rate',
        entityId: `${platformId}/${input.currency}/${input.rateDate}`,
        platformId,
        after: rate,
      });
      return { rate, replayed: false };
    });
  }

  async list(platformId: string, currency?: ForeignCurrency): Promise<ExchangeRate[]> {
    return this.dataSource.getRepository(ExchangeRate).find({
      where: currency ? { platformId, currency } : { platformId },
      order: { currency: 'ASC', rateDate: 'ASC' },
    });
  }

  async hasAny(em: EntityManager, platformId: string, currency: ForeignCurrency): Promise<boolean> {
    return (await em.count(ExchangeRate, { where: { platformId, currency } })) > 0;
  }

  async tableIn(em: EntityManager, platformId: string): Promise<ExchangeRateTable> {
    const rows = await em.find(ExchangeRate, { where: { platformId } });
    return ExchangeRateTable.from(
      rows.map((r) => ({ currency: r.currency, rateDate: r.rateDate, yenPerUnit: r.yenPerUnit })),
    );
  }
}

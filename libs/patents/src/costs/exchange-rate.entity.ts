import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Yen for one unit of a currency on a date, as finance recorded it (up to 4 decimals). */
@Entity('exchange_rates')
export class ExchangeRate {
  @PrimaryColumn('uuid') platformId: string;
  @PrimaryColumn('text') currency: 'USD' | 'EUR';
  @PrimaryColumn('date') rateDate: string;
  @Column('text') yenPerUnit: string;
  @Column('uuid', { nullable: true }) createdByTokenId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

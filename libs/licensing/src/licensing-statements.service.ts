import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Yen, fiscalYearRange } from '@app/kernel';
import { RECEIPT_NOT_REVERSED, REPORT_NOT_WITHDRAWN } from './not-reversed.sql';

export interface LicenseeStatementLine {
  licenceId: string;
  upfrontInvoicedYen: Yen;
  royaltiesInvoicedYen: Yen;
  invoicedYen: Yen;
  receivedYen: Yen;
  /** Everything invoiced up to the year's end less everything received up to it. */
  outstandingAtYearEndYen: Yen;
}

export interface LicenseeStatement {
  organisationId: string;
  fiscalYear: number;
  startsOn: string;
  endsOn: string;
  licences: LicenseeStatementLine[];
  total: Omit<LicenseeStatementLine, 'licenceId'>;
}

export interface OwnerIncomeLine {
  licenceId: string;
  assetId: string;
  receipts: number;
  amountYen: Yen;
}

export interface OwnerIncomeStatement {
  organisationId: string;
  fiscalYear: number;
  startsOn: string;
  endsOn: string;
  lines: OwnerIncomeLine[];
  totalYen: Yen;
  /** Payouts to the owner dated in the fiscal year. */
  paidOutYen: Yen;
  /** What the platform owed the owner at the end of the fiscal year (its payable account). */
  payableAtYearEndYen: Yen;
}

/** Statements read with plain SQL over the licensing tables (dates by fiscal year). */
@Injectable()
export class LicensingStatementsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async licenseeStatement(
    platformId: string,
    organisationId: string,
    fiscalYear: number,
    startMonth: number,
  ): Promise<LicenseeStatement> {
    const { startsOn, endsOn } = fiscalYearRange(fiscalYear, startMonth);
    const rows = await this.dataSource.query<
      {
        licence_id: string;
        upfront: string;
        royalties: string;
        received: string;
        invoiced_to_date: string;
        received_to_date: string;
      }[]
    >(
      `SELECT l.id AS licence_id,
              CASE WHEN l.granted_on BETWEEN $3 AND $4 THEN l.upfront_fee_yen ELSE 0 END::text AS upfront,
              (SELECT coalesce(sum(r.due_yen), 0) FROM licence_royalty_reports r WHERE r.licence_id = l.id AND r.period_end BETWEEN $3 AND $4 AND ${REPORT_NOT_WITHDRAWN})::text AS royalties,
              (SELECT coalesce(sum(c.amount_yen), 0) FROM licence_receipts c WHERE c.licence_id = l.id AND c.received_on BETWEEN $3 AND $4 AND ${RECEIPT_NOT_REVERSED})::text AS received,
              (CASE WHEN l.granted_on <= $4 THEN l.upfront_fee_yen ELSE 0 END
                + (SELECT coalesce(sum(r.due_yen), 0) FROM licence_royalty_reports r WHERE r.licence_id = l.id AND r.period_end <= $4 AND ${REPORT_NOT_WITHDRAWN}))::text AS invoiced_to_date,
              (SELECT coalesce(sum(c.amount_yen), 0) FROM licence_receipts c WHERE c.licence_id = l.id AND c.received_on <= $4 AND ${RECEIPT_NOT_REVERSED})::text AS received_to_date
         FROM licences l
        WHERE l.platform_id = $1 AND l.organisation_id = $2 AND l.granted_on <= $4
        ORDER BY l.granted_on, l.created_at`,
      [platformId, organisationId, startsOn, endsOn],
    );
    const licences = rows.map((r) => ({
      licenceId: r.licence_id,
      upfrontInvoicedYen: BigInt(r.upfront),
      royaltiesInvoicedYen: BigInt(r.royalties),
      invoicedYen: BigInt(r.upfront) + BigInt(r.royalties),
      receivedYen: BigInt(r.received),
      outstandingAtYearEndYen: BigInt(r.invoiced_to_date) - BigInt(r.received_to_date),
    }));
    const sum = (k: keyof Omit<LicenseeStatementLine, 'licenceId'>) =>
      licences.reduce((a, l) => a + l[k], 0n);
    return {
      organisationId,
      fiscalYear,
      startsOn,
      endsOn,
      licences,
      total: {
        upfrontInvoicedYen: sum('upfrontInvoicedYen'),
        royaltiesInvoicedYen: sum('royaltiesInvoicedYen'),
        invoicedYen: sum('invoicedYen'),
        receivedYen: sum('receivedYen'),
        outstandingAtYearEndYen: sum('outstandingAtYearEndYen'),
      },
    };
  }

  async ownerIncome(
    platformId: string,
    organisationId: string,
    fiscalYear: number,
    startMonth: number,
  ): Promise<OwnerIncomeStatement> {
    const { startsOn, endsOn } = fiscalYearRange(fiscalYear, startMonth);
    const rows = await this.dataSource.query<
      { licence_id: string; asset_id: string; receipts: number; amount: string }[]
    >(
      `SELECT c.licence_id, s.asset_id, count(DISTINCT c.id)::int AS receipts, sum(s.amount_yen)::text AS amount
         FROM licence_income_shares s
         JOIN licence_receipts c ON c.id = s.receipt_id
         JOIN licences l ON l.id = c.licence_id
        WHERE l.platform_id = $1 AND s.organisation_id = $2 AND c.received_on BETWEEN $3 AND $4 AND ${RECEIPT_NOT_REVERSED}
        GROUP BY c.licence_id, s.asset_id
        ORDER BY c.licence_id, s.asset_id`,
      [platformId, organisationId, startsOn, endsOn],
    );
    const lines = rows.map((r) => ({
      licenceId: r.licence_id,
      assetId: r.asset_id,
      receipts: r.receipts,
      amountYen: BigInt(r.amount),
    }));
    const [settled] = await this.dataSource.query<{ paid: string; payable: string }[]>(
      `SELECT (SELECT coalesce(sum(amount_yen), 0) FROM owner_payouts
                WHERE platform_id = $1 AND organisation_id = $2 AND paid_on BETWEEN $3 AND $4)::text AS paid,
              (SELECT -coalesce(sum(l.amount), 0) FROM ledger_accounts a
                 JOIN journal_lines l ON l.account_id = a.id JOIN journal_entries e ON e.id = l.entry_id
                WHERE a.platform_id = $1 AND a.code = 'payable:owner:' || $2 AND e.entry_date <= $4)::text AS payable`,
      [platformId, organisationId, startsOn, endsOn],
    );
    return {
      organisationId,
      fiscalYear,
      startsOn,
      endsOn,
      lines,
      totalYen: lines.reduce((a, l) => a + l.amountYen, 0n),
      paidOutYen: BigInt(settled.paid),
      payableAtYearEndYen: BigInt(settled.payable),
    };
  }
}

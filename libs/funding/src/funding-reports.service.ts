import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LocalDate, Yen, fiscalYearRange } from '@app/kernel';

export interface ReconciliationRow {
  projectId: string;
  projectCode: string;
  projectTitle: string;
  sourceKind: string;
  organisationId: string | null;
  funderName: string;
  contributions: number;
  directCostYen: Yen;
  overheadYen: Yen;
  standardOverheadYen: Yen;
  ipFundYen: Yen;
  invoicedYen: Yen;
  receivedYen: Yen;
  receivableYen: Yen;
}

export type ReconciliationTotals = Omit<ReconciliationRow, 'projectId' | 'projectCode' | 'projectTitle' | 'sourceKind' | 'organisationId' | 'funderName'>;

export interface Reconciliation {
  fiscalYear: number;
  rows: ReconciliationRow[];
  byProject: (ReconciliationTotals & { projectId: string; projectCode: string })[];
  byFunder: (ReconciliationTotals & { organisationId: string | null; funderName: string })[];
  total: ReconciliationTotals;
}

export interface FundMovement {
  entryId: string;
  entryDate: LocalDate;
  kind: string;
  description: string;
  contributionId: string | null;
  amountYen: Yen;
}

export interface IpFundStatement {
  fiscalYear: number;
  startsOn: LocalDate;
  endsOn: LocalDate;
  openingBalanceYen: Yen;
  inflows: FundMovement[];
  inflowTotalYen: Yen;
  outflows: FundMovement[];
  outflowTotalYen: Yen;
  closingBalanceYen: Yen;
}

const MONEY_FIELDS = ['directCostYen', 'overheadYen', 'standardOverheadYen', 'ipFundYen', 'invoicedYen', 'receivedYen', 'receivableYen'] as const;

function emptyTotals(): ReconciliationTotals {
  return { contributions: 0, directCostYen: 0n, overheadYen: 0n, standardOverheadYen: 0n, ipFundYen: 0n, invoicedYen: 0n, receivedYen: 0n, receivableYen: 0n };
}

function addInto(target: ReconciliationTotals, row: ReconciliationTotals) {
  target.contributions += row.contributions;
  for (const f of MONEY_FIELDS) target[f] += row[f];
}

@Injectable()
export class FundingReportsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Finance's reconciliation for a fiscal year: per project and funder, direct cost, overhead,
   * its standard and IP-fund parts, invoiced, received and still receivable. Reversed
   * contributions are left out (their reversal nets them to zero in the ledger too).
   */
  async reconciliation(platformId: string, fiscalYear: number, filter: { projectId?: string; organisationId?: string } = {}): Promise<Reconciliation> {
    const params: unknown[] = [platformId, fiscalYear];
    const extra: string[] = [];
    if (filter.projectId) extra.push(`c.project_id = $${params.push(filter.projectId)}`);
    if (filter.organisationId) extra.push(`c.organisation_id = $${params.push(filter.organisationId)}`);
    const raw = await this.dataSource.query<Record<string, string | null>[]>(
      `SELECT c.project_id, p.code, p.title, c.source_kind, c.organisation_id, coalesce(o.name, c.funder_name) AS funder,
              count(*)::int AS n, sum(c.direct_cost_yen)::text AS direct, sum(c.overhead_yen)::text AS overhead,
              sum(c.standard_overhead_yen)::text AS standard, sum(c.ip_fund_yen)::text AS ip_fund,
              sum(c.direct_cost_yen + c.overhead_yen)::text AS invoiced, coalesce(sum(rcv.amount), 0)::text AS received
         FROM contributions c
         JOIN research_projects p ON p.id = c.project_id
         LEFT JOIN organisations o ON o.id = c.organisation_id
         LEFT JOIN LATERAL (SELECT sum(amount_yen) AS amount FROM contribution_receipts r WHERE r.contribution_id = c.id
                              AND NOT EXISTS (SELECT 1 FROM contribution_receipt_reversals rr WHERE rr.receipt_id = r.id)) rcv ON true
        WHERE c.platform_id = $1 AND c.fiscal_year = $2
          AND NOT EXISTS (SELECT 1 FROM contribution_reversals x WHERE x.contribution_id = c.id)
          ${extra.map((e) => `AND ${e}`).join(' ')}
        GROUP BY c.project_id, p.code, p.title, c.source_kind, c.organisation_id, coalesce(o.name, c.funder_name)
        ORDER BY p.code, c.source_kind, funder`,
      params,
    );
    const rows: ReconciliationRow[] = raw.map((r) => {
      const invoiced = BigInt(r.invoiced as string);
      const received = BigInt(r.received as string);
      return {
        projectId: r.project_id as string,
        projectCode: r.code as string,
        projectTitle: r.title as string,
        sourceKind: r.source_kind as string,
        organisationId: r.organisation_id,
        funderName: r.funder as string,
        contributions: Number(r.n),
        directCostYen: BigInt(r.direct as string),
        overheadYen: BigInt(r.overhead as string),
        standardOverheadYen: BigInt(r.standard as string),
        ipFundYen: BigInt(r.ip_fund as string),
        invoicedYen: invoiced,
        receivedYen: received,
        receivableYen: invoiced - received,
      };
    });
    const byProject = new Map<string, ReconciliationTotals & { projectId: string; projectCode: string }>();
    const byFunder = new Map<string, ReconciliationTotals & { organisationId: string | null; funderName: string }>();
    const total = emptyTotals();
    for (const row of rows) {
      const p = byProject.get(row.projectId) ?? { projectId: row.projectId, projectCode: row.projectCode, ...emptyTotals() };
      addInto(p, row);
      byProject.set(row.projectId, p);
      const key = row.organisationId ?? `public:${row.funderName}`;
      const f = byFunder.get(key) ?? { organisationId: row.organisationId, funderName: row.funderName, ...emptyTotals() };
      addInto(f, row);
      byFunder.set(key, f);
      addInto(total, row);
    }
    return { fiscalYear, rows, byProject: [...byProject.values()], byFunder: [...byFunder.values()], total };
  }

  /** The IP fund over a fiscal year, from the ledger: credits are inflows, debits outflows. */
  async ipFundStatement(platformId: string, fiscalYear: number, startMonth: number): Promise<IpFundStatement> {
    const { startsOn, endsOn } = fiscalYearRange(fiscalYear, startMonth);
    const opening = await this.dataSource.query<{ balance: string }[]>(
      `SELECT coalesce(-sum(l.amount), 0)::text AS balance
         FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id JOIN ledger_accounts a ON a.id = l.account_id
        WHERE a.platform_id = $1 AND a.code = 'ip_fund' AND e.entry_date < $2`,
      [platformId, startsOn],
    );
    const moves: { id: string; entry_date: string; kind: string; description: string; contribution_id: string | null; amount: string }[] =
      await this.dataSource.query(
        `SELECT e.id, e.entry_date::text, e.kind, e.description,
                CASE WHEN e.source_type = 'contribution' THEN e.source_id END AS contribution_id, (-l.amount)::text AS amount
           FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id JOIN ledger_accounts a ON a.id = l.account_id
          WHERE a.platform_id = $1 AND a.code = 'ip_fund' AND e.entry_date BETWEEN $2 AND $3
          ORDER BY e.entry_date, e.created_at, e.id`,
        [platformId, startsOn, endsOn],
      );
    const toMove = (m: (typeof moves)[number], sign: bigint): FundMovement => ({
      entryId: m.id,
      entryDate: m.entry_date,
      kind: m.kind,
      description: m.description,
      contributionId: m.contribution_id,
      amountYen: BigInt(m.amount) * sign,
    });
    const inflows = moves.filter((m) => BigInt(m.amount) > 0n).map((m) => toMove(m, 1n));
    const outflows = moves.filter((m) => BigInt(m.amount) < 0n).map((m) => toMove(m, -1n));
    const openingBalanceYen = BigInt(opening[0].balance);
    const inflowTotalYen = inflows.reduce((s, m) => s + m.amountYen, 0n);
    const outflowTotalYen = outflows.reduce((s, m) => s + m.amountYen, 0n);
    return {
      fiscalYear,
      startsOn,
      endsOn,
      openingBalanceYen,
      inflows,
      inflowTotalYen,
      outflows,
      outflowTotalYen,
      closingBalanceYen: openingBalanceYen + inflowTotalYen - outflowTotalYen,
    };
  }
}


import { PatentCostView } from '@app/patents';
import { PatentCostDto } from './patent-costs.dto';

export function presentCost(v: PatentCostView): PatentCostDto {
  const c = v.cost;
  return {
    id: c.id,
    assetId: c.assetId,
    filingId: c.filingId,
    kind: c.kind,
    feeYear: c.feeYear,
    feeYearTo: c.feeYearTo,
    currency: c.currency,
    amount: c.amount.toString(),
    amountYen: c.amountYen.toString(),
    rateDate: c.rateDate,
    yenPerUnit: c.yenPerUnit,
    dueOn: c.dueOn,
    fiscalYear: c.fiscalYear,
    description: c.description,
    source: c.source,
    status: c.status,
    allocationVersion: c.allocationVersion,
    allocationRule: c.allocationRule,
    approvalEntryId: c.approvalEntryId,
    payers: v.payers.map((p) => ({
      payerKind: p.payerKind,
      organisationId: p.organisationId,
      projectId: p.projectId,
      amountYen: p.amountYen.toString(),
    })),
    actions: v.actions.map((a) => ({
      action: a.action,
      actedOn: a.actedOn,
      entryId: a.entryId,
      reason: a.reason,
    })),
  };
}

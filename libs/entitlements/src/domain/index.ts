/**
 * Entitlement engine, pure core: "may member M use asset A for purpose P on date D, on what
 * terms, and why?" (DOMAIN.md §3 "Entitlement"). No I/O; storage, jobs and the API wrap it.
 *
 * Pieces
 * - member-class.calculator: IP Share classes from contributions (basis project|platform,
 *   window fiscal_year|cumulative, thresholds by share or amount) under the policy version in
 *   force; `classify()` and `versionInForce()` come from @app/platform/policy-terms.
 * - entitlement-rules: the ordered, named rules (OWNER, COMMONS_RESEARCH, NOT_A_MEMBER,
 *   FOREGROUND_*, BACKGROUND_*); the first that applies decides.
 * - decide-right.calculator: `decideRight(input)` → right + reason (rule, text, class,
 *   contributions, committee decision, policy version; `computedAt` stamped by the caller).
 *
 * Why storage does not grow as members × assets
 * A right is a function of a small *situation* (rights-situation.ts): purpose; owner?; member
 * on the date?; domestic?; the asset's kind and flags (origin, project kind, pooled, commons,
 * holder consent); participant of the asset's project?; the member's class for that project
 * (or the platform); for background business use, the committee decision in force. Of these,
 * only three facts pair a member with an asset: ownership (a few owners per asset, stored with
 * the asset), participation (member × project, already in project_participants) and the class
 * (member × project). So a recompute stores:
 *   - member class rows per (platform, member, project | platform-wide, fiscal year, policy
 *     version) — `toMemberClassRows`; a class can only change at a fiscal-year boundary or a
 *     policy version's effective date (`classSegments`), so a row is valid for a whole segment;
 *   - asset rule rows per asset (origin, project, kind, flags, owners) — `toAssetRuleRow`;
 *   - committee decisions per asset, memberships per (platform, member), as they already are.
 * That is O(members × projects + assets), and a new asset adds one row, not one per member.
 * `answerCheck(pieces)` answers a check from one asset row plus the member's class row for the
 * date's segment, through the same `decideRight`, so stored and direct answers cannot drift.
 * `rightsKey(situation)` names the situation: equal keys give equal answers, so listings
 * ("all my rights") can decide once per key; `groupByRightsKey` groups checks that way.
 */
export * from './entitlement.types';
export * from './entitlement-errors';
export { policyInForce, computeMemberClasses, classForAsset } from './member-class.calculator';
export type { MemberClassInput } from './member-class.calculator';
export { membershipActiveOn } from './membership-period';
export { ENTITLEMENT_RULES, firstApplicableRule } from './entitlement-rules';
export type { EntitlementRule, RuleDecision, RuleId } from './entitlement-rules';
export { COMMONS_COUNTRY, assess, committeeState } from './rights-situation';
export type { AssessedInput, CommitteeState, RightsSituation } from './rights-situation';
export { decideRight, withComputedAt } from './decide-right.calculator';
export {
  answerCheck,
  classRowFor,
  classSegments,
  decideSituation,
  fromAssetRuleRow,
  fromMemberClassRow,
  groupByRightsKey,
  rightsKey,
  rightsKeyOf,
  toAssetRuleRow,
  toMemberClassRows,
} from './rights-storage';
export type { AssetRuleRow, CheckPieces, ClassSegment, MemberClassRow } from './rights-storage';

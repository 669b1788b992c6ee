import type { Clock } from '../../clock.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type { ImportService } from '../imports/import-service.ts';
import type { OrgService } from '../org/org-service.ts';
import { scopeOf, type Actor } from '../access/authz.ts';
import { toZoned } from '../../../core/common/zoned-time.ts';

type Deps = {
  org: Pick<OrgService, 'dashboard'>;
  audit: Pick<AuditService, 'countOn'>;
  imports: Pick<ImportService, 'countMine'>;
  clock: Clock;
};

/** The dashboard's counts, each limited to what the actor may see. */
export function createDashboardService({ org, audit, imports, clock }: Deps) {
  async function summary(actor: Actor) {
    const today = toZoned(clock.now().getTime(), 'Asia/Jakarta').date;
    const auditScope = scopeOf(actor, 'audit.read');
    const canImport = scopeOf(actor, 'import.run');
    const [base, auditToday, importCount] = await Promise.all([
      org.dashboard(actor),
      auditScope === 'all' || auditScope.length > 0 ? audit.countOn(auditScope, today) : Promise.resolve(0),
      canImport === 'all' || canImport.length > 0 ? imports.countMine(actor) : Promise.resolve(0),
    ]);
    return { ...base, auditToday, imports: importCount };
  }
  return { summary };
}
export type DashboardService = ReturnType<typeof createDashboardService>;

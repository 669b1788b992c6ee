import { RECAP_REPORTS_ACCESS } from './access/recap-reports.ts';
import { scopeSuite } from './scope-harness.ts';

// Daily statuses, the monthly recap and today's attendance.
scopeSuite('statuses, recap and today', RECAP_REPORTS_ACCESS);

import { INSPECTIONS_ACCESS } from './access/inspections.ts';
import { scopeSuite } from './scope-harness.ts';

// Inspections (/api/inspections): the schedule, an inspection, its report, planning and starting it.
scopeSuite('inspections', INSPECTIONS_ACCESS);

import { COMPLAINTS_ACCESS } from './access/complaints.ts';
import { scopeSuite } from './scope-harness.ts';

// Public complaints (/api/complaints, /api/public/complaints): list, export, detail, routing, rejection, answer.
scopeSuite('complaints', COMPLAINTS_ACCESS);

import { REQUESTS_ACCESS } from './access/requests.ts';
import { scopeSuite } from './scope-harness.ts';

// Permits, attendance corrections and leave.
scopeSuite('permits, corrections and leave', REQUESTS_ACCESS);

import { COMPETENCY_ACCESS } from './access/competency.ts';
import { scopeSuite } from './scope-harness.ts';

// Competency and development (/api/competency): dictionary, position standards, assessment results and their imports.
scopeSuite('competency', COMPETENCY_ACCESS);

import { KINERJA_ACCESS } from './access/kinerja.ts';
import { scopeSuite } from './scope-harness.ts';

// e-Kinerja: its world adds both sides' SKP, reports, evaluations and feedback (test/helpers/kinerja-activity.ts).
scopeSuite('e-Kinerja', KINERJA_ACCESS, { kinerja: true });

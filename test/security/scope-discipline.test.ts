import { DISCIPLINE_ACCESS } from './access/discipline.ts';
import { scopeSuite } from './scope-harness.ts';

// The discipline module (/api/discipline): its world holds each side's discipline records (`Ctx.disc`: an
// indication, salary stops, cases in each state, a document, a designation; test/helpers/discipline-activity.ts).
scopeSuite('discipline', DISCIPLINE_ACCESS, { discipline: true });

import { ELECTION_WATCH_ACCESS } from './access/election-watch.ts';
import { scopeSuite } from './scope-harness.ts';

// The election-period watch (/api/election-watch): periods, daily lists, acknowledgements, reports, neutrality.
scopeSuite('election-watch', ELECTION_WATCH_ACCESS);

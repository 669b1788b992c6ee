import { COMMAND_CENTRE_ACCESS } from './access/command-centre.ts';
import { scopeSuite } from './scope-harness.ts';

// Ruang Kendali (/api/command-centre): the page's figures, the per-OPD exports and the monthly briefing.
scopeSuite('command-centre', COMMAND_CENTRE_ACCESS);

import { TELADAN_ACCESS } from './access/teladan.ts';
import { scopeSuite } from './scope-harness.ts';

// ASN teladan (/api/teladan): periods, committee, ranking, nominations, decisions, awards and certificates.
scopeSuite('teladan', TELADAN_ACCESS);

/**
 * `npm run audit:verify` — walk the whole audit hash chain. Exit 0 and "Rantai audit utuh: N entri diperiksa"
 * when every entry matches its hash and its predecessor; exit 1 naming the first changed or deleted entry.
 * Uses the server's configuration (DATABASE_URL or DATA_DIR); on PGlite, stop the server first.
 */
import { createAuditService } from '../src/server/modules/audit/audit-service.ts';
import { systemClock } from '../src/server/clock.ts';
import { EXIT, openDatabase } from './cli-db.ts';

const { handle } = await openDatabase();
let code: number = EXIT.OK;
try {
  const result = await createAuditService({ db: handle.db, clock: systemClock }).verify();
  if (result.ok) {
    console.log(`Rantai audit utuh: ${result.checked} entri diperiksa`);
  } else {
    console.error(`Rantai audit RUSAK pada entri #${result.firstBadId}: ${result.reason}`);
    console.error(`${result.checked} entri sebelumnya utuh.`);
    code = EXIT.REJECTED;
  }
} finally {
  await handle.close();
}
process.exit(code);

/**
 * `npm run audit:verify` — walk the whole audit hash chain and compare its end with the chain-head checkpoint
 * (audit_head). Exit 0 and "Rantai audit utuh: N entri diperiksa" (plus the newest entry's id and hash, worth
 * writing down outside the database) when every entry matches its hash, its predecessor and the checkpoint;
 * exit 1 naming the first changed or deleted entry (including deleted newest entries).
 * Uses the server's configuration (DATABASE_URL or DATA_DIR); on PGlite, stop the server first.
 */
import { createAuditService } from '../src/server/modules/audit/audit-service.ts';
import { systemClock } from '../src/server/clock.ts';
import { type CliIo, EXIT, exitCodeOf, loadCliConfig, openDatabase, processIo } from './cli-db.ts';

/**
 * The tool: the configuration from `env`, output and early exits through `io` (it takes no arguments). Returns
 * the exit code (the command line below exits with it).
 */
export function main(
  _argv: string[] = [],
  env: Record<string, string | undefined> = process.env,
  io: CliIo = processIo,
): Promise<number> {
  return exitCodeOf(() => run(env, io));
}

async function run(env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  const { handle } = await openDatabase(loadCliConfig(env, io), io);
  let code: number = EXIT.OK;
  try {
    const audit = createAuditService({ db: handle.db, clock: systemClock });
    const result = await audit.verify();
    if (result.ok) {
      io.log(`Rantai audit utuh: ${result.checked} entri diperiksa`);
      const head = await audit.head();
      if (head && head.entryCount > 0) io.log(`Entri terakhir #${head.lastId}, hash ${head.lastHash}`);
    } else {
      io.error(
        result.firstBadId === null
          ? `Rantai audit RUSAK: ${result.reason}`
          : `Rantai audit RUSAK pada entri #${result.firstBadId}: ${result.reason}`,
      );
      io.error(`${result.checked} entri sebelumnya utuh.`);
      code = EXIT.REJECTED;
    }
  } finally {
    await handle.close();
  }
  return code;
}

if (import.meta.main) process.exit(await main(process.argv.slice(2)));

/**
 * `npm run admin:create -- --username NAME [--name "Nama Tampilan"] [--reset]` — the first super admin of an
 * installation, or a new temporary password for one that is locked out (`--reset`). Prints the temporary
 * password once; it must be changed at the first sign-in. Uses the server's configuration (DATABASE_URL or
 * DATA_DIR); on PGlite, stop the server first. Exit 0 done, 1 refused (e.g. the name exists), 2 usage, 3 database.
 * The temporary password is random (not a default): a production server starts with such an account, and
 * `--reset` on a demo account replaces its demo password (src/server/auth/production-check.ts).
 */
import { parseArgs } from 'node:util';
import { AppError } from '../src/server/errors.ts';
import { systemClock } from '../src/server/clock.ts';
import { createAuditService } from '../src/server/modules/audit/audit-service.ts';
import { createAccountsRepo } from '../src/server/modules/accounts/accounts-repo.ts';
import { createAccountsService } from '../src/server/modules/accounts/accounts-service.ts';
import { EXIT, describeDatabase, openDatabase } from './cli-db.ts';

let args;
try {
  args = parseArgs({
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      reset: { type: 'boolean', default: false },
    },
  }).values;
} catch (err) {
  console.error((err as Error).message);
  process.exit(EXIT.USAGE);
}
if (!args.username) {
  console.error('Pemakaian: npm run admin:create -- --username NAMA [--name "Nama Tampilan"] [--reset]');
  process.exit(EXIT.USAGE);
}

const { config, handle } = await openDatabase();
let code: number = EXIT.OK;
try {
  const audit = createAuditService({ db: handle.db, clock: systemClock });
  const accounts = createAccountsService({
    db: handle.db,
    repo: createAccountsRepo(handle.db),
    audit,
    clock: systemClock,
  });
  const result = await accounts.bootstrapSuperAdmin({
    username: args.username,
    displayName: args.name ?? 'Administrator Sistem',
    reset: args.reset,
  });
  console.log(
    `${result.created ? 'Akun super admin dibuat' : 'Sandi sementara baru untuk'} ${result.username} (${describeDatabase(config)}).`,
  );
  console.log(`Kata sandi sementara: ${result.temporaryPassword}`);
  console.log('Sandi ini hanya ditampilkan sekali dan wajib diganti saat pertama masuk.');
} catch (err) {
  if (!(err instanceof AppError)) throw err;
  console.error(err.message);
  code = err.code === 'VALIDATION' ? EXIT.USAGE : EXIT.REJECTED;
} finally {
  await handle.close();
}
process.exit(code);

import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { createAccessRepo } from './access-repo.ts';

/** How many account names the refusal lists before it counts the rest. */
const LISTED = 20;

/**
 * Whether a production server may start, checked before anything is loaded or served (main.ts): with
 * NODE_ENV=production it must not run while any active account still has a demo or default password — those are
 * public (README) — nor load the demo province into an empty database (DEMO_DATA=true).
 *
 * "Demo or default password" is the flag users.is_demo: set on every account the demo seed creates (password
 * `abdi-demo`), cleared whenever the password is set again (change of one's own password, reset by an
 * administrator, `npm run admin:create -- --reset`). No other path sets a known password: temporary passwords
 * are random and must be changed at the first sign-in, and the password policy refuses the demo password and
 * its variants. Verifying argon2 hashes instead would cost ~7 ms per account on 2 cores (50,000 accounts ≈ 6 min).
 *
 * @returns the reason to refuse, in Indonesian, or null when the server may start
 */
export async function productionStartRefusal(deps: {
  db: Db;
  config: Pick<Config, 'env' | 'demoData'>;
}): Promise<string | null> {
  const { db, config } = deps;
  if (config.env !== 'production') return null;
  const hint =
    'Untuk instalasi sungguhan pakai basis data tanpa data demo, lalu buat administrator pertama dengan\n' +
    '  npm run admin:create -- --username admin\n' +
    '(sandi sementara, wajib diganti saat pertama masuk). Data demo hanya untuk mencoba, tanpa NODE_ENV=production.';
  if (config.demoData) {
    const anyUnit = await db.selectFrom('units').select('id').limit(1).executeTakeFirst();
    if (!anyUnit)
      return (
        'Server tidak dijalankan: DEMO_DATA=true bersama NODE_ENV=production akan memuat akun demo dengan kata sandi ' +
        `yang diketahui umum. Tidak ada yang dimuat.\n${hint}`
      );
  }
  const accounts = await createAccessRepo(db).defaultPasswordAccounts();
  if (accounts.length === 0) return null;
  const names = accounts.slice(0, LISTED).map((a) => a.username);
  const more = accounts.length - names.length;
  return (
    `Server tidak dijalankan (NODE_ENV=production): ${accounts.length} akun aktif masih memakai kata sandi ` +
    `demo/bawaan yang diketahui umum:\n  ${names.join(', ')}${more > 0 ? `, … dan ${more} akun lainnya` : ''}\n` +
    'Ganti kata sandinya (menu Ganti kata sandi, dengan server di luar produksi) atau nonaktifkan akunnya, atau ' +
    `beri sandi sementara baru: npm run admin:create -- --username NAMA --reset.\n${hint}`
  );
}

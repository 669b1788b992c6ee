import { ConfigError, loadConfig } from '../src/server/config.ts';

// The configuration is checked before the server's modules load, so a bad variable (e.g. SERVER_PROCESSES=0) is
// refused at once with its reason (exit 2), nothing opened or written; main() reads it again.
try {
  loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(2);
}
const { main } = await import('../src/server/main.ts');
await main();

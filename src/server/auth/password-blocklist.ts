import { readFileSync } from 'node:fs';
import { blocklistOf, PROJECT_DEFAULT_PASSWORDS } from '../../core/access/password-policy.ts';

let cached: ReadonlySet<string> | null = null;

/**
 * The blocklist of the password policy: the shipped list of common passwords (common-passwords.txt beside this
 * file: its header names the sources) and the project's own defaults, read once.
 */
export function passwordBlocklist(): ReadonlySet<string> {
  if (!cached) {
    const text = readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8');
    const entries = text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
    cached = blocklistOf([...PROJECT_DEFAULT_PASSWORDS, ...entries]);
  }
  return cached;
}

/**
 * The password policy: what every password a person chooses must satisfy (change-password, and any other place
 * a chosen password is set). Pure: the blocklist and the minimum length are passed in.
 *
 * Source: NIST SP 800-63B (Digital Identity Guidelines, June 2017) §5.1.1.2 "Memorized Secret Verifiers":
 * at least 8 characters, each Unicode code point counted as one; at least 64 characters permitted; a chosen
 * password is compared against a list of values known to be commonly used, expected or compromised (breach
 * corpuses, dictionary words, repetitive or sequential characters such as `aaaaaa` or `1234abcd`,
 * context-specific words such as the user name or the name of the service) and refused with the reason;
 * no other composition rules (no "must contain a digit"). Abdi's minimum is 10 (PASSWORD_MIN_LENGTH, above the
 * 8 of SP 800-63B rev. 3; rev. 4 of 2024 asks 15 for a password used as the only factor).
 */

/** Why a password was refused; the web shows each in the user's language. */
export const PASSWORD_RULES = [
  'length',
  'tooLong',
  'reused',
  'common',
  'repeated',
  'sequence',
  'personal',
] as const;
export type PasswordRule = (typeof PASSWORD_RULES)[number];

export interface PasswordIssue {
  rule: PasswordRule;
  /** The reason in Indonesian. */
  message: string;
}

/** Longest accepted password (NIST SP 800-63B §5.1.1.2: permit at least 64; argon2 hashes any length). */
export const PASSWORD_MAX_LENGTH = 200;
/** Default minimum length (PASSWORD_MIN_LENGTH). */
export const DEFAULT_PASSWORD_MIN_LENGTH = 10;

/**
 * The passwords of this project that are public by construction: the demo password printed by `npm start`
 * and in the README, and the words every guesser of an Abdi installation tries first (the service's name,
 * "admin", Indonesian words for "password"). Always blocked, with their variants (see {@link checkPassword}).
 */
export const PROJECT_DEFAULT_PASSWORDS = [
  'abdi-demo',
  'abdidemo',
  'demo-abdi',
  'abdi',
  'abdi-admin',
  'admin-abdi',
  'admin',
  'administrator',
  'superadmin',
  'super-admin',
  'katasandi',
  'kata-sandi',
  'sandi',
  'rahasia',
  'password',
  'passw0rd',
  'pegawai',
  'presensi',
  'absensi',
  'pemda',
  'pemprov',
  'pemkab',
  'pemkot',
  'banten',
  'indonesia',
  'merdeka',
  'bismillah',
  'sayang',
  'sayangku',
  'cintaku',
  'selamat',
  'qwerty',
  'changeme',
  'gantisandi',
  'ganti-sandi',
  'welcome',
  'letmein',
] as const;

export interface PasswordPolicy {
  /** Minimum number of characters (Unicode code points). */
  minLength: number;
  /** Blocked passwords as built by {@link blocklistOf}. */
  blocklist: ReadonlySet<string>;
}

/** Who sets the password: what it must not contain, and the current password it must differ from. */
export interface PasswordContext {
  username?: string | null | undefined;
  nip?: string | null | undefined;
  /** The person's names (display name with titles, employee name): each word of 4 letters or more counts. */
  names?: readonly (string | null | undefined)[] | undefined;
  /** The password being replaced, when known. */
  current?: string | undefined;
}

/** Characters people put in place of letters ("leetspeak"): p@ssw0rd → password. */
const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'l',
};
const leet = (s: string) => s.replace(/[0134578@$!|]/g, (c) => LEET[c]!);
/** Separators people put between words: "abdi demo", "abdi_demo", "abdi.demo" are all "abdidemo". */
const unseparated = (s: string) => s.replace(/[\s._\-+*/\\,;:'"`~]+/g, '');
/** Leading and trailing digits, punctuation and spaces: "password12", "!!abdi-demo1" → the word inside. */
const stripDecoration = (s: string) => s.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
const stripDigits = (s: string) => s.replace(/^\d+|\d+$/g, '');

/** How a password compares to the blocklist: lower case, Unicode NFKC (NIST SP 800-63B §5.1.1.2). */
const fold = (s: string) => s.normalize('NFKC').toLowerCase();

/**
 * The forms under which a password is looked up in the blocklist: as typed, without leading/trailing digits and
 * symbols (`password12`, `abdi-demo1`), with leetspeak undone (`p@ssw0rd`), each also without separators.
 */
function lookupForms(password: string): Set<string> {
  const lower = fold(password);
  const forms = new Set<string>();
  for (const f of [
    lower,
    stripDecoration(lower),
    leet(stripDecoration(lower)),
    stripDecoration(leet(lower)),
    leet(stripDigits(lower)),
    stripDecoration(leet(stripDigits(lower))),
  ]) {
    forms.add(f);
    forms.add(unseparated(f));
  }
  forms.delete('');
  return forms;
}

/**
 * A blocklist from a list of common passwords: each entry under the forms {@link checkPassword} looks up (lower
 * case, without decoration, leetspeak undone, without separators). A base shorter than 4 characters is kept
 * only as typed (so `abc123` blocks `abc123`, not every password that ends in "abc").
 */
export function blocklistOf(entries: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const raw of entries) {
    const lower = fold(raw.trim());
    if (!lower) continue;
    out.add(lower);
    for (const f of lookupForms(lower)) if ([...f].length >= 4) out.add(f);
  }
  return out;
}

/** The project's own defaults alone (for a check without the shipped list, e.g. in the browser). */
export const projectBlocklist = (): Set<string> => blocklistOf(PROJECT_DEFAULT_PASSWORDS);

/** Rows of keys and alphabets whose runs are "sequences" (NIST: sequential characters, e.g. 1234abcd). */
const SEQUENCES = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  '1qaz2wsx3edc4rfv',
];
const SEQUENCE_TEXTS = [...SEQUENCES, ...SEQUENCES.map((s) => [...s].reverse().join(''))];

/** The longest run of the password (lower case) that is part of an alphabet or keyboard row. */
export function longestSequence(password: string): number {
  const s = [...fold(password)];
  let best = 0;
  for (let i = 0; i < s.length; i++) {
    let j = i + 1;
    while (j < s.length && SEQUENCE_TEXTS.some((t) => t.includes(s.slice(i, j + 1).join('')))) j++;
    // s[i..j) is part of a row (a run of one character trivially is); only runs of 3 and more count.
    if (j - i >= 3) best = Math.max(best, j - i);
  }
  return best;
}

/** True when the text is one unit written two or more times (`abcabc`, `kopikopi`, `aaaa`). */
function isRepetition(s: string): boolean {
  const cs = [...s];
  for (let unit = 1; unit <= cs.length / 2; unit++) {
    if (cs.length % unit !== 0) continue;
    const head = cs.slice(0, unit).join('');
    if (head.repeat(cs.length / unit) === s) return true;
  }
  return false;
}

/** The personal values a password must not contain, lower case; names as words of 4 letters or more. */
function personalValues(ctx: PasswordContext): { nip: string[]; username: string[]; name: string[] } {
  const nip: string[] = [];
  const digits = (ctx.nip ?? '').replace(/\D/g, '');
  if (digits.length >= 8) {
    nip.push(digits);
    // NIP digits 1–8 are the date of birth (YYYYMMDD); DDMMYYYY is the same date as people write it.
    if (digits.length === 18)
      nip.push(digits.slice(0, 8), digits.slice(6, 8) + digits.slice(4, 6) + digits.slice(0, 4));
  }
  const username: string[] = [];
  const u = fold(ctx.username ?? '').trim();
  if ([...u].length >= 4 && !nip.includes(u)) username.push(unseparated(u));
  const name = new Set<string>();
  for (const n of ctx.names ?? []) {
    for (const word of fold(n ?? '').split(/[^\p{L}]+/u)) if ([...word].length >= 4) name.add(word);
  }
  return { nip, username, name: [...name] };
}

/**
 * Check a password a person chose. Rules (NIST SP 800-63B §5.1.1.2), each a reason in Indonesian:
 * - `length`: at least `minLength` characters (Unicode code points); `tooLong`: at most {@link PASSWORD_MAX_LENGTH}.
 * - `reused`: differs from the current password.
 * - `common`: not on the blocklist (common passwords and the project's defaults), also after removing leading
 *   and trailing digits and symbols, undoing leetspeak and removing separators (`password12`, `P@ssw0rd!`,
 *   `abdi-demo1`, `Abdi Demo 2026` are all refused).
 * - `repeated`: not one character or one unit repeated, nor fewer than 4 different characters (`aaaaaaaaa1`,
 *   `abcabcabcabc`, `kopikopi12`).
 * - `sequence`: a run along the alphabet, the digits or a keyboard row covers at most half of it (`1234567890`,
 *   `abcdefgh12`, `qwertyuiop1`, `kopi123456`).
 * - `personal`: does not contain the NIP, the date of birth within it (YYYYMMDD or DDMMYYYY), the user name or
 *   a word of the person's name of 4 letters or more (also with leetspeak undone).
 *
 * @returns every rule broken (empty when the password is acceptable)
 */
export function checkPassword(
  password: string,
  policy: PasswordPolicy,
  ctx: PasswordContext = {},
): PasswordIssue[] {
  const issues: PasswordIssue[] = [];
  const length = [...password].length;
  if (length < policy.minLength)
    issues.push({ rule: 'length', message: `Kata sandi minimal ${policy.minLength} karakter` });
  if (length > PASSWORD_MAX_LENGTH)
    issues.push({ rule: 'tooLong', message: `Kata sandi paling banyak ${PASSWORD_MAX_LENGTH} karakter` });
  if (ctx.current !== undefined && ctx.current === password)
    issues.push({ rule: 'reused', message: 'Kata sandi baru harus berbeda dari kata sandi saat ini' });
  if (length === 0) return issues;

  const forms = lookupForms(password);
  if ([...forms].some((f) => policy.blocklist.has(f)))
    issues.push({
      rule: 'common',
      message: 'Kata sandi ini terlalu umum atau merupakan kata sandi demo/bawaan; pilih yang lain',
    });

  const lower = fold(password);
  const core = stripDecoration(lower);
  if (new Set(lower).size < 4 || isRepetition(lower) || (core.length >= 3 && isRepetition(core)))
    issues.push({
      rule: 'repeated',
      message: 'Kata sandi tidak boleh berupa karakter atau pola yang diulang-ulang (mis. aaaaaaaaa1)',
    });

  const run = longestSequence(password);
  if (run >= 4 && run * 2 >= length)
    issues.push({
      rule: 'sequence',
      message: 'Kata sandi tidak boleh sebagian besar berupa urutan (mis. 12345678, abcdefgh, qwerty)',
    });

  const personal = personalValues(ctx);
  const plain = unseparated(lower);
  const deleeted = leet(plain);
  const digitsOnly = lower.replace(/\D/g, '');
  const has = (v: string) => plain.includes(v) || deleeted.includes(v);
  if (personal.nip.some((v) => digitsOnly.includes(v)))
    issues.push({ rule: 'personal', message: 'Kata sandi tidak boleh memuat NIP atau tanggal lahir Anda' });
  else if (personal.username.some(has))
    issues.push({ rule: 'personal', message: 'Kata sandi tidak boleh memuat nama pengguna Anda' });
  else if (personal.name.some(has))
    issues.push({ rule: 'personal', message: 'Kata sandi tidak boleh memuat nama Anda' });
  return issues;
}

import { describe, expect, it } from 'vitest';
import {
  blocklistOf,
  checkPassword,
  longestSequence,
  PROJECT_DEFAULT_PASSWORDS,
  type PasswordContext,
  type PasswordRule,
} from './password-policy.ts';

/** A small stand-in for the shipped list of common passwords (src/server/auth/common-passwords.txt). */
const policy = {
  minLength: 10,
  blocklist: blocklistOf([
    ...PROJECT_DEFAULT_PASSWORDS,
    'password',
    'sunshine',
    'iloveyou',
    'jakarta',
    'football',
  ]),
};

const person: PasswordContext = {
  username: '198503122010011003',
  nip: '198503122010011003',
  names: ['dr. Siti Rahmawati, M.Kes', 'Siti Rahmawati'],
};
const rulesOf = (password: string, ctx: PasswordContext = person) =>
  checkPassword(password, policy, ctx).map((i) => i.rule);

describe('checkPassword', () => {
  it.each<[string, string]>([
    ['a long passphrase with spaces', 'kopi hitam di teras pagi'],
    ['words and digits', 'Rahasia-Baru-2026'],
    ['camel case with digits', 'KataSandiBaru123'],
    ['a random temporary-style password', 'Hk7p-2mQa-x9Rt'],
    ['letters only, long (no composition rule, NIST SP 800-63B)', 'tanpaangkasamasekali'],
    ['a common word inside a longer phrase', 'password-kuat-sekali-ya'],
    ['exactly the minimum length', 'Kebun-Teh1'],
    ['Unicode letters', 'kata-sandi-ÄÖÜ-ñ-2026'],
  ])('accepts %s: %s', (_label, password) => {
    expect(checkPassword(password, policy, person)).toEqual([]);
  });

  it.each<[string, string, PasswordRule[]]>([
    ['too short', 'pendek1', ['length']],
    ['9 characters', 'Abcxyz-9q', ['length']],
    ['10 code points counted as 10 even when UTF-16 is longer', '😀😀😀😀😀😀😀😀😀', ['length', 'repeated']],
    ['the issue’s password12', 'password12', ['common']],
    ['the issue’s abdi-demo1', 'abdi-demo1', ['common']],
    ['the demo password with a year', 'abdi-demo-2026', ['common']],
    ['the demo password spaced and capitalised', 'Abdi Demo 2026', ['common']],
    ['leetspeak', 'P@ssw0rd!2026', ['common']],
    ['leetspeak with leading digits', '2026@dmin123', ['common']],
    ['a common password with symbols around', '!!sunshine!!', ['common']],
    ['Indonesian default', 'katasandi123', ['common']],
    ['the issue’s aaaaaaaaa1', 'aaaaaaaaa1', ['repeated']],
    ['one unit repeated', 'abcabcabcabc', ['repeated']],
    ['a word repeated then digits', 'kopikopi12', ['repeated']],
    ['fewer than 4 different characters', '1q1q1q1q1qq', ['repeated']],
    ['digits in order', '1234567890', ['sequence']],
    ['digits in reverse', '0987654321x', ['sequence']],
    ['letters in order', 'abcdefgh12', ['sequence']],
    ['a keyboard row', 'qwertyuiop1', ['sequence']],
    ['a short word and a long sequence', 'kopi123456', ['sequence']],
    ['the NIP', 'x198503122010011003', ['personal']],
    ['the date of birth in the NIP', 'lahir19850312!', ['personal']],
    ['the date of birth as DDMMYYYY', 'lahir-12031985', ['personal']],
    ['a word of the name', 'Rahmawati-2026!', ['personal']],
    ['a word of the name in leetspeak', 'S1t1-kopi-pagi', ['personal']],
  ])('refuses %s: %s → %j', (_label, password, rules) => {
    expect(rulesOf(password)).toEqual(rules);
  });

  it('refuses the user name of an account without a NIP', () => {
    expect(rulesOf('operator.baru-2026', { username: 'operator.baru' })).toEqual(['personal']);
    expect(rulesOf('na-btn-0001-pagi', { username: 'na-btn-0001' })).toEqual(['personal']);
    expect(checkPassword('operator.baru-2026', policy, { username: 'operator.baru' })[0]!.message).toBe(
      'Kata sandi tidak boleh memuat nama pengguna Anda',
    );
  });

  it('ignores academic titles and short name words', () => {
    // "dr", "M.Kes" and a 3-letter name are not personal words.
    expect(rulesOf('dr-mkes-ani-kebun', { names: ['dr. Ani, M.Kes'] })).toEqual([]);
  });

  it('refuses the current password as the new one', () => {
    expect(rulesOf('Rahasia-Baru-2026', { ...person, current: 'Rahasia-Baru-2026' })).toEqual(['reused']);
  });

  it('gives the reasons in Indonesian, with the configured minimum length', () => {
    const issues = checkPassword('aaaa', { ...policy, minLength: 12 }, person);
    expect(issues).toEqual([
      { rule: 'length', message: 'Kata sandi minimal 12 karakter' },
      {
        rule: 'repeated',
        message: 'Kata sandi tidak boleh berupa karakter atau pola yang diulang-ulang (mis. aaaaaaaaa1)',
      },
    ]);
  });

  it('refuses a password over 200 characters', () => {
    expect(rulesOf('kebun teh lembang '.repeat(12) + 'x')).toContain('tooLong');
  });

  it('blocks a list entry under its variants, but short bases only as typed', () => {
    const list = blocklistOf(['abc123', 'Dragon']);
    expect(list.has('abc123')).toBe(true);
    expect(list.has('abc')).toBe(false);
    expect(list.has('dragon')).toBe(true);
    expect(rulesOf('dragon2026!', {})).toEqual([]); // not in the stand-in list
    expect(checkPassword('Dragon2026!', { minLength: 10, blocklist: list }).map((i) => i.rule)).toEqual([
      'common',
    ]);
  });
});

describe('longestSequence', () => {
  it.each<[string, number]>([
    ['1234', 4],
    ['x1234y', 4],
    ['zyxw', 4],
    ['asdfgh', 6],
    ['a1b2c3', 0],
    ['rahasia', 0],
  ])('%s → %i', (s, n) => expect(longestSequence(s)).toBe(n));
});

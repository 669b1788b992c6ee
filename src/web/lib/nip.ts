import { isValidYmd } from './format.ts';

export type NipProblem = 'length' | 'birthDate' | 'tmt' | 'gender';

/**
 * Checks the structure of an 18-digit NIP (PP 11/2017 numbering): yyyyMMdd birth date, yyyyMM start (TMT),
 * gender digit 1/2, 3-digit sequence. Spaces are ignored. Returns the first problem or null.
 */
export function checkNip(input: string): NipProblem | null {
  const nip = input.replace(/\s+/g, '');
  if (!/^\d{18}$/.test(nip)) return 'length';
  const year = Number(nip.slice(0, 4));
  const month = Number(nip.slice(4, 6));
  const day = Number(nip.slice(6, 8));
  if (year < 1900 || !isValidYmd(year, month, day)) return 'birthDate';
  const tmtMonth = Number(nip.slice(12, 14));
  if (tmtMonth < 1 || tmtMonth > 12) return 'tmt';
  const gender = nip.slice(14, 15);
  if (gender !== '1' && gender !== '2') return 'gender';
  return null;
}

/** The birth date encoded in a NIP as 'yyyy-MM-dd', or null when the NIP is not well formed. */
export function birthDateFromNip(input: string): string | null {
  const nip = input.replace(/\s+/g, '');
  if (checkNip(nip) !== null) return null;
  return `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`;
}

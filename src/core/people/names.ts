/**
 * Full names with academic, professional and religious titles (gelar depan / gelar belakang), as written
 * in Indonesian personnel records: `Dr. Ir. Siti Rahmawati, S.T., M.Si.`.
 */

/** A name split into front titles, the name itself and back titles. */
export interface PersonName {
  /** Gelar depan, space-separated, e.g. `Dr. Ir.`, `dr.`, `Drs. H.`. */
  frontTitle?: string;
  /** The name without titles, e.g. `Siti Rahmawati`. */
  name: string;
  /** Gelar belakang, comma-separated, e.g. `S.T., M.Si.`. */
  backTitle?: string;
}

function squash(value: string | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

function joinBackTitles(value: string | undefined): string {
  return squash(value)
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0)
    .join(', ');
}

/**
 * Writes the full name: front titles, the name, then a comma and the back titles, the way personnel
 * decrees print it (`Dr. Ir. Siti Rahmawati, S.T., M.Si.`). Whitespace is collapsed; back titles are
 * re-joined with `, `. Source: customary Indonesian usage (PUEBI, penulisan gelar) [INF].
 */
export function formatFullName(person: PersonName): string {
  const front = squash(person.frontTitle);
  const name = squash(person.name);
  const back = joinBackTitles(person.backTitle);
  const head = front ? `${front} ${name}` : name;
  return back ? `${head}, ${back}` : head;
}

/**
 * Front titles recognised by {@link splitAcademicTitles}, lowercase without the dot: Prof., Dr. / dr.
 * (doctorate / medical doctor), Drs., Dra., Ir., drg., drh., apt., Ns., Bd. and the religious H. / Hj.
 */
const FRONT_TITLES = new Set(['prof', 'dr', 'drs', 'dra', 'ir', 'drg', 'drh', 'apt', 'ns', 'bd', 'h', 'hj']);

/** Back titles commonly written without dots (compared case-insensitively). */
const DOTLESS_BACK_TITLES = new Set(
  [
    'SH',
    'SE',
    'ST',
    'SP',
    'SIP',
    'SPd',
    'SKom',
    'SSos',
    'SKM',
    'SAP',
    'SAk',
    'SHut',
    'SSi',
    'MM',
    'MSi',
    'MH',
    'MT',
    'MPd',
    'MKes',
    'MAP',
    'MAk',
    'MKom',
    'MBA',
    'MSc',
    'PhD',
    'AMd',
    'AMK',
    'CLA',
  ].map((t) => t.toUpperCase()),
);

/** `Dr.`, `Ir`, `Dr.Ir.` (glued) … — every dotted part is a known front title. */
function isFrontTitleToken(token: string): boolean {
  const parts = token.match(/[A-Za-z]+\.?/g);
  if (!parts || parts.join('') !== token) return false;
  return parts.every((p) => FRONT_TITLES.has(p.replace('.', '').toLowerCase()));
}

/**
 * A back title written as one token: dotted abbreviations with at least two letters (`S.Kom`, `M.Si.`,
 * `A.Md.Kep.`, `Sp.PD`, `Ph.D.`) or a known dotless one (`SH`, `MM`).
 */
function isBackTitleToken(token: string): boolean {
  if (DOTLESS_BACK_TITLES.has(token.replace(/\.$/, '').toUpperCase())) return true;
  const letters = token.replace(/[^A-Za-z]/g, '').length;
  return letters >= 2 && /^[A-Z][A-Za-z]*\.(?:[A-Za-z]+\.?)*$/.test(token);
}

/**
 * A comma-separated segment after the name: a back-title token, or an all-caps abbreviation such as a
 * certification (`CLA`, `CPA`) unless the name itself is written in capitals (`RAHMAWATI, SITI`).
 */
function isBackTitleSegment(segment: string, nameIsUpperCase: boolean): boolean {
  if (isBackTitleToken(segment)) return true;
  return !nameIsUpperCase && /^[A-Z]{2,8}\.?$/.test(segment);
}

/**
 * Best-effort inverse of {@link formatFullName}, used by the importer on names such as
 * `Dr. Ir. Siti Rahmawati, S.T., M.Si.`, `Wawan Santoni S.Hut, M.Si` or `Drs. H. Tb. Hendra Saputra, M.M.`.
 *
 * - Front titles are the leading tokens from a fixed list (Prof., Dr., dr., Drs., Dra., Ir., drg., drh.,
 *   apt., Ns., Bd., H., Hj.); Bantenese name prefixes such as `Tb.` or `Ratu` stay in the name.
 * - Back titles are the comma-separated segments after the name when all of them look like titles, plus
 *   trailing title-like tokens before the first comma (`S.Kom`, `SH`).
 * - At least one token always stays in the name; when the text after a comma does not look like titles
 *   (`Rahmawati, Siti`), the whole text is the name.
 * Source: customary Indonesian usage [INF]; verify imported names by eye.
 */
export function splitAcademicTitles(fullName: string): PersonName {
  const text = squash(fullName);
  const commaAt = text.indexOf(',');
  let head = text;
  let back: string[] = [];
  if (commaAt >= 0) {
    const segments = text
      .slice(commaAt + 1)
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    const before = text.slice(0, commaAt);
    const nameIsUpperCase = before === before.toUpperCase();
    if (segments.every((s) => isBackTitleSegment(s, nameIsUpperCase))) {
      head = before.trim();
      back = segments;
    }
  }

  const tokens = head.split(' ').filter((t) => t.length > 0);
  let start = 0;
  while (start < tokens.length - 1 && isFrontTitleToken(tokens[start] ?? '')) start++;
  let end = tokens.length;
  while (end - 1 > start && isBackTitleToken(tokens[end - 1] ?? '')) end--;

  const front = tokens.slice(0, start).join(' ');
  const name = tokens.slice(start, end).join(' ');
  back = [...tokens.slice(end), ...back];

  const result: PersonName = { name };
  if (front) result.frontTitle = front;
  if (back.length > 0) result.backTitle = back.join(', ');
  return result;
}

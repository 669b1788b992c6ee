import {
  formatLetterNumber,
  LETTER_NUMBER_FIELDS,
  parseLetterNumberPattern,
  type LetterNumberField,
} from '../../../../core/documents/letter-number.ts';
import type { LetterNumberScheme, LetterType } from '../../../api/documents.ts';
import { validationIssues } from '../../../api/http.ts';
import type { UnitTreeNode } from '../../../api/types.ts';

/** The fields a pattern may hold, in the order the core rule lists them. */
export const PATTERN_FIELDS = Object.keys(LETTER_NUMBER_FIELDS) as LetterNumberField[];

/**
 * The letter types a scheme can be set for. A record over the contract's type, so a new letter type there fails the
 * type check here until it is listed (the contract's own list is a value, and its module brings zod along).
 */
const LETTER_TYPE_SET: Record<LetterType, true> = { CUTI: true, HUKDIS_SURAT: true, HUKDIS_KEPUTUSAN: true };
export const LETTER_TYPE_CODES = Object.keys(LETTER_TYPE_SET) as LetterType[];

export type NumberPreview = { ok: true; number: string } | { ok: false; message: string };

/**
 * The number a letter would get under a pattern as typed, with the rule the server applies (the pattern trimmed
 * and normalised as the contract takes it); the rule's reason when the pattern cannot number letters.
 */
export function previewLetterNumber(
  pattern: string,
  values: { code: string; unitCode: string; sequence: number; date: string; digits: number },
): NumberPreview {
  const clean = pattern.normalize('NFC').trim();
  const parsed = parseLetterNumberPattern(clean);
  if (!parsed.ok) return { ok: false, message: parsed.problem.message };
  return { ok: true, number: formatLetterNumber(clean, values) };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The sequence number inside a scheme's `nextNumber` (what the server will give the next letter of the year), read
 * back through the stored pattern; null when it cannot be read. Lets the form preview a changed pattern with the
 * counter where it is.
 */
export function nextSequenceOf(
  scheme: Pick<LetterNumberScheme, 'pattern' | 'classificationCode' | 'unitCode' | 'nextNumber'>,
): number | null {
  const parsed = parseLetterNumberPattern(scheme.pattern);
  if (!parsed.ok) return null;
  const source = parsed.parts
    .map((p) => {
      if ('text' in p) return escapeRegExp(p.text);
      switch (p.field) {
        case 'nomor':
          return '(\\d+)';
        case 'kode':
          return escapeRegExp(scheme.classificationCode);
        case 'unit':
          return escapeRegExp(scheme.unitCode);
        case 'tahun':
          return '\\d{4}';
        case 'bulan':
          return '[IVX]+';
      }
    })
    .join('');
  const match = new RegExp(`^${source}$`).exec(scheme.nextNumber);
  const n = match ? Number(match[1]) : Number.NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** A unit of the (scope-filtered) tree by id. */
export function findUnitNode(nodes: readonly UnitTreeNode[], id: string | null): UnitTreeNode | null {
  if (!id) return null;
  for (const node of nodes) {
    if (node.id === id) return node;
    const below = findUnitNode(node.children, id);
    if (below) return below;
  }
  return null;
}

/**
 * Whether every reason of a refusal is a field's, shown under that field (a form then shows no alert repeating
 * it); a refusal of another kind, or with a reason for no field of the form, is shown as an alert.
 */
export function shownAtFields(error: unknown, fields: readonly string[]): boolean {
  const issues = validationIssues(error);
  return issues.length > 0 && issues.every((i) => fields.includes(i.path.split('.')[0] ?? ''));
}

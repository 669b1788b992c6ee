import { describe, expect, it } from 'vitest';
import { decidedByText, formatInstantId } from './instant-text.ts';

describe('instants written for people', () => {
  it('writes the local date and time with the zone label (WIB/WITA/WIT)', () => {
    const at = Date.parse('2026-01-15T02:00:00Z');
    expect(formatInstantId(at)).toBe('15/01/2026 09:00 WIB');
    expect(formatInstantId(at, 'Asia/Makassar')).toBe('15/01/2026 10:00 WITA');
    expect(formatInstantId(Date.parse('2026-01-15T16:30:00Z'), 'Asia/Jayapura')).toBe('16/01/2026 01:30 WIT');
  });

  it('names who decided and when, leaving out what is unknown', () => {
    const at = new Date('2026-01-15T02:00:00Z');
    expect(decidedByText('Budi', at)).toBe('oleh Budi pada 15/01/2026 09:00 WIB');
    expect(decidedByText(null, at)).toBe('pada 15/01/2026 09:00 WIB');
    expect(decidedByText('Budi', null)).toBe('oleh Budi');
    expect(decidedByText(undefined, undefined)).toBe('');
  });
});

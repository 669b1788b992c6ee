import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  answerDueOn,
  isOverdue,
  normaliseTrackingCode,
  spamVerdict,
  stepAllowed,
  trackingCodeOf,
} from './complaints.ts';

describe('complaint rules (issue 18 point 2)', () => {
  it.each([
    ['route', 'DITERIMA', true],
    ['route', 'DITERUSKAN', true],
    ['route', 'DIJAWAB', false],
    ['reject', 'DITERIMA', true],
    ['reject', 'DITERUSKAN', false],
    ['answer', 'DITERUSKAN', true],
    ['answer', 'DITERIMA', false],
    ['answer', 'DIJAWAB', false],
    ['answer', 'DITOLAK', false],
  ] as const)('%s from %s: %s', (step, status, ok) => expect(stepAllowed(step, status)).toBe(ok));

  it.each([
    ['2026-03-02', 14, '2026-03-16'],
    ['2026-12-25', 14, '2027-01-08'],
    ['2028-02-20', 10, '2028-03-01'],
  ])('routed %s with %i days is due %s', (routed, days, due) => expect(answerDueOn(routed, days)).toBe(due));

  it.each([
    ['DITERUSKAN', '2026-03-16', '2026-03-16', false],
    ['DITERUSKAN', '2026-03-16', '2026-03-17', true],
    ['DIJAWAB', '2026-03-16', '2026-04-01', false],
    ['DITERIMA', null, '2026-04-01', false],
  ] as const)('%s due %s on %s overdue: %s', (status, due, today, overdue) =>
    expect(isOverdue(status, due, today)).toBe(overdue),
  );

  it.each([
    [{ honeypot: 'x', issuedAtMs: 0, nowMs: 10_000 }, 'HONEYPOT'],
    [{ honeypot: '', issuedAtMs: null, nowMs: 10_000 }, 'BAD_TOKEN'],
    [{ honeypot: '', issuedAtMs: 8_000, nowMs: 10_000 }, 'TOO_FAST'],
    [{ honeypot: '', issuedAtMs: 5_000, nowMs: 10_000 }, null],
    [{ honeypot: '  ', issuedAtMs: 0, nowMs: 3_600_000 }, null],
    [{ honeypot: undefined, issuedAtMs: 0, nowMs: 3_600_001 }, 'EXPIRED'],
  ] as const)('spam verdict %j → %s', (o, verdict) =>
    expect(spamVerdict({ ...o, minSeconds: 5, maxSeconds: 3600 })).toBe(verdict),
  );

  it('reads a typed code back whatever its case, dashes, O for 0 and I/L for 1', () => {
    expect(normaliseTrackingCode('7kq2 m9xd 4fht')).toBe('7KQ2-M9XD-4FHT');
    expect(normaliseTrackingCode('OIL2-M9XD-4FHT')).toBe('0112-M9XD-4FHT');
    expect(normaliseTrackingCode('7KQ2-M9XD-4FH')).toBeNull();
    expect(normaliseTrackingCode('7KQ2-M9XD-4FHU')).toBeNull();
  });

  it('every generated code is canonical and survives being typed back in lower case', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 12, maxLength: 12 }), (bytes) => {
        const code = trackingCodeOf(bytes);
        expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
        expect(normaliseTrackingCode(code.toLowerCase().replaceAll('-', ' '))).toBe(code);
      }),
    );
  });
});

/** A month YYYY-MM as MM/yyyy ("—" when empty). */
export function monthText(month: string | null | undefined): string {
  if (!month) return '—';
  const [y, m] = month.split('-');
  return `${m}/${y}`;
}

/** The months from `back` months ago to `ahead` months ahead of today (YYYY-MM), newest first, for pickers. */
export function monthChoices(back = 12, ahead = 2): { value: string; label: string }[] {
  const now = new Date();
  const out: { value: string; label: string }[] = [];
  for (let i = ahead; i >= -back; i--) {
    const d = new Date(now.getFullYear(), now.getMonth() + i, 1);
    const value = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
    out.push({ value, label: monthText(value) });
  }
  return out;
}

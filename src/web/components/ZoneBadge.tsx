import { Badge } from '@mantine/core';
import { zoneLabel } from '../lib/format.ts';

const COLORS: Record<string, string> = { WIB: 'blue', WITA: 'grape', WIT: 'orange' };

/** WIB / WITA / WIT badge for a unit's IANA time zone (the IANA name on hover). */
export function ZoneBadge({ timeZone, size = 'xs' }: { timeZone: string; size?: 'xs' | 'sm' | 'md' }) {
  const label = zoneLabel(timeZone);
  return (
    // The IANA name as the browser's own tooltip: a styled one would bring the floating-element code into the
    // punch screen's first bundle.
    <Badge
      size={size}
      variant="light"
      color={COLORS[label] ?? 'gray'}
      data-testid="zone-badge"
      title={timeZone}
    >
      {label}
    </Badge>
  );
}

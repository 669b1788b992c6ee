import { Badge, Tooltip } from '@mantine/core';
import { zoneLabel } from '../lib/format.ts';

const COLORS: Record<string, string> = { WIB: 'blue', WITA: 'grape', WIT: 'orange' };

/** WIB / WITA / WIT badge for a unit's IANA time zone. */
export function ZoneBadge({ timeZone, size = 'xs' }: { timeZone: string; size?: 'xs' | 'sm' | 'md' }) {
  const label = zoneLabel(timeZone);
  return (
    <Tooltip label={timeZone} withArrow>
      <Badge size={size} variant="light" color={COLORS[label] ?? 'gray'} data-testid="zone-badge">
        {label}
      </Badge>
    </Tooltip>
  );
}

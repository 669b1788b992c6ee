import { Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { formatTime } from '../../../lib/format.ts';
import { serverNow } from '../../../lib/server-clock.ts';

/** The server's time (as estimated from the last contact), ticking every second, in the unit's zone. */
export function LiveClock({ timeZone, size = 'xl' }: { timeZone: string; size?: string }) {
  const [now, setNow] = useState(() => serverNow());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(serverNow()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return (
    <Text
      fz={size}
      fw={700}
      ff="monospace"
      data-testid="live-clock"
      lh={1.1}
      style={{ whiteSpace: 'nowrap' }}
    >
      {formatTime(now, timeZone, { seconds: true })}
    </Text>
  );
}

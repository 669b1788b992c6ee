import { Alert, Select, Stack, Text } from '@mantine/core';
import { IconReceiptOff, IconWifiOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useMe } from '../../api/auth.ts';
import { isApiError } from '../../api/http.ts';
import { currentMonth } from '../../api/recap.ts';
import { useMyTpp, useMyTppMonths } from '../../api/tpp.ts';
import { todayLocal } from '../../components/discipline/parts.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { MyObjectionsCard, ObjectableTppLine } from '../../components/tpp/objections/MyObjections.tsx';
import { addMonths, latestPublishedMonth, monthsBack } from '../../components/tpp/tpp-view.ts';
import { hasAnyRole } from '../../lib/roles.ts';
import { useMonthLabel } from '../RekapPage/recap-ui.tsx';
import { StaffTpp } from './StaffTpp.tsx';

/** How many recent months the page looks into for the newest published one (the current month first). */
const PROBE_MONTHS = 3;

/**
 * "TPP saya" (/tpp, `?bulan=YYYY-MM`): the employee's TPP of a month explained to the rupiah (issue 17 point 3).
 * Without a month in the address it opens on the newest published month of the last three (the current month, the
 * previous one — the usual case: a month is paid after its recap is closed — and the one before); when none is
 * published, on the previous month with the empty state. A superior (ATASAN) also sees the month's published TPP of
 * their direct staff below their own, each line's breakdown in a drawer.
 */
export function TppPage() {
  const { t } = useTranslation();
  const monthLabel = useMonthLabel();
  const me = useMe();
  const employee = !!me.data?.user.employeeId;
  const superior = hasAnyRole(me.data, ['ATASAN']);
  const [params, setParams] = useSearchParams();
  const asked = params.get('bulan');
  const now = currentMonth();
  const probeMonths = monthsBack(now, PROBE_MONTHS);
  const probes = useMyTppMonths(probeMonths, employee && !asked);
  const probed = latestPublishedMonth(
    probeMonths,
    probes.map((p) => (p.isError ? { items: [] } : p.data)),
    addMonths(now, -1),
  );
  const month = asked ?? probed;
  const q = useMyTpp(month ?? '', employee && !!month);
  const setMonth = (m: string) => {
    const next = new URLSearchParams(params);
    next.set('bulan', m);
    setParams(next, { replace: true });
  };
  const today = todayLocal();
  const offline = q.isError && isApiError(q.error) && q.error.code === 'NETWORK';

  if (me.data && !employee)
    return (
      <>
        <PageHeader title={t('tpp.mine.title')} />
        <EmptyState title={t('tpp.mine.noEmployee')} />
      </>
    );
  return (
    <>
      <PageHeader title={t('tpp.mine.title')} subtitle={t('tpp.mine.subtitle')} />
      <Stack gap="md" maw={980}>
        <Select
          label={t('tpp.month')}
          data={monthsBack(now, 24).map((m) => ({ value: m, label: monthLabel(m) }))}
          value={month}
          onChange={(v) => v && setMonth(v)}
          allowDeselect={false}
          placeholder={t('common.loading')}
          w={{ base: '100%', xs: 220 }}
          data-testid="tpp-month"
        />
        {(month === null || (q.isFetching && q.data?.month !== month)) && <LoadingState />}
        {q.isError && !q.data && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
        {q.data && offline && (
          <Alert color="gray" icon={<IconWifiOff size={18} />} data-testid="tpp-offline">
            {t('tpp.offlineCached')}
          </Alert>
        )}
        {q.data && q.data.month === month && (
          <>
            {q.data.items.length === 0 ? (
              <EmptyState
                icon={<IconReceiptOff size={28} />}
                title={t('tpp.mine.empty')}
                description={t('tpp.mine.emptyHint')}
              />
            ) : (
              <>
                {q.data.items.length > 1 && (
                  <Text size="sm" c="dimmed">
                    {t('tpp.mine.several', { n: q.data.items.length })}
                  </Text>
                )}
                {q.data.items.map((line) => (
                  <ObjectableTppLine key={line.run.id} line={line} today={today} />
                ))}
                <MyObjectionsCard month={month} />
              </>
            )}
          </>
        )}
        {superior && month && <StaffTpp key={month} month={month} />}
      </Stack>
    </>
  );
}

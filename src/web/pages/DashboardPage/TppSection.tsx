import { SimpleGrid, Text } from '@mantine/core';
import { IconReceipt2 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth.ts';
import { currentMonth } from '../../api/recap.ts';
import { useMyTppMonths } from '../../api/tpp.ts';
import { latestPublishedMonth, monthsBack } from '../../components/tpp/tpp-view.ts';
import { formatRupiah } from '../../lib/format.ts';
import { useMonthLabel } from '../RekapPage/recap-ui.tsx';
import { HomeCard, Section } from './home-ui.tsx';

/**
 * TPP on the home page (issue 17): the employee's newest published TPP of this month or the previous one (a month
 * is paid after its recap closes) — the net and the deductions, linking to "TPP saya". Nothing when none is
 * published or the account has no employee record.
 */
export function TppSection() {
  const { t } = useTranslation();
  const monthLabel = useMonthLabel();
  const me = useMe();
  const employee = !!me.data?.user.employeeId;
  const months = monthsBack(currentMonth(), 2);
  const answers = useMyTppMonths(months, employee);
  const month = latestPublishedMonth(
    months,
    answers.map((a) => (a.isError ? { items: [] } : a.data)),
    '',
  );
  if (!employee || !month) return null;
  const items = answers[months.indexOf(month)]?.data?.items ?? [];
  if (items.length === 0) return null;
  const net = items.reduce((n, l) => n + l.amounts.net, 0);
  const cuts = items.reduce((n, l) => n + l.amounts.deductions + l.amounts.sanctionCut, 0);
  return (
    <Section
      title={t('tpp.home.title')}
      subtitle={t('tpp.home.subtitle')}
      icon={IconReceipt2}
      testId="home-tpp"
    >
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <HomeCard
          title={t('tpp.home.net', { month: monthLabel(month) })}
          to={`/tpp?bulan=${month}`}
          linkLabel={t('tpp.home.open')}
          testId="home-tpp-net"
        >
          <Text fw={750} fz={26} data-value={net}>
            {formatRupiah(net)}
          </Text>
          <Text size="xs" c={cuts > 0 ? 'red.8' : 'dimmed'}>
            {t('tpp.home.deductions', { amount: formatRupiah(cuts) })}
          </Text>
        </HomeCard>
      </SimpleGrid>
    </Section>
  );
}

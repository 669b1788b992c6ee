import { Button } from '@mantine/core';
import { IconClipboardPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/**
 * One tap from Presensi to today's performance report (/kinerja/lapor). A plain link: the form and its strings load
 * with the Kinerja page, so the punch screen's first bundle stays as small as before (e2e/bundle.e2e.test.ts).
 */
export function KinerjaReportButton() {
  const { t } = useTranslation();
  return (
    <Button
      component={Link}
      to="/kinerja/lapor"
      variant="light"
      fullWidth
      leftSection={<IconClipboardPlus size={18} />}
      data-testid="kinerja-report-link"
    >
      {t('presensi.kinerjaReport')}
    </Button>
  );
}

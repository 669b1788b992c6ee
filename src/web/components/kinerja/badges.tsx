import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const REPORT_COLORS = { SUBMITTED: 'yellow', ACCEPTED: 'teal', RETURNED: 'red' } as const;
const SKP_COLORS = { DRAFT: 'gray', SUBMITTED: 'yellow', APPROVED: 'teal', RETURNED: 'red' } as const;
const EVALUATION_COLORS = { DRAFT: 'gray', FINAL: 'yellow', APPROVED: 'teal' } as const;

/** A daily report's status (menunggu verifikasi / diterima / dikembalikan). */
export function ReportStatusBadge({ status }: { status: keyof typeof REPORT_COLORS }) {
  const { t } = useTranslation();
  return (
    <Badge color={REPORT_COLORS[status]} variant="light" data-testid="report-status" data-status={status}>
      {t(`kinerja.reportStatus.${status}`)}
    </Badge>
  );
}

export function SkpStatusBadge({ status }: { status: keyof typeof SKP_COLORS }) {
  const { t } = useTranslation();
  return (
    <Badge color={SKP_COLORS[status]} variant="light" data-testid="skp-status" data-status={status}>
      {t(`kinerja.skpStatus.${status}`)}
    </Badge>
  );
}

export function EvaluationStatusBadge({ status }: { status: keyof typeof EVALUATION_COLORS }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={EVALUATION_COLORS[status]}
      variant="light"
      data-testid="evaluation-status"
      data-status={status}
    >
      {t(`kinerja.evaluationStatus.${status}`)}
    </Badge>
  );
}

const PREDIKAT_COLORS: Record<string, string> = {
  SANGAT_BAIK: 'teal',
  BAIK: 'green',
  BUTUH_PERBAIKAN: 'yellow',
  KURANG_MISCONDUCT: 'orange',
  SANGAT_KURANG: 'red',
};

export function PredikatBadge({ predikat }: { predikat: string | null }) {
  const { t } = useTranslation();
  if (!predikat) return null;
  return (
    <Badge
      color={PREDIKAT_COLORS[predikat] ?? 'gray'}
      variant="filled"
      data-testid="predikat"
      data-predikat={predikat}
    >
      {t(`kinerja.predikat.${predikat as 'BAIK'}`)}
    </Badge>
  );
}

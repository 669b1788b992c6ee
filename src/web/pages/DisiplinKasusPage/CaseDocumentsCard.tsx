import {
  Anchor,
  Badge,
  Button,
  Card,
  Collapse,
  FileInput,
  Group,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileTypePdf, IconLock, IconPaperclip, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  disciplineKeys,
  uploadCaseDocument,
  useCaseDocuments,
  useDocumentViews,
  type CaseDocumentKind,
  type GeneratedDocument,
} from '../../api/discipline.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { formatDate, formatDateTime, formatFileSize } from '../../lib/format.ts';

/** One generated document: "Buat PDF" before it has a number, "Buka PDF" after; what is missing otherwise. */
function GeneratedRow({ doc, onOpened }: { doc: GeneratedDocument; onOpened: () => void }) {
  const { t } = useTranslation();
  return (
    <Group
      justify="space-between"
      wrap="nowrap"
      gap="xs"
      py={6}
      data-testid="generated-document"
      data-kind={doc.kind}
      data-available={doc.available ? 'true' : 'false'}
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Text size="sm" fw={600}>
          {doc.label}
        </Text>
        {doc.available ? (
          <Text size="xs" c="dimmed" data-testid="letter-number">
            {doc.letterNumber
              ? `${doc.letterNumber}${doc.letterDate ? ` · ${formatDate(doc.letterDate)}` : ''}`
              : t('disiplin.documents.notIssued')}
          </Text>
        ) : (
          <Text size="xs" c="dimmed">
            {doc.missing ?? t('disiplin.documents.notYet')}
          </Text>
        )}
      </Stack>
      {doc.available && doc.url && (
        <Button
          component="a"
          href={doc.url}
          target="_blank"
          rel="noopener"
          size="xs"
          variant={doc.letterNumber ? 'default' : 'light'}
          leftSection={<IconFileTypePdf size={14} />}
          onClick={onOpened}
          aria-label={`${doc.letterNumber ? t('disiplin.documents.open') : t('disiplin.documents.create')}: ${doc.label}`}
          style={{ flexShrink: 0 }}
        >
          {doc.letterNumber ? t('disiplin.documents.open') : t('disiplin.documents.create')}
        </Button>
      )}
    </Group>
  );
}

/** Upload of a signed scan or evidence (PDF / JPEG / PNG, the installation's size limit), with progress. */
function UploadForm({ caseId, kinds }: { caseId: string; kinds: CaseDocumentKind[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<CaseDocumentKind>(kinds[0]!);
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const busy = progress !== null;
  const submit = async () => {
    if (!file || !title.trim()) return;
    setError(null);
    setProgress(0);
    try {
      await uploadCaseDocument(caseId, { kind, title: title.trim(), file }, setProgress);
      notifications.show({ color: 'teal', message: t('disiplin.documents.uploaded') });
      setTitle('');
      setFile(null);
      await queryClient.invalidateQueries({ queryKey: disciplineKeys.documents(caseId) });
    } catch (err) {
      setError(err);
    } finally {
      setProgress(null);
    }
  };
  return (
    <form
      data-testid="document-upload"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t('disiplin.documents.upload')}
        </Text>
        <Select
          label={t('disiplin.documents.kind')}
          data={kinds.map((k) => ({ value: k, label: t(`disiplin.documentKinds.${k}`) }))}
          value={kind}
          onChange={(v) => v && setKind(v as CaseDocumentKind)}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput
          label={t('disiplin.documents.title')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          required
        />
        <FileInput
          label={t('disiplin.documents.file')}
          description={t('disiplin.documents.fileHint')}
          accept="application/pdf,image/jpeg,image/png"
          value={file}
          onChange={setFile}
          leftSection={<IconPaperclip size={16} />}
          clearable
          required
        />
        {busy && (
          <Progress
            value={Math.round((progress ?? 0) * 100)}
            size="sm"
            animated
            aria-label={t('disiplin.documents.progress')}
          />
        )}
        {!!error && <ErrorState error={error} compact />}
        <Group justify="flex-end">
          <Button
            type="submit"
            size="xs"
            leftSection={<IconUpload size={14} />}
            loading={busy}
            disabled={!file || !title.trim()}
          >
            {t('disiplin.documents.uploadSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Who opened the case's documents (Peraturan BKN 6/2022 Pasal 57: every view logged). */
function Views({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const views = useDocumentViews(caseId, true);
  if (views.isPending) return <LoadingState minHeight={80} />;
  if (views.isError) return <ErrorState error={views.error} compact />;
  if (views.data.items.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('disiplin.documents.noViews')}
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={360}>
      <Table fz="xs" striped data-testid="document-views">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('disiplin.documents.viewAt')}</Table.Th>
            <Table.Th>{t('disiplin.documents.viewer')}</Table.Th>
            <Table.Th>{t('disiplin.documents.what')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {views.data.items.map((v, i) => (
            <Table.Tr key={i}>
              <Table.Td>{formatDateTime(v.at)}</Table.Td>
              <Table.Td>{v.viewer ?? '—'}</Table.Td>
              <Table.Td>{v.what}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * The case's documents: the PDFs Abdi generates in the Peraturan BKN 6/2022 annex layouts (summons I/II, team SK,
 * BAP, report, SK hukuman disiplin, delivery record: "Buat PDF" numbers it the first time, "Buka PDF" opens it
 * again), the signed scans and evidence uploaded, and who viewed them. Confidential: only the parties and the
 * authorised roles see this card.
 */
export function CaseDocumentsCard({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // After "Buat PDF" the number is issued while the new tab renders it: the list asks again every 1.5 s until
  // that document shows its number (at most 30 s), then stops.
  const [awaiting, setAwaiting] = useState<{ kind: string; until: number } | null>(null);
  const docs = useCaseDocuments(caseId, true, awaiting ? 1_500 : undefined);
  const [showViews, setShowViews] = useState(false);
  const numbered = docs.data?.generated.find((d) => d.kind === awaiting?.kind)?.letterNumber;
  useEffect(() => {
    if (awaiting && (numbered || Date.now() > awaiting.until)) setAwaiting(null);
  }, [awaiting, numbered, docs.dataUpdatedAt]);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: disciplineKeys.documents(caseId) });
  const printed = (d: GeneratedDocument) => {
    if (!d.letterNumber) setAwaiting({ kind: d.kind, until: Date.now() + 30_000 });
    else window.setTimeout(refresh, 1_500);
  };
  return (
    <Card withBorder radius="md" padding="sm" data-testid="case-documents">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Title order={5}>{t('disiplin.documents.heading')}</Title>
          <Badge variant="light" color="gray" leftSection={<IconLock size={12} />}>
            {t('disiplin.documents.confidential')}
          </Badge>
        </Group>
        {docs.isPending ? (
          <LoadingState minHeight={80} />
        ) : docs.isError ? (
          <ErrorState error={docs.error} onRetry={() => void docs.refetch()} compact />
        ) : (
          <>
            <Stack gap={0}>
              {docs.data.generated.map((d) => (
                <GeneratedRow key={d.kind} doc={d} onOpened={() => printed(d)} />
              ))}
            </Stack>
            {docs.data.uploads.length > 0 && (
              <Stack gap={4} data-testid="uploaded-documents">
                <Text size="xs" c="dimmed" fw={600}>
                  {t('disiplin.documents.uploads')}
                </Text>
                {docs.data.uploads.map((u) => (
                  <Group
                    key={u.id}
                    justify="space-between"
                    wrap="nowrap"
                    gap="xs"
                    data-testid="uploaded-document"
                  >
                    <Stack gap={0} style={{ minWidth: 0 }}>
                      <Anchor href={u.url} target="_blank" rel="noopener" size="sm" lineClamp={1}>
                        {u.title}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {u.label} · {formatFileSize(u.size)} · {u.uploadedBy ?? '—'} ·{' '}
                        {formatDateTime(u.uploadedAt)}
                      </Text>
                    </Stack>
                  </Group>
                ))}
              </Stack>
            )}
            {docs.data.uploadKinds.length > 0 && <UploadForm caseId={caseId} kinds={docs.data.uploadKinds} />}
            {docs.data.canSeeViews && (
              <>
                <Group>
                  <Button variant="subtle" size="xs" onClick={() => setShowViews((v) => !v)}>
                    {showViews ? t('disiplin.documents.hideViews') : t('disiplin.documents.showViews')}
                  </Button>
                </Group>
                <Collapse expanded={showViews}>{showViews && <Views caseId={caseId} />}</Collapse>
              </>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}

import { Box, Center, Paper, Stack, Text } from '@mantine/core';
import { IconPhoto } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export interface LetterheadLines {
  regionName: string;
  /** null: the region's letterhead, whose lower lines are each issuing unit's own. */
  agencyName: string | null;
  address: string | null;
  contact: string | null;
  /** The logo as the letter prints it: an image address, 'stored' (kept on the server, not shown here), or none. */
  logo: { url: string } | 'stored' | null;
}

const LOGO_SIZE = 56;

/** The letterhead block as the PDF draws it: logo at the left, centred upper-case names, the lines, a double rule. */
export function LetterheadPreview({ lines }: { lines: LetterheadLines }) {
  const { t } = useTranslation();
  const logo =
    lines.logo === null ? null : lines.logo === 'stored' ? (
      <Center
        w={LOGO_SIZE}
        h={LOGO_SIZE}
        style={{ border: '1px dashed var(--mantine-color-gray-5)', borderRadius: 4 }}
        title={t('documents.letterhead.logoAlt')}
      >
        <IconPhoto size={24} color="var(--mantine-color-gray-6)" />
      </Center>
    ) : (
      <img
        src={lines.logo.url}
        alt={t('documents.letterhead.logoAlt')}
        width={LOGO_SIZE}
        height={LOGO_SIZE}
        style={{ objectFit: 'contain' }}
        data-testid="letterhead-preview-logo"
      />
    );
  return (
    <Paper
      withBorder
      radius="sm"
      p="sm"
      bg="white"
      c="black"
      data-testid="letterhead-preview"
      aria-label={t('documents.letterhead.preview')}
    >
      <Box
        style={{
          display: 'grid',
          gridTemplateColumns: logo ? `${LOGO_SIZE}px minmax(0, 1fr) ${LOGO_SIZE}px` : 'minmax(0, 1fr)',
          alignItems: 'center',
          gap: 8,
        }}
      >
        {logo}
        <Stack gap={0} ta="center" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
          <Text fw={700} fz={{ base: 13, sm: 15 }} tt="uppercase" data-testid="letterhead-preview-region">
            {lines.regionName || '—'}
          </Text>
          {lines.agencyName !== null ? (
            <Text fw={700} fz={{ base: 15, sm: 18 }} tt="uppercase" lh={1.2}>
              {lines.agencyName || '—'}
            </Text>
          ) : (
            <Text fz="sm" fs="italic" c="dimmed">
              {t('documents.letterhead.previewUnitLines')}
            </Text>
          )}
          {lines.address && (
            <Text fz={{ base: 11, sm: 12 }} data-testid="letterhead-preview-address">
              {lines.address}
            </Text>
          )}
          {lines.contact && <Text fz={{ base: 11, sm: 12 }}>{lines.contact}</Text>}
        </Stack>
        {logo && <span aria-hidden />}
      </Box>
      <Box mt={6} style={{ borderTop: '3px solid black' }} />
      <Box mt={2} style={{ borderTop: '1px solid black' }} />
    </Paper>
  );
}

import {
  Box,
  Group,
  LoadingOverlay,
  Pagination,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  UnstyledButton,
} from '@mantine/core';
import type { MantineBreakpoint } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from './EmptyState.tsx';

export interface Column<T> {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  /** Hide the column below this breakpoint (phones). */
  visibleFrom?: MantineBreakpoint;
  width?: number | string;
  align?: 'left' | 'right' | 'center';
  /**
   * How the column appears on a phone card (`phone="cards"`): `title` = the card's heading (no label), `hidden` =
   * not on the card (e.g. already shown in the title), `wide` = a labelled line across the card; default: a
   * labelled cell of a two-column grid.
   */
  card?: 'title' | 'hidden' | 'wide';
  /** The label on a phone card when the header is not plain text (an icon, a tooltip …). */
  cardLabel?: string;
}

export interface PaginationState {
  page: number;
  pageSize: number;
  total: number;
  onPageChange: (page: number) => void;
  onPageSizeChange?: (pageSize: number) => void;
}

interface DataTableProps<T> {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  onRowClick?: (row: T) => void;
  /** Extra content under a row (e.g. an expanded diff), full width. */
  renderExpanded?: (row: T) => ReactNode;
  fetching?: boolean;
  pagination?: PaginationState;
  emptyTitle?: string;
  emptyDescription?: ReactNode;
  minWidth?: number;
  testId?: string;
  caption?: string;
  /**
   * On a phone (below the `sm` breakpoint): `cards` shows each row as a card of labelled values instead of a table
   * scrolling sideways; `table` (default) keeps the table (columns with `visibleFrom` hidden).
   */
  phone?: 'cards' | 'table';
  /** Labelled cells per line on a phone card (default 2). */
  cardColumns?: number;
  /** Extra attributes of a row (table row or card), e.g. test ids and data attributes. */
  rowProps?: (row: T) => Record<string, string>;
  /**
   * What the rows shown were fetched for (the request URL), or `undefined` while they are a previous result
   * kept on screen during a fetch. Rendered as `data-for`, so tests and tools can tell which result is shown.
   */
  dataFor?: string | undefined;
}

const PAGE_SIZES = ['10', '25', '50', '100'];

/** Phones: below Mantine's `sm` breakpoint (48em), read at the first render so a phone never flashes the table. */
const PHONE_QUERY = '(max-width: 47.99em)';

/** A row as a card: the title columns first, then the others as label and value (for phones). */
function RowCard<T>({
  row,
  columns,
  onRowClick,
  expanded,
  rowKey,
  cols,
  extra,
}: {
  row: T;
  columns: Column<T>[];
  onRowClick?: ((row: T) => void) | undefined;
  expanded: ReactNode;
  rowKey: string;
  cols: number;
  extra: Record<string, string> | undefined;
}) {
  const titles = columns.filter((c) => c.card === 'title');
  const cells = columns.filter((c) => c.card !== 'title' && c.card !== 'hidden');
  const label = (c: Column<T>) =>
    c.cardLabel ?? (typeof c.header === 'string' || typeof c.header === 'number' ? String(c.header) : '');
  const body = (
    <Stack gap={6}>
      {titles.map((c) => (
        <Box key={c.key}>{c.render(row)}</Box>
      ))}
      {cells.length > 0 && (
        <SimpleGrid cols={cols} spacing="xs" verticalSpacing={6}>
          {cells.map((c) => (
            <Box key={c.key} style={c.card === 'wide' ? { gridColumn: '1 / -1' } : undefined} miw={0}>
              <Text size="xs" c="dimmed" lh={1.3}>
                {label(c)}
              </Text>
              <Box fz="sm">{c.render(row)}</Box>
            </Box>
          ))}
        </SimpleGrid>
      )}
      {expanded}
    </Stack>
  );
  return (
    <Box
      role="listitem"
      {...extra}
      data-row-key={rowKey}
      px="md"
      py="sm"
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      {onRowClick ? (
        <UnstyledButton
          component="div"
          w="100%"
          onClick={() => onRowClick(row)}
          style={{ cursor: 'pointer', textAlign: 'left' }}
        >
          {body}
        </UnstyledButton>
      ) : (
        body
      )}
    </Box>
  );
}

/**
 * A responsive table with an empty state, a fetching overlay and pagination ("Menampilkan 1–25 dari 312"); on a
 * phone either a condensed table (columns with `visibleFrom`) or, with `phone="cards"`, one card per row.
 */
export function DataTable<T>({
  columns,
  rows,
  rowKey,
  onRowClick,
  renderExpanded,
  fetching,
  pagination,
  emptyTitle,
  emptyDescription,
  minWidth = 640,
  testId,
  caption,
  phone = 'table',
  cardColumns = 2,
  rowProps,
  dataFor,
}: DataTableProps<T>) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery(PHONE_QUERY, false, { getInitialValueInEffect: false }) ?? false;
  const cards = phone === 'cards' && isPhone;
  const pages = pagination ? Math.max(1, Math.ceil(pagination.total / pagination.pageSize)) : 1;
  const from = pagination && pagination.total > 0 ? (pagination.page - 1) * pagination.pageSize + 1 : 0;
  const to = pagination ? Math.min(pagination.total, pagination.page * pagination.pageSize) : rows.length;

  return (
    <Paper
      withBorder
      radius="md"
      pos="relative"
      data-testid={testId}
      data-for={dataFor ?? ''}
      data-layout={cards ? 'cards' : 'table'}
      aria-busy={!!fetching}
    >
      <LoadingOverlay
        visible={!!fetching}
        zIndex={5}
        overlayProps={{ blur: 1, backgroundOpacity: 0.4 }}
        loaderProps={{ size: 'sm' }}
      />
      {rows.length === 0 ? (
        <EmptyState title={emptyTitle} description={emptyDescription} />
      ) : cards ? (
        <Box role="list" aria-label={caption}>
          {rows.map((row) => (
            <RowCard
              key={rowKey(row)}
              row={row}
              rowKey={rowKey(row)}
              columns={columns}
              onRowClick={onRowClick}
              expanded={renderExpanded?.(row)}
              cols={cardColumns}
              extra={rowProps?.(row)}
            />
          ))}
        </Box>
      ) : (
        <Table.ScrollContainer minWidth={minWidth} type="native">
          <Table highlightOnHover={!!onRowClick} verticalSpacing="sm" horizontalSpacing="md" striped={false}>
            {caption && <Table.Caption>{caption}</Table.Caption>}
            <Table.Thead>
              <Table.Tr>
                {columns.map((column) => (
                  <Table.Th
                    key={column.key}
                    visibleFrom={column.visibleFrom}
                    w={column.width}
                    ta={column.align}
                  >
                    {column.header}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => {
                const expanded = renderExpanded?.(row);
                return (
                  <Fragment key={rowKey(row)}>
                    <Table.Tr
                      {...rowProps?.(row)}
                      onClick={onRowClick ? () => onRowClick(row) : undefined}
                      style={onRowClick ? { cursor: 'pointer' } : undefined}
                      data-row-key={rowKey(row)}
                    >
                      {columns.map((column) => (
                        <Table.Td key={column.key} visibleFrom={column.visibleFrom} ta={column.align}>
                          {column.render(row)}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                    {expanded && (
                      <Table.Tr>
                        <Table.Td colSpan={columns.length} bg="var(--mantine-color-gray-0)">
                          {expanded}
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {pagination && pagination.total > 0 && (
        <Box px="md" py="sm" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
          <Group justify="space-between" gap="sm" wrap="wrap">
            <Text size="sm" c="dimmed" data-testid="pagination-summary">
              {t('common.showing', { from, to, total: pagination.total.toLocaleString('id-ID') })}
            </Text>
            <Group gap="sm" wrap="wrap">
              {pagination.onPageSizeChange && (
                <Select
                  aria-label={t('common.perPage')}
                  size="xs"
                  w={80}
                  data={PAGE_SIZES}
                  value={String(pagination.pageSize)}
                  allowDeselect={false}
                  onChange={(value) => value && pagination.onPageSizeChange?.(Number(value))}
                />
              )}
              <Pagination
                size="sm"
                total={pages}
                value={pagination.page}
                onChange={pagination.onPageChange}
                siblings={1}
                boundaries={1}
                getControlProps={(control) => ({ 'aria-label': t(`common.${control}Page`) })}
              />
            </Group>
          </Group>
        </Box>
      )}
    </Paper>
  );
}

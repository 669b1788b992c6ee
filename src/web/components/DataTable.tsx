import { Box, Group, LoadingOverlay, Pagination, Paper, Select, Table, Text } from '@mantine/core';
import type { MantineBreakpoint } from '@mantine/core';
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
   * What the rows shown were fetched for (the request URL), or `undefined` while they are a previous result
   * kept on screen during a fetch. Rendered as `data-for`, so tests and tools can tell which result is shown.
   */
  dataFor?: string | undefined;
}

const PAGE_SIZES = ['10', '25', '50', '100'];

/** A responsive table with an empty state, a fetching overlay and pagination ("Menampilkan 1–25 dari 312"). */
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
  dataFor,
}: DataTableProps<T>) {
  const { t } = useTranslation();
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

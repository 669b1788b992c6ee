import { Badge, Button, Collapse, Group, Stack } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconAdjustmentsHorizontal } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A list's filters: the search field always in view; the other filters beside it on a wide screen, and behind a
 * "Saring" button (with the number of filters set) on a phone, so the list starts on the first screen.
 */
export function FilterBar({
  search,
  active,
  children,
}: {
  search: ReactNode;
  active: number;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false }) ?? false;
  const [opened, { toggle }] = useDisclosure(false);
  if (!phone)
    return (
      <Group wrap="wrap" gap="xs" align="flex-end">
        {search}
        {children}
      </Group>
    );
  return (
    <Stack gap="xs">
      <Group wrap="nowrap" gap="xs" align="flex-end">
        <div style={{ flex: 1, minWidth: 0 }}>{search}</div>
        <Button
          variant={opened ? 'light' : 'default'}
          onClick={toggle}
          leftSection={<IconAdjustmentsHorizontal size={16} />}
          rightSection={
            active > 0 ? (
              <Badge size="xs" circle>
                {active}
              </Badge>
            ) : undefined
          }
          aria-expanded={opened}
          data-testid="filters-toggle"
        >
          {t('disiplin.filters.toggle')}
        </Button>
      </Group>
      <Collapse expanded={opened}>
        <Group wrap="wrap" gap="xs" align="flex-end">
          {children}
        </Group>
      </Collapse>
    </Stack>
  );
}

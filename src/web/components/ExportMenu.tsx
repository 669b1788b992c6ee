import { Button, Menu } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The "Ekspor" button of a list: a menu of its XLSX and CSV downloads (`href` builds each one's address). */
export function ExportMenu({ href }: { href: (format: 'xlsx' | 'csv') => string }) {
  const { t } = useTranslation();
  return (
    <Menu>
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} />}>
          {t('common.export')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {(['xlsx', 'csv'] as const).map((f) => (
          <Menu.Item key={f} component="a" href={href(f)} download>
            {f.toUpperCase()}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

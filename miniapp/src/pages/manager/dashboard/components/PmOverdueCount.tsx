import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { listPmOverdue } from '../../../../api/pm';
import { tc } from '../../../../i18n/console';
import { routes } from '../../../../lib/routes';
import { openSection } from '../../components/ConsoleShell';

/**
 * The number of overdue PM visits, linking to the PM page; nothing when there are none, or when the tenant's plan has
 * no `pm` module (the call answers 403 MODULE_NOT_IN_PLAN and is silent).
 */
export function PmOverdueCount() {
  const [total, setTotal] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    listPmOverdue(1, 1)
      .then((p) => live && setTotal(p.total))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  if (!total) return null;
  return (
    <View className="notice" id="dash-pm-overdue" data-total={String(total)} onClick={() => openSection(routes.consolePm)}>
      <Text>
        {tc('pmOverdueCount')}: {total}
      </Text>
    </View>
  );
}

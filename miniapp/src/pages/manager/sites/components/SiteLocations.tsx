import { View, Text } from '@tarojs/components';
import { listAssets } from '../../../../api/asset-registry';
import { PageState } from '../../../../components/PageState';
import { fmt, tc } from '../../../../i18n/console';
import { useLoader } from '../../../../lib/use-loader';

const SAMPLE = 100;

/** Locations are free text on each asset ("3F 机房"): this lists those in use at the site, with how many assets each. */
export function SiteLocations({ siteId }: { siteId: number }) {
  const loader = useLoader(async () => {
    const page = await listAssets({ siteId }, 1, SAMPLE);
    const counts = new Map<string, number>();
    for (const asset of page.items) {
      const key = asset.location ?? '';
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return { total: page.total, counts: [...counts.entries()].sort((a, b) => a[0].localeCompare(b[0])) };
  }, [siteId]);
  return (
    <View className="site-locations">
      <PageState
        loading={loader.loading}
        error={loader.error}
        data={loader.data}
        onRetry={() => void loader.reload()}
        isEmpty={(d) => d.total === 0}
        emptyText={tc('siteNoAssets')}
      >
        {(data) => (
          <View>
            <View className="site-locations__list">
              {data.counts.map(([location, count]) => (
                <Text key={location} className="badge">
                  {location || tc('noLocation')} · {count}
                </Text>
              ))}
            </View>
            {data.total > SAMPLE ? (
              <Text className="muted-c">{fmt(tc('locationsSample'), { sample: SAMPLE, total: data.total })}</Text>
            ) : null}
          </View>
        )}
      </PageState>
    </View>
  );
}

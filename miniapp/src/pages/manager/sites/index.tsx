import { Fragment, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { asApiError, showError } from '../../../api/errors';
import { createSite, deleteSite, listSites, updateSite, type SiteBody, type SiteView } from '../../../api/sites';
import { PageState } from '../../../components/PageState';
import { tc, useLang } from '../../../i18n/console';
import { routes } from '../../../lib/routes';
import { useLoader } from '../../../lib/use-loader';
import { ConsoleShell, openSection } from '../components/ConsoleShell';
import { SiteForm } from './components/SiteForm';
import { SiteLocations } from './components/SiteLocations';
import './index.css';

/** Sites (buildings, campuses, customers' premises) and the locations in use at each. */
export function ConsoleSitesPage() {
  useLang();
  const sites = useLoader(listSites, []);
  const [editing, setEditing] = useState<number | null>(null);
  const [open, setOpen] = useState<number | null>(null);

  const add = async (body: SiteBody) => {
    await createSite(body);
    void Taro.showToast({ title: tc('saved'), icon: 'success' });
    await sites.reload();
  };
  const save = async (site: SiteView, body: SiteBody) => {
    await updateSite(site.id, body);
    setEditing(null);
    await sites.reload();
  };
  const remove = async (site: SiteView) => {
    const { confirm } = await Taro.showModal({ title: tc('deleteSite'), content: `${tc('deleteSiteConfirm')} ${site.name}` });
    if (!confirm) return;
    try {
      await deleteSite(site.id);
      await sites.reload();
    } catch (caught) {
      showError(asApiError(caught)); // SITE_IN_USE says why
    }
  };

  return (
    <ConsoleShell section="sites" title={tc('navSites')}>
      <View className="panel">
        <Text className="panel__title">{tc('addSite')}</Text>
        <SiteForm id="site-new" onSave={add} />
      </View>
      <View className="panel">
        <PageState
          loading={sites.loading}
          error={sites.error}
          data={sites.data}
          onRetry={() => void sites.reload()}
          isEmpty={(list) => list.length === 0}
          emptyText={tc('noSites')}
        >
          {(list) => (
            <table className="c-table" id="site-table">
              <thead>
                <tr>
                  <th>{tc('siteName')}</th>
                  <th>{tc('siteAddress')}</th>
                  <th>{tc('siteRegion')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {list.map((site) => (
                  <Fragment key={site.id}>
                    {editing === site.id ? (
                      <tr>
                        <td colSpan={4}>
                          <SiteForm
                            id={`site-edit-${site.id}`}
                            initial={site}
                            onSave={(body) => save(site, body)}
                            onCancel={() => setEditing(null)}
                          />
                        </td>
                      </tr>
                    ) : (
                      <tr className="site-row" data-id={String(site.id)}>
                        <td>{site.name}</td>
                        <td>{site.address ?? <Text className="muted-c">—</Text>}</td>
                        <td>{site.region ?? <Text className="muted-c">—</Text>}</td>
                        <td className="site-row__actions">
                          <Button size="small" fill="none" onClick={() => setOpen(open === site.id ? null : site.id)}>
                            {tc(open === site.id ? 'hideLocations' : 'showLocations')}
                          </Button>
                          <Button size="small" fill="none" onClick={() => openSection(routes.consoleAssetsOfSite(site.id))}>
                            {tc('navAssets')}
                          </Button>
                          <Button size="small" fill="none" onClick={() => setEditing(site.id)}>
                            {tc('edit')}
                          </Button>
                          <Button size="small" fill="none" className="c-btn-danger" onClick={() => void remove(site)}>
                            {tc('delete')}
                          </Button>
                        </td>
                      </tr>
                    )}
                    {open === site.id ? (
                      <tr>
                        <td colSpan={4}>
                          <SiteLocations siteId={site.id} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                ))}
              </tbody>
            </table>
          )}
        </PageState>
      </View>
    </ConsoleShell>
  );
}

export default ConsoleSitesPage;

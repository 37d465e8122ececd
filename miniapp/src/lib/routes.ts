/** Page paths in one place; the H5 router uses them as URLs too. */
export const routes = {
  home: '/pages/index/index',
  notFound: (path: string) => `/pages/index/index?missing=${encodeURIComponent(path)}`,
  asset: (code: string) => `/pages/reporter/asset/index?code=${encodeURIComponent(code)}`,
  report: (code: string) => `/pages/reporter/report/index?code=${encodeURIComponent(code)}`,
  success: (number: string, token: string) =>
    `/pages/reporter/success/index?number=${encodeURIComponent(number)}&token=${encodeURIComponent(token)}`,
  track: (token: string) => `/pages/reporter/track/index?token=${encodeURIComponent(token)}`,
  mine: '/pages/reporter/mine/index',
  login: '/pages/engineer/login/index',
  jobs: '/pages/engineer/jobs/index',
  job: (number: string) => `/pages/engineer/job/index?number=${encodeURIComponent(number)}`,
  resolve: (number: string) => `/pages/engineer/resolve/index?number=${encodeURIComponent(number)}`,
  // Manager console (H5 only).
  consoleLogin: '/pages/manager/login/index',
  consoleAssets: '/pages/manager/assets/index',
  consoleAssetsOfSite: (siteId: number) => `/pages/manager/assets/index?siteId=${siteId}`,
  consoleAsset: (id: number) => `/pages/manager/asset/index?id=${id}`,
  consoleAssetNew: (siteId?: number) => `/pages/manager/asset-edit/index${siteId ? `?siteId=${siteId}` : ''}`,
  consoleAssetEdit: (id: number) => `/pages/manager/asset-edit/index?id=${id}`,
  consoleImport: '/pages/manager/import/index',
  consoleSites: '/pages/manager/sites/index',
  consoleLabels: '/pages/manager/labels/index',
  consoleEngineers: '/pages/manager/engineers/index',
  consoleSettings: '/pages/manager/settings/index',
  consoleLabelsFor: (code: string) => `/pages/manager/labels/index?code=${encodeURIComponent(code)}`,
} as const;

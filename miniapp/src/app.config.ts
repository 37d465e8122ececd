// The main package holds only the home page; each audience has its own subpackage so the first download stays small.
export default defineAppConfig({
  pages: ['pages/index/index'],
  subPackages: [
    {
      root: 'pages/reporter',
      pages: ['asset/index', 'report/index', 'success/index', 'track/index', 'mine/index'],
    },
    {
      root: 'pages/engineer',
      pages: ['login/index', 'jobs/index', 'job/index', 'resolve/index'],
    },
  ],
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['pages/reporter'] },
  },
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '报修',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f7',
  },
});

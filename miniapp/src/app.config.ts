const CONSOLE = {
  root: 'pages/manager',
  pages: [
    'login/index',
    'dashboard/index',
    'tickets/index',
    'ticket/index',
    'assets/index',
    'asset/index',
    'asset-edit/index',
    'import/index',
    'labels/index',
    'sites/index',
    'parts/index',
    'quotes/index',
    'contracts/index',
    'engineers/index',
    'settings/index',
    'staff/index',
    'tenant/index',
    'billing/index',
    'signup/index',
    'kb/index',
    'pm/index',
  ],
};

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
    // The dispatcher on the phone (weapp and H5): the awaiting queue, a ticket, assign; opened by the offer_exhausted message.
    {
      root: 'pages/dispatcher',
      pages: ['queue/index', 'ticket/index'],
    },
    // The manager console is for a desktop browser (file pickers, blob downloads, a PDF preview in a canvas):
    // only the H5 build has it, so the WeChat package neither carries nor has to compile browser-only code.
    ...(process.env.TARO_ENV === 'h5' ? [CONSOLE] : []),
  ],
  // WeChat injects only the components a page renders (its code-quality scan asks for this).
  lazyCodeLoading: 'requiredComponents',
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

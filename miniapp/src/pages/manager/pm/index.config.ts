export default definePageConfig({ navigationBarTitleText: '定期保养' });

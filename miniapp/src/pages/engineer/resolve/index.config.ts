export default definePageConfig({ navigationBarTitleText: '维修记录' });

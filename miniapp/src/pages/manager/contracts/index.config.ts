export default definePageConfig({ navigationBarTitleText: '维保合同' });

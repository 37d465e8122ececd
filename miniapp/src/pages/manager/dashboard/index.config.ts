export default definePageConfig({ navigationBarTitleText: '数据概览' });

export default definePageConfig({ navigationBarTitleText: '派单与系统设置' });

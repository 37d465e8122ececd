export default definePageConfig({ navigationBarTitleText: '工程师登录' });

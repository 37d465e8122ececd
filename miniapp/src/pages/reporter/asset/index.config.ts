export default definePageConfig({ navigationBarTitleText: '设备信息', enablePullDownRefresh: true });

export default definePageConfig({ navigationBarTitleText: '调度', enablePullDownRefresh: true });

export default definePageConfig({ navigationBarTitleText: '编辑设备' });

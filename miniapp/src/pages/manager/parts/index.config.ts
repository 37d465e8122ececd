export default definePageConfig({ navigationBarTitleText: '配件与库存' });

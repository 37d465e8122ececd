export default definePageConfig({ navigationBarTitleText: '账单与套餐' });

export default definePageConfig({ navigationBarTitleText: '工程师与微信' });

// NutUI is imported per component (with its compiled CSS) so unused widgets stay out of the bundles.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
  plugins: [
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        libraryDirectory: 'dist/es/packages',
        camel2DashComponentName: false,
        customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
        style: (name) => `${name.toLowerCase()}/style/css`,
      },
      'nutui-react-taro',
    ],
  ],
};

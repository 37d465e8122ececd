import path from 'node:path';
import { defineConfig } from '@tarojs/cli';

const sharedSrc = path.resolve(__dirname, '../../shared');
const taroEnv = process.env.TARO_ENV ?? 'weapp';
// The H5 build is served by the API itself, so it calls it on the same origin; the mini-program needs a full URL.
const apiBase = process.env.BAOXIU_API_BASE ?? (taroEnv === 'h5' ? '' : 'http://localhost:3000');

export default defineConfig<'webpack5'>({
  projectName: 'baoxiu-miniapp',
  date: '2026-11-23',
  designWidth: (input) => {
    // NutUI is drawn on a 375 px grid, our pages on 750.
    const file = typeof input === 'object' && input !== null && 'file' in input ? String(input.file) : '';
    return file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750;
  },
  deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
  sourceRoot: 'src',
  outputRoot: `dist/${taroEnv}`,
  plugins: [],
  defineConstants: { API_BASE: JSON.stringify(apiBase) },
  copy: { patterns: [], options: {} },
  framework: 'react',
  compiler: { type: 'webpack5', prebundle: { enable: false } },
  cache: { enable: false },
  mini: {
    compile: { include: [sharedSrc] },
    optimizeMainPackage: { enable: true },
    // NutUI's per-component CSS is order-independent; without this every page pair logs a "conflicting order" warning.
    miniCssExtractPluginOption: { ignoreOrder: true },
    postcss: {
      pxtransform: { enable: true, config: {} },
      cssModules: { enable: false },
    },
  },
  h5: {
    publicPath: '/',
    staticDirectory: 'static',
    compile: { include: [sharedSrc] },
    router: { mode: 'browser' },
    webpackChain(chain) {
      // Taro splits only initial chunks; pages are async chunks, so without this each page carried its own zod and NutUI.
      const splitChunks = chain.optimization.get('splitChunks') as Record<string, unknown> | false | undefined;
      if (splitChunks) chain.optimization.splitChunks({ ...splitChunks, chunks: 'all' });
      // pdf.js (the console's label preview) ships minified; Terser over its 1.7 MB again costs ~15 s of CPU a build.
      if (chain.optimization.get('minimize') === true) {
        chain.optimization.minimizer('terserPlugin').tap((args: Record<string, unknown>[]) => [{ ...args[0], exclude: /pdfjs/ }]);
      }
    },
    output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
    miniCssExtractPluginOption: {
      ignoreOrder: true,
      filename: 'css/[name].[contenthash:8].css',
      chunkFilename: 'css/[name].[contenthash:8].css',
    },
    postcss: {
      autoprefixer: { enable: true, config: {} },
      cssModules: { enable: false },
    },
  },
});

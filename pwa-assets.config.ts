import { defineConfig, minimal2023Preset } from '@vite-pwa/assets-generator/config';

// `npm run icons` regenerates the PNGs in public/ from the SVG emblem; the PNGs are committed so that a
// build never depends on image tooling.
export default defineConfig({
  headLinkOptions: { preset: '2023' },
  preset: {
    ...minimal2023Preset,
    maskable: { ...minimal2023Preset.maskable, resizeOptions: { background: '#b71c1c' } },
    apple: { ...minimal2023Preset.apple, resizeOptions: { background: '#b71c1c' } },
  },
  images: ['public/favicon.svg'],
});

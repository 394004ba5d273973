import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      // globPatterns already precaches every icon; listing them again only doubled the manifest's entries.
      includeManifestIcons: false,
      manifest: {
        id: '/',
        name: 'Báo cáo CĐCS',
        short_name: 'Báo cáo CĐCS',
        description: 'Báo cáo hằng năm của công đoàn cơ sở gửi công đoàn cấp trên trực tiếp',
        lang: 'vi',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: '#b71c1c',
        background_color: '#ffffff',
        icons: [
          { src: 'pwa-64x64.png', sizes: '64x64', type: 'image/png' },
          { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png' },
          { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png' },
          { src: 'maskable-icon-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
        navigateFallback: '/index.html',
        // The API is never served from the cache: sync must see the real server or fail.
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        // The first visit becomes controlled at once, so it already works offline. No skipWaiting:
        // an update waits for the officer's consent (src/app/pwa/UpdatePrompt), which flushes edits first.
        clientsClaim: true,
        // Background Sync (public/sw-background-sync.js): on `sync` the worker tells its pages to send now.
        importScripts: ['sw-background-sync.js'],
      },
    }),
  ],
  build: {
    target: 'es2020',
    sourcemap: false,
  },
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/domain/**/*.test.ts', 'test/app/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts', 'test/sync/**/*.test.ts'],
          environment: 'node',
          // One PostgreSQL database and fixed files: run these files one at a time.
          fileParallelism: false,
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});

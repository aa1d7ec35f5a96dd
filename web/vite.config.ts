/**
 * The page is served by our own server under a strict CSP (script-src 'self', style-src 'self'):
 * the build must emit no inline script or style and reference no other origin.
 */
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The modulepreload polyfill is an inline <script>, which the CSP refuses.
    modulePreload: { polyfill: false },
    // Nothing inlined as data: URLs; every asset is a hashed file of our origin.
    assetsInlineLimit: 0,
    target: 'es2022',
    sourcemap: false,
    // Two entries: the victims' page never loads the console's code.
    rollupOptions: { input: { main: 'index.html', admin: 'admin.html' } },
  },
  worker: { format: 'es' },
});

import { defineConfig } from 'vite';

/**
 * The embeddable chat widget: one self-contained IIFE, web/dist/widget/widget.js, served as /widget.js.
 * No framework and no CSS file: its styles live in a string injected into the widget's shadow root.
 */
export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist/widget',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    lib: {
      entry: 'src/widget/main.ts',
      formats: ['iife'],
      name: 'LingxiWidget',
      fileName: () => 'widget.js',
    },
  },
});

// Module kinds that Vite bundles for the renderer.
declare module '*.css';

// Vite's `?url` imports (the worker's tsconfig leaves out vite/client, which assumes a page).
declare module '*?url' {
  const url: string;
  export default url;
}

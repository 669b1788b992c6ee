/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Map tile URL template for Leaflet (default OpenStreetMap). */
  readonly VITE_TILE_URL?: string;
  /** Attribution shown with the tiles. */
  readonly VITE_TILE_ATTRIBUTION?: string;
}

/** package.json version, injected by vite.config.ts. */
declare const __APP_VERSION__: string;

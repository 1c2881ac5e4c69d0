import type { MistBridge } from '../../shared/wire';

declare global {
  interface Window {
    /** Defined by the Electron preload; absent in the web shell (see bridge/index.ts). */
    mist?: MistBridge;
  }
}

export {};

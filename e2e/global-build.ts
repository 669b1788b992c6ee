import { ensureWebBuild } from './web-build.ts';

/**
 * The browser tests' global setup: builds the web bundle once before any file starts, so files running side by
 * side never race to build it (each server start only checks that it is fresh).
 */
export default function setup(): void {
  ensureWebBuild();
}

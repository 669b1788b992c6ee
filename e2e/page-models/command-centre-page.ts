import type { Locator, Page } from 'playwright-core';

/**
 * Ruang Kendali (/ruang-kendali), as a leader uses it: the tiles (each with the link to its list), the map of the
 * units, the exports and the briefing.
 */
export class CommandCentrePage {
  readonly root: Locator;
  readonly todayTile: Locator;
  readonly mapTile: Locator;
  readonly map: Locator;
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByTestId('command-centre');
    this.todayTile = page.getByTestId('cc-today');
    this.mapTile = page.getByTestId('cc-map-tile');
    this.map = page.getByTestId('cc-map');
  }

  /** A tile by its test id (cc-today, cc-trend, cc-lowest, cc-inspections, cc-complaints …). */
  tile(id: string): Locator {
    return this.page.getByTestId(id);
  }

  /** Wait until the tiles are shown. */
  async waitForTiles() {
    await this.root.waitFor();
    await this.todayTile.waitFor();
    return this;
  }

  /** Follow a tile's title link to the list behind it. */
  async openTileList(id: string) {
    await this.page.getByTestId(`${id}-link`).click();
  }
}

import type { Locator, Page } from 'playwright-core';

/** The signed-in shell: header (burger, language toggle, user menu) and the role-based navigation. */
export class AppShell {
  readonly page: Page;
  readonly nav: Locator;
  readonly burger: Locator;
  readonly userMenuButton: Locator;

  constructor(page: Page) {
    this.page = page;
    this.nav = page.getByRole('navigation', { name: /^(Menu navigasi|Navigation menu)$/ });
    this.burger = page.getByRole('button', { name: /^(Menu navigasi|Navigation menu)$/ });
    this.userMenuButton = page.getByRole('button', { name: /^(Menu pengguna|User menu)$/ });
  }

  navLink(label: string): Locator {
    return this.nav.getByRole('link', { name: label, exact: true });
  }

  /** The visible labels of the navigation links, in order (without the count badges beside them). */
  async navLabels(): Promise<string[]> {
    await this.nav.getByRole('link').first().waitFor();
    return this.nav
      .getByRole('link')
      .evaluateAll((links) =>
        links.map((a) => (a.querySelector('.mantine-NavLink-label') ?? a).textContent?.trim() ?? ''),
      );
  }

  /**
   * The navigation by task: each group's heading (Presensi, Pengajuan, Persetujuan, Rekap, Administrasi, or
   * `top` for the links above them) with the labels of its links, in order.
   */
  async navGroups(): Promise<Record<string, string[]>> {
    await this.nav.getByRole('link').first().waitFor();
    const groups = await this.nav.locator('[data-nav-group]').evaluateAll((sections) =>
      sections.map((s) => ({
        group: s.getAttribute('data-nav-group') ?? '',
        links: [...s.querySelectorAll('a')].map(
          (a) => (a.querySelector('.mantine-NavLink-label') ?? a).textContent?.trim() ?? '',
        ),
      })),
    );
    return Object.fromEntries(groups.map((g) => [g.group, g.links]));
  }

  /** Follows a navigation link (client-side), opening the burger drawer first on a phone. */
  async navigateTo(label: string): Promise<void> {
    if (await this.burger.isVisible()) await this.openBurger();
    await this.navLink(label).click();
  }

  /**
   * Whether the navigation is on screen. On a phone the collapsed navbar is moved off screen with a CSS
   * transform, which Playwright still counts as "visible", so this looks at where it is.
   */
  async navOnScreen(): Promise<boolean> {
    return this.nav.evaluate((el) => {
      const rect = el.getBoundingClientRect();
      return rect.width > 0 && rect.right > 1 && rect.left < window.innerWidth - 1;
    });
  }

  /** Waits until the navigation is on screen (`true`) or off it (`false`), after its slide transition. */
  async waitForNav(onScreen: boolean): Promise<void> {
    for (let i = 0; i < 50; i++) {
      if ((await this.navOnScreen()) === onScreen) return;
      await this.page.waitForTimeout(100);
    }
    throw new Error(`navigation did not move ${onScreen ? 'on' : 'off'} screen`);
  }

  /** Opens the burger drawer (phones) unless the navigation is already showing. */
  async openBurger(): Promise<void> {
    await this.nav.waitFor();
    if (!(await this.navOnScreen())) await this.burger.click();
    await this.waitForNav(true);
  }

  /** Picks ID or EN on the visible language toggle. */
  async setLanguage(language: 'ID' | 'EN'): Promise<void> {
    const toggle = this.page
      .getByRole('radiogroup', { name: /^(Bahasa|Language)$/ })
      .filter({ visible: true })
      .first();
    await toggle.getByText(language, { exact: true }).click();
  }

  /** Opens one's own employee page from the user menu ("Profil saya"). */
  async openProfile(): Promise<void> {
    await this.userMenuButton.click();
    await this.page.getByRole('menuitem', { name: /^(Profil saya|My profile)$/ }).click();
  }

  async logout(): Promise<void> {
    await this.userMenuButton.click();
    await this.page.getByRole('menuitem', { name: /^(Keluar|Sign out|Log out)$/ }).click();
  }

  /** The "access denied" state a page shows to a user without the role. */
  forbidden(): Locator {
    return this.page.getByText('Akses ditolak', { exact: true });
  }
}

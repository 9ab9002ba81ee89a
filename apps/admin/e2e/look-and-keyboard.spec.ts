import { expect, screenshot, test } from './support/fixtures.ts';

const background = (page: import('@playwright/test').Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test.describe('themes and keyboard', () => {
  test('follows the system theme and the toggle pins light or dark across reloads', async ({ page, api }) => {
    const [order] = await api.actors('order/', 1);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`/actors/${encodeURIComponent(order?.actorId ?? '')}?v=2`);
    await expect(page.getByTestId('event-panel')).toBeVisible();
    const light = await background(page);

    await page.emulateMedia({ colorScheme: 'dark' });
    const systemDark = await background(page);
    expect(systemDark).not.toBe(light);

    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('button', { name: /^System theme/ }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await page.getByRole('button', { name: /^Light theme/ }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await background(page)).toBe(systemDark);
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.getByTestId('event-panel')).toBeVisible();
    await screenshot(page, 'actor-stream-dark');
    await page.getByRole('button', { name: /^Dark theme/ }).click();
    await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
  });

  test('is usable from the keyboard: skip link, visible focus, links and buttons', async ({ page }) => {
    await page.goto('/actors');
    await expect(page.getByRole('list', { name: 'Actors' }).getByRole('listitem').first()).toBeVisible();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();

    // Tab reaches the first actor link, which shows a focus ring, and Enter opens it.
    const firstLink = page.getByRole('list', { name: 'Actors' }).getByRole('link').first();
    const name = await firstLink.textContent();
    for (let i = 0; i < 10 && !(await firstLink.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(firstLink).toBeFocused();
    const outline = await firstLink.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: name ?? '', level: 1 })).toBeVisible();
  });

  test('text keeps WCAG AA contrast (4.5:1) in the light and the dark theme', async ({ page, api }) => {
    const [order] = await api.actors('order/', 1);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`/actors/${encodeURIComponent(order?.actorId ?? '')}?v=2`);
      await expect(page.getByTestId('event-panel')).toBeVisible();
      const ratios = await page.evaluate(() => {
        const rgb = (text: string) => (text.match(/[\d.]+/g) ?? []).map(Number);
        const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
          const [R, G, B] = [r, g, b].map((v) => {
            const c = v / 255;
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
          });
          return 0.2126 * (R ?? 0) + 0.7152 * (G ?? 0) + 0.0722 * (B ?? 0);
        };
        // The colour an element's text sits on: the first ancestor with an opaque background.
        const backdrop = (el: Element | null): number[] => {
          for (let node = el; node; node = node.parentElement) {
            const color = rgb(getComputedStyle(node).backgroundColor);
            if (color.length === 3 || (color[3] ?? 0) > 0.9) return color;
          }
          return [255, 255, 255];
        };
        const selectors = [
          'body',
          '.eyebrow',
          '.stats dt',
          '.fields dt',
          '.event-row .version',
          '.event-row time',
          '.chip-key',
          '.chip',
          '.metadata a',
          '.badge-ok',
          '.json-key',
          '.json-string',
          '.json-number',
          '.panel-actions .button',
        ];
        return selectors.map((selector) => {
          const el = document.querySelector(selector);
          if (!el) return { selector, ratio: 0 };
          const fg = luminance(rgb(getComputedStyle(el).color));
          const bg = luminance(backdrop(el));
          const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
          return { selector, ratio: Math.round(ratio * 100) / 100 };
        });
      });
      for (const { selector, ratio } of ratios)
        expect(ratio, `${scheme}: ${selector}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});

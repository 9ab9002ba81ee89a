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
});

import { expect, screenshot, test } from './support/fixtures.ts';

test.describe('actors', () => {
  test('lists the seeded actors with version, count, activity and last type', async ({ page, api }) => {
    const [first] = await api.actors('order/', 1);
    if (!first) throw new Error('the demo store has no order actors');

    await page.goto('/');
    await expect(page).toHaveURL(/\/actors$/);
    await expect(page.getByRole('heading', { name: 'Actors', level: 1 })).toBeVisible();
    const list = page.getByRole('list', { name: 'Actors' });
    await expect(list.getByRole('listitem').first()).toBeVisible();
    await expect(page.getByText(/100 actors loaded, more available/)).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'writable' })).toBeVisible();
    // Long lists are virtualised: only the visible window is in the DOM.
    expect(await list.getByRole('listitem').count()).toBeLessThan(60);

    await page.getByLabel('Actor id starts with').fill('order/');
    await expect(page).toHaveURL(/prefix=order%2F/);
    const row = list.locator(`[data-actor-id="${first.actorId}"]`);
    await expect(row).toBeVisible();
    await expect(row).toContainText(`v${first.latestVersion}`);
    await expect(row).toContainText(String(first.eventCount));
    await expect(row).toContainText(/ago|just now/);
    for (const item of await list.getByRole('link').allTextContents())
      expect(item.startsWith('order/')).toBe(true);
    await screenshot(page, 'actors');

    await row.getByRole('link', { name: first.actorId }).click();
    await expect(page).toHaveURL(new RegExp(`/actors/${encodeURIComponent(first.actorId)}$`));
    await expect(page.getByRole('heading', { name: first.actorId, level: 1 })).toBeVisible();
  });

  test('pages through every actor of a prefix', async ({ page, api }) => {
    const all = await api.get<{ actors: unknown[]; next: string | null }>(
      '/api/actors?prefix=order/&limit=1000',
    );
    expect(all.actors.length).toBeGreaterThan(100);

    await page.goto('/actors?prefix=order/');
    await expect(page.getByText(/100 actors loaded, more available/)).toBeVisible();
    await page.getByRole('button', { name: 'Load more actors' }).click();
    await expect(page.getByText('200 actors loaded, more available')).toBeVisible();
    // Scrolling to the bottom loads the following pages until the last.
    const scroller = page.getByTestId('actor-list');
    await expect(async () => {
      await scroller.evaluate((element) => element.scrollTo(0, element.scrollHeight));
      await expect(page.getByText(`${all.actors.length} actors`, { exact: true })).toBeVisible({
        timeout: 1000,
      });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByRole('button', { name: 'Load more actors' })).toHaveCount(0);
  });

  test('says when no actor id starts with the prefix', async ({ page }) => {
    await page.goto('/actors?prefix=no-such-prefix-');
    await expect(page.getByRole('heading', { name: 'No matching actors' })).toBeVisible();
    await expect(page.getByText('no-such-prefix-', { exact: true })).toBeVisible();
  });
});

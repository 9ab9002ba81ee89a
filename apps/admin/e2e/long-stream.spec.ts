import { expect, screenshot, test } from './support/fixtures.ts';

test.describe('the 10,000-event stream', () => {
  test('is paged to its end with the keyboard while only a window of rows is rendered', async ({
    page,
    api,
  }) => {
    const [ledger] = (await api.actors('ledger/', 10)).filter((actor) => actor.eventCount >= 10_000);
    if (!ledger) throw new Error('the demo store has no 10,000-event stream');

    await page.goto(`/actors/${encodeURIComponent(ledger.actorId)}`);
    await expect(page.getByText('Loaded 500 of 10,000 events')).toBeVisible();
    const list = page.getByTestId('event-list');
    await list.locator('[data-version] a').first().click();

    const started = Date.now();
    const end = page.getByTestId('end-of-stream');
    const progress = page.getByTestId('stream-progress');
    // End selects the last loaded event; reaching the end of what is loaded fetches the next page.
    let presses = 0;
    while (!(await end.isVisible())) {
      expect(presses++, 'End presses before the end of the stream').toBeLessThan(40);
      const before = await progress.textContent();
      await page.keyboard.press('End');
      await expect(async () => {
        const moved = (await end.isVisible()) || (await progress.textContent()) !== before;
        expect(moved).toBe(true);
      }).toPass({ timeout: 15_000, intervals: [50] });
    }
    console.log(`paged 10,000 events to the end with ${presses} End presses in ${Date.now() - started} ms`);
    await expect(page.getByTestId('end-of-stream')).toHaveText('End of stream · 10,000 events');
    await page.keyboard.press('End');
    await expect(page).toHaveURL(new RegExp(`\\?v=${ledger.latestVersion}$`));
    await expect(list.locator(`[data-version="${ledger.latestVersion}"]`)).toBeVisible();
    await expect(page.getByTestId('event-panel').getByRole('heading', { level: 2 })).toContainText(
      `v${ledger.latestVersion}`,
    );
    expect(await list.locator('li').count()).toBeLessThan(60);
  });

  test('opens cold at a deep version', async ({ page, api }) => {
    const [ledger] = (await api.actors('ledger/', 10)).filter((actor) => actor.eventCount >= 10_000);
    if (!ledger) throw new Error('the demo store has no 10,000-event stream');
    await page.goto(`/actors/${encodeURIComponent(ledger.actorId)}?v=9000`);
    const row = page.getByTestId('event-list').locator('[data-version="9000"] a');
    await expect(row).toBeVisible();
    await expect(row).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('event-panel').getByRole('heading', { level: 2 })).toContainText('v9000');
    await expect(page.getByRole('table', { name: 'Change from v8999' })).toBeVisible();
    await screenshot(page, 'long-stream');
  });
});

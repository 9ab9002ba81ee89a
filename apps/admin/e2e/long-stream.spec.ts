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
    // One read of the footer: 'end', or the progress text ("Loaded 1,500 of 10,000 events").
    const footer = () =>
      page.evaluate(() =>
        document.querySelector('[data-testid="end-of-stream"]')
          ? 'end'
          : (document.querySelector('[data-testid="stream-progress"]')?.textContent ?? ''),
      );
    // End selects the last loaded event; reaching the end of what is loaded fetches the next page.
    let presses = 0;
    for (let state = await footer(); state !== 'end'; ) {
      expect(presses++, 'End presses before the end of the stream').toBeLessThan(40);
      const before = state;
      await page.keyboard.press('End');
      await expect.poll(footer, { timeout: 15_000, intervals: [50] }).not.toBe(before);
      state = await footer();
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

    // Scroll the whole loaded stream back to the top in 120 frames, as a fast fling would.
    const frameMs = await list.evaluate(async (element) => {
      const times: number[] = [];
      const distance = element.scrollHeight - element.clientHeight;
      let last = performance.now();
      for (let step = 1; step <= 120; step++) {
        element.scrollTop = distance - (distance * step) / 120;
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const now = performance.now();
        times.push(now - last);
        last = now;
      }
      return times.sort((a, b) => a - b);
    });
    console.log(
      `scrolled 10,000 rows in 120 frames: median ${frameMs[60]?.toFixed(1)} ms, ` +
        `p95 ${frameMs[114]?.toFixed(1)} ms, max ${frameMs.at(-1)?.toFixed(1)} ms per frame`,
    );
    await expect(list.locator('[data-version="1"]')).toBeVisible();
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

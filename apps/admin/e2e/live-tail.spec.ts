import { expect, requiredEnv, screenshot, test } from './support/fixtures.ts';

test.describe('live tail', () => {
  test('receives events appended through the API, filters by type, pauses and resumes', async ({
    page,
    api,
  }) => {
    const actorId = `e2e-live/${Date.now()}`;
    await page.goto('/live');
    const status = page.locator('.tail-status');
    await expect(status).toHaveAttribute('data-status', 'live');
    const list = page.getByTestId('tail-list');
    // A fresh tail opens at the end of the log with a little context, not at position 0.
    await expect(list.locator('[data-position]').first()).toBeVisible();
    const opened = Number(await list.locator('[data-position]').first().getAttribute('data-position'));
    const head = await api.get<{ events: unknown[] }>(`/api/events?after=${opened}&limit=1`);
    expect(head.events).toEqual([]);

    const [tailed] = await api.append(actorId, [{ eventType: 'E2eTailed', data: { n: 1 } }]);
    const row = list.locator(`[data-position="${tailed?.position}"]`);
    await expect(row).toContainText('E2eTailed');
    await expect(row).toContainText(`${actorId} · v1`);
    await expect(list.locator('[data-position]').first()).toHaveAttribute(
      'data-position',
      String(tailed?.position),
    );
    await screenshot(page, 'live-tail');

    await page.getByLabel('Event types').fill('E2eWanted');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/\/live\?type=E2eWanted/);
    await expect(status).toHaveAttribute('data-status', 'live');
    await api.append(actorId, [{ eventType: 'E2eUnwanted', data: { n: 2 } }]);
    const [wanted] = await api.append(actorId, [{ eventType: 'E2eWanted', data: { n: 3 } }]);
    await expect(list.locator(`[data-position="${wanted?.position}"]`)).toContainText('E2eWanted');
    // The unwanted event was written first: had it passed the filter, it would be on screen by now.
    await expect(page.getByText('E2eUnwanted')).toHaveCount(0);

    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(status).toHaveAttribute('data-status', 'paused');
    await expect(page.getByText(`Paused after position ${wanted?.position}`)).toBeVisible();
    const [whilePaused] = await api.append(actorId, [{ eventType: 'E2eWanted', data: { n: 4 } }]);
    await page.waitForTimeout(1500);
    await expect(list.locator(`[data-position="${whilePaused?.position}"]`)).toHaveCount(0);
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect(list.locator(`[data-position="${whilePaused?.position}"]`)).toContainText('E2eWanted');
    await expect(list.locator(`[data-position="${wanted?.position}"]`)).toHaveCount(1);
  });

  test('a cold link with a type filter opens with the newest events of that type', async ({ page, api }) => {
    const run = Date.now();
    const actorId = `e2e-live-backlog/${run}`;
    const type = `E2eBacklog${run}`;
    const wanted = await api.append(actorId, [
      { eventType: type, data: { n: 1 } },
      { eventType: type, data: { n: 2 } },
    ]);
    // Enough later events of other types that "the last 20 positions" would not hold them.
    await api.append(
      actorId,
      Array.from({ length: 40 }, (_, n) => ({ eventType: 'E2eNoise', data: { n } })),
    );
    await page.goto(`/live?type=${type}`);
    await expect(page.locator('.tail-status')).toHaveAttribute('data-status', 'live');
    const rows = page.getByTestId('tail-list').locator('[data-position]');
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toHaveAttribute('data-position', String(wanted[1]?.position));
    await expect(page.getByText('E2eNoise')).toHaveCount(0);
    const [live] = await api.append(actorId, [{ eventType: type, data: { n: 3 } }]);
    await expect(rows.first()).toHaveAttribute('data-position', String(live?.position));
    await expect(rows).toHaveCount(3);
  });

  test('an empty store says nothing was received yet, not "showing the newest 0"', async ({ page }) => {
    await page.goto(`${requiredEnv('AETHER_E2E_EMPTY_URL')}/live`);
    await expect(page.locator('.tail-status')).toHaveAttribute('data-status', 'live');
    await expect(page.getByText('Nothing received yet.')).toBeVisible();
    await expect(page.getByText(/showing the newest 0/)).toHaveCount(0);
  });
});

import { expect, screenshot, test } from './support/fixtures.ts';

test.describe('actor stream', () => {
  test('shows versions with type, time and metadata chips, the JSON, the change and the snapshot', async ({
    page,
    api,
  }) => {
    const [order] = await api.actors('order/', 1);
    if (!order) throw new Error('the demo store has no order actors');
    const events = await api.events(order.actorId);
    const [first, second] = events;
    if (!first || !second) throw new Error(`${order.actorId} has fewer than two events`);

    // A deep link opened cold, with a version selected.
    await page.goto(`/actors/${encodeURIComponent(order.actorId)}?v=${second.version}`);
    await expect(page.getByRole('heading', { name: order.actorId, level: 1 })).toBeVisible();
    const list = page.getByTestId('event-list');
    for (const event of events) {
      const row = list.locator(`[data-version="${event.version}"]`);
      await expect(row).toContainText(`v${event.version}`);
      await expect(row).toContainText(event.eventType);
      await expect(row).toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}/);
      await expect(row.locator('.chip', { hasText: 'correlation' })).toBeVisible();
    }
    await expect(list.locator(`[data-version="${second.version}"] a`)).toHaveAttribute(
      'aria-current',
      'page',
    );

    const panel = page.getByTestId('event-panel');
    await expect(
      panel.getByRole('heading', { name: `v${second.version} ${second.eventType}` }),
    ).toBeVisible();
    const data = panel.getByRole('figure', { name: `Data of v${second.version}` });
    for (const key of Object.keys(second.data)) await expect(data).toContainText(`"${key}"`);
    const change = panel.getByRole('table', { name: `Change from v${first.version}` });
    await expect(change).toBeVisible();
    // The first event's data keys that the second lacks show as removed, and the reverse as added.
    for (const key of Object.keys(second.data).filter((key) => !(key in first.data))) {
      await expect(change.locator('tr.diff-added', { hasText: key })).toBeVisible();
    }
    for (const key of Object.keys(first.data).filter((key) => !(key in second.data))) {
      await expect(change.locator('tr.diff-removed', { hasText: key })).toBeVisible();
    }
    await expect(panel.getByRole('link', { name: second.metadata?.correlationId ?? 'none' })).toBeVisible();

    const snapshot = await api.get<{ version: number }>(
      `/api/actors/${encodeURIComponent(order.actorId)}/snapshot`,
    );
    const snapshotPanel = page.getByTestId('snapshot-panel');
    await snapshotPanel.getByText(`Version ${snapshot.version}`).click();
    await expect(
      snapshotPanel.getByRole('figure', { name: `Snapshot state at v${snapshot.version}` }),
    ).toBeVisible();
    await screenshot(page, 'actor-stream');
  });

  test('moves the selection with the keyboard and jumps to a version', async ({ page, api }) => {
    const [order] = await api.actors('order/', 1);
    if (!order) throw new Error('the demo store has no order actors');
    const events = await api.events(order.actorId);
    const last = events.at(-1);
    if (!last || events.length < 3) throw new Error(`${order.actorId} has fewer than three events`);

    await page.goto(`/actors/${encodeURIComponent(order.actorId)}`);
    await expect(page.getByText('Select an event')).toBeVisible();
    const list = page.getByTestId('event-list');
    await list.locator('[data-version] a').first().focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\?v=1$/);
    await expect(page.getByText('This is the first event of the actor.')).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await expect(page).toHaveURL(/\?v=2$/);
    await expect(list.locator('[data-version="2"] a')).toBeFocused();
    await page.keyboard.press('End');
    await expect(page).toHaveURL(new RegExp(`\\?v=${last.version}$`));
    await page.keyboard.press('Home');
    await expect(page).toHaveURL(/\?v=1$/);

    await page.getByLabel('Jump to version').fill(String(events[2]?.version));
    await page.getByLabel('Jump to version').press('Enter');
    await expect(page.getByTestId('event-panel').getByRole('heading', { level: 2 })).toContainText(
      `v${events[2]?.version}`,
    );
    await page.getByLabel('Jump to version').fill('999999');
    await page.getByLabel('Jump to version').press('Enter');
    await expect(
      page.getByText(`There is no version 999,999: the latest is v${last.version}.`),
    ).toBeVisible();
  });

  test('says when an actor has no snapshot', async ({ page, api }) => {
    const [payment] = await api.actors('payment/', 1);
    if (!payment) throw new Error('the demo store has no payment actors');
    await page.goto(`/actors/${encodeURIComponent(payment.actorId)}`);
    await expect(page.getByTestId('snapshot-panel')).toContainText('This actor has no snapshot.');
  });

  test('says when the change compares events of two types, and not when the types match', async ({
    page,
    api,
  }) => {
    const [order] = await api.actors('order/', 1);
    const [first, second] = await api.events(order?.actorId ?? '');
    if (!first || !second || first.eventType === second.eventType)
      throw new Error('the first demo order should open with two events of different types');
    await page.goto(`/actors/${encodeURIComponent(order?.actorId ?? '')}?v=${second.version}`);
    const note = page.getByTestId('diff-type-note');
    await expect(note).toContainText(`v${first.version} is of another type, ${first.eventType}`);

    const [ledger] = await api.actors('ledger/', 1);
    await page.goto(`/actors/${encodeURIComponent(ledger?.actorId ?? '')}?v=2`);
    await expect(page.getByRole('table', { name: 'Change from v1' })).toBeVisible();
    await expect(note).toHaveCount(0);
  });
});

import { firstOrderTrace } from './support/demo-trace.ts';
import { expect, screenshot, test } from './support/fixtures.ts';

test.describe('trace', () => {
  test('lays a multi-actor correlation out as a causation waterfall with the event highlighted', async ({
    page,
    api,
  }) => {
    const { correlationId, events, middle } = await firstOrderTrace(api);
    const actors = [...new Set(events.map((event) => event.actorId))];
    expect(actors.length).toBeGreaterThanOrEqual(3);

    // Reached from an event of the actor stream.
    await page.goto(`/actors/${encodeURIComponent(middle.actorId)}?v=${middle.version}`);
    await page.getByTestId('event-panel').getByRole('link', { name: 'View trace' }).click();
    await expect(page).toHaveURL(new RegExp(`/traces/${correlationId}\\?event=${middle.id}$`));

    await expect(page.getByRole('heading', { name: correlationId, level: 1 })).toBeVisible();
    const waterfall = page.getByRole('list', { name: 'Trace events on a timeline' });
    await expect(waterfall.getByRole('listitem')).toHaveCount(events.length);
    const legend = page.getByRole('list', { name: 'Actors in this trace' });
    for (const actorId of actors) await expect(legend.getByRole('link', { name: actorId })).toBeVisible();

    const selected = waterfall.locator(`[data-event-id="${middle.id}"]`);
    await expect(selected).toHaveClass(/selected/);
    await expect(selected.getByRole('link')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('trace-selected')).toContainText(middle.eventType);

    // A cause is drawn above its effects, indented one level deeper.
    const rows = await waterfall.getByRole('listitem').evaluateAll((items) =>
      items.map((item) => ({
        id: item.getAttribute('data-event-id'),
        depth: item.style.getPropertyValue('--depth'),
      })),
    );
    const order = rows.map((row) => row.id);
    for (const event of events) {
      const cause = event.metadata?.causationId;
      if (cause && order.includes(cause)) {
        expect(order.indexOf(cause)).toBeLessThan(order.indexOf(event.id));
        const depth = (id: string) => Number(rows.find((row) => row.id === id)?.depth);
        expect(depth(event.id)).toBe(depth(cause) + 1);
      }
    }
    await screenshot(page, 'trace');

    const other = events.find((event) => event.id !== middle.id);
    if (!other) throw new Error('single-event trace');
    await waterfall.locator(`[data-event-id="${other.id}"] a`).click();
    await expect(page).toHaveURL(new RegExp(`\\?event=${other.id}$`));
    await expect(waterfall.locator(`[data-event-id="${other.id}"]`)).toHaveClass(/selected/);
  });
});

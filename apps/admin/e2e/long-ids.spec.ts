import { expect, test } from './support/fixtures.ts';

const enc = encodeURIComponent;

/** How far the page is wider than the window (0 when nothing sticks out). */
const overflow = (page: import('@playwright/test').Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test.describe('long ids', () => {
  test('wrap or are cut in every view, never widen the page, and leave event types readable', async ({
    page,
    api,
  }) => {
    const run = Date.now();
    const actorId = `e2e-long/${'tenant-acme-international-holdings-'.repeat(12)}${run}`;
    const correlationId = `e2e-long-correlation-${'x'.repeat(300)}-${run}`;
    const eventType = `E2eLong${'WithAVeryLongEventTypeName'.repeat(6)}`;
    const [first] = await api.append(actorId, [
      { eventType, data: { text: 'y'.repeat(500) }, metadata: { correlationId, userId: 'u'.repeat(200) } },
    ]);
    if (!first) throw new Error('nothing recorded');
    const [follow] = await api.append(`e2e-long/short-${run}`, [
      { eventType: 'Follow', data: {}, metadata: { correlationId, causationId: first.id } },
    ]);
    await api.append(actorId, [
      { eventType: 'Second', data: {}, metadata: { correlationId, causationId: String(follow?.id) } },
    ]);

    await page.goto(`/actors/${enc(actorId)}?v=2`);
    const title = page.getByRole('heading', { name: actorId, level: 1 });
    await expect(title).toBeVisible();
    // An id as a title reads as a title, not as body text.
    const sizes = await title.evaluate((el) => [
      Number.parseFloat(getComputedStyle(el).fontSize),
      Number.parseFloat(getComputedStyle(document.body).fontSize),
    ]);
    expect(sizes[0]).toBeGreaterThan((sizes[1] ?? 0) * 1.2);
    await expect(page.getByTestId('event-panel')).toContainText('Second');
    expect(await overflow(page)).toBeLessThanOrEqual(0);

    await page.goto(`/events/${enc(first.id)}`);
    await expect(page.getByRole('heading', { name: eventType, level: 1 })).toBeVisible();
    await expect(page.getByTestId('causation-children')).toContainText('Follow');
    expect(await overflow(page)).toBeLessThanOrEqual(0);

    await page.goto(`/traces/${enc(correlationId)}`);
    const waterfall = page.getByTestId('waterfall');
    await expect(waterfall.getByRole('listitem')).toHaveCount(3);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    // A short event type next to a long actor id is shown whole; the actor id is what gets cut.
    const second = waterfall.locator('.event-type', { hasText: /^Second$/ });
    const cut = await second.evaluate((el) => el.scrollWidth > el.clientWidth);
    expect(cut).toBe(false);
    // The actor's colour swatch in the legend keeps its size when the id wraps.
    const swatches = await page
      .locator('.legend .swatch')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().width));
    expect(Math.min(...swatches)).toBeGreaterThan(8);

    await page.goto(`/search?q=${enc(`${correlationId}-missing`)}`);
    await expect(page.getByRole('heading', { name: 'Nothing matches' })).toBeVisible();
    expect(await overflow(page)).toBeLessThanOrEqual(0);

    await page.goto(`/actors?prefix=${enc('e2e-long/tenant')}`);
    await expect(page.getByRole('list', { name: 'Actors' }).getByRole('listitem').first()).toBeVisible();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
  });
});

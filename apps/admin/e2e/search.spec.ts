import { firstOrderTrace } from './support/demo-trace.ts';
import { expect, test } from './support/fixtures.ts';

test.describe('search box', () => {
  test('routes an actor id, an event id and a correlation id to their views', async ({ page, api }) => {
    const { correlationId, middle } = await firstOrderTrace(api);
    await page.goto('/actors');
    const search = page.getByRole('searchbox', { name: 'Search by actor id, event id or correlation id' });

    // `/` focuses the box from anywhere.
    await page.locator('main').click();
    await page.keyboard.press('/');
    await expect(search).toBeFocused();

    await search.fill(middle.actorId);
    await search.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/actors/${encodeURIComponent(middle.actorId)}$`));
    await expect(page.getByRole('heading', { name: middle.actorId, level: 1 })).toBeVisible();

    await search.fill(middle.id);
    await search.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/events/${middle.id}$`));
    await expect(page.getByRole('heading', { name: middle.eventType, level: 1 })).toBeVisible();

    await search.fill(correlationId);
    await search.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/traces/${correlationId}`));
    await expect(page.getByRole('heading', { name: correlationId, level: 1 })).toBeVisible();

    await search.fill('  no-such-id-anywhere  ');
    await search.press('Enter');
    await expect(page.getByRole('heading', { name: 'Nothing matches' })).toBeVisible();
    await expect(
      page.getByRole('link', { name: 'Actors whose id starts with “no-such-id-anywhere”' }),
    ).toBeVisible();
  });
});

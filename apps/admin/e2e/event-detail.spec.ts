import { firstOrderTrace } from './support/demo-trace.ts';
import { expect, screenshot, test } from './support/fixtures.ts';

test.describe('event detail', () => {
  test('shows every field, the metadata links, its causation parent and children', async ({ page, api }) => {
    const { middle, parent, children, correlationId } = await firstOrderTrace(api);

    await page.goto(`/events/${encodeURIComponent(middle.id)}`);
    await expect(page.getByRole('heading', { name: middle.eventType, level: 1 })).toBeVisible();
    const fields = page.getByRole('region', { name: 'Fields' });
    for (const value of [
      middle.id,
      middle.eventType,
      middle.actorId,
      String(middle.version),
      String(middle.position),
    ]) {
      await expect(fields.getByText(value, { exact: true }).first()).toBeVisible();
    }
    await expect(fields).toContainText(middle.timestamp);
    for (const key of Object.keys(middle.data))
      await expect(fields.getByRole('figure')).toContainText(`"${key}"`);

    // correlationId opens the trace with this event selected; causationId opens the cause.
    await expect(fields.locator(`a[href="/traces/${correlationId}?event=${middle.id}"]`)).toHaveText(
      correlationId,
    );
    await expect(fields.locator(`a[href="/events/${parent.id}"]`)).toHaveText(parent.id);

    const cause = page.getByTestId('causation-parent');
    await expect(cause).toContainText(parent.eventType);
    await expect(cause).toContainText(`${parent.actorId} · v${parent.version}`);
    const effects = page.getByTestId('causation-children');
    for (const child of children) await expect(effects).toContainText(`${child.actorId} · v${child.version}`);
    await screenshot(page, 'event-detail');

    await cause.getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`/events/${parent.id}$`));
    await expect(page.getByRole('heading', { name: parent.eventType, level: 1 })).toBeVisible();
    await expect(page.getByTestId('causation-children')).toContainText(
      `${middle.actorId} · v${middle.version}`,
    );
  });

  test('links to the stream and the trace', async ({ page, api }) => {
    const { middle, correlationId } = await firstOrderTrace(api);
    await page.goto(`/events/${encodeURIComponent(middle.id)}`);
    await page.getByRole('link', { name: 'Show in stream' }).click();
    await expect(page).toHaveURL(
      new RegExp(`/actors/${encodeURIComponent(middle.actorId)}\\?v=${middle.version}$`),
    );
    await page.goBack();
    await page.getByRole('link', { name: 'View trace' }).click();
    await expect(page).toHaveURL(new RegExp(`/traces/${correlationId}\\?event=${middle.id}$`));
  });
});

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

  test('lists every event it caused, under any correlation id, a page at a time', async ({ page, api }) => {
    const run = Date.now();
    const [cause] = await api.append(`e2e-effects/${run}`, [{ eventType: 'E2eCause', data: { run } }]);
    if (!cause) throw new Error('no cause recorded');
    const caused = (correlationId?: string) =>
      correlationId === undefined ? { causationId: cause.id } : { causationId: cause.id, correlationId };
    // One effect under another correlation id (it is not in the cause's trace), then more than a page.
    const [elsewhere] = await api.append(`e2e-effects/${run}/audit`, [
      { eventType: 'E2eAudited', data: {}, metadata: caused(`e2e-other-trace-${run}`) },
    ]);
    const rest = await api.append(
      `e2e-effects/${run}/bulk`,
      Array.from({ length: 54 }, (_, index) => ({
        eventType: 'E2eEffect',
        data: { index },
        metadata: caused(cause.id),
      })),
    );
    const trace = await api.get<{ events: { id: string }[] }>(`/api/traces/${encodeURIComponent(cause.id)}`);
    expect(trace.events.map((event) => event.id)).not.toContain(elsewhere?.id);

    await page.goto(`/events/${encodeURIComponent(cause.id)}`);
    const effects = page.getByTestId('causation-children');
    const cards = effects.getByRole('list', { name: 'Events it caused' }).getByRole('listitem');
    await expect(cards).toHaveCount(50);
    await expect(effects).toContainText(`e2e-effects/${run}/audit · v1`);
    await expect(effects.getByRole('link', { name: `e2e-other-trace-${run}` })).toHaveAttribute(
      'href',
      `/traces/e2e-other-trace-${run}?event=${elsewhere?.id}`,
    );
    await effects.getByRole('button', { name: /Load more/ }).click();
    await expect(cards).toHaveCount(55);
    await expect(effects).toContainText(`e2e-effects/${run}/bulk · v${rest.at(-1)?.version}`);
    await expect(effects.getByRole('button', { name: /Load more/ })).toHaveCount(0);
  });
});

import { expect, screenshot, test } from './support/fixtures.ts';

test.describe('API docs', () => {
  test('render their operations with no request leaving the server (works offline)', async ({
    page,
    baseURL,
  }) => {
    const origin = new URL(String(baseURL)).origin;
    // No internet, as on the build machines: any request to another origin fails, and is recorded.
    const elsewhere: string[] = [];
    await page.route(
      (url) => url.origin !== origin,
      async (route) => {
        elsewhere.push(route.request().url());
        await route.abort('internetdisconnected');
      },
    );
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) blocked.push(message.text());
    });

    await page.goto('/api/docs');
    await expect(page.getByRole('heading', { name: /Aether console API/ })).toBeVisible();
    // Operations of the OpenAPI document, rendered by the docs UI itself.
    await expect(page.getByText('/api/events/{eventId}/effects', { exact: true })).toBeVisible();
    await expect(page.getByText('List actors by id, paged').first()).toBeVisible();
    await screenshot(page, 'api-docs');
    await page.getByText('/api/stream', { exact: true }).click();
    await expect(page.getByText(/tail=N/).first()).toBeVisible();
    expect(elsewhere).toEqual([]);
    expect(blocked).toEqual([]);
  });
});

import { expect, test } from './support/fixtures.ts';

const MARKUP = '<img src=x onerror=window.__aetherXss=1;alert(document.domain)>';

test.describe('event data is text', () => {
  test('markup in data, metadata, type and actor id is shown, never run', async ({ page, api }) => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const actorId = `e2e-xss/<b>${Date.now()}</b>`;
    const [event] = await api.append(actorId, [
      {
        eventType: '<img src=x onerror=alert(2)>',
        data: {
          html: MARKUP,
          '<script>window.__aetherXss=2</script>': 'key',
          nested: [{ svg: '<svg onload=alert(3)>' }],
        },
        metadata: { note: '<iframe src=javascript:alert(4)>' },
      },
    ]);
    if (!event) throw new Error('append returned no event');

    const noScriptRan = async () => {
      expect(await page.evaluate(() => (window as { __aetherXss?: unknown }).__aetherXss)).toBeUndefined();
      expect(dialogs).toEqual([]);
      await expect(page.locator('main img, main svg, main iframe, main script')).toHaveCount(0);
    };

    await page.goto(`/events/${event.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('<img src=x onerror=alert(2)>');
    await expect(page.getByText(`"${MARKUP}"`)).toBeVisible();
    await expect(page.getByText('"<script>window.__aetherXss=2</script>"')).toBeVisible();
    await expect(page.getByText('<iframe src=javascript:alert(4)>')).toBeVisible();
    await noScriptRan();

    await page.goto(`/actors/${encodeURIComponent(actorId)}?v=1`);
    await expect(page.getByRole('heading', { name: actorId, level: 1 })).toBeVisible();
    await expect(page.getByTestId('event-panel').getByText(`"${MARKUP}"`)).toBeVisible();
    await noScriptRan();

    await page.goto(`/actors?prefix=${encodeURIComponent('e2e-xss/')}`);
    await expect(page.getByRole('link', { name: actorId })).toBeVisible();
    await noScriptRan();
  });
});

import path from 'node:path';
import { startAether } from './support/aether-process.ts';
import { ApiHelper, expect, requiredEnv, test } from './support/fixtures.ts';

test.describe('empty, unknown and error states', () => {
  test('an empty store says so and how to fill it', async ({ page }) => {
    const emptyUrl = requiredEnv('AETHER_E2E_EMPTY_URL');
    await page.goto(`${emptyUrl}/actors`);
    await expect(page.getByRole('heading', { name: 'This store has no events yet' })).toBeVisible();
    await expect(page.getByText('aether seed')).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'read-only' })).toBeVisible();
    await page.goto(`${emptyUrl}/live`);
    await expect(page.locator('.tail-status')).toHaveAttribute('data-status', 'live');
    await expect(page.getByTestId('tail-empty')).toHaveText('Waiting for new events…');
  });

  test('unknown ids and unknown pages get a clear message', async ({ page }) => {
    await page.goto('/actors/no%2Fsuch%20actor');
    await expect(page.getByRole('heading', { name: 'Unknown actor' })).toBeVisible();
    await expect(page.getByText('no/such actor', { exact: true })).toBeVisible();
    await page.goto('/events/no-such-event');
    await expect(page.getByRole('heading', { name: 'Unknown event' })).toBeVisible();
    await page.goto('/traces/no-such-correlation');
    await expect(page.getByRole('heading', { name: 'Unknown trace' })).toBeVisible();
    await page.goto('/no/such/page');
    await expect(page.getByRole('heading', { name: 'No such page' })).toBeVisible();
  });

  test('API down: a clear error, then the view comes back and the live tail reconnects', async ({ page }) => {
    test.setTimeout(150_000);
    const store = `fs:${path.join(requiredEnv('AETHER_E2E_ROOT'), `restart-${Date.now()}`)}`;
    const token = 'restart-token';
    let server = await startAether({ store, token });
    const { port, url } = server;
    const api = new ApiHelper(url, token);
    const append = async (eventType: string) =>
      (await api.append('restart/actor', [{ eventType, data: { at: Date.now() } }]))[0]?.position;
    try {
      await page.goto(`${url}/live`);
      const status = page.locator('.tail-status');
      await expect(status).toHaveAttribute('data-status', 'live');
      const before = await append('BeforeRestart');
      await expect(page.locator(`[data-position="${before}"]`)).toContainText('BeforeRestart');

      await server.stop();
      await expect(status).toHaveAttribute('data-status', 'reconnecting');
      await expect(page.getByText(/Retrying; the tail resumes after position/)).toBeVisible();

      // A view opened while the API is down explains itself and offers a retry.
      await page.getByRole('link', { name: 'Actors', exact: true }).click();
      const down = page.locator('[data-state="api-down"]');
      await expect(down).toBeVisible();
      await expect(down.getByRole('heading', { name: 'The Aether API cannot be reached' })).toBeVisible();
      await expect(down).toContainText('API_UNREACHABLE');

      server = await startAether({ store, port, token });
      await down.getByRole('button', { name: 'Try again' }).click();
      await expect(page.getByRole('link', { name: 'restart/actor' })).toBeVisible();

      await page.getByRole('link', { name: 'Live tail' }).click();
      await expect(status).toHaveAttribute('data-status', 'live');
      const after = await append('AfterRestart');
      await expect(page.locator(`[data-position="${after}"]`)).toContainText('AfterRestart');
    } finally {
      await server.stop();
    }
  });

  test('the live tail reconnects by itself after the server restarts', async ({ page }) => {
    test.setTimeout(150_000);
    const store = `fs:${path.join(requiredEnv('AETHER_E2E_ROOT'), `tail-restart-${Date.now()}`)}`;
    const token = 'tail-restart-token';
    let server = await startAether({ store, token });
    const { port, url } = server;
    const api = new ApiHelper(url, token);
    const append = async (eventType: string) =>
      (await api.append('tail/actor', [{ eventType, data: {} }]))[0]?.position;
    try {
      await page.goto(`${url}/live`);
      const status = page.locator('.tail-status');
      await expect(status).toHaveAttribute('data-status', 'live');
      const first = await append('First');
      await expect(page.locator(`[data-position="${first}"]`)).toContainText('First');
      await server.stop();
      await expect(status).toHaveAttribute('data-status', 'reconnecting');
      server = await startAether({ store, port, token });
      await expect(status).toHaveAttribute('data-status', 'live', { timeout: 30_000 });
      const second = await append('Second');
      await expect(page.locator(`[data-position="${second}"]`)).toContainText('Second');
      // Resumed after the last position received: nothing twice.
      await expect(page.locator(`[data-position="${first}"]`)).toHaveCount(1);
    } finally {
      await server.stop();
    }
  });
});

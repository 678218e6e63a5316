import { expect, test } from './fixtures';

test.describe('icons and static files', () => {
  for (const [path, type] of [
    ['/favicon.ico', 'image/x-icon'],
    ['/icon.svg', 'image/svg+xml'],
    ['/apple-touch-icon.png', 'image/png'],
    ['/icon-192.png', 'image/png'],
    ['/icon-512.png', 'image/png'],
  ] as const) {
    test(`${path} is served as ${type}`, async ({ request }) => {
      const response = await request.get(path);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toContain(type);
      expect((await response.body()).length).toBeGreaterThan(100);
    });
  }

  test('the web app manifest names the app and icons that exist', async ({ request }) => {
    const response = await request.get('/manifest.webmanifest');
    expect(response.status()).toBe(200);
    const manifest: unknown = await response.json();
    expect(manifest).toMatchObject({ name: 'ACS Egress Doctor', start_url: '/', display: 'standalone' });
    const icons = typeof manifest === 'object' && manifest !== null && 'icons' in manifest && Array.isArray(manifest.icons) ? manifest.icons : [];
    expect(icons.length).toBeGreaterThan(1);
    for (const icon of icons) {
      const src = typeof icon === 'object' && icon !== null && 'src' in icon ? String(icon.src) : '';
      expect((await request.get(src)).status(), src).toBe(200);
    }
  });

  test('every page links the favicon and the manifest', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('link[rel="icon"][href^="/favicon.ico"]')).toHaveCount(1);
    await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
  });
});

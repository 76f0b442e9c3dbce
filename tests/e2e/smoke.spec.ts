// Smoke test: the page loads the WebAssembly app and nothing complains on the way.
//
// It checks only what stays true while the app grows: the module started (the page
// template sets `data-app="ready"` once `init` resolved), the document has a title, and
// neither the console nor the page reported an error. A broken wasm-opt output, a wrong
// asset URL or a panic at start-up all fail here.
import { expect, test } from '@playwright/test';

test('the app starts without errors', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // The console says only "Failed to load resource"; this names the address.
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`),
  );

  await page.goto('/');

  // Wait for the outcome either way, then show the errors before the verdict: they say why.
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-app', /^(ready|failed)$/);
  expect(problems).toEqual([]);
  await expect(html).toHaveAttribute('data-app', 'ready');
  await expect(page).toHaveTitle(/\S/);
});

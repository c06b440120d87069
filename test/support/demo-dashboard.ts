/**
 * What the dashboard test files over the LLMFAO demo data share: a server holding it (the loader
 * `verdicts demo` uses) with Chromium, and a retry for assertions on a page that updates itself.
 */
import { loadDemoData } from '../../src/cli/demo-command';
import { Importer } from '../../src/services/importer';
import { openDashboard, type Dashboard } from './browser';

export async function openDemoDashboard(): Promise<Dashboard> {
  const dashboard = await openDashboard();
  const importer = new Importer(dashboard.server.database.db);
  await loadDemoData(importer);
  importer.finish();
  return dashboard;
}

/** Retries an assertion until it holds (the page updates asynchronously), for up to `ms`. */
export async function eventually(check: () => Promise<void>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

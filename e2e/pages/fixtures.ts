import { expect, test as base } from "@playwright/test";
import { watchAllContexts } from "./csp-guard";
import { DesignerPage } from "./designer-page";

/**
 * `designer`: the page object over the test's page. Every test also fails on any Content
 * Security Policy violation on any page it opens (`cspViolations`, automatic).
 */
export const test = base.extend<{ designer: DesignerPage; cspViolations: string[] }>({
  designer: async ({ page }, use) => {
    await use(new DesignerPage(page));
  },
  cspViolations: [
    async ({ browser, context }, use) => {
      const violations: string[] = [];
      const restore = await watchAllContexts(browser, context, violations);
      await use(violations);
      restore();
      expect(violations, "Content Security Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

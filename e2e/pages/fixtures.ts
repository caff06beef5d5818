import { test as base } from "@playwright/test";
import { DesignerPage } from "./designer-page";

/** `designer`: the page object over the test's page. */
export const test = base.extend<{ designer: DesignerPage }>({
  designer: async ({ page }, use) => {
    await use(new DesignerPage(page));
  },
});

export { expect } from "@playwright/test";

import type { Browser, BrowserContext, Page } from "@playwright/test";

/**
 * Collects every Content Security Policy violation on every page of a browser context: the
 * page's own `securitypolicyviolation` events (reported through a binding) and Chromium's
 * console errors about the policy, so a blocked script, style, image or connection fails the test.
 */
export async function watchCsp(context: BrowserContext, violations: string[]) {
  await context.exposeBinding("__reportCspViolation", ({ page }, text: string) =>
    violations.push(`${page.url()}: ${text}`),
  );
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __reportCspViolation: (t: string) => void }).__reportCspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`,
      ),
    );
  });
  const watchPage = (page: Page) =>
    page.on("console", (message) => {
      if (message.type() === "error" && /Content Security Policy/i.test(message.text()))
        violations.push(`${page.url()}: ${message.text()}`);
    });
  context.pages().forEach(watchPage);
  context.on("page", watchPage);
}

/** Watches the test's own context and every context the test opens itself. */
export async function watchAllContexts(browser: Browser, context: BrowserContext, violations: string[]) {
  await watchCsp(context, violations);
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const opened = await newContext(options);
    await watchCsp(opened, violations);
    return opened;
  };
  return () => {
    browser.newContext = newContext;
  };
}

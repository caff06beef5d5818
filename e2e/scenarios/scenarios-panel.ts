import { expect, type Locator, type Page } from "@playwright/test";

/** The designer's Scenarios panel, as a person finds its parts: by role and name. */
export class ScenariosPanel {
  readonly panel: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByRole("complementary", { name: "Scenarios" });
  }

  async open() {
    await this.page.getByRole("tab", { name: "Scenarios" }).click();
    await expect(this.panel).toBeVisible();
  }

  step(n: number): Locator {
    return this.panel.getByRole("group", { name: `Step ${n}`, exact: true });
  }

  expectation(n: number): Locator {
    return this.panel.getByRole("group", { name: `Expectation ${n}`, exact: true });
  }

  /** Replaces a field's text the way a person retypes it. */
  async type(field: Locator, text: string) {
    await field.fill("");
    await field.pressSequentially(text);
  }

  tab(name: "Design" | "Results" | "Forecast") {
    return this.panel.getByRole("tab", { name, exact: true });
  }

  get runButton() {
    return this.panel.getByRole("button", { name: "Run scenario" });
  }

  get verdict() {
    return this.panel
      .getByRole("status")
      .filter({ hasText: /^(✓ |✗ |■ )?(Passed|Failed|Cancelled|Stopped)/ });
  }
}

import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { io, type Socket } from "socket.io-client";

/** The Share dialog of the designer, opened from the top bar. */
export class ShareDialog {
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole("dialog", { name: "Share this flow" });
  }

  async open() {
    await this.page.getByRole("banner").getByRole("button", { name: "Share", exact: true }).click();
    await expect(this.dialog).toBeVisible();
  }

  field(name: "Edit link" | "View link" | "Snapshot link"): Locator {
    return this.dialog.getByRole("textbox", { name, exact: true });
  }

  async createViewLink(): Promise<string> {
    await this.dialog.getByRole("button", { name: "Create view link" }).click();
    await expect(this.field("View link")).toHaveValue(/\/s\/[A-Za-z0-9_-]{20,}$/);
    return this.field("View link").inputValue();
  }

  async regenerateViewLink(old: string): Promise<string> {
    await this.dialog.getByRole("button", { name: "Regenerate view link" }).click();
    await expect(this.field("View link")).not.toHaveValue(old);
    await expect(
      this.dialog.getByRole("status").filter({ hasText: "the old one no longer works" }),
    ).toBeVisible();
    return this.field("View link").inputValue();
  }

  async close() {
    await this.dialog.getByRole("button", { name: "Close" }).click();
    await expect(this.dialog).toBeHidden();
  }
}

/** Opens the flow menu and picks an item. */
export async function flowMenu(page: Page, item: string) {
  await page.getByRole("banner").getByRole("button", { name: "Menu" }).click();
  await page.getByRole("menuitem", { name: item, exact: true }).click();
}

export async function deploy(request: APIRequestContext, flowId: string) {
  const response = await request.post(`/api/flows/${flowId}/deploy`);
  expect(response.ok(), await response.text()).toBe(true);
}

/** A raw Socket.IO client in the test process, as a forger would use one. */
export function rawSocket(baseURL: string): Socket {
  return io(baseURL, { transports: ["websocket"], forceNew: true, reconnection: false });
}

export function ask(socket: Socket, event: string, payload: unknown): Promise<unknown> {
  return socket.timeout(5_000).emitWithAck(event, payload);
}

import { expect, test } from "./pages/fixtures";

test("New flow creates a flow, opens it, and it is still there after a reload", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Eventloom", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "New flow" }).click();
  await expect(page).toHaveURL(/\/flows\/[A-Za-z0-9_-]{22}$/);
  const url = page.url();
  await expect(page.getByRole("heading", { name: "Untitled flow" })).toBeVisible();
  await page.reload();
  await expect(page).toHaveURL(url);
  await expect(page.getByRole("heading", { name: "Untitled flow" })).toBeVisible();

  await page.goto("/");
  const recent = page.getByRole("list", { name: "Recent flows" });
  await expect(recent.getByRole("link", { name: "Untitled flow" })).toHaveAttribute(
    "href",
    new URL(url).pathname,
  );
});

test("Recent flows can be renamed and removed from the list", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "New flow" }).click();
  await expect(page).toHaveURL(/\/flows\//);
  const flowUrl = page.url();
  await page.goto("/");
  const recent = page.getByRole("list", { name: "Recent flows" });
  await recent.getByRole("button", { name: "Rename Untitled flow" }).first().click();
  await page.getByRole("textbox", { name: "New name for Untitled flow" }).fill("Checkout pipeline");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(recent.getByRole("link", { name: "Checkout pipeline" })).toBeVisible();

  await page.goto(flowUrl);
  await expect(page.getByRole("heading", { name: "Checkout pipeline" })).toBeVisible();

  await page.goto("/");
  await page.getByRole("button", { name: "Remove Checkout pipeline from the list" }).click();
  await expect(page.getByRole("link", { name: "Checkout pipeline" })).toHaveCount(0);
});

test("An unknown flow id shows a friendly not-found page", async ({ page }) => {
  const response = await page.goto("/flows/AAAAAAAAAAAAAAAAAAAAAA");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This flow does not exist" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to Eventloom home" })).toHaveAttribute("href", "/");
});

import type { Page } from "@playwright/test";

/**
 * Scrolls the delivery table from top to bottom and back with the mouse wheel while the
 * stream keeps arriving, and returns every frame interval and long task seen meanwhile.
 */
export async function scrollTable(
  page: Page,
  steps = 60,
): Promise<{ framesMs: number[]; longTasksMs: number[] }> {
  const table = page.getByRole("table", { name: "Deliveries" });
  const box = (await table.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.evaluate(`(() => {
    const s = (window.scroll_ = { framesMs: [], longTasksMs: [], on: true });
    let last = performance.now();
    const tick = (t) => { s.framesMs.push(t - last); last = t; if (s.on) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    new PerformanceObserver((list) => { if (s.on) for (const e of list.getEntries()) s.longTasksMs.push(e.duration); }).observe({ type: "longtask" });
  })()`);
  // Big jumps (a drag of the scrollbar) then wheel steps: both must stay smooth over 100,000 rows.
  const scroller = table.getByRole("rowgroup").nth(1);
  for (const fraction of [0.25, 0.5, 0.75, 1, 0]) {
    await scroller.evaluate((el, f) => el.scrollTo({ top: f * el.scrollHeight }), fraction);
    await page.waitForTimeout(100);
  }
  for (let i = 0; i < steps; i++) await page.mouse.wheel(0, i < steps / 2 ? 2_000 : -2_000);
  await page.waitForTimeout(300);
  return page.evaluate(
    `(() => { const s = window.scroll_; s.on = false; return { framesMs: s.framesMs.slice(1), longTasksMs: s.longTasksMs }; })()`,
  );
}

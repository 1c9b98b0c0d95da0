// The QA console's canvas as the browser tests drive it (console.test.mjs,
// console_desk_alerts.test.mjs): wait until it draws, click it, press a shortcut.
import { sleep } from './browser.mjs';

const WAIT_MS = 20000;

export const consoleCanvas = (page) => page.locator('[data-parley-console] canvas');

// The console is up when its canvas is there and a few frames have been drawn.
export async function consoleRunning(page, settleMs = 1000) {
  await consoleCanvas(page).waitFor({ timeout: WAIT_MS });
  await page.waitForFunction(() => {
    const c = document.querySelector('[data-parley-console] canvas');
    return c && c.width > 300 && c.height > 300;
  }, null, { timeout: WAIT_MS, polling: 100 });
  await sleep(settleMs);
}

// A click on an empty spot of the console (its bottom): a gesture on the page, and the canvas
// takes the keys.
export async function clickConsole(page) {
  const box = await consoleCanvas(page).boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height - 30);
}

// A console shortcut, held long enough for a frame to see it (the console also queues presses).
export async function shortcut(page, keys) {
  await page.keyboard.press(keys, { delay: 60 });
  await sleep(250);
}

import type { Locator, Page } from '@playwright/test';

/**
 * Counts what the agent does with hands: each click, each field filled (typed), each key press. The journey's
 * speed goal is stated in these actions, from the empty lookup form to "unlocked".
 */
export class ActionCounter {
  readonly log: string[] = [];

  constructor(private readonly page: Page) {}

  get count() {
    return this.log.length;
  }

  async click(target: Locator, what: string) {
    this.log.push(`click ${what}`);
    await target.click();
  }

  async fill(target: Locator, value: string, what: string) {
    this.log.push(`fill ${what}`);
    await target.fill(value);
  }

  /** Types into whatever has the focus: proves the focus landed where the next input is. */
  async type(value: string, what: string) {
    this.log.push(`type ${what}`);
    await this.page.keyboard.type(value);
  }

  async press(key: string, what: string) {
    this.log.push(`press ${key} (${what})`);
    await this.page.keyboard.press(key);
  }
}

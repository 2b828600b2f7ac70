import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import { decodeEmailBody } from '../../scripts/lib/emailDecode';

// The decoder lives with the mailbox CLI (scripts/mailbox.ts); the specs read mail the same way.
export { decodeEmailBody };

/** The first match of `pattern` in the .eml of `template` sent to `email` (a link, a code). */
export async function readMail(template: string, email: string, pattern: RegExp, after = 0): Promise<string> {
  const dir = join(process.env.RD_E2E_DIR ?? '', 'mailbox');
  const to = new RegExp(`^To: .*${email.replace(/\./g, '\\.')}`, 'im');
  let link: string | undefined;
  await expect
    .poll(
      () => {
        let files: string[] = [];
        try {
          files = readdirSync(dir).filter((f) => f.endsWith(`-${template}.eml`));
        } catch {
          return undefined;
        }
        for (const file of files) {
          if (statSync(join(dir, file)).mtimeMs < after) continue;
          const raw = readFileSync(join(dir, file), 'utf8');
          if (!to.test(raw)) continue;
          const found = decodeEmailBody(raw).match(pattern);
          link = found?.[1] ?? found?.[0];
          if (link) return link;
        }
        return undefined;
      },
      { message: `the ${template} email reaches ${email}`, timeout: 20_000 },
    )
    .toBeTruthy();
  return link!;
}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, desc, eq, type SQL } from 'drizzle-orm';
import { decodeEmailBody } from '../../../scripts/lib/emailDecode';
import { firstRow } from '../../src/db/rows';
import { messages } from '../../src/db/tables';
import { deliverDueMessages } from '../../src/messages/delivery';
import { transportsFromConfig } from '../../src/messages/transports';
import type { TestApp } from '../harness';

/**
 * What the customer received, read from the mailbox folder the delivery worker writes (an .eml, an
 * SMS .json), never from the database: a message row keeps no link or code once delivered
 * (docs/design.md, Messages). Waits for the delivery, and runs one itself if the kick has not come yet.
 */
export async function deliveredText(t: TestApp, messageId: number): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const row = await firstRow(
      t.deps.db
        .select({ status: messages.status, channel: messages.channel, template: messages.template })
        .from(messages)
        .where(eq(messages.id, messageId))
        .limit(1),
    );
    if (!row) throw new Error(`no message ${messageId}`);
    const file = join(
      t.deps.config.MAILBOX_DIR,
      `${messageId}-${row.template}.${row.channel === 'sms' ? 'json' : 'eml'}`,
    );
    if (row.status === 'sent' && existsSync(file)) {
      const raw = readFileSync(file, 'utf8');
      return row.channel === 'sms' ? (JSON.parse(raw) as { body: string }).body : decodeEmailBody(raw);
    }
    if (row.status === 'queued')
      await deliverDueMessages(t.deps, transportsFromConfig(t.deps.config, t.deps.now));
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`message ${messageId} was not delivered to the mailbox folder`);
}

/** The delivered text of the newest message matching `where`, or undefined when none was queued. */
export async function lastDelivered(t: TestApp, ...where: SQL[]): Promise<string | undefined> {
  const row = await firstRow(
    t.deps.db
      .select({ id: messages.id })
      .from(messages)
      .where(and(...where))
      .orderBy(desc(messages.id))
      .limit(1),
  );
  return row ? deliveredText(t, row.id) : undefined;
}

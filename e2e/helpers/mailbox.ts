// The decoder lives with the mailbox CLI (scripts/mailbox.ts); the specs read mail the same way.
export { decodeEmailBody } from '../../scripts/lib/emailDecode';

import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './server/src/db/schema.ts',
  out: './drizzle',
  dbCredentials: { url: process.env.DB_FILE ?? 'data/recovery-desk.db' },
});

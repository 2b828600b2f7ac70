import { defineConfig } from 'drizzle-kit';

// PostgreSQL migrations (npm run db:generate:pg), beside the SQLite ones in drizzle.config.ts. Custom
// SQL (append-only audit, the app role, name search): `npx drizzle-kit generate --custom --name x
// --config drizzle.pg.config.ts`. server/src/db/pg.ts applies them from PG_MIGRATIONS_DIR or drizzle/pg.
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/src/db/pgSchema.ts',
  out: './drizzle/pg',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://localhost/recovery_desk' },
});

import type { Request, Response } from 'express';
import { z } from 'zod';
import { AppError } from './errors';
import type { Access, RouteDef } from './routes';

/** ra-data-simple-rest's query string: sort=["field","ASC"]&range=[0,24]&filter={...}, each JSON. */
export type ListQuery<F> = {
  sort: string;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
  filter: F;
};

const MAX_PAGE = 200;

function jsonParam(raw: unknown, name: string): unknown {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw AppError.field(name, 'must be a JSON string');
  try {
    return JSON.parse(raw);
  } catch {
    throw AppError.field(name, 'is not valid JSON');
  }
}

export function parseListQuery<S extends z.ZodType>(
  query: Record<string, unknown>,
  options: { sortable: readonly string[]; defaultSort: [string, 'ASC' | 'DESC']; filter: S },
): ListQuery<z.infer<S>> {
  const sortRaw = jsonParam(query.sort, 'sort') ?? options.defaultSort;
  const sort = z
    .tuple([
      z.string(),
      z
        .string()
        .transform((s) => s.toUpperCase())
        .pipe(z.enum(['ASC', 'DESC'])),
    ])
    .safeParse(sortRaw);
  if (!sort.success || !options.sortable.includes(sort.data[0])) {
    throw AppError.field('sort', `must be ["<${options.sortable.join('|')}>","ASC|DESC"]`);
  }
  const rangeRaw = jsonParam(query.range, 'range') ?? [0, 24];
  const range = z.tuple([z.number().int().min(0), z.number().int().min(0)]).safeParse(rangeRaw);
  if (!range.success || range.data[1] < range.data[0])
    throw AppError.field('range', 'must be [start,end] with 0 <= start <= end');
  const filterRaw = jsonParam(query.filter, 'filter') ?? {};
  const filter = options.filter.safeParse(filterRaw);
  if (!filter.success) {
    const issue = filter.error.issues[0];
    throw AppError.field(
      `filter${issue?.path.length ? `.${issue.path.join('.')}` : ''}`,
      issue?.message ?? 'invalid',
    );
  }
  const [start, end] = range.data;
  return {
    sort: sort.data[0],
    order: sort.data[1] === 'ASC' ? 'asc' : 'desc',
    offset: start,
    limit: Math.min(end - start + 1, MAX_PAGE),
    filter: filter.data,
  };
}

/**
 * Sends one page the way ra-data-simple-rest reads it: the array, and the total in Content-Range.
 * A capped total (counting further would be slow) is sent as `…/1000+`: ra-data-simple-rest's parseInt
 * still reads 1000, and the console's data provider turns the `+` into partial pagination.
 */
export function sendPage<T>(
  res: Response,
  resource: string,
  q: ListQuery<unknown>,
  rows: T[],
  total: number,
  capped = false,
) {
  const end = rows.length ? q.offset + rows.length - 1 : q.offset;
  res.set('Content-Range', `${resource} ${q.offset}-${end}/${total}${capped ? '+' : ''}`);
  res.json(rows);
}

/** ids of a getMany call or a single reference id: filter={"id":[1,2]} / filter={"accountId":7}. */
/** What one screen needs: a page of references (docs/design.md, HTTP API). More is a bulk read, refused. */
export const MAX_GET_MANY = 25;
/** getMany's `filter.id`: one id or at most 25, else a 400 naming `filter.id` and the limit. */
export const idList = z.preprocess(
  (v) => (Array.isArray(v) ? v : [v]),
  z
    .array(z.coerce.number().int().positive())
    .max(MAX_GET_MANY, `must list at most ${MAX_GET_MANY} ids (one page of references)`),
);
export const toIdArray = (v: number | number[] | undefined) =>
  v === undefined ? undefined : Array.isArray(v) ? v : [v];

type SortableQuery<F, S extends string> = Omit<ListQuery<F>, 'sort'> & { sort: S };

/** One page a list route answers: its rows, the total, and whether the total was capped. */
type ListPage = { rows: unknown[]; total: number; capped?: boolean };

/**
 * A ra-data-simple-rest list route: parse sort/range/filter (400 naming the bad one), ask the
 * domain for one page, answer it with its Content-Range.
 */
export function listRoute<F extends z.ZodType, S extends string>(def: {
  path: string;
  resource: string;
  access: Access;
  sortable: readonly S[];
  defaultSort: [S, 'ASC' | 'DESC'];
  filter: F;
  list: (req: Request, q: SortableQuery<z.infer<F>, S>) => Promise<ListPage> | ListPage;
}): RouteDef {
  return {
    method: 'get',
    path: def.path,
    access: def.access,
    handler: async (req, res) => {
      const q = parseListQuery(req.query, def) as SortableQuery<z.infer<F>, S>;
      const { rows, total, capped } = await def.list(req, q);
      sendPage(res, def.resource, q, rows, total, capped);
    },
  };
}

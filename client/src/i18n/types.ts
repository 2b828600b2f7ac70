/**
 * The shape of a message module with every leaf a string: a translation typed as
 * `Messages<typeof english>` fails the typecheck when it lacks a key the English one has.
 */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };

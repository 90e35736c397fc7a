import type { ReactNode } from 'react';
import type { Loaded } from '../util/useLoad.ts';
import { LoadError } from './LoadError.tsx';
import { Loading } from './Loading.tsx';

/** A loaded list: why it could not be read, a status while it is, `empty` when it has nothing, else the rows. */
export function LoadedList<T>({
  list,
  what,
  empty,
  children,
}: {
  readonly list: Loaded<T[]>;
  /** The list in "Could not load …". */
  readonly what: string;
  readonly empty: ReactNode;
  readonly children: (rows: T[]) => ReactNode;
}) {
  if (list.error) return <LoadError what={what} error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  return <>{list.data.length === 0 ? empty : children(list.data)}</>;
}

import type { Virtualizer } from '@tanstack/react-virtual';
import { useEffect } from 'react';

/** The part of an infinite query that loads the next page. */
export interface NextPage {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** Fetches the next page when the rendered window gets within `threshold` rows of the loaded end. */
export function useLoadMoreNearEnd<S extends Element>(
  virtualizer: Virtualizer<S, Element>,
  loaded: number,
  more: NextPage,
  threshold = 20,
) {
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = more;
  useEffect(() => {
    if (loaded > 0 && lastIndex >= loaded - threshold && hasNextPage && !isFetchingNextPage)
      void fetchNextPage();
  }, [lastIndex, loaded, threshold, hasNextPage, isFetchingNextPage, fetchNextPage]);
}

import { createElement, lazy, useState, type ComponentType } from 'react';
import type { PageCode } from './early-reads';

/**
 * A lazily loaded page that renders at once when its code is already in (started by early-start.ts), instead of
 * suspending for one turn: React shows a Suspense fallback for at least 300 ms before the page that replaces it.
 */
export function pageFrom(code: PageCode<{ default: ComponentType }>): ComponentType {
  const Lazy = lazy(code.load);
  return function Page() {
    // Chosen once per mount: switching from the lazy wrapper to the loaded page on a later render would remount it.
    const [page] = useState(() => code.loaded?.default ?? Lazy);
    return createElement(page);
  };
}

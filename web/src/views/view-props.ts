import type { Catalog } from '../api/types';
import type { Route } from '../state/location';
import type { Slice } from '../state/slice';

/** What the shell hands every view. */
export interface ViewProps {
  route: Route;
  slice: Slice;
  catalog: Catalog | null;
  /** The data version the view's data must be at; null until known. */
  version: number | null;
  /** Writes the view's own URL parameters (kept beside the slice's). */
  setParams: (patch: Record<string, string | null>) => void;
}

import type { Catalog } from '../api/types';
import type { Route } from '../state/location';
import type { Slice } from '../state/slice';

/** What the shell hands every view. */
export interface ViewProps {
  route: Route;
  slice: Slice;
  catalog: Catalog | null;
  /**
   * The data generation (live-updates.ts) the view's data must be at. A write landing between
   * the first data request and the first data-version answer shows at the next change.
   */
  version: number | null;
  /** Writes the view's own URL parameters (kept beside the slice's). */
  setParams: (patch: Record<string, string | null>) => void;
}

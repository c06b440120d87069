/** Loading and error lines shared by the views; errors are announced to screen readers. */
export function Status({ loading, error }: { loading: boolean; error: Error | null }) {
  if (error !== null)
    return (
      <p class="error" role="alert">
        {error.message}
      </p>
    );
  if (loading)
    return (
      <p class="loading" aria-live="polite">
        Loading…
      </p>
    );
  return null;
}

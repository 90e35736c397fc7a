/** A polite status message while something loads. */
export function Loading({ label = 'Loading…' }: { readonly label?: string }) {
  return (
    <p role="status" className="caseline-loading">
      {label}
    </p>
  );
}

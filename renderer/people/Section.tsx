/** One labelled region of the 360 view: an h3 heading and its content, or a short "none" line. */
import { useId, type ReactNode } from 'react';

/** isWide: spans the view's whole width (sections with wide tables). */
export function Section({ title, isEmpty, none, isWide, children }: { title: string; isEmpty: boolean; none: string; isWide: boolean; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className={isWide ? 'p360-section p360-wide' : 'p360-section'}>
      <h3 id={id}>{title}</h3>
      {isEmpty ? <p className="muted">{none}</p> : children}
    </section>
  );
}

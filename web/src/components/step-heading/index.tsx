import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/**
 * Each step's title. It takes the focus when the step appears (not on the first page load), so a
 * screen reader announces the new step and keyboard users start from its top.
 */
export function StepHeading({ children, focus = true }: { children: ComponentChildren; focus?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

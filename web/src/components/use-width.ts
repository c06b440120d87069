/**
 * An element's width in CSS pixels, re-measured when it changes (a phone turned, a window
 * resized), so that a chart can be drawn at its real size and its text stays legible: an SVG
 * scaled down from a desktop viewBox shrinks its 11 px labels to 5 px on a phone.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { RefObject } from 'preact';

export function useWidth<Element extends HTMLElement>(
  fallback: number,
): { ref: RefObject<Element | null>; width: number } {
  const ref = useRef<Element>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const box = ref.current;
    if (box === null) return undefined;
    const measure = () => {
      if (box.clientWidth > 0) setWidth(box.clientWidth);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

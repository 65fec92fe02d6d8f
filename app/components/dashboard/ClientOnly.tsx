import { useEffect, useState, type ReactNode } from "react";

/**
 * Renders its children only in the browser, after hydration: the charts measure the DOM, so the
 * server and the first client render show the fallback instead.
 */
export function ClientOnly({ children, fallback }: { children: () => ReactNode; fallback: ReactNode }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return <>{mounted ? children() : fallback}</>;
}

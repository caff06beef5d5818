/** The Eventloom mark: three nodes on a loop, in the three kind hues. */
export function Logo({ size = 24 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true">
      <path
        d="M5 12c0-4 3-7 7-7s7 3 7 7-3 7-7 7"
        fill="none"
        stroke="currentColor"
        strokeOpacity="0.35"
        strokeWidth="2"
        strokeLinecap="round"
      />
      <circle cx="5" cy="12" r="3" fill="var(--color-producer)" />
      <circle cx="12" cy="5" r="3" fill="var(--color-topic)" />
      <circle cx="19" cy="12" r="3" fill="var(--color-consumer)" />
    </svg>
  );
}

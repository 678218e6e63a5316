import { CopyButton } from './copy-button';

/** Preformatted code (a command, YAML) with a caption and a Copy button. */
export function CodeBlock({ caption, code, copyDescription }: { caption: string; code: string; copyDescription: string }) {
  return (
    <figure className="overflow-hidden rounded-md border border-slate-200 dark:border-slate-800">
      <figcaption className="flex items-center justify-between gap-2 border-b border-slate-200 bg-slate-50 px-2.5 py-1 text-[11px] font-medium text-slate-600 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-300">
        {caption}
        <CopyButton text={code} description={copyDescription} className="h-6" />
      </figcaption>
      {/* Focusable so keyboard users can scroll long YAML (axe: scrollable-region-focusable). */}
      <pre data-verbatim tabIndex={0} aria-label={caption} className="max-h-80 overflow-auto bg-slate-950 focus-visible:outline-2 focus-visible:outline-sky-500 p-2.5 font-mono text-xs leading-relaxed text-slate-100">
        <code>{code}</code>
      </pre>
    </figure>
  );
}

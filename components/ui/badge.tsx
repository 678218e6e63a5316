import { cva, type VariantProps } from 'class-variance-authority';

import { cn } from '@/lib/cn';

const badgeVariants = cva('inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium', {
  variants: {
    tone: {
      neutral: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200',
      pass: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200',
      block: 'bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200',
      warn: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200',
      unknown: 'bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-200',
      skip: 'bg-slate-100 text-slate-500 dark:bg-slate-800 dark:text-slate-400',
    },
  },
  defaultVariants: { tone: 'neutral' },
});

export type BadgeProps = React.HTMLAttributes<HTMLSpanElement> & VariantProps<typeof badgeVariants>;

export function Badge({ className, tone, ...props }: BadgeProps) {
  return <span className={cn(badgeVariants({ tone }), className)} {...props} />;
}

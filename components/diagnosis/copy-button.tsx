'use client';

import { useEffect, useState } from 'react';

import { useTranslations } from 'next-intl';

import { Button, type ButtonProps } from '@/components/ui/button';

export interface CopyButtonProps extends Omit<ButtonProps, 'onClick' | 'children'> {
  /** The text written to the clipboard. */
  text: string;
  /** Button text before copying. */
  label?: string;
  /** Accessible name when the label alone is ambiguous, e.g. "Copy command". */
  description?: string;
}

/** Copies `text` with the Clipboard API and says "Copied" (announced) for two seconds. */
export function CopyButton({ text, label, description, variant = 'secondary', size = 'sm', ...props }: CopyButtonProps) {
  const t = useTranslations();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = window.setTimeout(() => setState('idle'), 2000);
    return () => window.clearTimeout(timer);
  }, [state]);

  return (
    <Button
      {...props}
      variant={variant}
      size={size}
      aria-label={description}
      onClick={() => {
        navigator.clipboard.writeText(text).then(
          () => setState('copied'),
          () => setState('failed'),
        );
      }}
    >
      <span aria-live="polite">{state === 'copied' ? t('common.copied') : state === 'failed' ? t('common.copyFailed') : (label ?? t('common.copy'))}</span>
    </Button>
  );
}

import type { ReactNode } from 'react';
import { Text } from '@tarojs/components';

interface FieldProps {
  label: string;
  error?: string;
  required?: boolean;
  className?: string;
  children: ReactNode;
}

/** A labelled form control with its error underneath. */
export function Field({ label, error, required, className, children }: FieldProps) {
  return (
    <label className={`field${className ? ` ${className}` : ''}`}>
      <span className="field__label">
        {label}
        {required ? ' *' : ''}
      </span>
      {children}
      {error ? <Text className="field__error">{error}</Text> : null}
    </label>
  );
}

import { AppError } from '@lib/kernel';

/** Invalid input: `field` names the input field at fault. */
export function invalidInput(field: string, reason: string, cause?: unknown): AppError {
  return new AppError({
    code: 'KNOWLEDGE_INVALID_INPUT',
    category: 'validation',
    message: `${field}: ${reason}`,
    details: { field, reason },
    cause,
  });
}

/** The element exists but the caller may not see or change it. */
export function forbiddenElement(id: string, reason = 'not accessible'): AppError {
  return new AppError({
    code: 'KNOWLEDGE_FORBIDDEN',
    category: 'forbidden',
    message: `Element ${id} is ${reason}`,
    details: { id },
  });
}

export function missingCapability(capability: string): AppError {
  return new AppError({
    code: 'KNOWLEDGE_MISSING_CAPABILITY',
    category: 'forbidden',
    message: `This operation needs the capability ${capability}`,
    details: { capability },
  });
}

export function elementNotFound(id: string): AppError {
  return new AppError({
    code: 'KNOWLEDGE_NOT_FOUND',
    category: 'not_found',
    message: `No element ${id}`,
    details: { id },
  });
}

export function editConflict(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError({ code: 'KNOWLEDGE_CONFLICT', category: 'conflict', message, details });
}

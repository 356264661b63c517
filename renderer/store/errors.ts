// One line for the user out of whatever a call threw.
import { ContractError } from '../../shared/contract';

export function describeError(err: unknown): string {
  if (err instanceof ContractError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

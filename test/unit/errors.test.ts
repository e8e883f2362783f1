import { describe, expect, it } from 'vitest';
import { BerthError, toBerthError } from '../../shared/errors';

describe('errors that cross the API', () => {
  it('carry the kind and safe message but never the engine text', () => {
    const error = new BerthError('conflict', 'The name is taken', {
      engineMessage: 'Conflict. /x in use by abc',
    });
    expect(error.toInfo()).toEqual({ kind: 'conflict', message: 'The name is taken' });
    expect(JSON.stringify(error.toInfo())).not.toContain('abc');
  });

  it('turn an unexpected exception into an internal error without its text', () => {
    const error = toBerthError(new TypeError('cannot read properties of undefined (reading Id)'));
    expect(error.kind).toBe('internal');
    expect(error.message).not.toContain('undefined');
    expect(error.engineMessage).toContain('reading Id');
  });
});

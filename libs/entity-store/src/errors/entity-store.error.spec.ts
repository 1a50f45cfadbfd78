import { StoreUnavailableError, VersionConflictError } from './entity-store.error';

describe('Entity store errors', () => {
  it('names the element of a version conflict, and lets queues retry it', () => {
    const error = new VersionConflictError('el-1', 4);
    expect(error.message).toContain('el-1');
    expect(error.message).toContain('expected version 4');
    expect(error).toMatchObject({ code: 'STORE_VERSION_CONFLICT', category: 'conflict' });
    expect(error.retryable).toBe(true);
  });

  it('lets queues retry a store that is down', () => {
    expect(new StoreUnavailableError('down', undefined).retryable).toBe(true);
  });
});

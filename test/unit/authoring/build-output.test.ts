import { describe, expect, it } from 'vitest';
import { BuildLog, buildMessageOf, stepOf } from '../../../electron/docker/build-output';
import { loadMessageOf } from '../../../electron/docker/image-transfer';

describe('reading the classic builder’s output', () => {
  it('reads the step a line announces', () => {
    expect(stepOf('Step 3/7 : RUN make all')).toEqual({
      index: 3,
      total: 7,
      instruction: 'RUN make all',
    });
    expect(stepOf(' ---> Running in 0123abcd')).toBeNull();
  });

  it('splits a stream message into lines and keeps the image id the builder reports', () => {
    expect(buildMessageOf('{"stream":"Step 1/2 : FROM web\\n"}')).toEqual({
      lines: ['Step 1/2 : FROM web'],
      step: { index: 1, total: 2, instruction: 'FROM web' },
      imageId: null,
      error: null,
    });
    expect(buildMessageOf('{"aux":{"ID":"sha256:abc"}}')).toMatchObject({
      lines: [],
      imageId: 'sha256:abc',
    });
    expect(buildMessageOf('{"stream":"one\\r\\ntwo\\n"}').lines).toEqual(['one', 'two']);
  });

  it('takes the builder’s error from errorDetail, and a line that is not JSON as output', () => {
    expect(
      buildMessageOf(
        '{"errorDetail":{"code":1,"message":"The command returned a non-zero code: 1"},"error":"x"}',
      ),
    ).toMatchObject({ error: 'The command returned a non-zero code: 1' });
    expect(buildMessageOf('{"error":"only the short form"}').error).toBe('only the short form');
    expect(buildMessageOf('plain text').lines).toEqual(['plain text']);
    expect(buildMessageOf('   ').lines).toEqual([]);
  });

  it('blames a failure on the last step announced before it', () => {
    const log = new BuildLog();
    for (const line of [
      '{"stream":"Step 1/3 : FROM web"}',
      '{"stream":"Step 2/3 : COPY . /app"}',
      '{"stream":" ---> 1234"}',
      '{"errorDetail":{"message":"COPY failed"}}',
    ]) {
      log.take(line);
    }

    expect(log.step).toEqual({ index: 2, total: 3, instruction: 'COPY . /app' });
    expect(log.error).toBe('COPY failed');
  });

  it('reads what a load reports loaded, tagged or not, and why it failed', () => {
    expect(loadMessageOf('{"stream":"Loaded image: web:1.0\\n"}')).toEqual({
      loaded: 'web:1.0',
      error: null,
    });
    expect(loadMessageOf('{"stream":"Loaded image ID: sha256:abc\\n"}').loaded).toBe('sha256:abc');
    expect(loadMessageOf('{"errorDetail":{"message":"unexpected EOF"}}')).toEqual({
      loaded: null,
      error: 'unexpected EOF',
    });
    expect(loadMessageOf('not json')).toEqual({ loaded: null, error: null });
  });
});

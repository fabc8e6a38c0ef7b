import { parseEnv } from '@portal/common/env-file';
import { describe, expect, it } from 'vitest';

describe('the .env parser', () => {
  it('reads keys, strips quotes and ignores comments and blank lines', () => {
    expect(parseEnv('# comment\nA=1\n\nB="hai ba"\nC=\'x=y\'\n  D = 4  \n')).toEqual({ A: '1', B: 'hai ba', C: 'x=y', D: '4' });
  });

  it('ignores lines that are not assignments', () => {
    expect(parseEnv('export\n=novalue\n1A=bad\nOK=yes')).toEqual({ OK: 'yes' });
  });
});

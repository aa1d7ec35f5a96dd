import { exactSignal } from './exact-signal.js';

export const md5Signal = exactSignal({
  name: 'md5',
  description: 'MD5 of the file bytes: finds exact copies; any re-encoding changes it',
  hexLength: 32,
  examples: {
    valid: ['d41d8cd98f00b204e9800998ecf8427e', '5289DF737DF57326FCDD22597AFB1FAC'],
    invalid: ['d41d8cd98f00b204e9800998ecf8427', 'z41d8cd98f00b204e9800998ecf8427e', 42, null, ''],
    distances: [
      ['d41d8cd98f00b204e9800998ecf8427e', 'D41D8CD98F00B204E9800998ECF8427E', 0],
      ['d41d8cd98f00b204e9800998ecf8427e', '5289df737df57326fcdd22597afb1fac', 1],
    ],
  },
});

export const sha256Signal = exactSignal({
  name: 'sha256',
  description: 'SHA-256 of the file bytes: finds exact copies; any re-encoding changes it',
  hexLength: 64,
  examples: {
    valid: ['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    invalid: ['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85', 'g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', {}, undefined],
    distances: [
      ['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 0],
      ['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', '039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81', 1],
    ],
  },
});

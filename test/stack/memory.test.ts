/**
 * The largest delivery the decoder accepts must fit the function's memory with margin: a delivery
 * over the memory would crash the invocation on every retry instead of being parked whole. The
 * footprint per decoded MiB is what `npm run bench` measures (step 4b: about 120 MiB of runtime,
 * bundle and clients, and 9 MiB of heap per MiB of decoded delivery, as deployed); this test holds
 * the cap and the memory of the packaged template to it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_DECODED_BYTES } from '../../src/sources/cloudwatch-logs.js';
import { created, packagedTemplate, type Template } from '../support/template.js';

const BASE_MIB = 120;
const MIB_PER_DECODED_MIB = 9;
const MARGIN = 0.8;

describe('memory for the largest accepted delivery', () => {
  let template: Template;
  beforeAll(async () => {
    template = await packagedTemplate();
  });

  it.each(['NotifierLambdaFunction', 'FastPathLambdaFunction'])(
    '%s has room for it, with a fifth to spare',
    (id) => {
      const needed = BASE_MIB + (MAX_DECODED_BYTES / 1024 / 1024) * MIB_PER_DECODED_MIB;

      expect(needed).toBeLessThanOrEqual(Number(created(template, id).Properties.MemorySize) * MARGIN);
    },
  );
});

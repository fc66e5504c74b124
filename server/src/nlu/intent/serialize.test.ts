import { describe, expect, it } from 'vitest';
import { builtinLexiconFingerprint } from '../lexicon/index.ts';
import { DEFAULT_FEATURE_OPTIONS } from './features.ts';
import { ZH_EXAMPLES } from './fixtures.test-data.ts';
import { IntentModel } from './model.ts';
import { loadIntentModel, type ModelLoadWarning, serializeIntentModel } from './serialize.ts';
import { trainIntentModel } from './train.ts';

describe('intent model file and the built-in lexicons', () => {
  const model = trainIntentModel(ZH_EXAMPLES, { seed: 3 }).model;

  /** The same model as if it had been trained with these feature options. */
  const withOptions = (featureOptions: IntentModel['data']['featureOptions']) =>
    new IntentModel({ ...model.data, featureOptions });

  const load = (m: IntentModel) => {
    const warnings: ModelLoadWarning[] = [];
    const loaded = loadIntentModel(serializeIntentModel(m), { onWarning: (w) => warnings.push(w) });
    return { loaded, warnings };
  };

  it('records the fingerprint of the lists a model was trained with', () => {
    expect(model.data.featureOptions.lexiconTypes).toBe(true);
    expect(model.data.featureOptions.lexiconFingerprint).toBe(builtinLexiconFingerprint());
    const { loaded, warnings } = load(model);
    expect(loaded.data.featureOptions.lexiconFingerprint).toBe(builtinLexiconFingerprint());
    expect(warnings).toEqual([]);
  });

  it('warns when a model was trained with other lists, and still loads it', () => {
    const { loaded, warnings } = load(
      withOptions({ ...DEFAULT_FEATURE_OPTIONS, lexiconFingerprint: '0123456789abcdef' }),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.code).toBe('lexicon_changed');
    expect(warnings[0]?.message).toContain('0123456789abcdef');
    expect(warnings[0]?.message).toContain(builtinLexiconFingerprint());
    expect(loaded.predict('我想退款').intents[0]?.name).toBe(model.predict('我想退款').intents[0]?.name);
  });

  it('warns once per pair of fingerprints, not on every load', () => {
    const stale = withOptions({ ...DEFAULT_FEATURE_OPTIONS, lexiconFingerprint: 'fedcba9876543210' });
    expect(load(stale).warnings).toHaveLength(1);
    expect(load(stale).warnings).toEqual([]);
    const other = withOptions({ ...DEFAULT_FEATURE_OPTIONS, lexiconFingerprint: 'aaaaaaaaaaaaaaaa' });
    expect(load(other).warnings.map((w) => w.code)).toEqual(['lexicon_changed']);
  });

  it('warns when a model with lexicon types was saved without a fingerprint', () => {
    const { lexiconFingerprint: _, ...unstamped } = DEFAULT_FEATURE_OPTIONS;
    expect(load(withOptions(unstamped)).warnings.map((w) => w.code)).toEqual(['lexicon_unknown']);
  });

  it('says nothing about the lexicons of a model that does not use them', () => {
    const { lexiconFingerprint: _, ...unstamped } = DEFAULT_FEATURE_OPTIONS;
    expect(load(withOptions({ ...unstamped, lexiconTypes: false })).warnings).toEqual([]);
    const { lexiconTypes: __, ...older } = unstamped;
    expect(load(withOptions(older)).warnings).toEqual([]);
  });
});

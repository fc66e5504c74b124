import { describe, expect, it } from 'vitest';
import { redactPersonalData } from './redact.ts';

describe('redactPersonalData', () => {
  it('removes Chinese mobile numbers, e-mails, ID and bank card numbers', () => {
    const out = redactPersonalData(
      '电话138-1234-5678，邮箱zhang.san@qq.com，身份证号11010519491231002X，银行卡6222021234567890',
    );
    expect(out).toBe('电话[phone]，邮箱[email]，身份证号[id]，银行卡[number]');
  });

  it('removes English contact details and any long digit run, even with a wrong checksum', () => {
    expect(redactPersonalData('Call me at +1 (555) 123-4567 or mail JOHN@EXAMPLE.ORG')).toBe(
      'Call me at [phone] or mail [email]',
    );
    expect(redactPersonalData('ID 110105194912310021 card 1234 5678 9012 3456')).toBe('ID [number] card [number]');
  });

  it('keeps ordinary text, short numbers and prices', () => {
    expect(redactPersonalData('退款3-5个工作日到账，运费12元')).toBe('退款3-5个工作日到账，运费12元');
    expect(redactPersonalData('')).toBe('');
  });
});

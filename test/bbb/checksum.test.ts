import { describe, it, expect } from 'vitest';
import { checksum, signedQuery } from '../../src/bbb/checksum.ts';

// REFERENCE.md section 2: docs example secret.
const SECRET = '639259d4-9dd8-4b25-bf01-95f9567eaf4b';
const Q1 = 'name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444';

describe('checksum: REFERENCE.md section 2 vectors', () => {
  it('#1 SHA-1, official docs', () => {
    expect(checksum('create', Q1, SECRET, 'sha1')).toBe('1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17');
  });

  it('#2 SHA-1, setConfigXML docs example (own secret)', () => {
    const qs =
      'configXML=%3Cconfig%3E%3Clocaleversion+suppressWarning%3D%22false%22%3E0.9.0%3C%2Flocaleversion%3E%3C%2Fmodules%3E%3C%2Fconfig%3E&meetingID=random-8228800';
    expect(checksum('setConfigXML', qs, 'aae06642a13942004fd83b3ba6e4o9s8', 'sha1')).toBe(
      '51db6f55ffa080f42f5727386beb66adb4e5cf81',
    );
  });

  it('#3 SHA-1, join', () => {
    const qs = 'fullName=User&meetingID=My+Meeting&password=password&redirect=true';
    expect(checksum('join', qs, SECRET, 'sha1')).toBe('d7fdddda59b530a5acb56e77d5683c4324ceac4f');
  });

  it('#4 SHA-256', () => {
    expect(checksum('create', Q1, SECRET, 'sha256')).toBe(
      'da9185f7f333cfdfcd6eeac32dca3777510c4c436020d8b887ba5515bd1d189e',
    );
  });

  it('#5 SHA-384', () => {
    expect(checksum('create', Q1, SECRET, 'sha384')).toBe(
      '891ac633df39d0a1b4f8d597f3e190833216c4b29c4fb51ea3ca72757eeb958d6e7b49a845cf29f5c6019c7d29d029d1',
    );
  });

  it('#6 SHA-512', () => {
    expect(checksum('create', Q1, SECRET, 'sha512')).toBe(
      'de73ad61d11a5c801b68d4bd6ec5248546085cefb0b25c85f3c46249ea93a3a4b120f92c0a8a58d7512cb77821884951a3b01245f3435dbbef49fff3cc3988b4',
    );
  });

  it('#7 %20 instead of + changes the sum', () => {
    const qs = Q1.replace('Test+Meeting', 'Test%20Meeting');
    expect(checksum('create', qs, SECRET, 'sha1')).toBe('f1ae295e2cb9a9225152334d12c9db97d2bfee5b');
  });

  it('#8 empty query (getMeetings)', () => {
    expect(checksum('getMeetings', '', SECRET, 'sha1')).toBe('2027baa7771026e9e93392f55031535d1444c41f');
  });

  it('hex length tells the server the algorithm: 40/64/96/128, lowercase', () => {
    const lengths = (['sha1', 'sha256', 'sha384', 'sha512'] as const).map((a) => checksum('x', '', 's', a));
    expect(lengths.map((h) => h.length)).toEqual([40, 64, 96, 128]);
    for (const h of lengths) expect(h).toMatch(/^[0-9a-f]+$/);
  });

  it('defaults to SHA-256 and refuses unknown algorithms', () => {
    expect(checksum('create', Q1, SECRET)).toBe(checksum('create', Q1, SECRET, 'sha256'));
    expect(() => checksum('create', Q1, SECRET, 'md5' as never)).toThrow(/Unsupported checksum algorithm/);
  });
});

describe('signedQuery', () => {
  it('builds vector #1 from pairs (space as +) and appends the checksum last', () => {
    const pairs: [string, string][] = [
      ['name', 'Test Meeting'], ['meetingID', 'abc123'], ['attendeePW', '111222'], ['moderatorPW', '333444'],
    ];
    expect(signedQuery('create', pairs, SECRET, 'sha1')).toBe(
      `${Q1}&checksum=1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17`,
    );
  });

  it('builds vector #3 from URLSearchParams', () => {
    const params = new URLSearchParams([
      ['fullName', 'User'], ['meetingID', 'My Meeting'], ['password', 'password'], ['redirect', 'true'],
    ]);
    const q = signedQuery('join', params, SECRET, 'sha1');
    expect(q.endsWith('&checksum=d7fdddda59b530a5acb56e77d5683c4324ceac4f')).toBe(true);
    expect(q.lastIndexOf('checksum=')).toBe(q.indexOf('checksum='));
  });

  it('empty query gives checksum= only (vector #8)', () => {
    expect(signedQuery('getMeetings', [], SECRET, 'sha1')).toBe('checksum=2027baa7771026e9e93392f55031535d1444c41f');
  });

  it("form-urlencodes: space -> +, *-._ kept, !'()~ and UTF-8 as uppercase %XX", () => {
    const q = signedQuery('create', [['name', "Algèbre 1/2 & co!'()~*-._"], ['meetingID', 'm 1']], 'secret', 'sha256');
    const [query, sum] = q.split('&checksum=');
    expect(query).toBe('name=Alg%C3%A8bre+1%2F2+%26+co%21%27%28%29%7E*-._&meetingID=m+1');
    expect(query).not.toMatch(/%20|%[0-9A-F][a-f]|%[a-f]/);
    // The hashed bytes are exactly the bytes sent.
    expect(sum).toBe(checksum('create', query ?? '', 'secret', 'sha256'));
  });

  it('keeps parameter order as given', () => {
    const q = signedQuery('x', [['b', '1'], ['a', '2']], 's');
    expect(q.startsWith('b=1&a=2&checksum=')).toBe(true);
  });
});

import {
  bucketOf,
  contentTypeOf,
  mediaBaseUrl,
  normalisePrefix,
  objectKey,
  publicObjectUrl,
  S3ConfigError,
  s3Settings,
  storedNameOf,
  uploadProviderOf,
} from '@portal/common/s3';
import { describe, expect, it } from 'vitest';

const complete = {
  UPLOAD_PROVIDER: 's3',
  S3_BUCKET: 'mn-hiephoa',
  S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
  S3_SECRET_ACCESS_KEY: 'secret-example',
};

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(S3ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected an S3ConfigError');
}

describe('UPLOAD_PROVIDER', () => {
  it('keeps files on local disk unless the bucket is asked for', () => {
    expect(uploadProviderOf({})).toBe('local');
    expect(uploadProviderOf({ UPLOAD_PROVIDER: ' Local ' })).toBe('local');
    expect(bucketOf({ S3_BUCKET: 'ignored' })).toBeNull();
  });

  it('takes "s3", and "aws-s3" as the older documentation named it', () => {
    expect(uploadProviderOf({ UPLOAD_PROVIDER: 's3' })).toBe('s3');
    expect(uploadProviderOf({ UPLOAD_PROVIDER: 'AWS-S3' })).toBe('s3');
  });

  it('refuses any other provider in Vietnamese', () => {
    expect(messageOf(() => uploadProviderOf({ UPLOAD_PROVIDER: 'cloudinary' }))).toMatch(/UPLOAD_PROVIDER="cloudinary" không được hỗ trợ/);
  });
});

describe('bucket settings', () => {
  it('names every missing variable at once', () => {
    const message = messageOf(() => bucketOf({ UPLOAD_PROVIDER: 's3', S3_ACCESS_KEY_ID: 'x' }));
    expect(message).toContain('thiếu biến môi trường S3_BUCKET, S3_SECRET_ACCESS_KEY');
    expect(message).not.toContain('S3_ACCESS_KEY_ID');
    expect(message).toContain('cms/.env');
  });

  it('treats a blank value as missing', () => {
    expect(messageOf(() => s3Settings({ ...complete, S3_BUCKET: '   ' }))).toContain('thiếu biến môi trường S3_BUCKET.');
  });

  it('defaults to AWS in us-east-1 with virtual-hosted URLs and no ACL', () => {
    expect(s3Settings(complete)).toEqual({
      bucket: 'mn-hiephoa',
      region: 'us-east-1',
      endpoint: '',
      forcePathStyle: false,
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'secret-example',
      publicUrl: 'https://mn-hiephoa.s3.us-east-1.amazonaws.com',
      prefix: '',
      acl: '',
    });
  });

  it('uses path-style addresses on an S3-compatible endpoint unless told otherwise', () => {
    const minio = s3Settings({ ...complete, S3_ENDPOINT: 'http://127.0.0.1:9000/', S3_REGION: 'hn-1' });
    expect(minio).toMatchObject({ endpoint: 'http://127.0.0.1:9000', forcePathStyle: true, region: 'hn-1', publicUrl: 'http://127.0.0.1:9000/mn-hiephoa' });
    const virtual = s3Settings({ ...complete, S3_ENDPOINT: 'https://s3.example.vn', S3_FORCE_PATH_STYLE: 'false' });
    expect(virtual).toMatchObject({ forcePathStyle: false, publicUrl: 'https://mn-hiephoa.s3.example.vn' });
  });

  it('serves files from S3_PUBLIC_URL when given (a CDN or the bucket’s own domain)', () => {
    expect(s3Settings({ ...complete, S3_PUBLIC_URL: 'https://anh.mnhiephoa.edu.vn/' }).publicUrl).toBe('https://anh.mnhiephoa.edu.vn');
  });

  it('refuses addresses, booleans and bucket names it cannot use', () => {
    expect(messageOf(() => s3Settings({ ...complete, S3_ENDPOINT: 'ftp://x' }))).toContain('S3_ENDPOINT phải bắt đầu bằng https://');
    expect(messageOf(() => s3Settings({ ...complete, S3_PUBLIC_URL: 'not a url' }))).toContain('S3_PUBLIC_URL="not a url" không phải địa chỉ hợp lệ');
    expect(messageOf(() => s3Settings({ ...complete, S3_PUBLIC_URL: 'https://user:pw@x.vn' }))).toContain('tên đăng nhập');
    expect(messageOf(() => s3Settings({ ...complete, S3_FORCE_PATH_STYLE: 'maybe' }))).toContain('S3_FORCE_PATH_STYLE="maybe" phải là true hoặc false');
    expect(messageOf(() => s3Settings({ ...complete, S3_BUCKET: 'Truong_MN' }))).toContain('không phải tên bucket hợp lệ');
  });
});

describe('object keys', () => {
  it('trims slashes off the prefix and refuses climbing out of it', () => {
    expect(normalisePrefix('')).toBe('');
    expect(normalisePrefix('/uploads/')).toBe('uploads');
    expect(normalisePrefix('truong/anh')).toBe('truong/anh');
    expect(messageOf(() => normalisePrefix('a/../b'))).toContain('S3_PREFIX="a/../b" không hợp lệ');
    expect(messageOf(() => normalisePrefix('ảnh'))).toContain('chữ không dấu');
  });

  it('stores a file under the same flat name as on local disk, below the prefix', () => {
    expect(objectKey('', 'le_khai_giang_1a2b3c.jpg')).toBe('le_khai_giang_1a2b3c.jpg');
    expect(objectKey('truong/anh', 'small_le_khai_giang_1a2b3c.jpg')).toBe('truong/anh/small_le_khai_giang_1a2b3c.jpg');
    expect(() => objectKey('', '../secret')).toThrow(S3ConfigError);
    expect(() => objectKey('', 'a/b.jpg')).toThrow(S3ConfigError);
  });

  it('reads a key back to its stored name only inside the prefix and one level deep', () => {
    expect(storedNameOf('truong', 'truong/a_1.jpg')).toBe('a_1.jpg');
    expect(storedNameOf('truong', 'truongkhac/a_1.jpg')).toBeNull();
    expect(storedNameOf('truong', 'truong/sub/a_1.jpg')).toBeNull();
    expect(storedNameOf('', 'a_1.jpg')).toBe('a_1.jpg');
  });

  it('gives the URL a browser reads the file at, and the base the site must fetch originals from', () => {
    const settings = { publicUrl: 'https://anh.example.vn', prefix: 'mnhh' };
    expect(publicObjectUrl(settings, 'x_1.png')).toBe('https://anh.example.vn/mnhh/x_1.png');
    expect(mediaBaseUrl(settings)).toBe('https://anh.example.vn/mnhh');
    expect(mediaBaseUrl({ publicUrl: 'https://anh.example.vn', prefix: '' })).toBe('https://anh.example.vn');
  });

  it('restores objects with the content type of the kinds the CMS accepts', () => {
    expect(contentTypeOf('a_1.JPG')).toBe('image/jpeg');
    expect(contentTypeOf('b_2.pdf')).toBe('application/pdf');
    expect(contentTypeOf('c_3.bin')).toBe('application/octet-stream');
  });
});
